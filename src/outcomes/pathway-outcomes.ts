// Outcomes of a pathway over a cohort: each learner's progress is computed (and forgotten) as
// the rows stream by; only per-group counters and per-learner durations are kept.

import { describeValue } from '../errors.js';
import {
  type Pathway,
  type PathwayInput,
  pathwayProgress,
  type RejectionReason,
  type VerifyFunction,
} from '../pathway/index.js';
import { verifyCredential } from '../verify/index.js';
import { checkRow, unwrapPreverified } from './cohort.js';
import {
  type Acc,
  add,
  buildLayout,
  fail,
  figures,
  learnerRow,
  newAcc,
  preparePathway,
  time,
} from './layout.js';
import { suppressBreakdown, suppressOverall } from './suppress.js';
import type {
  Cohort,
  ExcludedRow,
  ExclusionReason,
  OutcomeGroup,
  OutcomesOptions,
  PathwayOutcomes,
} from './types.js';

const MAX_CREDENTIALS_PER_ROW = 10_000;
const REASONS: readonly RejectionReason[] = [
  'invalid',
  'revoked',
  'suspended',
  'expired',
  'not-yet-valid',
  'indeterminate',
  'other-learner',
  'issuer-not-accepted',
  'result-below-minimum',
  'not-in-pathway',
  'not-disclosed',
];
const OWN_KEYS = new Set([
  'by',
  'minCellSize',
  'stages',
  'hired',
  'onProgress',
  'progressInterval',
  'maxExcludedExamples',
  'verify',
]);

/**
 * The suppression rule in one paragraph, repeated in every report (`report.suppression.rule`) so
 * published figures carry their own explanation.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { pathwayOutcomes, SUPPRESSION_RULE } from 'credstack'
 * const report = await pathwayOutcomes(pathway, cohort, { minCellSize: 10 })
 * console.log(SUPPRESSION_RULE) // 'k = minCellSize. Hidden: a count of 1 to k-1 learners, …'
 * ```
 */
export const SUPPRESSION_RULE =
  'k = minCellSize. Hidden: a count of 1 to k-1 learners, or one that leaves 1 to k-1 learners of its group out; a group of fewer than k learners, whole. Complementary: while a breakdown has exactly one hidden group, or its hidden groups hold fewer than k learners together, the smallest shown group is hidden too; while a column has exactly one hidden cell, its smallest shown cell is hidden too. Zeros are published. No hidden count can then be worked out by subtraction from published totals.';

function byOption(by: OutcomesOptions['by']): string[] {
  if (by === undefined) return [];
  const list =
    typeof by === 'string'
      ? [by]
      : Array.isArray(by)
        ? [...by]
        : fail(`options.by: expected an attribute name or an array of them, got ${describeValue(by)}`);
  for (const a of list)
    if (typeof a !== 'string' || a === '')
      fail(`options.by: expected attribute names, got ${describeValue(a)}`);
  if (new Set(list).size !== list.length)
    fail(`options.by: an attribute is listed twice (${list.join(', ')})`);
  return list;
}

function positiveInt(value: unknown, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    fail(
      `options.${name}: expected an integer ≥ ${min}, got ${typeof value === 'number' ? value : describeValue(value)}`,
    );
  return value;
}

