import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import jsonld from 'jsonld';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/contexts/index.js';
import pathwayContext from '../../src/contexts/documents/credstack-pathway-v1.json' with { type: 'json' };
import {
  composePathwayProof,
  PATHWAY_CONTEXT_URL,
  type PathwayProofResult,
  validatePathway,
} from '../../src/pathway/index.js';
import { fakeJwt, fakeSign, fakeVerify, fixture, hashEmail, issue, type Json, LEARNER } from './helpers.js';

const pathway = validatePathway(fixture());
const DISTRICT = 'https://lakeview-usd.example/profile';
const PROVIDER = 'https://alliedhealth-training.example/profile';
const HOSPITAL = 'https://riverside-health.example/profile';
const ach = (c: string) => {
  const comp = pathway.components.find((x) => x.id === c)!;
  return typeof comp.achievement === 'string' ? comp.achievement : comp.achievement.id;
};
const PRACTICAL = `${ach('core-4')}/results/practical`;

async function credentialsFor(learner: Json = { id: LEARNER }, withCert = true): Promise<Json[]> {
  const list = [
    issue({
      id: 'urn:uuid:c1',
      issuer: DISTRICT,
      achievement: ach('core-1'),
      subject: learner,
      validFrom: '2024-09-15T00:00:00Z',
    }),
    issue({
      id: 'urn:uuid:c2',
      issuer: DISTRICT,
      achievement: ach('core-2'),
      subject: learner,
      validFrom: '2024-12-15T00:00:00Z',
    }),
    issue({
      id: 'urn:uuid:c3',
      issuer: DISTRICT,
      achievement: ach('core-3'),
      subject: learner,
      validFrom: '2025-01-20T00:00:00Z',
    }),
    issue({
      id: 'urn:uuid:c4',
      issuer: PROVIDER,
      achievement: ach('core-4'),
      subject: learner,
      validFrom: '2025-03-10T00:00:00Z',
      result: [
        {
          type: ['Result'],
          resultDescription: PRACTICAL,
          achievedLevel: 'https://alliedhealth-training.example/rubrics/practical/exemplary',
        },
      ],
    }),
    issue({
      id: 'urn:uuid:e2',
      issuer: DISTRICT,
      achievement: ach('elective-2'),
      subject: learner,
      validFrom: '2025-02-01T00:00:00Z',
    }),
    issue({
      id: 'urn:uuid:e4',
      issuer: PROVIDER,
      achievement: ach('elective-4'),
      subject: learner,
      validFrom: '2025-03-20T00:00:00Z',
    }),
    issue({
      id: 'urn:uuid:ext',
      issuer: HOSPITAL,
      achievement: ach('externship'),
      subject: learner,
      validFrom: '2025-05-30T00:00:00Z',
    }),
  ];
  if (withCert) {
    list.push(
      issue({
        id: 'urn:uuid:cert',
        issuer: PROVIDER,
        achievement: ach('certification'),
        subject: learner,
        validFrom: '2025-06-20T00:00:00Z',
        result: [{ type: ['Result'], value: '91' }],
      }),
    );
  }
  return Promise.all(list);
}

const NOW = new Date('2025-07-01T12:00:00Z');
const ISSUER = { id: DISTRICT, type: ['Profile'], name: 'Lakeview Unified School District' };

function failed(result: PathwayProofResult): string[] {
  return result.checks.filter((c) => c.status === 'failed').map((c) => `${c.id}:${c.code}`);
}

/** Re-sign a modified proof: the signer itself lies, so only the semantic checks can catch it. */
async function resign(proof: Json, edit: (subject: Json, proof: Json) => void): Promise<Json> {
  const copy = structuredClone(proof);
  edit(copy.credentialSubject as Json, copy);
  return fakeSign(copy);
}

