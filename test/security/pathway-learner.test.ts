// Review finding 4, "Pathway proof learner check accepts copied identifiers": the hash and salt of
// a hashed-email IdentityObject are public in every badge, so an attacker can copy a victim's
// identity objects into their own pathway proof's ClrSubject, next to their own email or DID, embed
// the victim's credentials, sign it with their own wallet key, and present it. Every embedded
// credential must be the learner's by its own credentialSubject (the verifier's plaintext hashed
// with the credential's salt, or the DID the verifier asked for); what the ClrSubject claims links
// nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { createIdentityObject } from '../../src/index.js';
import { composePathwayProof } from '../../src/pathway/index.js';
import {
  ACHIEVEMENT,
  badge,
  COMPOSED,
  failed,
  type Json,
  type Keys,
  keys,
  resign,
  smallPathway,
  verifyProof,
} from './pathway-helpers.js';

const pathway = smallPathway();
const VICTIM = 'victim@example.org';
const ATTACKER = 'mallory@example.org';

let k: Keys;
/** The victim's two credentials, issued to their hashed email (the school uses one salt per learner). */
let victimCredentials: Json[];
/** A pathway proof of the victim's credentials, composed and signed by the attacker. */
let stolen: Json;

beforeAll(async () => {
  k = await keys();
  const recipient = { email: VICTIM, salt: 'c0ffee' };
  victimCredentials = await Promise.all([
    badge(k.school, ACHIEVEMENT.a, recipient),
    badge(k.school, ACHIEVEMENT.b, recipient),
  ]);
  // The attacker never learns the victim's address: without `learner`, composition takes the
  // learner from the first credential, and the ClrSubject carries the victim's IdentityObject.
  stolen = await composePathwayProof(pathway, victimCredentials, {
    key: k.attacker,
    now: COMPOSED,
  });
}, 60_000);

describe('a pathway proof whose ClrSubject copies the victim’s identifiers', () => {
  it('beside the attacker’s own hashed email is not verified for the attacker’s email', async () => {
    const mine = await createIdentityObject({ identifier: ATTACKER });
    const forged = await resign(stolen, k.attacker, (subject) => {
      subject.identifier = [mine, ...subject.identifier];
    });
    const result = await verifyProof(forged, pathway, { learner: { email: ATTACKER } });
    expect(result.proof?.verified).toBe(true); // the attacker's signature is fine
    expect(result.verified).toBe(false);
    expect(result.complete).toBe(false);
    expect(failed(result)).toContain('learner:LEARNER_MIXED');
    expect(result.components.every((c) => c.state !== 'earned')).toBe(true);
  });

  it('beside the attacker’s DID is not verified for the attacker’s DID', async () => {
    const forged = await resign(stolen, k.attacker, (subject) => {
      subject.id = k.attacker.controller;
    });
    const result = await verifyProof(forged, pathway, { learner: { id: k.attacker.controller } });
    expect(result.proof?.verified).toBe(true);
    expect(result.verified).toBe(false);
    expect(result.complete).toBe(false);
    // The credentials name a hashed email, which a DID cannot be checked against.
    expect(failed(result)).toContain('learner:LEARNER_UNPROVEN');
  });

  it('is not "verified and complete" when the verifier names no learner: nobody in particular is proven', async () => {
    const result = await verifyProof(stolen, pathway);
    expect(result.proof?.verified).toBe(true);
    expect(result.verified).toBe(false);
    expect(result.complete).toBe(false);
    expect(failed(result)[0]).toBe('learner:LEARNER_UNPROVEN');
    // Also when the attacker adds their DID to the ClrSubject: the credentials do not name it.
    const withDid = await resign(stolen, k.attacker, (subject) => {
      subject.id = k.attacker.controller;
    });
    const r2 = await verifyProof(withDid, pathway);
    expect(r2.verified).toBe(false);
    expect(r2.complete).toBe(false);
    expect(failed(r2)).toContain('learner:LEARNER_UNPROVEN');
  });

  it('a learner option carrying IdentityObjects links nothing either (only plaintext and ids count)', async () => {
    const forged = await resign(stolen, k.attacker, (subject) => {
      subject.id = k.attacker.controller;
    });
    const result = await verifyProof(forged, pathway, {
      learner: { id: k.attacker.controller, identityObjects: forged.credentialSubject.identifier } as never,
    });
    expect(result.verified).toBe(false);
    expect(result.complete).toBe(false);
  });
});

describe('honest proofs still verify', () => {
  it('credentials issued to the learner’s hashed email (each with its own salt), proven with the plaintext', async () => {
    const mine = await Promise.all([
      badge(k.school, ACHIEVEMENT.a, { email: VICTIM }),
      badge(k.school, ACHIEVEMENT.b, { email: VICTIM }),
    ]);
    const proof = await composePathwayProof(pathway, mine, {
      key: k.victim,
      learner: { email: VICTIM },
      now: COMPOSED,
    });
    const result = await verifyProof(proof, pathway, { learner: { email: VICTIM } });
    expect(failed(result)).toEqual([]);
    expect(result).toMatchObject({ verified: true, complete: true });
    // The victim's own proof is still not the attacker's.
    const other = await verifyProof(proof, pathway, { learner: { email: ATTACKER } });
    expect(other.verified).toBe(false);
    expect(failed(other)).toContain('learner:LEARNER_MISMATCH');
  });

  it('credentials issued to the learner’s DID, with or without the verifier naming it', async () => {
    const mine = await Promise.all([
      badge(k.school, ACHIEVEMENT.a, { id: k.victim.controller }),
      badge(k.school, ACHIEVEMENT.b, { id: k.victim.controller }),
    ]);
    const proof = await composePathwayProof(pathway, mine, { key: k.victim, now: COMPOSED });
    for (const learner of [undefined, { id: k.victim.controller }]) {
      const result = await verifyProof(proof, pathway, learner ? { learner } : {});
      expect(failed(result)).toEqual([]);
      expect(result).toMatchObject({ verified: true, complete: true });
    }
    const attacker = await verifyProof(proof, pathway, { learner: { id: k.attacker.controller } });
    expect(attacker.verified).toBe(false);
  });

  it('the stolen proof is the victim’s: it verifies for the victim’s plaintext email', async () => {
    const result = await verifyProof(stolen, pathway, { learner: { email: VICTIM } });
    expect(failed(result)).toEqual([]);
    expect(result).toMatchObject({ verified: true, complete: true });
  });
});
