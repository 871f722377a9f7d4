// Attacks on selective disclosure (ecdsa-sd-2023), end to end: a holder (or anyone who got a
// derived copy) edits what is shown, adds what was never signed, mixes two derivations, drops what
// the issuer made mandatory, replays a proof, or passes a base proof off as derived. None verifies.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPresentation,
  deriveCredential,
  generateKey,
  issueCredential,
  type KeyFile,
  type VerificationResult,
  verifyCredential,
  verifyPresentation,
} from '../../src/index.js';
import { sdBadge } from '../proof/sd-badge.js';

type Json = Record<string, any>;
const NOW = new Date('2030-01-01T00:00:00Z');
const verify = (c: unknown) => verifyCredential(c as Json, { now: NOW });

function failedCodes(result: Pick<VerificationResult, 'checks'>): string[] {
  return result.checks.filter((c) => c.status === 'failed').map((c) => c.code);
}

function expectRefused(result: VerificationResult, code?: string) {
  expect(result.verified, JSON.stringify(result.checks)).toBe(false);
  expect(result.verdict).not.toBe('verified');
  if (code) expect(failedCodes(result)).toContain(code);
}

describe('selective disclosure attacks', () => {
  let school: KeyFile;
  let anaBase: Json;
  let benBase: Json;
  let ana: Json;
  let ben: Json;
  beforeAll(async () => {
    school = await generateKey({ algorithm: 'P-256' });
    const anaBadge = sdBadge(school.controller);
    const benBadge = sdBadge(school.controller);
    benBadge.id = 'urn:uuid:2c9d8e7f-6a5b-4c3d-9e8f-7a6b5c4d3e2f';
    benBadge.credentialSubject.id = 'did:example:ben';
    benBadge.credentialSubject.result = [{ type: ['Result'], value: 'C' }];
    [anaBase, benBase] = await Promise.all(
      [anaBadge, benBadge].map((b) => issueCredential(b, { key: school, format: 'ecdsa-sd-2023' })),
    );
    const reveal = ['/credentialSubject/id', '/credentialSubject/result'];
    [ana, ben] = await Promise.all([anaBase, benBase].map((b) => deriveCredential(b, { reveal })));
    // the genuine derivations verify: every refusal below is the attack's doing
    for (const genuine of [ana, ben]) expect((await verify(genuine)).verdict).toBe('verified');
  });

  it('adding a member that was never signed (or was hidden) is refused', async () => {
    const added = structuredClone(ana);
    added.credentialSubject.achievement.image = { id: 'https://evil.example/i.png', type: 'Image' };
    expectRefused(await verify(added), 'PROOF_SIGNATURE_INVALID');
    const narrative = structuredClone(ana);
    narrative.description = 'Top of the class';
    expectRefused(await verify(narrative), 'PROOF_SIGNATURE_INVALID');
    // revealing what the holder hid, with the issuer's real value, still needs the issuer's signature for it
    const hiddenName = await deriveCredential(anaBase, { reveal: ['/credentialSubject/id'] });
    const unhidden = { ...structuredClone(hiddenName), name: anaBase.name };
    expectRefused(await verify(unhidden), 'PROOF_SIGNATURE_INVALID');
  });

  it('editing a shown value — the grade, the achievement, the issuer name, a date — is refused', async () => {
    const edits: Array<(c: Json) => void> = [
      (c) => {
        c.credentialSubject.result[0].value = 'A+';
      },
      (c) => {
        c.credentialSubject.achievement.name = 'Leadership';
      },
      (c) => {
        c.issuer.name = 'Harvard University';
      },
      (c) => {
        c.validFrom = '2020-01-01T00:00:00Z';
      },
    ];
    for (const edit of edits) {
      const forged = structuredClone(ana);
      edit(forged);
      expectRefused(await verify(forged), 'PROOF_SIGNATURE_INVALID');
    }
  });

  it("swapping values or proofs between two derivations is refused (Ben's grade on Ana's copy, Ben's proof on Ana's copy)", async () => {
    const grade = structuredClone(ana);
    grade.credentialSubject.result = structuredClone(ben.credentialSubject.result);
    expectRefused(await verify(grade), 'PROOF_SIGNATURE_INVALID');
    const proof = { ...structuredClone(ana), proof: structuredClone(ben.proof) };
    expectRefused(await verify(proof), 'PROOF_SIGNATURE_INVALID');
    const subject = structuredClone(ben);
    subject.credentialSubject.id = ana.credentialSubject.id;
    expectRefused(await verify(subject), 'PROOF_SIGNATURE_INVALID');
  });

  it('dropping a member the issuer made mandatory is refused', async () => {
    const drops: Array<(c: Json) => void> = [
      (c) => {
        delete c.validFrom;
      },
      (c) => {
        delete c.credentialSubject.achievement.name;
      },
      (c) => {
        delete c.credentialSubject.achievement.criteria;
      },
      (c) => {
        c.issuer = c.issuer.id;
      },
    ];
    for (const drop of drops) {
      const forged = structuredClone(ana);
      drop(forged);
      expectRefused(await verify(forged));
    }
  });

  it('a derived proof replayed on another credential of the same issuer, or on a copy with another id, is refused', async () => {
    const otherBadge = sdBadge(school.controller);
    otherBadge.id = 'urn:uuid:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
    otherBadge.credentialSubject.achievement.name = 'Welding';
    const other = await issueCredential(otherBadge, { key: school, format: 'ecdsa-sd-2023' });
    const otherShown = await deriveCredential(other, {
      reveal: ['/credentialSubject/id', '/credentialSubject/result'],
    });
    expectRefused(await verify({ ...otherShown, proof: ana.proof }), 'PROOF_SIGNATURE_INVALID');
    expectRefused(
      await verify({ ...ana, id: 'urn:uuid:00000000-0000-4000-8000-000000000000' }),
      'PROOF_SIGNATURE_INVALID',
    );
  });

  it('a base proof passed off as derived, a rewritten header, a truncated or garbage proofValue: never verified, never a crash', async () => {
    const base = await verify(anaBase);
    expect(base.verdict).toBe('indeterminate');
    expect(failedCodes(base)).toContain('PROOF_SD_BASE');
    const value: string = ana.proof.proofValue;
    const variants = [
      `u2V0A${value.slice(5)}`,
      value.slice(0, Math.floor(value.length / 2)),
      `${value}AAAA`,
      'u2V0B',
      'u!!!!',
      `z${value.slice(1)}`,
      'u'.padEnd(300_000, 'A'),
    ];
    for (const proofValue of variants) {
      const result = await verify({ ...ana, proof: { ...ana.proof, proofValue } });
      expectRefused(result);
      expect(failedCodes(result)).not.toContain('INTERNAL_ERROR');
    }
  });

  it("another issuer's name on the school's key is refused, as is a derivation claiming a key the issuer does not control", async () => {
    const mallory = await generateKey({ algorithm: 'P-256' });
    expectRefused(await verify({ ...ana, issuer: { ...ana.issuer, id: mallory.controller } }));
    const malloryBadge = await issueCredential(sdBadge(mallory.controller), {
      key: mallory,
      format: 'ecdsa-sd-2023',
    });
    const malloryShown = await deriveCredential(malloryBadge, { reveal: [] });
    const claimed = { ...malloryShown, issuer: ana.issuer };
    expectRefused(await verify(claimed));
  });

  it('what the holder hid is nowhere in the derived copy, not even inside the proof', async () => {
    const minimal: Json = await deriveCredential(anaBase, { reveal: [] });
    const text = JSON.stringify(minimal);
    expect(text).not.toContain('"A"');
    expect(text).not.toContain('Teamwork Badge');
    const proofBytes = Buffer.from(minimal.proof.proofValue.slice(1), 'base64url').toString('latin1');
    expect(proofBytes).not.toContain('Teamwork Badge');
    expect((await verify(minimal)).verdict).toBe('verified');
  });

  it('a presentation carries a derived copy; a tampered one inside is caught', async () => {
    const holder = await generateKey();
    const mine = await issueCredential(
      {
        ...sdBadge(school.controller),
        credentialSubject: { ...sdBadge(school.controller).credentialSubject, id: holder.controller },
      },
      { key: school, format: 'ecdsa-sd-2023' },
    );
    const shown = await deriveCredential(mine, { reveal: ['/credentialSubject/id'] });
    const options = { challenge: 'nonce-7', domain: 'employer.example', now: NOW };
    const vp = await createPresentation([shown], {
      key: holder,
      challenge: options.challenge,
      domain: options.domain,
    });
    const genuine = await verifyPresentation(vp, { ...options, now: new Date() });
    expect(genuine.verdict, JSON.stringify(genuine.checks)).toBe('verified');
    expect(genuine.credentials[0]?.disclosed).toContain('/credentialSubject/id');
    const edited: Json = structuredClone(shown);
    edited.credentialSubject.achievement.name = 'Leadership';
    const forgedVp = await createPresentation([edited], {
      key: holder,
      challenge: options.challenge,
      domain: options.domain,
    });
    const forged = await verifyPresentation(forgedVp, { ...options, now: new Date() });
    expect(forged.verified).toBe(false);
    expect(failedCodes(forged)).toContain('CREDENTIAL_NOT_VERIFIED');
  });
});
