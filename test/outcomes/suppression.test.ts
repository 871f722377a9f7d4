// Adversarial tests of small-cell suppression: an attacker holding every published figure
// solves the linear system they satisfy (each breakdown's groups add up to the overall figure,
// in every column; structurally identical columns are one unknown) and must recover no hidden
// count. The truth comes from the same cohort reported with suppression off.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OutcomeFigures, type PathwayOutcomes, pathwayOutcomes } from '../../src/outcomes/index.js';
import { suppressBreakdown } from '../../src/outcomes/suppress.js';
import { cohortArb } from './arbitraries.js';
import { HIRED_ACHIEVEMENT, loadPathway, rowOf } from './helpers.js';

const pathway = loadPathway();
const K = 10;

/** Column key → count, with the aliases the pathway's structure makes equal mapped to one key. */
function columns(f: OutcomeFigures): Map<string, number | null> {
  const alias: Record<string, string> = {
    'stage:started': 'started',
    'stage:completion': 'completed',
    'stage:externship-ready': 'milestone:externship-ready',
    'stage:job-ready': 'milestone:job-ready',
    // Nested stages: reaching the later one implies the earlier, so "both" is the later one.
    'conversion:started>externship-ready': 'milestone:externship-ready',
    'conversion:externship-ready>job-ready': 'milestone:job-ready',
    'conversion:job-ready>completion': 'completed',
  };
  const out = new Map<string, number | null>();
  const put = (key: string, value: number | null) => {
    const k = alias[key] ?? key;
    // An attacker who sees the value under any alias knows it.
    if (!out.has(k) || out.get(k) === null) out.set(k, value);
    else if (value !== null) expect(out.get(k)).toBe(value);
  };
  put('learners', f.learners);
  put('started', f.started.count);
  put('completed', f.completed.count);
  for (const c of f.components) put(`component:${c.id}`, c.count);
  for (const m of f.milestones) put(`milestone:${m.id}`, m.count);
  for (const s of f.stages) put(`stage:${s.id}`, s.count);
  for (const c of f.conversions) put(`conversion:${c.from}>${c.to}`, c.count);
  return out;
}

/** Unknowns that the equations determine (a row of the reduced echelon form with one non-zero). */
function determined(equations: number[][], unknowns: number): Set<number> {
  const m = equations.map((r) => [...r]);
  let row = 0;
  for (let col = 0; col < unknowns && row < m.length; col++) {
    let pivot = row;
    for (let r = row; r < m.length; r++) if (Math.abs(m[r]![col]!) > Math.abs(m[pivot]![col]!)) pivot = r;
    if (Math.abs(m[pivot]![col]!) < 1e-9) continue;
    [m[row], m[pivot]] = [m[pivot]!, m[row]!];
    const p = m[row]![col]!;
    m[row] = m[row]!.map((x) => x / p);
    for (let r = 0; r < m.length; r++) {
      if (r === row) continue;
      const f = m[r]![col]!;
      if (Math.abs(f) > 1e-12) m[r] = m[r]!.map((x, i) => x - f * m[row]![i]!);
    }
    row++;
  }
  const out = new Set<number>();
  for (const r of m) {
    const nz = r.slice(0, unknowns).flatMap((x, i) => (Math.abs(x) > 1e-9 ? [i] : []));
    if (nz.length === 1) out.add(nz[0]!);
  }
  return out;
}

interface Recovered {
  column: string;
  where: string;
  value: number;
}

/** Every hidden count the linear attacker recovers, with its true value. */
function attack(published: PathwayOutcomes, truth: PathwayOutcomes): Recovered[] {
  const pub = {
    overall: columns(published.overall),
    groups: published.breakdowns.map((b) => b.groups.map((g) => columns(g.figures))),
  };
  const real = {
    overall: columns(truth.overall),
    groups: truth.breakdowns.map((b) => b.groups.map((g) => columns(g.figures))),
  };
  const recovered: Recovered[] = [];
  for (const column of pub.overall.keys()) {
    const names: string[] = [];
    const index = new Map<string, number>();
    const unknown = (where: string) => {
      if (!index.has(where)) {
        index.set(where, names.length);
        names.push(where);
      }
      return index.get(where)!;
    };
    const overall = pub.overall.get(column)!;
    if (overall === null) unknown('overall');
    const system: Array<{ coef: Map<number, number>; rhs: number }> = [];
    published.breakdowns.forEach((b, bi) => {
      const coef = new Map<number, number>();
      let rhs = 0;
      if (overall === null) coef.set(unknown('overall'), -1);
      else rhs -= overall;
      b.groups.forEach((g, gi) => {
        const v = pub.groups[bi]![gi]!.get(column)!;
        if (v === null) coef.set(unknown(`${b.attribute}=${g.label}`), 1);
        else rhs += v;
      });
      system.push({ coef, rhs: -rhs });
    });
    const matrix = system.map((e) => [...names.map((_, i) => e.coef.get(i) ?? 0), e.rhs]);
    for (const u of determined(matrix, names.length)) {
      const where = names[u]!;
      const value =
        where === 'overall'
          ? real.overall.get(column)!
          : (() => {
              const bi = published.breakdowns.findIndex((b) => where.startsWith(`${b.attribute}=`));
              const gi = published.breakdowns[bi]!.groups.findIndex(
                (g) => where === `${published.breakdowns[bi]!.attribute}=${g.label}`,
              );
              return real.groups[bi]![gi]!.get(column)!;
            })();
      recovered.push({ column, where, value: value! });
    }
  }
  return recovered;
}

