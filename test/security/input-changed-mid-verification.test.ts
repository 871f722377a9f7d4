// A credential object that changes while it is being verified. The verifier awaits between its
// checks (key resolution, status lists), so code holding the object it was given can change it
// mid-verification, and a getter can answer differently each time it is read. The verifier works
// on its own copy of the input, made when it is called (verify/parse.ts, lib/json.ts copyJson):
// the verdict and `result.credential` are about the object as it was then, and never a mix of a
// signed state and a later one. This matters most since the JSON-LD check hands its expansion to
// the proofs by identity, not by JSON text (jsonld/rdfc/budget.ts provideExpansion).
import { describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { createSigner, generateKey } from '../../src/keys/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { plainBadge } from '../helpers/badge.js';

type Json = Record<string, any>;
const NOW = '2026-01-01T00:00:00Z';
const options = { now: NOW, checkStatus: false } as const;

async function signedBadge(): Promise<Json> {
  const key = await generateKey({ algorithm: 'Ed25519' });
  const credential = plainBadge(key.controller, {
    id: 'urn:uuid:3f1c2b9e-8a47-4d2c-b6e1-5a9d7c3e2f10',
    issuerName: 'Steady State College',
    name: 'Sterile Processing',
    subject: 'did:example:learner-7',
    description: 'Sterile processing fundamentals',
    narrative: 'Passed the practical.',
  });
  return (await issueCredential(credential, {
    signer: await createSigner(key),
    format: 'eddsa-rdfc-2022',
    created: '2025-06-01T00:00:00Z',
  })) as Json;
}

describe('a credential changed while it is verified', () => {
  it('is judged as it was when verification began, however it changes afterwards', async () => {
    const signed = await signedBadge();
    const given = structuredClone(signed);
    const pending = verifyCredential(given, options);
    // the caller's object is changed before the verification has done any of its work
    given.credentialSubject.achievement.name = 'Doctor of Medicine';
    given.issuer = { ...given.issuer, name: 'Harvard' };
    const result = await pending;
    expect(result.verified).toBe(true);
    expect((result.credential as Json).credentialSubject.achievement.name).toBe('Sterile Processing');
    expect((result.credential as Json).issuer.name).toBe('Steady State College');
    // the changed object, verified as it now is, is a forgery
    const changed = await verifyCredential(given, options);
    expect(changed.verified).toBe(false);
    expect(changed.checks.some((c) => c.id === 'proof' && c.status === 'failed')).toBe(true);
  });

  it('reads a getter once: the name the signature covers is the name the result shows', async () => {
    const signed = await signedBadge();
    for (const [first, later] of [
      ['Sterile Processing', 'Doctor of Medicine'],
      ['Doctor of Medicine', 'Sterile Processing'],
    ] as const) {
      const given = structuredClone(signed);
      let reads = 0;
      Object.defineProperty(given.credentialSubject.achievement, 'name', {
        enumerable: true,
        get: () => (reads++ === 0 ? first : later),
      });
      const result = await verifyCredential(given, options);
      expect(reads).toBe(1);
      expect((result.credential as Json).credentialSubject.achievement.name).toBe(first);
      // authentic exactly when what was read once is what was signed
      expect(result.verified).toBe(first === 'Sterile Processing');
    }
  });

  it('verifies an object with values JSON has not (a Date) as before, without a copy', async () => {
    const signed = await signedBadge();
    const given = { ...structuredClone(signed), extra: new Date(0) };
    const result = await verifyCredential(given, options);
    expect(result.credential).toBe(given);
    expect(result.verified).toBe(false);
  });
});