describe('composePathwayProof', () => {
  let credentials: Json[];
  let noise: Json[];
  let unsigned: Json;
  let proof: Json;
  beforeAll(async () => {
    credentials = await credentialsFor({ id: LEARNER }, false);
    noise = await Promise.all([
      issue({
        id: 'urn:uuid:revoked',
        issuer: PROVIDER,
        achievement: ach('elective-1'),
        validFrom: '2025-02-01T00:00:00Z',
      }),
      issue({
        id: 'urn:uuid:bob',
        issuer: PROVIDER,
        achievement: ach('elective-3'),
        subject: { id: 'did:example:bob' },
      }),
    ]);
    proof = await composePathwayProof(pathway, [...noise, ...credentials.slice().reverse()], {
      issuer: ISSUER,
      learner: { id: LEARNER },
      verify: fakeVerify({ status: { 'urn:uuid:revoked': 'revoked' } }),
      sign: async (clr) => {
        unsigned = clr;
        return fakeSign(clr);
      },
      now: NOW,
      id: 'urn:uuid:proof-1',
    });
  });

  it('builds a CLR 2.0 ClrCredential around the counting credentials, exactly as issued', () => {
    expect(unsigned['@context']).toEqual([
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      PATHWAY_CONTEXT_URL,
    ]);
    expect(unsigned).toMatchObject({
      id: 'urn:uuid:proof-1',
      type: ['VerifiableCredential', 'ClrCredential'],
      issuer: ISSUER,
      validFrom: '2025-07-01T12:00:00Z',
      partial: true,
    });
    const subject = unsigned.credentialSubject as Json;
    expect(subject.type).toEqual(['ClrSubject']);
    expect(subject.id).toBe(LEARNER);
    // Pathway order, revoked and other-learner credentials left out, each byte-identical.
    expect(subject.verifiableCredential).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => credentials[i]));
    expect(subject.verifiableCredentialJwt).toBeUndefined();
    const achievements = subject.achievement as Json[];
    expect(achievements.map((a) => a.id)).toEqual([pathway.id, ...pathway.components.map((c) => ach(c.id))]);
    expect(achievements[0]).toMatchObject({ achievementType: 'LearningProgram' });
    const assoc = subject.association as Json[];
    expect(assoc).toHaveLength(30);
    expect(assoc).toContainEqual({
      type: 'Association',
      associationType: 'isChildOf',
      sourceId: ach('core-1'),
      targetId: pathway.id,
    });
    expect(assoc).toContainEqual({
      type: 'Association',
      associationType: 'isParentOf',
      sourceId: pathway.id,
      targetId: ach('core-1'),
    });
    expect(assoc).toContainEqual({
      type: 'Association',
      associationType: 'precedes',
      sourceId: ach('externship'),
      targetId: ach('certification'),
    });
    expect(subject.pathwayProgress).toEqual({
      pathway: pathway.id,
      version: '1.0.0',
      earned: [
        { component: 'core-1', achievement: ach('core-1'), credential: 'urn:uuid:c1' },
        { component: 'core-2', achievement: ach('core-2'), credential: 'urn:uuid:c2' },
        { component: 'core-3', achievement: ach('core-3'), credential: 'urn:uuid:c3' },
        { component: 'core-4', achievement: ach('core-4'), credential: 'urn:uuid:c4' },
        { component: 'elective-2', achievement: ach('elective-2'), credential: 'urn:uuid:e2' },
        { component: 'elective-4', achievement: ach('elective-4'), credential: 'urn:uuid:e4' },
        { component: 'externship', achievement: ach('externship'), credential: 'urn:uuid:ext' },
      ],
      milestones: [{ id: 'externship-ready', reachedAt: '2025-03-10T00:00:00Z' }],
      complete: false,
    });
  });

  it('is valid against the CLR 2.0 ClrCredential JSON Schema', () => {
    const schema = JSON.parse(readFileSync('schemas/clr-v2p0/clr_v2p0_clrcredential_schema.json', 'utf8'));
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const addFormats =
      (addFormatsModule as unknown as { default?: (a: Ajv2019) => void }).default ??
      (addFormatsModule as unknown as (a: Ajv2019) => void);
    addFormats(ajv);
    const validate = ajv.compile(schema);
    expect(validate(proof), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  });

  it('canonicalises in JSON-LD safe mode (every term defined)', async () => {
    const doc = structuredClone(unsigned);
    // Real embedded credentials carry DataIntegrityProofs; the fake proofs are left out here.
    for (const c of (doc.credentialSubject as Json).verifiableCredential as Json[]) delete c.proof;
    const documentLoader = createDocumentLoader({ documents: { [PATHWAY_CONTEXT_URL]: pathwayContext } });
    const nquads = (await jsonld.canonize(doc, {
      algorithm: 'URDNA2015',
      format: 'application/n-quads',
      safe: true,
      documentLoader,
    } as never)) as string;
    expect(nquads).toContain('<https://credstack.dev/vocab#pathwayProgress>');
    expect(nquads).toContain('<https://purl.imsglobal.org/spec/vc/clr/vocab.html#partial>');
  });

  it('verifies: every check passes', async () => {
    const result = await verifyOk(proof);
    expect(result.checks.map((c) => c.id)).toEqual([
      'structure',
      'proof',
      'pathway',
      'achievements',
      'associations',
      'learner',
      'duplicates',
      'credentials',
      'components',
      'milestones',
      'completion',
    ]);
    expect(result.complete).toBe(false);
    expect(result.credentials).toHaveLength(7);
    expect(result.credentials.every((c) => c.verified)).toBe(true);
    expect(result.milestones).toEqual([
      expect.objectContaining({ id: 'externship-ready', reached: true, claimed: true }),
      expect.objectContaining({ id: 'job-ready', reached: false, claimed: false }),
    ]);
    expect(result.components.find((c) => c.id === 'certification')).toMatchObject({
      state: 'available',
      claimed: false,
    });
  });

  it('marks a complete pathway partial: false and verifies it', async () => {
    const all = await credentialsFor();
    const complete = await composePathwayProof(pathway, all, {
      issuer: DISTRICT,
      verify: fakeVerify(),
      sign: fakeSign,
      now: NOW,
    });
    expect(complete.partial).toBe(false);
    const result = await verifyOk(complete);
    expect(result.complete).toBe(true);
    expect(result.milestones.every((m) => m.reached && m.claimed)).toBe(true);
  });

  it('carries VC-JWTs beside the embedded credentials and verifies them', async () => {
    const all = await credentialsFor();
    const { proof: _p, ...cert } = all[7]!;
    const jwt = fakeJwt(cert);
    const withJwt = await composePathwayProof(pathway, [...all.slice(0, 7), jwt], {
      issuer: DISTRICT,
      verify: fakeVerify(),
      sign: fakeSign,
      now: NOW,
    });
    const subject = withJwt.credentialSubject as Json;
    expect(subject.verifiableCredentialJwt).toEqual([jwt]);
    expect(subject.verifiableCredential).toHaveLength(7);
    const result = await verifyOk(withJwt);
    expect(result.complete).toBe(true);
  });

  it('names the learner by hashed identifiers, which only the plaintext links to the credentials', async () => {
    const email = 'ana@example.com';
    const idObj = (salt: string) => ({
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: hashEmail(email, salt),
          salt,
        },
      ],
    });
    const one = await credentialsFor(idObj('s1'), false);
    const same = await composePathwayProof(pathway, one, {
      issuer: DISTRICT,
      learner: { email },
      verify: fakeVerify(),
      sign: fakeSign,
      now: NOW,
    });
    expect((same.credentialSubject as Json).identifier).toEqual(idObj('s1').identifier);
    await verifyOk(same, { learner: { email } });
    // Without the plaintext, identical IdentityObjects prove nothing: anyone can copy them from a
    // badge into a ClrSubject they sign. No credential counts; the proof does not verify.
    const anonymous = await verifyPathwayProofWith(same);
    expect(anonymous).toMatchObject({ verified: false, complete: false });
    expect(failed(anonymous)[0]).toBe('learner:LEARNER_UNPROVEN');
    expect(anonymous.checks.find((c) => c.code === 'LEARNER_UNPROVEN')!.path).toBe('urn:uuid:c1');

    const mixedSalts = [...one.slice(0, 3), ...(await credentialsFor(idObj('s2'), false)).slice(3)];
    const two = await composePathwayProof(pathway, mixedSalts, {
      issuer: DISTRICT,
      learner: { email },
      verify: fakeVerify(),
      sign: fakeSign,
      now: NOW,
    });
    expect((two.credentialSubject as Json).identifier).toHaveLength(2);
    const unlinked = await verifyPathwayProofWith(two);
    expect(failed(unlinked)).toContain('learner:LEARNER_UNPROVEN');
    expect(unlinked.verified).toBe(false);
    await verifyOk(two, { learner: { email } });
    const wrong = await verifyPathwayProofWith(two, { learner: { email: 'eve@example.com' } });
    expect(failed(wrong)).toContain('learner:LEARNER_MISMATCH');
  });

  describe('tampering', () => {
    it('detects a modification after signing (outer proof)', async () => {
      const copy = structuredClone(proof);
      (copy.credentialSubject as Json).pathwayProgress = {
        ...((copy.credentialSubject as Json).pathwayProgress as Json),
        complete: true,
      };
      const r = await verifyPathwayProofWith(copy);
      expect(r.verified).toBe(false);
      expect(failed(r)).toContain('proof:PROOF_INVALID');
    });

    it('reports the outer verdict when the proof itself is revoked', async () => {
      const { verifyPathwayProof } = await import('../../src/pathway/index.js');
      const r = await verifyPathwayProof(proof, {
        pathway,
        verify: fakeVerify({ status: { 'urn:uuid:proof-1': 'revoked' } }),
      });
      expect(r).toMatchObject({ verified: false, verdict: 'revoked' });
      expect(failed(r)).toEqual(['proof:PROOF_INVALID']);
    });

    it('detects a dropped credential', async () => {
      const t = await resign(proof, (s) => {
        (s.verifiableCredential as Json[]).splice(1, 1);
      });
      const r = await verifyPathwayProofWith(t);
      expect(r.verified).toBe(false);
      expect(r.verdict).toBe('invalid');
      // core-2 is gone, so the claimed externship-ready milestone no longer holds either.
      expect(failed(r)).toEqual(['components:COMPONENT_UNSATISFIED', 'milestones:MILESTONE_NOT_REACHED']);
      expect(r.checks.find((c) => c.code === 'COMPONENT_UNSATISFIED')).toMatchObject({ path: 'core-2' });
    });

    it('detects a dropped credential whose claims were dropped too, when a milestone depended on it', async () => {
      const t = await resign(proof, (s) => {
        (s.verifiableCredential as Json[]).splice(3, 1); // core-4
        const claims = s.pathwayProgress as Json;
        claims.earned = (claims.earned as Json[]).filter((e) => e.component !== 'core-4');
      });
      expect(failed(await verifyPathwayProofWith(t))).toEqual(['milestones:MILESTONE_NOT_REACHED']);
    });

    it('detects a duplicated credential', async () => {
      const t = await resign(proof, (s) => {
        const list = s.verifiableCredential as Json[];
        list.push(structuredClone(list[0]!));
      });
      const r = await verifyPathwayProofWith(t);
      expect(failed(r)).toContain('duplicates:DUPLICATE_CREDENTIAL');
    });

    it('detects two credentials for one component', async () => {
      const second = await issue({
        id: 'urn:uuid:c1-again',
        issuer: DISTRICT,
        achievement: ach('core-1'),
        validFrom: '2025-01-01T00:00:00Z',
      });
      const t = await resign(proof, (s) => {
        (s.verifiableCredential as Json[]).push(second);
      });
      const r = await verifyPathwayProofWith(t);
      expect(failed(r)).toEqual(['duplicates:DUPLICATE_COMPONENT']);
      // the assessment's DUPLICATE_COMPONENT warning, found by its code, with its component
      const check = r.checks.find((c) => c.code === 'DUPLICATE_COMPONENT');
      expect(check?.path).toBe('core-1');
      expect(check?.message).toContain('urn:uuid:c1-again');
    });

    it('detects swapped credential claims', async () => {
      const t = await resign(proof, (s) => {
        const earned = (s.pathwayProgress as Json).earned as Json[];
        [earned[0]!.credential, earned[1]!.credential] = [earned[1]!.credential, earned[0]!.credential];
      });
      const r = await verifyPathwayProofWith(t);
      expect(failed(r)).toEqual([
        'components:COMPONENT_CREDENTIAL_MISMATCH',
        'components:COMPONENT_CREDENTIAL_MISMATCH',
      ]);
    });

    it("detects a credential swapped for another learner's", async () => {
      const bobs = await issue({
        id: 'urn:uuid:c2-bob',
        issuer: DISTRICT,
        achievement: ach('core-2'),
        subject: { id: 'did:example:bob' },
      });
      const t = await resign(proof, (s) => {
        (s.verifiableCredential as Json[])[1] = bobs;
        ((s.pathwayProgress as Json).earned as Json[])[1]!.credential = 'urn:uuid:c2-bob';
      });
      const r = await verifyPathwayProofWith(t);
      expect(failed(r)).toContain('learner:LEARNER_MIXED');
      expect(r.checks.find((c) => c.code === 'LEARNER_MIXED')!.message).toContain('urn:uuid:c2-bob');
    });

    it('detects mixed learners', async () => {
      const bobs = await issue({
        id: 'urn:uuid:e1-bob',
        issuer: PROVIDER,
        achievement: ach('elective-1'),
        subject: { id: 'did:example:bob' },
      });
      const t = await resign(proof, (s) => {
        (s.verifiableCredential as Json[]).push(bobs);
        ((s.pathwayProgress as Json).earned as Json[]).push({
          component: 'elective-1',
          achievement: ach('elective-1'),
          credential: 'urn:uuid:e1-bob',
        });
      });
      expect(failed(await verifyPathwayProofWith(t))).toEqual([
        'learner:LEARNER_MIXED',
        'components:COMPONENT_UNSATISFIED',
      ]);
    });

    it('detects a claimed milestone that was not reached', async () => {
      const t = await resign(proof, (s) => {
        ((s.pathwayProgress as Json).milestones as Json[]).push({
          id: 'job-ready',
          reachedAt: '2025-06-20T00:00:00Z',
        });
      });
      const r = await verifyPathwayProofWith(t);
      expect(failed(r)).toEqual(['milestones:MILESTONE_NOT_REACHED']);
      expect(r.checks.find((c) => c.code === 'MILESTONE_NOT_REACHED')!.message).toContain(
        'needs certification',
      );
    });

    it('detects a wrong milestone date and an unclaimed component', async () => {
      const t = await resign(proof, (s) => {
        const claims = s.pathwayProgress as Json;
        (claims.milestones as Json[])[0]!.reachedAt = '2024-01-01T00:00:00Z';
        claims.earned = (claims.earned as Json[]).filter((e) => e.component !== 'elective-4');
      });
      expect(failed(await verifyPathwayProofWith(t))).toEqual([
        'components:COMPONENT_UNCLAIMED',
        'milestones:MILESTONE_DATE_MISMATCH',
      ]);
    });

    it('detects claimed completion and a wrong partial flag', async () => {
      const t = await resign(proof, (s, p) => {
        (s.pathwayProgress as Json).complete = true;
        p.partial = false;
      });
      expect(failed(await verifyPathwayProofWith(t))).toEqual([
        'completion:COMPLETION_MISMATCH',
        'completion:PARTIAL_MISMATCH',
      ]);
    });

    it('detects lies in the associations', async () => {
      const cases: Array<[(a: Json[]) => void, string[]]> = [
        [(a) => a.splice(5, 1), ['associations:ASSOCIATION_MISSING']],
        [
          (a) =>
            a.push({
              type: 'Association',
              associationType: 'precedes',
              sourceId: ach('certification'),
              targetId: ach('core-1'),
            }),
          ['associations:ASSOCIATION_EXTRA'],
        ],
        [(a) => a.push(structuredClone(a[0]!)), ['associations:ASSOCIATION_DUPLICATE']],
        [
          (a) => {
            const p = a.find((x) => x.associationType === 'precedes')!;
            [p.sourceId, p.targetId] = [p.targetId, p.sourceId];
          },
          ['associations:ASSOCIATION_MISSING', 'associations:ASSOCIATION_EXTRA'],
        ],
        [
          (a) => {
            const p = a.find((x) => x.associationType === 'isChildOf')!;
            p.associationType = 'isPartOf';
          },
          ['associations:ASSOCIATION_MISSING', 'associations:ASSOCIATION_EXTRA'],
        ],
      ];
      for (const [edit, expected] of cases) {
        const t = await resign(proof, (s) => edit(s.association as Json[]));
        expect(failed(await verifyPathwayProofWith(t))).toEqual(expected);
      }
    });

    it('detects a missing or extra Achievement and a different pathway definition', async () => {
      const t1 = await resign(proof, (s) => {
        (s.achievement as Json[]).splice(2, 1);
      });
      expect(failed(await verifyPathwayProofWith(t1))).toEqual(['achievements:ACHIEVEMENT_MISSING']);
      const t2 = await resign(proof, (s) => {
        ((s.achievement as Json[])[0]!.pathwayDefinition as Json).name = 'Easier pathway';
      });
      expect(failed(await verifyPathwayProofWith(t2))).toEqual(['pathway:PATHWAY_DEFINITION_MISMATCH']);
    });

    it('detects an embedded credential revoked since composition', async () => {
      const { verifyPathwayProof } = await import('../../src/pathway/index.js');
      const r = await verifyPathwayProof(proof, {
        pathway,
        verify: fakeVerify({ status: { 'urn:uuid:c3': 'revoked' } }),
      });
      expect(r.verified).toBe(false);
      expect(failed(r)).toEqual([
        'credentials:CREDENTIAL_REVOKED',
        'components:COMPONENT_UNSATISFIED',
        'milestones:MILESTONE_NOT_REACHED',
      ]);
      expect(r.credentials.find((c) => c.credential?.id === 'urn:uuid:c3')?.verdict).toBe('revoked');
    });

    it('detects a forged embedded credential', async () => {
      const t = await resign(proof, (s) => {
        ((s.verifiableCredential as Json[])[0]!.credentialSubject as Json).id = LEARNER; // unchanged
        (s.verifiableCredential as Json[])[0]!.validFrom = '2020-01-01T00:00:00Z';
      });
      expect(failed(await verifyPathwayProofWith(t))).toEqual([
        'credentials:CREDENTIAL_INVALID',
        'components:COMPONENT_UNSATISFIED',
        'milestones:MILESTONE_NOT_REACHED',
      ]);
    });

    it('rejects what is not a ClrCredential, and a proof about another learner', async () => {
      const r = await verifyPathwayProofWith({ type: ['VerifiableCredential'] });
      expect(r).toMatchObject({ verified: false, verdict: 'invalid' });
      expect(failed(r)).toEqual(['structure:NOT_A_CLR']);
      expect(failed(await verifyPathwayProofWith(42))).toEqual(['structure:NOT_A_CLR']);
      const other = await verifyPathwayProofWith(proof, { learner: { id: 'did:example:bob' } });
      expect(failed(other)).toContain('learner:LEARNER_MISMATCH');
    });
  });
});

