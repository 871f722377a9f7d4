// explainResult: the plain words the CLI and the page show. A genuine badge that breaks a rule of
// the text must read "does not follow the OB 3.0 rule …", never "may have been altered"; a forgery
// must never read as authentic; an issuer is described by who signed, never "who it claims to be".
import { describe, expect, it } from 'vitest';
import { generateKey, issueCredential } from '../../src/index.js';
import { createAchievement, createOpenBadgeCredential } from '../../src/model/index.js';
import { explainResult, verifyCredential } from '../../src/verify/index.js';
import { samplePng } from '../bake/fixtures.js';
import { vectorJson } from './helpers.js';

const NOW = '2026-12-01T00:00:00Z';
const realWorld = (file: string) => vectorJson(`real-world/${file}`);

describe('explainResult', () => {
  it('a genuine badge without a subject id: authentic, and the broken rule named apart', async () => {
    const badge = realWorld('dcc-lcw-experience-badge.json');
    const result = await verifyCredential(badge, { now: NOW });
    expect(result.verdict).toBe('verified');
    const e = explainResult(result);
    expect(e.title).toBe('Verified');
    expect(e.detail).toMatch(/^Authentic and unaltered/);
    expect(e.detail).not.toMatch(/altered or/);
    expect(e.conformance).toHaveLength(1);
    expect(e.conformance[0]).toMatch(
      /^Does not follow the OB 3\.0 rule: credentialSubject needs an id or at least one identifier/,
    );
    // The issuer is who signed; its name is only what it calls itself.
    expect(e.issuer).toContain(`Signed by ${result.issuer}`);
    if (result.issuerName) expect(e.issuer).toContain(`which calls itself "${result.issuerName}"`);
    expect(e.issuer).toContain('no trust list');
  });

  it('the same badge under strict: refused for the rule, still not called altered', async () => {
    const result = await verifyCredential(realWorld('dcc-lcw-experience-badge.json'), {
      now: NOW,
      strict: true,
    });
    expect(result.verdict).toBe('invalid');
    const e = explainResult(result);
    expect(e.title).toBe('Not valid');
    expect(e.detail).toMatch(/^Refused in strict mode: nothing shows it was altered/);
    expect(e.detail).toContain('credentialSubject needs an id');
  });

  it('a tampered badge: "may have been altered", with the failing check', async () => {
    const result = await verifyCredential(realWorld('dcc-tampered.json'), { now: NOW });
    const e = explainResult(result);
    expect(e.title).toBe('Not valid');
    expect(e.detail).toMatch(/^It may have been altered or was not issued as shown\./);
    expect(e.detail).not.toMatch(/strict|Authentic/);
  });

  it('strict does not turn a forgery into a rule problem: the altered wording wins', async () => {
    // A tampered badge that also breaks a rule: the authenticity failure is what gets said.
    const badge = structuredClone(realWorld('dcc-lcw-experience-badge.json')) as Record<string, unknown>;
    badge.name = 'Doctor of Medicine';
    const result = await verifyCredential(badge, { now: NOW, strict: true });
    expect(result.verdict).toBe('invalid');
    expect(explainResult(result).detail).toMatch(/^It may have been altered/);
  });

  it('an unresolvable did:web issuer: could not be checked, saying what is missing', async () => {
    const result = await verifyCredential(realWorld('dcc-did-web-unresolvable.json'), { now: NOW });
    const e = explainResult(result);
    expect(e.title).toBe('Could not be fully checked');
    expect(e.detail).toMatch(
      /^Nothing shows it was altered, but something needed to decide could not be checked\. \S/,
    );
    expect(e.issuer).toMatch(/^Names as issuer did:web:.*\(not proven\)/);
  });

  it('an expired genuine badge reads authentic but expired', async () => {
    const e = explainResult(await verifyCredential(realWorld('dcc-expired.json'), { now: NOW }));
    expect(e.title).toBe('Expired');
    expect(e.detail).toMatch(/^Authentic, but past its expiry date\./);
  });

  it('trust: on or off the caller list, by what the list calls the issuer', async () => {
    const badge = realWorld('dcc-basic-obv3-eddsa-rdfc-2022.json');
    const plain = await verifyCredential(badge, { now: NOW });
    const issuer = plain.issuer!;
    const trusted = explainResult(await verifyCredential(badge, { now: NOW, trust: [issuer] }));
    expect(trusted.issuer).toMatch(/; on your trust list/);
    const untrusted = explainResult(
      await verifyCredential(badge, { now: NOW, trust: ['did:web:other.example'] }),
    );
    expect(untrusted.issuer).toMatch(/; not on your trust list\.$/);
  });

  it('names the verifiers whose rules refuse the format: an EdDSA VC-JWT', async () => {
    const key = await generateKey();
    const unsigned = await createOpenBadgeCredential({
      issuer: { id: key.controller, name: 'Example School' },
      achievement: createAchievement({
        id: 'https://school.example/achievements/1',
        name: 'Welding I',
        description: 'Basic welding.',
        criteria: { narrative: 'Pass the practical.' },
      }),
      recipient: { id: 'did:example:learner' },
    });
    const jwt = await issueCredential(unsigned, { key, format: 'vc-jwt', onWarning: () => {} });
    const result = await verifyCredential(jwt);
    expect(result.verdict).toBe('verified');
    const e = explainResult(result);
    expect(
      e.refusedBy.some((s) => s.startsWith('1EdTech validator will refuse it: VC-JWT signed with EdDSA')),
    ).toBe(true);
    expect(
      e.refusedBy.some((s) => s.startsWith('DCC verifier-core / Learner Credential Wallet will refuse it')),
    ).toBe(true);
  });

  it('input that is no credential is said as such: a plain image, a key file, unreadable bytes', async () => {
    const image = explainResult(await verifyCredential(samplePng()));
    expect(image.title).toBe('No badge in this image');
    expect(image.detail).not.toMatch(/iTXt|altered/);

    const key = await generateKey();
    const keyFile = explainResult(await verifyCredential(JSON.stringify(key)));
    expect(keyFile.title).toBe('Not a badge: a key file');
    expect(keyFile.detail).toContain('PRIVATE key');
    const {
      privateKeyJwk: _secret,
      secretKeyMultibase: _secret2,
      ...publicOnly
    } = key as Record<string, unknown>;
    expect(explainResult(await verifyCredential(publicOnly)).detail).toMatch(/^This is a public key/);

    const garbage = explainResult(await verifyCredential('not json'));
    expect(garbage.title).toBe('Not a readable credential');
    expect(garbage.detail).toMatch(/^This could not be read as a credential: /);
  });

  it('a forgery that names a key field is still not verified and not explained away', async () => {
    // A tampered badge with a stray publicKeyJwk keeps its credentialSubject: the altered wording stays.
    const badge = structuredClone(realWorld('dcc-tampered.json')) as Record<string, unknown>;
    badge.publicKeyJwk = { kty: 'OKP' };
    const result = await verifyCredential(badge, { now: NOW });
    expect(result.verified).toBe(false);
    expect(explainResult(result).detail).toMatch(/^It may have been altered/);
  });

  it('a CLR names CLR 2.0 as the text', async () => {
    const clr = vectorJson('spec/clr-v2p0/test-vector-eddsa-rdfc-2022/clrcredential.signed.json');
    const result = await verifyCredential(clr, { now: NOW, strict: true });
    const e = explainResult(result);
    for (const line of [...e.conformance, e.detail]) expect(line).not.toContain('OB 3.0 rule');
  });
});
