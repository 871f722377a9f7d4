// Review finding 5, "Pathway minimum results met by reordering": JSON-LD signs
// `rubricCriterionLevel` (and `allowedValue` before OB 3.0.2) as an unordered set, so reordering the
// array inside a signed credential leaves its Data Integrity proof valid. A pathway that takes the
// order of levels from that array lets a learner with "developing" reorder the levels and pass a
// "proficient" minimum. The order must come from the verifier's own pathway definition.
import { beforeAll, describe, expect, it } from 'vitest';
import { createOpenBadgeCredential, issueCredential, verifyCredential } from '../../src/index.js';
import {
  composePathwayProof,
  type Pathway,
  pathwayAchievement,
  pathwayProgress,
} from '../../src/pathway/index.js';
import {
  ACHIEVEMENT,
  badge,
  COMPOSED,
  failed,
  ISSUED,
  type Json,
  type Keys,
  keys,
  NOW,
  resign,
  smallPathway,
  verifyProof,
} from './pathway-helpers.js';

const RD = `${ACHIEVEMENT.a}/results/practical`;
const level = (name: string) => `https://school.example/rubrics/practical/${name}`;
const LEVELS = ['novice', 'developing', 'proficient'];

/** The issuer's Achievement: a rubric with three levels, lowest first. */
const achievement: Json = {
  id: ACHIEVEMENT.a,
  type: ['Achievement'],
  name: 'First aid',
  description: 'First aid, assessed in a practical.',
  criteria: { narrative: 'Pass the practical.' },
  resultDescription: [
    {
      id: RD,
      type: ['ResultDescription'],
      name: 'Practical',
      resultType: 'RubricCriterionLevel',
      rubricCriterionLevel: LEVELS.map((l) => ({
        id: level(l),
        type: ['RubricCriterionLevel'],
        name: l,
      })),
    },
  ],
};

const minimum = { resultDescription: RD, achievedLevel: level('proficient') };

/** The employer's pathway: component `a` needs "proficient" or better. */
const strictWith = (a: Json): Pathway =>
  smallPathway({
    components: [
      { id: 'a', ...a },
      { id: 'b', achievement: ACHIEVEMENT.b },
    ],
  });
// Built in the tests (validatePathway runs there, not when the file loads).
const pathways: Record<string, () => Pathway> = {
  // Only the achievement's id: no order is known to the verifier, so levels must be equal.
  'names the achievement by id': () => strictWith({ achievement: ACHIEVEMENT.a, minimumResult: minimum }),
  'states the order of levels in its minimum': () =>
    strictWith({ achievement: ACHIEVEMENT.a, minimumResult: { ...minimum, levelOrder: LEVELS.map(level) } }),
  'embeds the issuer’s Achievement': () => strictWith({ achievement, minimumResult: minimum }),
};

let k: Keys;
let developing: Json;
/** `developing`, its levels reordered so that "developing" comes after "proficient". */
let reordered: Json;
let b: Json;

beforeAll(async () => {
  k = await keys();
  const learner = { id: k.victim.controller };
  developing = await badge(k.school, achievement, learner, {
    results: [{ resultDescription: RD, achievedLevel: level('developing') }] as never,
  });
  reordered = structuredClone(developing);
  const levels = reordered.credentialSubject.achievement.resultDescription[0].rubricCriterionLevel;
  reordered.credentialSubject.achievement.resultDescription[0].rubricCriterionLevel = [
    levels[0],
    levels[2],
    levels[1],
  ];
  b = await badge(k.school, ACHIEVEMENT.b, learner);
}, 60_000);

it('reordering rubricCriterionLevel is signature-neutral: the reordered credential still verifies', async () => {
  const result = await verifyCredential(reordered, { now: NOW });
  expect(result.verdict).toBe('verified');
});

