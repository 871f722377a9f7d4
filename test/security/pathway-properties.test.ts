// Property tests (fast-check) for pathway proofs, beside test/security/properties.test.ts and with
// its mutation machinery (test/security/arbitraries.ts): short and seeded by default,
// `CREDSTACK_FUZZ=1` for 50× the runs and a fresh seed.
//
// 1. Any single semantic mutation of a signed pathway proof is never `verified` — also when the
//    mutation is inside an embedded (issuer-signed) credential and the holder signs the proof again.
// 2. What the JSON-LD signature does not cover changes nothing: reordering any unordered array of
//    a credential (a set in JSON-LD, so its proof still verifies) never changes which components
//    it earns (review finding 5: rubric levels were ranked by their array order).
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import {
  composePathwayProof,
  type Learner,
  type Pathway,
  type PathwayProofResult,
  pathwayProgress,
  validatePathway,
  verifyPathwayProof,
} from '../../src/pathway/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import {
  CREATED,
  cloneJson,
  credentialInput,
  FUZZ,
  type Json,
  type JsonObject,
  mutate,
  mutationOf,
  NOW,
  type Path,
  runs,
  TIMEOUT,
  text,
} from './arbitraries.js';

/** When the proofs are composed: after every credential's validFrom and proof, before NOW. */
const COMPOSED = new Date('2025-07-01T00:00:00Z');

let school: KeyFile;
let wallet: KeyFile;

beforeAll(async () => {
  [school, wallet] = await Promise.all([generateKey(), generateKey()]);
});

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/);
/** The learner as the issuer names them (a DID, or an email it hashes) and as the verifier knows them. */
const learnerArb = fc.oneof(
  slug.map((s) => ({ recipient: { id: `did:example:${s}` }, learner: { id: `did:example:${s}` } })),
  slug.map((s) => ({ recipient: { email: `${s}@example.org` }, learner: { email: `${s}@example.org` } })),
);

interface World {
  pathway: Pathway;
  learner: Learner;
  proof: JsonObject;
}

/** A generated pathway proof: 1–3 generated credentials for one learner, a pathway over them. */
const worldArb = fc.record({
  who: learnerArb,
  builds: fc.array(credentialInput, { minLength: 1, maxLength: 3 }),
  // An extra component nobody earned: the proof is then partial.
  unearned: fc.boolean(),
  rule: fc.constantFrom('allOf', 'nOf'),
});

type WorldInput = typeof worldArb extends fc.Arbitrary<infer T> ? T : never;

async function buildWorld(w: WorldInput): Promise<World> {
  const credentials: JsonObject[] = [];
  for (const [i, build] of w.builds.entries()) {
    const input = build(school.controller);
    // Distinct achievements, one per component (the content stays generated).
    const achievement = { ...input.achievement, id: `https://example.org/pathway-property/${i}` };
    const unsigned = await createOpenBadgeCredential({
      ...input,
      achievement,
      recipient: w.who.recipient,
    } as never);
    credentials.push(
      (await issueCredential(unsigned, { key: school, created: CREATED })) as unknown as JsonObject,
    );
  }
  const components = w.builds.map((_, i) => ({
    id: `c${i}`,
    achievement: `https://example.org/pathway-property/${i}`,
  }));
  if (w.unearned) components.push({ id: 'later', achievement: 'https://example.org/pathway-property/later' });
  const ids = components.map((c) => c.id);
  const pathway = validatePathway({
    id: 'https://employer.example/pathways/property',
    type: 'Pathway',
    name: 'Property pathway',
    occupations: [{ code: '15-1252.00', framework: 'O*NET-SOC', name: 'Software Developers' }],
    employer: { id: 'https://employer.example', type: 'Profile', name: 'Employer' },
    components,
    completion: w.rule === 'allOf' ? { allOf: ids } : { nOf: { n: Math.max(1, ids.length - 1), of: ids } },
    milestones: [{ id: 'first', name: 'First step', rule: 'c0' }],
  });
  const proof = (await composePathwayProof(pathway, credentials, {
    key: wallet,
    learner: w.who.learner,
    now: COMPOSED,
  })) as unknown as JsonObject;
  return { pathway, learner: w.who.learner, proof };
}

const verifyWorld = (world: World, proof: unknown): Promise<PathwayProofResult> =>
  verifyPathwayProof(proof, { pathway: world.pathway, learner: world.learner, now: NOW });

function explain(result: PathwayProofResult): string {
  return result.checks
    .filter((c) => c.status === 'failed')
    .map((c) => `${c.id}:${c.code} ${c.message.slice(0, 120)}`)
    .join(' | ');
}