describe('composePathwayProof: negative cases', () => {
  it('refuses to compose when nothing counts', async () => {
    const creds = await credentialsFor();
    await expect(
      composePathwayProof(pathway, creds, {
        issuer: DISTRICT,
        learner: { id: 'did:example:nobody' },
        verify: fakeVerify(),
        sign: fakeSign,
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });

  it('refuses when only VC-JWTs count (CLR needs one embedded-proof credential)', async () => {
    const [c1] = await credentialsFor();
    const { proof: _p, ...body } = c1!;
    await expect(
      composePathwayProof(pathway, [fakeJwt(body)], {
        issuer: DISTRICT,
        verify: fakeVerify(),
        sign: fakeSign,
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
  });

  it('rejects a bad issuer and a signer that returns nothing', async () => {
    const creds = await credentialsFor();
    await expect(
      composePathwayProof(pathway, creds, { issuer: 42 as never, verify: fakeVerify(), sign: fakeSign }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(
      composePathwayProof(pathway, creds, {
        issuer: DISTRICT,
        verify: fakeVerify(),
        sign: async () => undefined as never,
      }),
    ).rejects.toMatchObject({ code: 'ERR_SIGNING_FAILED' });
  });
});

async function verifyPathwayProofWith(proof: unknown, extra: Json = {}): Promise<PathwayProofResult> {
  const { verifyPathwayProof } = await import('../../src/pathway/index.js');
  return verifyPathwayProof(proof, { pathway, verify: fakeVerify(), ...extra });
}

async function verifyOk(proof: unknown, extra: Json = {}): Promise<PathwayProofResult> {
  const result = await verifyPathwayProofWith(proof, extra);
  expect(failed(result)).toEqual([]);
  expect(result).toMatchObject({ verified: true, verdict: 'verified' });
  return result;
}
