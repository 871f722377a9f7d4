// A straightforward reference computation of the outcome figures from the generated truth,
// written without the library: fixture rules spelled out by hand, quartiles by sorting.
import { COMPONENT_IDS, type ComponentId, NOISE_REASON, type TruthLearner } from './helpers.js';

const CORE: ComponentId[] = ['core-1', 'core-2', 'core-3', 'core-4'];
const JOB: ComponentId[] = [...CORE, 'externship', 'certification'];
const ELECTIVES: ComponentId[] = ['elective-1', 'elective-2', 'elective-3', 'elective-4'];
export const STAGES = ['started', 'externship-ready', 'job-ready', 'completion', 'hired'] as const;

/** When the learner reached each stage (day), or undefined. */
export function stageDays(t: TruthLearner): Record<(typeof STAGES)[number], number | undefined> {
  const e = t.earned;
  const all = (ids: ComponentId[]) =>
    ids.every((c) => e[c] !== undefined) ? Math.max(...ids.map((c) => e[c]!)) : undefined;
  const days = Object.values(e) as number[];
  const electives = ELECTIVES.map((c) => e[c])
    .filter((d): d is number => d !== undefined)
    .sort((a, b) => a - b);
  const job = all(JOB);
  return {
    started: days.length ? Math.min(...days) : undefined,
    'externship-ready': all(CORE),
    'job-ready': job,
    completion: job !== undefined && electives.length >= 2 ? Math.max(job, electives[1]!) : undefined,
    hired: t.hiredDay,
  };
}

export function quantile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const pos = p * (s.length - 1);
  const below = s[Math.floor(pos)]!;
  const above = s[Math.ceil(pos)]!;
  return below + (above - below) * (pos - Math.floor(pos));
}

export interface ReferenceFigures {
  learners: number;
  started: number;
  completed: number;
  components: Record<string, number>;
  milestones: Record<string, number>;
  stages: Record<string, number>;
  conversions: Array<{ count: number; rate: number | null; days: number[] }>;
}

export function reference(learners: TruthLearner[]): ReferenceFigures {
  const r: ReferenceFigures = {
    learners: learners.length,
    started: 0,
    completed: 0,
    components: Object.fromEntries(COMPONENT_IDS.map((c) => [c, 0])),
    milestones: { 'externship-ready': 0, 'job-ready': 0 },
    stages: Object.fromEntries(STAGES.map((s) => [s, 0])),
    conversions: STAGES.slice(1).map(() => ({ count: 0, rate: null, days: [] })),
  };
  for (const t of learners) {
    const d = stageDays(t);
    for (const c of COMPONENT_IDS) if (t.earned[c] !== undefined) r.components[c]!++;
    if (d.started !== undefined) r.started++;
    if (d.completion !== undefined) r.completed++;
    if (d['externship-ready'] !== undefined) r.milestones['externship-ready']!++;
    if (d['job-ready'] !== undefined) r.milestones['job-ready']!++;
    for (const s of STAGES) if (d[s] !== undefined) r.stages[s]!++;
    STAGES.slice(1).forEach((s, i) => {
      const a = d[STAGES[i]!];
      const b = d[s];
      if (a !== undefined && b !== undefined) {
        r.conversions[i]!.count++;
        r.conversions[i]!.days.push(b - a);
      }
    });
  }
  r.conversions.forEach((c, i) => {
    const from = r.stages[STAGES[i]!]!;
    c.rate = from === 0 ? null : c.count / from;
  });
  return r;
}

export function rejectedByReason(learners: TruthLearner[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of learners)
    for (const n of t.noise) out[NOISE_REASON[n.kind]] = (out[NOISE_REASON[n.kind]] ?? 0) + 1;
  return out;
}
