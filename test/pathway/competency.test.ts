// A pathway step that requires competencies (CASE CFItems) rather than a named achievement.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  composePathwayProof,
  importCaseFramework,
  onetOccupation,
  pathwayProgress,
  validatePathway,
  verifyPathwayProof,
} from '../../src/index.js';
import { fakeSign, fakeVerify, issue, type Json, LEARNER } from './helpers.js';

const framework = importCaseFramework(
  JSON.parse(
    readFileSync(
      new URL('../vectors/pathways/case-opensalt-what-standards-could-be.json', import.meta.url),
      'utf8',
    ),
  ),
);
const RATIO = framework.alignment('CCSS.Math.Content.6.RP.A.1');
const RATE = framework.alignment('CCSS.Math.Content.6.RP.A.2');
const SCHOOL = 'https://school.example/profile';
const pathway = validatePathway({
  id: 'https://board.example/pathways/ratios',
  type: 'Pathway',
  name: 'Ratio reasoning',
  occupations: [onetOccupation('15-2041.00', 'Statisticians')],
  employer: { id: 'https://board.example/profile', type: 'Profile' },
  components: [
    { id: 'intro', achievement: 'https://school.example/achievements/intro' },
    {
      id: 'ratios',
      name: 'Ratios and unit rates',
      achievement: 'https://board.example/steps/ratios',
      competencies: [RATIO.targetUrl, RATE.targetUrl],
      acceptedIssuers: [SCHOOL],
    },
  ],
  completion: { allOf: ['intro', 'ratios'] },
});

const aligned = (alignment: Json[]) => ({
  id: 'https://school.example/achievements/grade-6-unit-1',
  type: ['Achievement'],
  name: 'Grade 6 Unit 1',
  description: 'd',
  criteria: { narrative: 'n' },
  alignment,
});

describe('competency requirements', () => {
  it('count a credential aligned to every required CFItem, through progress and a verified proof', async () => {
    const credentials = await Promise.all([
      issue({
        id: 'urn:uuid:intro',
        issuer: SCHOOL,
        achievement: 'https://school.example/achievements/intro',
      }),
      issue({ id: 'urn:uuid:unit1', issuer: SCHOOL, achievement: aligned([RATIO, RATE]) }),
    ]);
    const verify = fakeVerify();
    const progress = await pathwayProgress(pathway, credentials, { verify, learner: { id: LEARNER } });
    expect(progress.complete).toBe(true);
    expect(progress.components.find((c) => c.id === 'ratios')?.earnedBy?.credentialId).toBe('urn:uuid:unit1');
    const proof = await composePathwayProof(pathway, credentials, {
      issuer: { id: 'https://board.example/profile', type: ['Profile'], name: 'Board' },
      learner: { id: LEARNER },
      verify,
      sign: fakeSign,
      now: new Date('2025-06-01T00:00:00Z'),
      id: 'urn:uuid:competency-proof',
    });
    const result = await verifyPathwayProof(proof, {
      pathway,
      verify,
      learner: { id: LEARNER },
      now: new Date('2025-06-02T00:00:00Z'),
    });
    expect(result.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(result.complete).toBe(true);
  });
});

describe('competency requirements: negative cases', () => {
  it('do not count a credential aligned to only some of them, or from an issuer not accepted', async () => {
    const verify = fakeVerify();
    const partial = await issue({ id: 'urn:uuid:half', issuer: SCHOOL, achievement: aligned([RATIO]) });
    const p1 = await pathwayProgress(pathway, [partial], { verify, learner: { id: LEARNER } });
    expect(p1.rejected).toEqual([
      expect.objectContaining({ credentialId: 'urn:uuid:half', reason: 'not-in-pathway' }),
    ]);
    const other = await issue({
      id: 'urn:uuid:other',
      issuer: 'https://mill.example',
      achievement: aligned([RATIO, RATE]),
    });
    const p2 = await pathwayProgress(pathway, [other], { verify, learner: { id: LEARNER } });
    expect(p2.rejected).toEqual([
      expect.objectContaining({
        credentialId: 'urn:uuid:other',
        reason: 'issuer-not-accepted',
        component: 'ratios',
      }),
    ]);
  });
});