describe.each(Object.entries(pathways))('a pathway that %s', (_, build) => {
  it('does not count "developing" toward a "proficient" minimum after the levels are reordered', async () => {
    const pathway = build();
    const progress = await pathwayProgress(pathway, [reordered, b], { now: NOW });
    expect(progress.components.find((c) => c.id === 'a')?.state).not.toBe('earned');
    expect(progress.rejected).toEqual([
      expect.objectContaining({ index: 0, reason: 'result-below-minimum', component: 'a' }),
    ]);
    expect(progress.complete).toBe(false);

    // Composed honestly, the proof leaves the credential out and says partial.
    const composed: Json = await composePathwayProof(pathway, [reordered, b], {
      key: k.victim,
      now: COMPOSED,
    });
    expect(composed.partial).toBe(true);
    expect(composed.credentialSubject.pathwayProgress.earned.map((e: Json) => e.component)).toEqual(['b']);
  });

  it('a pathway proof that embeds the reordered credential and claims completion is not verified', async () => {
    const pathway = build();
    // The attacker composes against a copy of the pathway without the minimum, then restores the
    // employer's definition and signs again with their own key: every claim is about the real pathway.
    const lenient = smallPathway({ id: pathway.id });
    const proof = await composePathwayProof(lenient, [reordered, b], { key: k.victim, now: COMPOSED });
    expect(proof.partial).toBe(false);
    const forged = await resign(proof, k.victim, (subject) => {
      subject.achievement[0] = pathwayAchievement(pathway);
      const original = pathway.components[0]!.achievement;
      if (typeof original === 'object') subject.achievement[1] = structuredClone(original);
    });
    const result = await verifyProof(forged, pathway);
    expect(result.proof?.verified).toBe(true);
    expect(result.verified).toBe(false);
    expect(result.complete).toBe(false);
    expect(failed(result)).toContain('credentials:CREDENTIAL_RESULT_BELOW_MINIMUM');
  });

  it('still counts a "proficient" result, and never a "novice" one', async () => {
    const pathway = build();
    const [proficient, novice] = await Promise.all(
      ['proficient', 'novice'].map((l) =>
        badge(
          k.school,
          achievement,
          { id: k.victim.controller },
          {
            results: [{ resultDescription: RD, achievedLevel: level(l) }] as never,
          },
        ),
      ),
    );
    const ok = await pathwayProgress(pathway, [proficient, b], { now: NOW });
    expect(ok.complete).toBe(true);
    const low = await pathwayProgress(pathway, [novice, b], { now: NOW });
    expect(low.rejected.map((r) => r.reason)).toEqual(['result-below-minimum']);
  });
});

describe('allowedValue under OB 3.0.1 (a set there: its order is not signed either)', () => {
  const OB_301 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json';
  const GRADES = `${ACHIEVEMENT.a}/results/grade`;
  let reorderedGrade: Json;
  const graded = (over: Json = {}) =>
    strictWith({
      achievement: ACHIEVEMENT.a,
      minimumResult: { resultDescription: GRADES, value: 'A', ...over },
    });

  beforeAll(async () => {
    const unsigned = (await createOpenBadgeCredential({
      issuer: { id: k.school.controller, type: ['Profile'], name: 'Lakeside School' },
      achievement: {
        ...achievement,
        resultDescription: [
          {
            id: GRADES,
            type: ['ResultDescription'],
            name: 'Grade',
            resultType: 'LetterGrade',
            allowedValue: ['C', 'B', 'A'],
          },
        ],
      } as never,
      recipient: { id: k.victim.controller },
      validFrom: ISSUED,
      results: [{ resultDescription: GRADES, value: 'B' }] as never,
    })) as Json;
    // OB 3.0.1 credentials are VCDM 1.1 (the current schema wants validFrom, hence validate: false).
    unsigned['@context'] = ['https://www.w3.org/2018/credentials/v1', OB_301];
    unsigned.issuanceDate = unsigned.validFrom;
    delete unsigned.validFrom;
    const signed = (await issueCredential(unsigned, {
      key: k.school,
      created: ISSUED,
      validate: false,
    })) as Json;
    reorderedGrade = structuredClone(signed);
    reorderedGrade.credentialSubject.achievement.resultDescription[0].allowedValue = ['C', 'A', 'B'];
    expect((await verifyCredential(signed, { now: NOW })).verdict).toBe('verified');
  }, 60_000);

  it('the reorder is signature-neutral, and "B" does not meet a minimum of "A"', async () => {
    expect((await verifyCredential(reorderedGrade, { now: NOW })).verdict).toBe('verified');
    for (const over of [{}, { valueOrder: ['C', 'B', 'A'] }]) {
      const progress = await pathwayProgress(graded(over), [reorderedGrade, b], { now: NOW });
      expect(progress.rejected.map((r) => r.reason)).toEqual(['result-below-minimum']);
    }
    // With the employer's order, "B" meets a minimum of "B" (and of "C").
    for (const value of ['B', 'C']) {
      const pathway = graded({ value, valueOrder: ['C', 'B', 'A'] });
      expect((await pathwayProgress(pathway, [reorderedGrade, b], { now: NOW })).complete).toBe(true);
    }
  });
});
