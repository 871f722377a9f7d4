import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openOfferStore } from '../../src/serve/delivery/offers.js';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  credentialSubject: {},
};

describe('the offer store', () => {
  it('keeps secrets as digests and redeems an offer once', () => {
    let now = 1_000_000;
    const offers = openOfferStore(':memory:', () => now);
    const { offer } = offers.create({ issuer: 'did:example:i', credential, expiresIn: 60 });
    const code = offers.rotatePreAuthorizedCode(offer.id)!;
    expect(offers.byPreAuthorizedCode(code)?.id).toBe(offer.id);
    expect(offers.byPreAuthorizedCode(`${code}x`)).toBeUndefined();
    expect(offers.grantToken(offer.id, 'token-1', 'nonce-1', now + 1000)).toBe(true);
    expect(offers.grantToken(offer.id, 'token-2', 'nonce-2', now + 1000)).toBe(false);
    expect(offers.byAccessToken('token-1')?.cNonce).toBe('nonce-1');
    expect(offers.claim(offer.id, 'token')).toBe(true);
    expect(offers.claim(offer.id, 'token')).toBe(false);
    offers.release(offer.id, 'token');
    expect(offers.claim(offer.id, 'token')).toBe(true);
    offers.complete(offer.id, 'did:example:holder', undefined);
    expect(offers.get(offer.id)?.state).toBe('issued');
    expect(offers.byAccessToken('token-1')).toBeUndefined();
    now += 1;
    offers.close();
  });

  it('an expired offer cannot be redeemed or re-coded', () => {
    let now = 1_000_000;
    const offers = openOfferStore(':memory:', () => now);
    const { offer } = offers.create({ issuer: 'did:example:i', credential, expiresIn: 60 });
    now += 61_000;
    expect(offers.rotatePreAuthorizedCode(offer.id)).toBeUndefined();
    expect(offers.grantToken(offer.id, 't', 'n', now + 1000)).toBe(false);
    expect(offers.claim(offer.id, 'offered')).toBe(false);
    offers.close();
  });

  it('five wrong transaction codes burn the offer', () => {
    const offers = openOfferStore(':memory:');
    const { offer, txCode } = offers.create({
      issuer: 'did:example:i',
      credential,
      expiresIn: 60,
      txCode: true,
    });
    expect(txCode).toMatch(/^\d{6}$/);
    const wrong = txCode === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) expect(offers.checkTxCode(offer.id, wrong)).toBe('wrong');
    expect(offers.checkTxCode(offer.id, wrong)).toBe('burnt');
    expect(offers.grantToken(offer.id, 't', 'n', Date.now() + 1000)).toBe(false);
    offers.close();
  });

  it('a nonce works once and not after it expired', () => {
    let now = 1_000_000;
    const offers = openOfferStore(':memory:', () => now);
    const { nonce } = offers.createNonce(10);
    expect(offers.consumeNonce(nonce)).toBe(true);
    expect(offers.consumeNonce(nonce)).toBe(false);
    const late = offers.createNonce(10).nonce;
    now += 11_000;
    expect(offers.consumeNonce(late)).toBe(false);
    offers.close();
  });

  it('direct delivery keeps the signed credential; an offers.sqlite of the first release gains the columns', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credstack-offers-'));
    try {
      const file = join(dir, 'offers.sqlite');
      // the table as the first release created it: no image, no signed credential
      const Sqlite = createRequire(import.meta.url)('better-sqlite3');
      const old = new Sqlite(file);
      old.exec(`CREATE TABLE offers (id TEXT PRIMARY KEY, issuer TEXT NOT NULL, credential TEXT NOT NULL,
        state TEXT NOT NULL, challenge TEXT NOT NULL, pre_code_hash TEXT NOT NULL UNIQUE, tx_code_hash TEXT,
        tx_failures INTEGER NOT NULL DEFAULT 0, status_purpose TEXT, access_token_hash TEXT UNIQUE, c_nonce TEXT,
        nonce_expires_at INTEGER, expires_at INTEGER NOT NULL, created_at INTEGER NOT NULL, holder TEXT,
        credential_id TEXT)`);
      old
        .prepare(
          "INSERT INTO offers (id, issuer, credential, state, challenge, pre_code_hash, expires_at, created_at) VALUES ('o1', 'did:example:i', '{}', 'offered', 'c', 'h', 9e15, 0)",
        )
        .run();
      old.close();
      const offers = openOfferStore(file);
      expect(offers.get('o1')?.state).toBe('offered');
      const { offer } = offers.create({
        issuer: 'did:example:i',
        credential,
        expiresIn: 60,
        image: 'data:image/svg+xml,<svg/>',
      });
      expect(offers.get(offer.id)?.image).toBe('data:image/svg+xml,<svg/>');
      expect(offers.claim(offer.id, 'offered')).toBe(true);
      offers.deliver(offer.id, 'eyJ.a.jwt', 'urn:uuid:1');
      expect(offers.get(offer.id)).toMatchObject({ state: 'issued', holder: 'direct', signed: 'eyJ.a.jwt' });
      offers.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
