// Pathways end to end with REAL keys and signatures: credstack's verifier as the default
// `verify`, issueCredential as the default signer, a real status list, and the outer proof
// checked by the reference stack (@digitalbazaar/vc).
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCredstackError, issueCredential, verifyCredential } from '../../src/index.js';
import {
  composePathwayProof,
  formatPathwayProgress,
  formatPathwayProofResult,
  type PathwayProofResult,
  pathwayProgress,
  verifyPathwayProof,
} from '../../src/pathway/index.js';
import { referenceDocumentLoader } from '../interop/reference-stack.js';
import type { Json } from './helpers.js';
import { buildWorld, COMPOSED, NOW, type World } from './real-world.js';

let w: World;
beforeAll(async () => {
  w = await buildWorld();
}, 60_000);

const failedIds = (r: PathwayProofResult): string[] => [
  ...new Set(r.checks.filter((c) => c.status === 'failed').map((c) => c.id)),
];
const failedCodes = (r: PathwayProofResult): string[] =>
  r.checks.filter((c) => c.status === 'failed').map((c) => c.code);

function subjectOf(proof: Json): Json {
  return proof.credentialSubject as Json;
}

describe('pathwayProgress with real credentials', () => {
  it('verifies each credential with verifyCredential and reports states and rejections', async () => {
    const p = await pathwayProgress(w.pathway, w.all, {
      learner: { id: w.keys.learner.controller },
      documents: w.documents,
      now: NOW,
    });
    const state = Object.fromEntries(p.components.map((c) => [c.id, c.state]));
    expect(state).toEqual({
      'core-1': 'earned',
      'core-2': 'earned',
      'core-3': 'earned',
      'core-4': 'earned',
      'elective-1': 'earned',
      'elective-2': 'available',
      'elective-3': 'available',
      'elective-4': 'available',
      externship: 'available',
      certification: 'locked',
    });
    const core2 = p.components.find((c) => c.id === 'core-2')!;
    expect(core2.earnedBy).toMatchObject({ issuer: 'https://lakeview-usd.example/profile', index: 1 });
    expect(p.components.find((c) => c.id === 'certification')!.missingPrerequisites).toEqual(['externship']);
    expect(p.milestones.map((m) => [m.id, m.reached, m.reachedAt])).toEqual([
      ['externship-ready', true, '2025-03-01T00:00:00Z'],
      ['job-ready', false, undefined],
    ]);
    expect(p.complete).toBe(false);
    expect(p.nextSteps[0]!.component).toBe('externship');
    expect(p.rejected.map((r) => [r.index, r.reason])).toEqual([
      [5, 'revoked'],
      [6, 'issuer-not-accepted'],
      [7, 'other-learner'],
      [8, 'invalid'],
    ]);
    expect(p.rejected[0]!.message).toMatch(/revoked/i);
    expect(p.rejected[1]!.component).toBe('externship');
    // Every result is credstack's own verification result, VC-JWT included.
    expect(p.verifications[1]).toMatchObject({ verified: true, format: 'vc-jwt' });
  });

  it('takes the learner from the first valid credential when none is given', async () => {
    const p = await pathwayProgress(w.pathway, w.all, { documents: w.documents, now: NOW });
    expect(p.learner).toEqual({ id: w.keys.learner.controller });
    expect(p.components.filter((c) => c.state === 'earned')).toHaveLength(5);
  });

  it('counts the BLS credential while it is not revoked', async () => {
    const p = await pathwayProgress(w.pathway, w.all, {
      documents: w.documentsBeforeRevocation,
      now: NOW,
    });
    expect(p.components.find((c) => c.id === 'elective-4')!.state).toBe('earned');
    expect(p.rejected.map((r) => r.reason)).toEqual(['issuer-not-accepted', 'other-learner', 'invalid']);
    expect(p.completion.explanation).toBe('needs all of: externship, certification');
  });

  it('passes verify options through: no documents, no keys; an earlier `now`', async () => {
    const offline = await pathwayProgress(w.pathway, [w.creds.core1], {
      learner: { id: w.keys.learner.controller },
      now: NOW,
    });
    expect(offline.components.find((c) => c.id === 'core-1')!.state).toBe('available');
    expect(offline.rejected).toHaveLength(1);
    expect(offline.rejected[0]!.message).toMatch(/not among the supplied documents|network/);

    const early = await pathwayProgress(w.pathway, [w.creds.core1, w.creds.core4], {
      documents: w.documents,
      now: new Date('2025-02-15T00:00:00Z'),
    });
    expect(early.rejected.map((r) => r.index)).toEqual([1]);
    expect(early.rejected[0]!.message, JSON.stringify(early.rejected)).toMatch(/future|not yet|2025-03-01/i);
  });

  it('prints a readable report', async () => {
    const p = await pathwayProgress(w.pathway, w.all, { documents: w.documents, now: NOW });
    const text = formatPathwayProgress(p, w.pathway);
    expect(text).toContain('Surgical Technologist Pathway');
    expect(text).toContain('5 of 10 components earned, 1 of 2 milestones reached, not complete');
    expect(text).toMatch(
      /✔ earned\s+core-2\s+Medical Terminology and Anatomy\s+Lakeview Unified School District, 2024-12-10/,
    );
    expect(text).toMatch(/· locked\s+certification .* needs externship first/);
    expect(text).toMatch(/✔ Externship-ready\s+reached 2025-03-01/);
    expect(text).toContain('1. Surgical Services Externship (externship)');
    expect(text).toMatch(/from Quick Certs Online: issuer-not-accepted/);
    expect(text).toContain(': revoked');
  });
});

