// The columns of an outcomes report: which stages, components and milestones are counted, how
// one learner's progress becomes a row of 0/1 flags, and how counters become published figures.

import { CredstackError, describeValue } from '../errors.js';
import { type Pathway, type PathwayInput, type PathwayProgress, validatePathway } from '../pathway/index.js';
import { quartiles, round } from './stats.js';
import type { Figure, OutcomeFigures, OutcomesOptions, StageInfo } from './types.js';

const DAY = 86_400_000;

export interface Stage extends StageInfo {
  /** Whether the learner reached it, and when (ISO date, possibly absent). */
  of(p: LearnerState): { reached: boolean; at?: string | undefined };
}

export interface LearnerState {
  progress: PathwayProgress;
  earned: Map<string, string>;
  started: boolean;
  startedAt?: string | undefined;
}

/** Counters of one group. */
export interface Acc {
  counts: number[];
  /** Per conversion: the days, one number per learner who reached both stages with dates. */
  days: number[][];
}

export interface Layout {
  components: Array<{ id: string; name: string }>;
  milestones: Array<{ id: string; name: string }>;
  stages: Stage[];
  columns: number;
}

export const newAcc = (layout: Layout): Acc => ({
  counts: new Array<number>(layout.columns).fill(0),
  days: layout.stages.slice(1).map(() => []),
});

export function fail(message: string): never {
  throw new CredstackError('ERR_INVALID_INPUT', message);
}

/** The pathway, with the hired achievement added as a hidden component when it is outside it. */
export function preparePathway(
  input: Pathway | PathwayInput,
  hired: OutcomesOptions['hired'],
): { pathway: Pathway; hiredComponent?: string; extra?: string } {
  const base =
    Object.isFrozen(input) && (input as Pathway).type === 'Pathway'
      ? (input as Pathway)
      : validatePathway(input);
  if (hired === undefined) return { pathway: base };
  if (typeof hired !== 'object' || hired === null)
    fail(`options.hired: expected { component } or { achievementId, issuers? }, got ${describeValue(hired)}`);
  if ('component' in hired) {
    if (!base.components.some((c) => c.id === hired.component))
      fail(`options.hired.component: '${String(hired.component)}' is not a component of pathway ${base.id}`);
    return { pathway: base, hiredComponent: hired.component };
  }
  const achievementId = (hired as { achievementId?: unknown }).achievementId;
  if (typeof achievementId !== 'string' || achievementId === '')
    fail(`options.hired: expected { component } or { achievementId, issuers? }, got ${describeValue(hired)}`);
  const existing = base.components.find(
    (c) => (typeof c.achievement === 'string' ? c.achievement : c.achievement.id) === achievementId,
  );
  if (existing) return { pathway: base, hiredComponent: existing.id };
  let id = 'hired';
  for (let i = 2; base.components.some((c) => c.id === id); i++) id = `hired-${i}`;
  if (hired.issuers === undefined && base.employer === undefined)
    fail(
      `options.hired.issuers: pathway ${base.id} names no employer to issue the hired credential, so give the issuer ids`,
    );
  const issuers = hired.issuers ?? [base.employer!.id];
  if (!Array.isArray(issuers) || issuers.some((s) => typeof s !== 'string'))
    fail(`options.hired.issuers: expected an array of issuer ids, got ${describeValue(issuers)}`);
  const pathway = validatePathway({
    ...base,
    components: [
      ...base.components,
      { id, name: hired.name ?? 'Hired', achievement: achievementId, acceptedIssuers: [...issuers] },
    ],
  });
  return { pathway, hiredComponent: id, extra: id };
}

export const time = (iso: string | undefined): number => (iso === undefined ? Number.NaN : Date.parse(iso));