/**
 * Computes the shared outcome figures of a pathway over a cohort, from the credentials
 * themselves: learners started (≥ 1 component earned) and completed, attainment of every
 * component and milestone, conversion between consecutive funnel stages (default: started →
 * each milestone in pathway order → completion → hired, where "hired" is an employer-issued
 * credential given with `options.hired`), quartiles of the days between those stages (from the
 * credentials' `validFrom`, via each milestone's `reachedAt`), and the credentials that did not
 * count, by reason (forged, revoked, other learner, unaccepted issuer, other pathway...).
 *
 * Each row is checked and its credentials verified through `pathwayProgress` (credstack's
 * `verifyCredential` with the verify options given here, `options.verify`, or results wrapped
 * with `preverified`). Malformed rows and repeated `learnerId`s (the first row counts) are
 * counted out with a reason. The cohort is read as a stream: memory holds counters per group
 * plus one number per learner and pair of stages for the quartiles.
 *
 * `options.by` breaks the figures down by institution-supplied attributes (never read from the
 * credentials; a learner without the attribute falls in a `(not stated)` group). Every figure,
 * overall and per group, passes small-cell suppression with `minCellSize` (default 10): counts
 * of 1 to k-1 learners (or leaving 1 to k-1 out) and groups under k are hidden, with
 * complementary suppression so that no hidden count can be recovered by subtraction from
 * published totals (see `SUPPRESSION_RULE`). Hidden figures are `null`.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { pathwayOutcomes, outcomesToCsv, outcomesToSvg } from 'credstack'
 * const report = await pathwayOutcomes(pathway, rows, {
 *   by: 'campus',
 *   hired: { achievementId: 'https://hospital.example/achievements/employment-verification' },
 *   documents, // issuer keys and status lists by URL
 * })
 * console.log(report.overall.completed, report.breakdowns[0].groups)
 * ```
 */