const sensitive = (x: number, n: number) => (x > 0 && x < K) || (n - x > 0 && n - x < K);

describe('small-cell suppression', () => {
  it('no hidden count can be recovered from the published figures, by any combination of sums', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(cohortArb(90), cohortArb(120, 'balanced', 30)), async (learners) => {
        const rows = learners.map(rowOf);
        const options = { by: ['campus', 'year'], hired: { achievementId: HIRED_ACHIEVEMENT } } as const;
        const truth = await pathwayOutcomes(pathway, rows, { ...options, minCellSize: 1 });
        const published = await pathwayOutcomes(pathway, rows, { ...options, minCellSize: K });
        const recovered = attack(published, truth).filter(
          // A group that is the whole cohort says nothing the cohort's published size does not.
          (r) => !(r.column === 'learners' && r.value === learners.length),
        );
        expect(recovered).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it('never publishes a group under the threshold, nor a count of 1..k-1 learners (or all but 1..k-1)', async () => {
    await fc.assert(
      fc.asyncProperty(cohortArb(90), async (learners) => {
        const rows = learners.map(rowOf);
        const options = { by: ['campus', 'year'], hired: { achievementId: HIRED_ACHIEVEMENT } } as const;
        const truth = await pathwayOutcomes(pathway, rows, { ...options, minCellSize: 1 });
        const published = await pathwayOutcomes(pathway, rows, { ...options, minCellSize: K });
        const rows_ = [
          { pub: published.overall, real: truth.overall, whole: true },
          ...published.breakdowns.flatMap((b, bi) =>
            b.groups.map((g, gi) => ({
              pub: g.figures,
              real: truth.breakdowns[bi]!.groups[gi]!.figures,
              whole: false,
              g,
            })),
          ),
        ];
        for (const r of rows_) {
          const n = r.real.learners!;
          if (!r.whole && n < K) {
            expect(r.pub.learners).toBeNull();
            expect('g' in r && r.g?.suppressed).toBe(true);
          }
          const pub = columns(r.pub);
          for (const [column, value] of pub) {
            if (value === null || column === 'learners') continue;
            expect(sensitive(value, n)).toBe(false);
            if (r.whole) expect(n < K && value > 0).toBe(false);
          }
          for (const f of [
            r.pub.started,
            r.pub.completed,
            ...r.pub.components,
            ...r.pub.milestones,
            ...r.pub.stages,
          ])
            if (f.count === null) expect(f.rate).toBeNull();
          for (const c of r.pub.conversions) {
            if (c.count === null) expect([c.rate, c.days]).toEqual([null, null]);
            if (c.days) expect(c.days.n).toBeGreaterThanOrEqual(K);
          }
        }
      }),
      { numRuns: 20 },
    );
  });
});

describe('suppressBreakdown', () => {
  const table = (sizes: number[], column: number[]) => ({
    k: 10,
    overall: [sizes.reduce((a, b) => a + b, 0), column.reduce((a, b) => a + b, 0)],
    groups: sizes.map((n, i) => ({ key: String.fromCharCode(65 + i), values: [n, column[i]!] })),
  });

  it('hides a small group and the next-smallest one with it', () => {
    const r = suppressBreakdown(table([4, 30, 25, 50], [0, 20, 15, 30]));
    expect(r.groupHidden).toEqual([true, false, true, false]);
  });

  it('keeps hiding groups until the hidden ones hold at least k learners together', () => {
    const r = suppressBreakdown(table([2, 3, 40, 50], [0, 0, 20, 20]));
    expect(r.groupHidden).toEqual([true, true, true, false]);
  });

  it('hides a small count and a complementary one in the same column', () => {
    const r = suppressBreakdown(table([40, 30, 50], [3, 12, 25]));
    expect(r.cells.map((c) => c[1])).toEqual([true, true, false]);
  });

  it('hides a count that leaves a few learners of the group out', () => {
    const r = suppressBreakdown(table([40, 30, 50], [38, 15, 25]));
    expect(r.cells[0]![1]).toBe(true);
    expect(r.cells.filter((c) => c[1]).length).toBeGreaterThanOrEqual(2);
  });

  it('adds nothing when whole groups already give every column two hidden cells', () => {
    const r = suppressBreakdown(table([4, 6, 30, 50], [0, 3, 20, 30]));
    expect(r.groupHidden).toEqual([true, true, false, false]);
    expect(r.cells.map((c) => c[1])).toEqual([true, true, false, false]);
  });

  it('publishes zeros and full groups', () => {
    const r = suppressBreakdown(table([40, 30, 50], [0, 30, 25]));
    expect(r.cells.map((c) => c[1])).toEqual([false, false, false]);
  });

  it('hides nothing with minCellSize 1', () => {
    const r = suppressBreakdown({ ...table([1, 2], [1, 1]), k: 1 });
    expect(r.groupHidden).toEqual([false, false]);
    expect(r.cells.flat().some(Boolean)).toBe(false);
  });
});
