import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OutcomeFigures, pathwayOutcomes } from '../../src/outcomes/index.js';
import { cohortArb } from './arbitraries.js';
import { HIRED_ACHIEVEMENT, loadPathway, rowOf, type TruthLearner } from './helpers.js';
import { quantile, type ReferenceFigures, reference, rejectedByReason, STAGES } from './reference.js';

const pathway = loadPathway();
const hired = { achievementId: HIRED_ACHIEVEMENT };
const close = (a: number, b: number, digits: number) => Math.abs(a - b) <= 0.5 * 10 ** -digits + 1e-9;

function expectMatches(actual: OutcomeFigures, ref: ReferenceFigures): void {
  const rate = (x: number) => (ref.learners === 0 ? null : x / ref.learners);
  const fig = (f: { count: number | null; rate: number | null }, count: number) => {
    expect(f.count).toBe(count);
    const r = rate(count);
    if (r === null) expect(f.rate).toBeNull();
    else expect(close(f.rate!, r, 4)).toBe(true);
  };
  expect(actual.learners).toBe(ref.learners);
  fig(actual.started, ref.started);
  fig(actual.completed, ref.completed);
  for (const c of actual.components) fig(c, ref.components[c.id]!);
  for (const m of actual.milestones) fig(m, ref.milestones[m.id]!);
  expect(actual.stages.map((s) => s.id)).toEqual([...STAGES]);
  for (const s of actual.stages) fig(s, ref.stages[s.id]!);
  actual.conversions.forEach((c, i) => {
    const want = ref.conversions[i]!;
    expect([c.from, c.to]).toEqual([STAGES[i], STAGES[i + 1]]);
    expect(c.count).toBe(want.count);
    if (want.rate === null) expect(c.rate).toBeNull();
    else expect(close(c.rate!, want.rate, 4)).toBe(true);
    if (want.days.length === 0) expect(c.days).toBeNull();
    else {
      expect(c.days?.n).toBe(want.days.length);
      expect(close(c.days!.p25, quantile(want.days, 0.25), 2)).toBe(true);
      expect(close(c.days!.median, quantile(want.days, 0.5), 2)).toBe(true);
      expect(close(c.days!.p75, quantile(want.days, 0.75), 2)).toBe(true);
    }
  });
}

describe('pathwayOutcomes figures', () => {
  it('match a reference computation on generated cohorts (overall and per group)', async () => {
    await fc.assert(
      fc.asyncProperty(cohortArb(40), async (learners: TruthLearner[]) => {
        const report = await pathwayOutcomes(pathway, learners.map(rowOf), {
          by: ['campus', 'year'],
          hired,
          minCellSize: 1,
        });
        expect(report.rows).toMatchObject({
          total: learners.length,
          counted: learners.length,
          excluded: { total: 0 },
        });
        expectMatches(report.overall, reference(learners));
        const rejected = rejectedByReason(learners);
        for (const [reason, n] of Object.entries(report.credentials.rejected.byReason))
          expect(n).toBe(rejected[reason] ?? 0);
        const counted = learners.reduce(
          (s, t) => s + Object.keys(t.earned).length + (t.hiredDay === undefined ? 0 : 1),
          0,
        );
        expect(report.credentials.counted).toBe(counted);
        for (const b of report.breakdowns) {
          const values = new Set(learners.map((t) => t.attributes[b.attribute] ?? null));
          expect(b.groups.map((g) => g.value).sort()).toEqual([...values].sort());
          for (const g of b.groups) {
            expect(g.suppressed).toBe(false);
            expectMatches(
              g.figures,
              reference(learners.filter((t) => (t.attributes[b.attribute] ?? null) === g.value)),
            );
          }
        }
      }),
      { numRuns: 25 },
    );
  });

  it('with suppression on, only hides figures, never changes one', async () => {
    await fc.assert(
      fc.asyncProperty(cohortArb(60), async (learners) => {
        const rows = learners.map(rowOf);
        const options = { by: ['campus', 'year'], hired } as const;
        const open = await pathwayOutcomes(pathway, rows, { ...options, minCellSize: 1 });
        const safe = await pathwayOutcomes(pathway, rows, { ...options, minCellSize: 10 });
        const same = (a: unknown, b: unknown): void => {
          if (b === null) return;
          if (a && typeof a === 'object') {
            for (const [k, v] of Object.entries(a))
              if (k !== 'suppressed' && (k !== 'days' || (b as Record<string, unknown>).days !== null))
                same(v, (b as Record<string, unknown>)[k]);
          } else expect(b).toBe(a);
        };
        same(open.overall, safe.overall);
        same(open.breakdowns, safe.breakdowns);
      }),
      { numRuns: 15 },
    );
  });
});
