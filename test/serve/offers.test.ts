import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type OfferStore, openOfferStore } from '../../src/serve/delivery/offers.js';
import { openPostgresOfferStore } from '../../src/serve/delivery/offers-postgres.js';
import { describePostgres, useFreshDatabase } from '../status/postgres-server.js';

const credential = {
  '@context': ['https://www.w3.org/ns/credentials/v2'],
  type: ['VerifiableCredential'],
  credentialSubject: {},
};

// The contract both offer stores keep; `open` gets the clock the store reads.
function offerStoreContract(open: (now: () => number) => Promise<OfferStore>) {
  it('keeps secrets as digests and redeems an offer once', async () => {
    let now = 1_000_000;
    const offers = await open(() => now);
    const { offer } = await offers.create({ issuer: 'did:example:i', credential, expiresIn: 60 });
    const code = (await offers.rotatePreAuthorizedCode(offer.id))!;
    expect((await offers.byPreAuthorizedCode(code))?.id).toBe(offer.id);
    expect(await offers.byPreAuthorizedCode(`${code}x`)).toBeUndefined();
    expect(await offers.grantToken(offer.id, 'token-1', 'nonce-1', now + 1000)).toBe(true);
    expect(await offers.grantToken(offer.id, 'token-2', 'nonce-2', now + 1000)).toBe(false);
    expect((await offers.byAccessToken('token-1'))?.cNonce).toBe('nonce-1');
    expect((await offers.byAccessToken('token-1'))?.nonceExpiresAt).toBe(now + 1000);
    expect(await offers.claim(offer.id, 'token')).toBe(true);
    expect(await offers.claim(offer.id, 'token')).toBe(false);
    await offers.release(offer.id, 'token');
    expect(await offers.claim(offer.id, 'token')).toBe(true);
    await offers.complete(offer.id, 'did:example:holder', undefined);
    expect(await offers.get(offer.id)).toMatchObject({ state: 'issued', holder: 'did:example:holder' });
    expect(await offers.byAccessToken('token-1')).toBeUndefined();
    now += 1;
    await offers.close();
  });

  it('an expired offer cannot be redeemed or re-coded', async () => {
    let now = 1_000_000;
    const offers = await open(() => now);
    const { offer } = await offers.create({ issuer: 'did:example:i', credential, expiresIn: 60 });
    expect((await offers.get(offer.id))?.expiresAt).toBe(1_060_000);
    now += 61_000;
    expect(await offers.rotatePreAuthorizedCode(offer.id)).toBeUndefined();
    expect(await offers.grantToken(offer.id, 't', 'n', now + 1000)).toBe(false);
    expect(await offers.claim(offer.id, 'offered')).toBe(false);
    await offers.close();
  });

  it('five wrong transaction codes burn the offer, even guessed all at once', async () => {
    const offers = await open(Date.now);
    const { offer, txCode } = await offers.create({
      issuer: 'did:example:i',
      credential,
      expiresIn: 60,
      txCode: true,
    });
    expect(txCode).toMatch(/^\d{6}$/);
    expect((await offers.get(offer.id))?.txCode).toBe(true);
    const wrong = txCode === '000000' ? '000001' : '000000';
    for (let i = 0; i < 4; i++) expect(await offers.checkTxCode(offer.id, wrong)).toBe('wrong');
    expect(await offers.checkTxCode(offer.id, wrong)).toBe('burnt');
    expect(await offers.checkTxCode(offer.id, txCode)).toBe('burnt');
    expect(await offers.grantToken(offer.id, 't', 'n', Date.now() + 1000)).toBe(false);
    const racing = await offers.create({ issuer: 'did:example:i', credential, expiresIn: 60, txCode: true });
    const miss = racing.txCode === '000000' ? '000001' : '000000';
    const verdicts = await Promise.all(
      Array.from({ length: 12 }, () => offers.checkTxCode(racing.offer.id, miss)),
    );
    expect(verdicts.filter((v) => v === 'wrong').length).toBeLessThanOrEqual(4);
    expect(await offers.checkTxCode(racing.offer.id, racing.txCode)).toBe('burnt');
    await offers.close();
  });

  it('a nonce works once and not after it expired', async () => {
    let now = 1_000_000;
    const offers = await open(() => now);
    const { nonce } = await offers.createNonce(10);
    expect(await offers.consumeNonce(nonce)).toBe(true);
    expect(await offers.consumeNonce(nonce)).toBe(false);
    const late = (await offers.createNonce(10)).nonce;
    now += 11_000;
    expect(await offers.consumeNonce(late)).toBe(false);
    await offers.close();
  });

  it('direct delivery keeps the image and the signed credential; one of racing claims wins', async () => {
    const offers = await open(Date.now);
    const { offer } = await offers.create({
      issuer: 'did:example:i',
      credential,
      expiresIn: 60,
      image: 'data:image/svg+xml,<svg/>',
    });
    expect((await offers.get(offer.id))?.image).toBe('data:image/svg+xml,<svg/>');
    const claims = await Promise.all(Array.from({ length: 8 }, () => offers.claim(offer.id, 'offered')));
    expect(claims.filter(Boolean)).toHaveLength(1);
    await offers.deliver(offer.id, { id: 'urn:uuid:1', proof: {} }, 'urn:uuid:1');
    expect(await offers.get(offer.id)).toMatchObject({
      state: 'issued',
      holder: 'direct',
      signed: { id: 'urn:uuid:1', proof: {} },
      credentialId: 'urn:uuid:1',
    });
    await offers.close();
  });
}

