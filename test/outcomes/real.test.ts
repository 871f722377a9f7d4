// End to end with real keys and signatures: credentials verified by verifyCredential (the
// default), a status list, a forged copy, another learner's credential and a rogue issuer.
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../src/index.js';
import { pathwayOutcomes, preverified } from '../../src/outcomes/index.js';
import { buildWorld, NOW, type World } from '../pathway/real-world.js';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
}, 60_000);

function cohort(w: World) {
  return [
    {
      learnerId: 'a',
      learner: { id: w.keys.learner.controller },
      credentials: w.all,
      attributes: { campus: 'North' },
    },
    {
      learnerId: 'b',
      learner: { id: w.keys.other.controller },
      credentials: [w.creds.otherElective2, w.creds.core1],
      attributes: { campus: 'South' },
    },
    { learnerId: 'a', learner: { id: w.keys.learner.controller }, credentials: w.all },
  ];
}

describe('pathwayOutcomes with real credentials', () => {
  it('verifies every credential and counts only what is genuine, current and the learner’s', async () => {
    const report = await pathwayOutcomes(world.pathway, cohort(world), {
      documents: world.documents,
      now: NOW,
      minCellSize: 1,
      by: 'campus',
    });
    expect(report.rows).toMatchObject({
      total: 3,
      counted: 2,
      excluded: { byReason: { 'duplicate-learner': 1 } },
    });
    expect(report.credentials.rejected.byReason).toMatchObject({
      invalid: 1, // the forged copy
      revoked: 1, // elective-4, revoked on the status list
      'issuer-not-accepted': 1, // the externship from a rogue issuer
      'other-learner': 2, // b's elective in a's row, a's core-1 in b's row
    });
    expect(report.credentials.rejected.total).toBe(5);
    expect(report.overall.started.count).toBe(2);
    expect(report.overall.milestones.find((m) => m.id === 'externship-ready')?.count).toBe(1);
    expect(report.overall.completed.count).toBe(0);
    const earned = Object.fromEntries(report.overall.components.map((c) => [c.id, c.count]));
    expect(earned).toMatchObject({
      'core-1': 1,
      'core-4': 1,
      'elective-2': 1,
      'elective-4': 0,
      externship: 0,
    });
    expect(report.breakdowns[0]!.groups.map((g) => [g.label, g.figures.started.count])).toEqual([
      ['North', 1],
      ['South', 1],
    ]);
    // Before the revocation, elective-4 counts.
    const before = await pathwayOutcomes(world.pathway, cohort(world), {
      documents: world.documentsBeforeRevocation,
      now: NOW,
      minCellSize: 1,
    });
    expect(before.credentials.rejected.byReason.revoked).toBe(0);
    expect(before.overall.components.find((c) => c.id === 'elective-4')?.count).toBe(1);
  }, 60_000);

  it('gives the same figures from results verified beforehand', async () => {
    const direct = await pathwayOutcomes(world.pathway, cohort(world), {
      documents: world.documents,
      now: NOW,
      minCellSize: 1,
    });
    const rows = await Promise.all(
      cohort(world).map(async (r) => ({
        ...r,
        credentials: await Promise.all(
          r.credentials.map(async (c) =>
            preverified(await verifyCredential(c, { documents: world.documents, now: NOW })),
          ),
        ),
      })),
    );
    let calls = 0;
    const wrapped = await pathwayOutcomes(world.pathway, rows, {
      minCellSize: 1,
      verify: async () => {
        calls++;
        throw new Error('must not be called for preverified results');
      },
    });
    expect(calls).toBe(0);
    expect(wrapped.overall).toEqual(direct.overall);
    expect(wrapped.credentials).toEqual(direct.credentials);
  }, 60_000);
});