describe('composePathwayProof + verifyPathwayProof with real signatures', () => {
  let proof: Json;
  beforeAll(async () => {
    proof = await composePathwayProof(w.pathway, w.all, {
      key: w.keys.learner,
      documents: w.documents,
      now: COMPOSED,
    });
  }, 30_000);

  it('signs a ClrCredential holding the counting credentials exactly as issued', () => {
    expect(proof.issuer).toBe(w.keys.learner.controller);
    expect(proof.partial).toBe(true);
    expect((proof.proof as Json).cryptosuite).toBe('eddsa-rdfc-2022');
    const s = subjectOf(proof);
    expect(s.id).toBe(w.keys.learner.controller);
    expect(s.verifiableCredential).toEqual([w.creds.core1, w.creds.core3, w.creds.core4, w.creds.elective1]);
    expect(s.verifiableCredentialJwt).toEqual([w.creds.core2Jwt]);
    expect((s.pathwayProgress as Json).milestones).toEqual([
      { id: 'externship-ready', reachedAt: '2025-03-01T00:00:00Z' },
    ]);
  });

  it('verifies: outer proof once (embedded credentials not re-verified by it), each embedded credential in full', async () => {
    const r = await verifyPathwayProof(proof, { pathway: w.pathway, documents: w.documents, now: NOW });
    expect(failedIds(r), JSON.stringify(r.checks)).toEqual([]);
    expect(r.verified).toBe(true);
    expect(r.verdict).toBe('verified');
    expect(r.issuer).toBe(w.keys.learner.controller);
    expect(r.learner).toEqual({ id: w.keys.learner.controller });
    expect(r.proof).toMatchObject({ verified: true, format: 'data-integrity' });
    // checkEmbedded: false on the outer call: no nested results, and the outer result says so.
    expect((r.proof as { embedded?: unknown }).embedded).toBeUndefined();
    expect(r.proof!.checks.filter((c) => c.id === 'embedded')).toEqual([
      expect.objectContaining({ status: 'skipped', code: 'EMBEDDED_NOT_CHECKED' }),
    ]);
    expect(r.credentials).toHaveLength(5);
    expect(r.credentials.every((c) => c.verified)).toBe(true);
    expect(r.credentials.map((c) => (c as { format?: string }).format)).toEqual([
      'data-integrity',
      'data-integrity',
      'data-integrity',
      'data-integrity',
      'vc-jwt',
    ]);
    expect(r.components.filter((c) => c.claimed).map((c) => c.id)).toEqual([
      'core-1',
      'core-2',
      'core-3',
      'core-4',
      'elective-1',
    ]);
    const text = formatPathwayProofResult(r, w.pathway);
    expect(text).toMatch(/^VERIFIED: pathway proof for Surgical Technologist Pathway/);
    expect(text).toContain('milestones: Externship-ready');
  });

  it('is verified by @digitalbazaar/vc (the outer ClrCredential proof)', async () => {
    const result = await vc.verifyCredential({
      credential: proof,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: referenceDocumentLoader,
      checkStatus: async () => ({ verified: true }),
      now: NOW,
    });
    expect(result.verified, JSON.stringify(result.error ?? result.results)).toBe(true);
  });

  it('accepts an injected verifier (verifyCredential with checkEmbedded: false), calling it once per credential', async () => {
    const calls: unknown[] = [];
    const r = await verifyPathwayProof(proof, {
      pathway: w.pathway,
      verify: (c) => {
        calls.push(c);
        return verifyCredential(c, { documents: w.documents, now: NOW, checkEmbedded: false });
      },
    });
    expect(r.verified).toBe(true);
    expect(calls).toHaveLength(6);
  });

  it('fails when the embedded credential has been revoked since composition', async () => {
    const before = await composePathwayProof(w.pathway, w.all, {
      key: w.keys.learner,
      documents: w.documentsBeforeRevocation,
      now: COMPOSED,
    });
    expect(subjectOf(before).verifiableCredential as Json[]).toContainEqual(w.creds.elective4);
    expect(
      (
        await verifyPathwayProof(before, {
          pathway: w.pathway,
          documents: w.documentsBeforeRevocation,
          now: NOW,
        })
      ).verified,
    ).toBe(true);
    const r = await verifyPathwayProof(before, { pathway: w.pathway, documents: w.documents, now: NOW });
    expect(r.verified).toBe(false);
    expect(failedIds(r)).toEqual(['credentials', 'components']);
    expect(failedCodes(r)).toEqual(['CREDENTIAL_REVOKED', 'COMPONENT_UNSATISFIED']);
    expect(r.checks.find((c) => c.id === 'proof')!.status).toBe('passed');
  });

  describe('tampering after signing: the outer proof and the semantic check both fail', () => {
    const cases: Array<[string, (s: Json) => void, string]> = [
      ['drops an embedded credential', (s) => (s.verifiableCredential as Json[]).splice(1, 1), 'components'],
      [
        'duplicates an embedded credential',
        (s) => (s.verifiableCredential as Json[]).push((s.verifiableCredential as Json[])[0]!),
        'duplicates',
      ],
      [
        "swaps in another learner's credential",
        (s) => ((s.verifiableCredential as Json[])[3] = w.creds.otherElective2),
        'learner',
      ],
      [
        'claims a milestone not reached',
        (s) =>
          ((s.pathwayProgress as Json).milestones as Json[]).push({
            id: 'job-ready',
            reachedAt: '2025-03-01T00:00:00Z',
          }),
        'milestones',
      ],
      [
        'lies in an association',
        (s) => {
          const a = (s.association as Json[]).find((x) => x.associationType === 'precedes')!;
          a.associationType = 'isChildOf';
        },
        'associations',
      ],
    ];
    it.each(cases)('%s', async (_name, edit, check) => {
      const copy = structuredClone(proof);
      edit(subjectOf(copy));
      const r = await verifyPathwayProof(copy, { pathway: w.pathway, documents: w.documents, now: NOW });
      expect(r.verified).toBe(false);
      expect(failedIds(r)).toContain('proof');
      expect(failedIds(r)).toContain(check);
    });
  });

  describe('signed lies: the outer proof verifies, only the semantic check fails', () => {
    const lie = (edit: (s: Json, clr: Json) => void) => async (clr: Json) => {
      const copy = structuredClone(clr);
      edit(subjectOf(copy), copy);
      return (await issueCredential(copy, { key: w.keys.learner, created: COMPOSED })) as Json;
    };
    const cases: Array<[string, (s: Json, clr: Json) => void, string[], string]> = [
      [
        'drops an embedded credential but keeps its claim',
        (s) => (s.verifiableCredential as Json[]).splice(1, 1),
        // core-3 is gone, so externship-ready no longer holds either.
        ['components', 'milestones'],
        'COMPONENT_UNSATISFIED',
      ],
      [
        'duplicates an embedded credential',
        (s) => (s.verifiableCredential as Json[]).push((s.verifiableCredential as Json[])[0]!),
        ['duplicates'],
        'DUPLICATE_CREDENTIAL',
      ],
      [
        "swaps in another learner's credential",
        (s) => ((s.verifiableCredential as Json[])[3] = w.creds.otherElective2),
        // and elective-1, whose credential it replaced, is claimed but no longer earned.
        ['learner', 'components'],
        'LEARNER_MIXED',
      ],
      [
        'claims the job-ready milestone',
        (s) =>
          ((s.pathwayProgress as Json).milestones as Json[]).push({
            id: 'job-ready',
            reachedAt: '2025-03-01T00:00:00Z',
          }),
        ['milestones'],
        'MILESTONE_NOT_REACHED',
      ],
      [
        'adds a prerequisite association the pathway does not have',
        (s) =>
          (s.association as Json[]).push({
            type: 'Association',
            associationType: 'precedes',
            sourceId: 'https://alliedhealth-training.example/achievements/bls-healthcare-providers',
            targetId: 'https://riverside-health.example/achievements/surgical-services-externship',
          }),
        ['associations'],
        'ASSOCIATION_EXTRA',
      ],
      [
        'claims completion',
        (s, clr) => {
          (s.pathwayProgress as Json).complete = true;
          clr.partial = false;
        },
        ['completion'],
        'COMPLETION_MISMATCH',
      ],
    ];
    it.each(cases)('%s', async (_name, edit, checks, code) => {
      const signed = await composePathwayProof(w.pathway, w.all, {
        issuer: w.keys.learner.controller,
        documents: w.documents,
        now: COMPOSED,
        sign: lie(edit),
      });
      const r = await verifyPathwayProof(signed, { pathway: w.pathway, documents: w.documents, now: NOW });
      expect(r.checks.find((c) => c.id === 'proof')!.status).toBe('passed');
      expect(r.verified).toBe(false);
      expect(r.verdict).toBe('invalid');
      expect(failedIds(r)).toEqual(checks);
      expect(failedCodes(r)).toContain(code);
    });
  });

  it('signs and verifies the proof as a VC-JWT too', async () => {
    const jwt = await composePathwayProof(w.pathway, w.all, {
      key: w.keys.learner,
      format: 'vc-jwt',
      documents: w.documents,
      now: COMPOSED,
    });
    expect(typeof jwt).toBe('string');
    const r = await verifyPathwayProof(jwt, { pathway: w.pathway, documents: w.documents, now: NOW });
    expect(failedIds(r)).toEqual([]);
    expect(r.proof).toMatchObject({ verified: true, format: 'vc-jwt' });

    const [h, p, s] = jwt.split('.') as [string, string, string];
    const payload = JSON.parse(Buffer.from(p, 'base64url').toString());
    payload.credentialSubject.pathwayProgress.milestones.push({
      id: 'job-ready',
      reachedAt: '2025-03-01T00:00:00Z',
    });
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const bad = await verifyPathwayProof(forged, { pathway: w.pathway, documents: w.documents, now: NOW });
    expect(bad.verified).toBe(false);
    expect(failedIds(bad)).toEqual(['proof', 'milestones']);
  });

  it('refuses to compose without a way to sign, or for an issuer that is not the key', async () => {
    const codeOf = async (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e) => (isCredstackError(e) ? e.code : String(e)),
      );
    expect(await codeOf(composePathwayProof(w.pathway, w.all, { documents: w.documents } as never))).toBe(
      'ERR_INVALID_INPUT',
    );
    expect(
      await codeOf(
        composePathwayProof(w.pathway, w.all, {
          key: w.keys.learner,
          issuer: 'https://riverside-health.example/profile',
          documents: w.documents,
          now: COMPOSED,
        }),
      ),
    ).toBe('ERR_ISSUER_MISMATCH');
    expect(
      await codeOf(composePathwayProof(w.pathway, w.all, { verify: 'yes' as never, key: w.keys.learner })),
    ).toBe('ERR_INVALID_INPUT');
  });
});