describe('the offer store (SQLite)', () => {
  offerStoreContract(async (now) => openOfferStore(':memory:', now));

  it('an offers.sqlite of the first release gains the new columns', async () => {
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
      expect((await offers.get('o1'))?.state).toBe('offered');
      const { offer } = await offers.create({
        issuer: 'did:example:i',
        credential,
        expiresIn: 60,
        image: 'data:image/svg+xml,<svg/>',
      });
      expect((await offers.get(offer.id))?.image).toBe('data:image/svg+xml,<svg/>');
      expect(await offers.claim(offer.id, 'offered')).toBe(true);
      await offers.deliver(offer.id, 'eyJ.a.jwt', 'urn:uuid:1');
      expect(await offers.get(offer.id)).toMatchObject({
        state: 'issued',
        holder: 'direct',
        signed: 'eyJ.a.jwt',
      });
      await offers.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describePostgres('the offer store (PostgreSQL)', () => {
  const db = useFreshDatabase();
  offerStoreContract((now) => openPostgresOfferStore(db.url, now));

  it('two instances share offers: a code rotated on one is redeemed once across both', async () => {
    const [a, b] = await Promise.all([openPostgresOfferStore(db.url), openPostgresOfferStore(db.url)]);
    const { offer } = await a.create({ issuer: 'did:example:i', credential, expiresIn: 60 });
    const code = (await b.rotatePreAuthorizedCode(offer.id))!;
    expect((await a.byPreAuthorizedCode(code))?.id).toBe(offer.id);
    const grants = await Promise.all([
      a.grantToken(offer.id, 'ta', 'na', Date.now() + 1000),
      b.grantToken(offer.id, 'tb', 'nb', Date.now() + 1000),
    ]);
    expect(grants.filter(Boolean)).toHaveLength(1);
    const { nonce } = await a.createNonce(10);
    expect(await Promise.all([a.consumeNonce(nonce), b.consumeNonce(nonce)])).toEqual(
      expect.arrayContaining([true, false]),
    );
    await Promise.all([a.close(), b.close()]);
  });

  it('says what failed without the password: a refused login is ERR_STATUS_CONNECT', async () => {
    const wrong = new URL(db.url);
    wrong.password = 'hunter2-wrong';
    const refused = await openPostgresOfferStore(wrong.toString()).then(
      () => undefined,
      (e: Error & { code: string }) => e,
    );
    expect(refused?.code).toBe('ERR_STATUS_CONNECT');
    expect(refused?.message).not.toContain('hunter2');
  });
});