export async function pathwayOutcomes(
  pathway: Pathway | PathwayInput,
  cohort: Cohort,
  options: OutcomesOptions = {},
): Promise<PathwayOutcomes> {
  if (typeof options !== 'object' || options === null)
    fail(`options: expected an object, got ${describeValue(options)}`);
  const iterable = cohort as { [Symbol.iterator]?: unknown; [Symbol.asyncIterator]?: unknown } | null;
  if (
    iterable === null ||
    typeof iterable !== 'object' ||
    (typeof iterable[Symbol.iterator] !== 'function' && typeof iterable[Symbol.asyncIterator] !== 'function')
  )
    fail(`cohort: expected an array, iterable or async iterable of rows, got ${describeValue(cohort)}`);
  const attributes = byOption(options.by);
  const k = positiveInt(options.minCellSize, 'minCellSize', 10, 0) || 1;
  const interval = positiveInt(options.progressInterval, 'progressInterval', 1000, 1);
  const maxExamples = positiveInt(options.maxExcludedExamples, 'maxExcludedExamples', 100, 0);
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function')
    fail(`options.onProgress: expected a function, got ${describeValue(options.onProgress)}`);
  if (options.verify !== undefined && typeof options.verify !== 'function')
    fail(
      `options.verify: expected a function (credential) => Promise<VerificationLike>, got ${describeValue(options.verify)}`,
    );

  const { pathway: pw, hiredComponent, extra } = preparePathway(pathway, options.hired);
  const layout = buildLayout(pw, options, hiredComponent, extra);

  // One document cache for the whole cohort: every learner's credentials share issuers and lists.
  const verifyOptions: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(options))
    if (!OWN_KEYS.has(key) && v !== undefined) verifyOptions[key] = v;
  verifyOptions.cache ??= new Map<string, Promise<unknown>>();
  const inner: VerifyFunction = options.verify ?? ((c) => verifyCredential(c, verifyOptions));
  const verify: VerifyFunction = (c) => {
    const pre = unwrapPreverified(c);
    return pre ? Promise.resolve(pre) : inner(c);
  };

  const overall = newAcc(layout);
  const groups = attributes.map(() => new Map<string | null, Acc>());
  const seen = new Set<string>();
  const excludedBy: Record<ExclusionReason, number> = { 'malformed-row': 0, 'duplicate-learner': 0 };
  const examples: ExcludedRow[] = [];
  const rejected = Object.fromEntries(REASONS.map((r) => [r, 0])) as Record<RejectionReason, number>;
  let rows = 0;
  let counted = 0;
  let credentialsTotal = 0;
  let credentialsCounted = 0;
  let rejectedTotal = 0;

  const exclude = (reason: ExclusionReason, message: string, learnerId?: string): void => {
    excludedBy[reason]++;
    if (examples.length < maxExamples)
      examples.push({ row: rows, ...(learnerId === undefined ? {} : { learnerId }), reason, message });
  };
  const report = (done: boolean): void =>
    options.onProgress?.({
      rows,
      learners: counted,
      excluded: excludedBy['malformed-row'] + excludedBy['duplicate-learner'],
      done,
    });

  for await (const value of cohort as AsyncIterable<unknown>) {
    rows++;
    const row = checkRow(value, MAX_CREDENTIALS_PER_ROW);
    if ('error' in row) exclude('malformed-row', `row ${rows}: ${row.error}`);
    else if (seen.has(row.learnerId))
      exclude(
        'duplicate-learner',
        `row ${rows}: learnerId '${row.learnerId}' was already counted in an earlier row`,
        row.learnerId,
      );
    else {
      seen.add(row.learnerId);
      const progress = await pathwayProgress(pw, row.credentials, {
        ...(row.learner ? { learner: row.learner } : {}),
        verify,
      });
      const earned = new Map<string, string>();
      for (const c of progress.components)
        if (c.state === 'earned') earned.set(c.id, c.earnedBy?.validFrom ?? '');
      let startedAt: string | undefined;
      let started = false;
      for (const [id, at] of earned) {
        if (id === extra) continue;
        started = true;
        if (!Number.isNaN(time(at)) && (startedAt === undefined || time(at) < time(startedAt)))
          startedAt = at;
      }
      const line = learnerRow(layout, { progress, earned, started, startedAt });
      add(overall, line);
      attributes.forEach((a, i) => {
        const key = row.attributes.get(a) ?? null;
        let acc = groups[i]!.get(key);
        if (!acc) {
          acc = newAcc(layout);
          groups[i]!.set(key, acc);
        }
        add(acc, line);
      });
      counted++;
      credentialsTotal += row.credentials.length;
      credentialsCounted += earned.size;
      for (const r of progress.rejected) {
        rejected[r.reason]++;
        rejectedTotal++;
      }
    }
    if (rows % interval === 0) report(false);
  }
  report(true);

  let hiddenGroups = 0;
  let hiddenCells = 0;
  const overallHidden = suppressOverall(overall.counts, k);
  hiddenCells += overallHidden.filter(Boolean).length;
  const breakdowns = attributes.map((attribute, i) => {
    const entries = [...groups[i]!.entries()].sort(([a], [b]) =>
      a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0,
    );
    const result = suppressBreakdown({
      k,
      overall: overall.counts,
      groups: entries.map(([key, acc]) => ({ key: key ?? '', values: acc.counts })),
    });
    const list: OutcomeGroup[] = entries.map(([value, acc], g) => {
      if (result.groupHidden[g]) hiddenGroups++;
      else hiddenCells += result.cells[g]!.filter(Boolean).length;
      return {
        value,
        label: value ?? '(not stated)',
        suppressed: result.groupHidden[g]!,
        figures: figures(layout, acc, result.cells[g]!, k),
      };
    });
    return { attribute, groups: list };
  });

  return {
    pathway: { id: pw.id, name: pw.name, ...(pw.version ? { version: pw.version } : {}) },
    minCellSize: k,
    stages: layout.stages.map(({ id, name, kind }) => ({ id, name, kind })),
    rows: {
      total: rows,
      counted,
      excluded: { total: rows - counted, byReason: excludedBy, examples },
    },
    credentials: {
      total: credentialsTotal,
      counted: credentialsCounted,
      rejected: { total: rejectedTotal, byReason: rejected },
    },
    overall: figures(layout, overall, overallHidden, k),
    breakdowns,
    suppression: { rule: SUPPRESSION_RULE, hiddenGroups, hiddenCells },
  };
}