export function buildLayout(
  pathway: Pathway,
  options: OutcomesOptions,
  hiredComponent: string | undefined,
  extra: string | undefined,
): Layout {
  const components = pathway.components
    .filter((c) => c.id !== extra)
    .map((c) => ({
      id: c.id,
      name:
        c.name ??
        (typeof c.achievement === 'object' && typeof c.achievement.name === 'string'
          ? c.achievement.name
          : c.id),
    }));
  const milestones = (pathway.milestones ?? []).map((m) => ({ id: m.id, name: m.name }));
  const hiredName =
    options.hired?.name ??
    (extra ? 'Hired' : (components.find((c) => c.id === hiredComponent)?.name ?? 'Hired'));
  const ids = options.stages ?? [
    'started',
    ...milestones.map((m) => m.id),
    'completion',
    ...(hiredComponent ? ['hired'] : []),
  ];
  if (!Array.isArray(ids) || ids.length === 0)
    fail(`options.stages: expected a non-empty array of stage ids, got ${describeValue(ids)}`);
  if (new Set(ids).size !== ids.length) fail(`options.stages: a stage is listed twice (${ids.join(', ')})`);
  const stages: Stage[] = ids.map((id: unknown): Stage => {
    if (id === 'started')
      return { id, name: 'Started', kind: 'started', of: (s) => ({ reached: s.started, at: s.startedAt }) };
    if (id === 'completion')
      return {
        id,
        name: 'Completed',
        kind: 'completion',
        of: (s) => ({ reached: s.progress.complete, at: s.progress.completion.reachedAt }),
      };
    if (id === 'hired') {
      if (!hiredComponent) fail("options.stages: 'hired' needs options.hired");
      return {
        id,
        name: hiredName,
        kind: 'hired',
        of: (s) => ({ reached: s.earned.has(hiredComponent), at: s.earned.get(hiredComponent) }),
      };
    }
    const m = milestones.find((x) => x.id === id);
    if (m)
      return {
        id: m.id,
        name: m.name,
        kind: 'milestone',
        of: (s) => {
          const mp = s.progress.milestones.find((x) => x.id === m.id);
          return { reached: mp?.reached === true, at: mp?.reachedAt };
        },
      };
    const c = components.find((x) => x.id === id);
    if (c)
      return {
        id: c.id,
        name: c.name,
        kind: 'component',
        of: (s) => ({ reached: s.earned.has(c.id), at: s.earned.get(c.id) }),
      };
    return fail(
      `options.stages: unknown stage ${describeValue(id)}; use started, completion, hired, a milestone (${milestones.map((x) => x.id).join(', ') || 'none'}) or a component id`,
    );
  });
  const columns = 3 + components.length + milestones.length + stages.length + (stages.length - 1);
  return { components, milestones, stages, columns };
}

/** One learner's column flags (0/1) and the days between consecutive stages. */
export function learnerRow(
  layout: Layout,
  state: LearnerState,
): { flags: Uint8Array; days: Array<number | undefined> } {
  const flags = new Uint8Array(layout.columns);
  let j = 0;
  flags[j++] = 1;
  flags[j++] = state.started ? 1 : 0;
  flags[j++] = state.progress.complete ? 1 : 0;
  for (const c of layout.components) flags[j++] = state.earned.has(c.id) ? 1 : 0;
  const byId = new Map(state.progress.milestones.map((m) => [m.id, m]));
  for (const m of layout.milestones) flags[j++] = byId.get(m.id)?.reached ? 1 : 0;
  const reached = layout.stages.map((s) => s.of(state));
  for (const r of reached) flags[j++] = r.reached ? 1 : 0;
  const days: Array<number | undefined> = [];
  for (let i = 1; i < reached.length; i++) {
    const both = reached[i - 1]!.reached && reached[i]!.reached;
    flags[j++] = both ? 1 : 0;
    const d = (time(reached[i]!.at) - time(reached[i - 1]!.at)) / DAY;
    days.push(both && Number.isFinite(d) ? d : undefined);
  }
  return { flags, days };
}

export function add(acc: Acc, row: { flags: Uint8Array; days: Array<number | undefined> }): void {
  for (let j = 0; j < row.flags.length; j++) acc.counts[j]! += row.flags[j]!;
  row.days.forEach((d, i) => {
    if (d !== undefined) acc.days[i]!.push(d);
  });
}

export function figures(layout: Layout, acc: Acc, hidden: readonly boolean[], k: number): OutcomeFigures {
  const n = hidden[0] ? null : acc.counts[0]!;
  const fig = (j: number): Figure => {
    const count = hidden[j] ? null : acc.counts[j]!;
    return { count, rate: count === null || n === null || n === 0 ? null : round(count / n, 4) };
  };
  let j = 1;
  const started = fig(j++);
  const completed = fig(j++);
  const components = layout.components.map((c) => ({ id: c.id, name: c.name, ...fig(j++) }));
  const milestones = layout.milestones.map((m) => ({ id: m.id, name: m.name, ...fig(j++) }));
  const stageStart = j;
  const stages = layout.stages.map((s) => ({ id: s.id, name: s.name, ...fig(j++) }));
  const conversions = layout.stages.slice(1).map((s, i) => {
    const col = j++;
    const count = hidden[col] ? null : acc.counts[col]!;
    const from = hidden[stageStart + i] ? null : acc.counts[stageStart + i]!;
    const values = acc.days[i]!;
    const enough = values.length > 0 && values.length >= k;
    return {
      from: layout.stages[i]!.id,
      to: s.id,
      count,
      rate: count === null || from === null || from === 0 ? null : round(count / from, 4),
      days: count !== null && enough ? quartiles(values) : null,
    };
  });
  return { learners: n, started, completed, components, milestones, stages, conversions };
}