describe('a single mutation of a signed pathway proof is never verified', () => {
  let pool: World[];

  beforeAll(async () => {
    const worlds = fc.sample(worldArb, { numRuns: FUZZ ? 8 : 3, seed: 11 });
    pool = [];
    for (const w of worlds) pool.push(await buildWorld(w));
  }, 120_000);

  const inEmbedded = (path: Path) => path[0] === 'credentialSubject' && path[1] === 'verifiableCredential';

  it('the harness is sound: every generated proof verifies as composed', async () => {
    for (const world of pool) {
      const result = await verifyWorld(world, cloneJson(world.proof));
      expect(result.verified, explain(result)).toBe(true);
    }
  });

  it(
    'a change, addition, removal, rename or reorder anywhere in the proof',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat().chain((i) => {
            const world = pool[i % pool.length]!;
            return mutationOf(world.proof as Json, 'json-ld').map((m) => ({ world, m }));
          }),
          async ({ world, m }) => {
            const result = await verifyWorld(world, mutate(world.proof as Json, m));
            expect(result.verified, `${m.description} → ${explain(result)}`).toBe(false);
            expect(result.verdict).not.toBe('verified');
          },
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );

  it(
    'a change inside an embedded credential, the proof signed again by the holder',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat().chain((i) => {
            const world = pool[i % pool.length]!;
            return mutationOf(world.proof as Json, 'json-ld', inEmbedded).map((m) => ({ world, m }));
          }),
          async ({ world, m }) => {
            const mutated = mutate(world.proof as Json, m) as JsonObject;
            delete mutated.proof;
            let resigned: unknown = mutated;
            try {
              resigned = await issueCredential(mutated, { key: wallet, created: COMPOSED });
            } catch {
              // The holder could not sign it (e.g. an unknown context): presented unsigned.
            }
            const result = await verifyWorld(world, resigned);
            expect(result.verified, `${m.description} → ${explain(result)}`).toBe(false);
          },
        ),
        runs(20),
      );
    },
    TIMEOUT,
  );
});

describe('reordering what JSON-LD does not order never changes what a credential earns', () => {
  const ORDERED = new Set(['@context', 'allowedValue']); // the @lists: their order is signed

  /** Every array of `doc` a JSON-LD processor reads as a set (same rule as arbitraries.ts). */
  function setPaths(doc: Json, path: Path = []): Path[] {
    const out: Path[] = [];
    if (Array.isArray(doc)) {
      if (doc.length >= 2 && !ORDERED.has(String(path[path.length - 1])) && !path.includes('@context'))
        out.push(path);
      for (const [i, v] of doc.entries()) out.push(...setPaths(v, [...path, i]));
    } else if (doc && typeof doc === 'object') {
      for (const [k, v] of Object.entries(doc)) out.push(...setPaths(v, [...path, k]));
    }
    return out;
  }

  const rubric = fc.record({
    names: fc.uniqueArray(text, { minLength: 2, maxLength: 5 }),
    result: fc.nat(),
    minimum: fc.nat(),
    ordered: fc.boolean(),
    shuffle: fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
  });

  it(
    'rubric levels (and any other set) reordered: the credential still verifies, and earns exactly what it did',
    async () => {
      await fc.assert(
        fc.asyncProperty(rubric, async ({ names, result, minimum, ordered, shuffle }) => {
          const levels = names.map((name, i) => ({
            id: `https://school.example/levels/${i}`,
            type: ['RubricCriterionLevel'],
            name,
          }));
          const r = result % levels.length;
          const m = minimum % levels.length;
          const rd = 'https://school.example/results/practical';
          const achievement = {
            id: 'https://school.example/achievements/practical',
            type: ['Achievement'],
            name: 'Practical',
            description: 'A practical, assessed on a rubric.',
            criteria: { narrative: 'Pass the practical.' },
            resultDescription: [
              {
                id: rd,
                type: ['ResultDescription'],
                name: 'Practical',
                resultType: 'RubricCriterionLevel',
                rubricCriterionLevel: levels,
              },
            ],
          };
          const unsigned = await createOpenBadgeCredential({
            issuer: { id: school.controller, type: ['Profile'], name: 'School' },
            achievement: achievement as never,
            recipient: { id: 'did:example:learner' },
            validFrom: CREATED,
            results: [{ resultDescription: rd, achievedLevel: levels[r]!.id }] as never,
          });
          const signed = (await issueCredential(unsigned, {
            key: school,
            created: CREATED,
          })) as unknown as Json;

          // Shuffle every set of the credential (Fisher–Yates, driven by the generated numbers).
          const reordered = cloneJson(signed);
          for (const path of setPaths(reordered)) {
            let node: any = reordered;
            for (const step of path) node = node[step];
            for (let i = node.length - 1; i > 0; i--) {
              const j = shuffle[i % shuffle.length]! % (i + 1);
              [node[i], node[j]] = [node[j], node[i]];
            }
          }
          const neutral = await verifyCredential(reordered, { now: NOW });
          expect(neutral.verdict).toBe('verified');

          const pathway = validatePathway({
            id: 'https://employer.example/pathways/rubric',
            type: 'Pathway',
            name: 'Rubric pathway',
            occupations: [{ code: '15-1252.00', framework: 'O*NET-SOC', name: 'Software Developers' }],
            employer: { id: 'https://employer.example', type: 'Profile', name: 'Employer' },
            components: [
              {
                id: 'practical',
                achievement: achievement.id,
                minimumResult: {
                  resultDescription: rd,
                  achievedLevel: levels[m]!.id,
                  ...(ordered ? { levelOrder: levels.map((l) => l.id) } : {}),
                },
              },
            ],
            completion: 'practical',
          });
          const states = async (credential: Json) =>
            (await pathwayProgress(pathway, [credential], { now: NOW })).complete;
          const expected = ordered ? r >= m : r === m;
          expect(await states(signed)).toBe(expected);
          expect(await states(reordered), `levels ${r} vs minimum ${m}, ordered: ${ordered}`).toBe(expected);
        }),
        runs(20),
      );
    },
    TIMEOUT,
  );
});
