// CSV of an outcomes report (RFC 4180: comma, CRLF, quotes doubled), one row per group × figure.

import type { OutcomeFigures, PathwayOutcomes } from './types.js';

/**
 * The header of {@link outcomesToCsv}, in order.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { OUTCOMES_CSV_COLUMNS, outcomesToCsv } from 'credstack'
 * outcomesToCsv(report).startsWith(OUTCOMES_CSV_COLUMNS.join(',')) // true
 * ```
 */
export const OUTCOMES_CSV_COLUMNS: readonly string[] = [
  'attribute',
  'group',
  'metric',
  'id',
  'name',
  'count',
  'rate',
  'suppressed',
  'days_n',
  'days_p25',
  'days_median',
  'days_p75',
];

type Cell = string | number | boolean | null | undefined;

function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  const s = String(value);
  // Formula injection: a spreadsheet runs cells starting with = + - @ as formulas; names come
  // from pathway documents and attribute values, so prefix them (numbers are written as is).
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function figureRows(attribute: string, group: string, f: OutcomeFigures): Cell[][] {
  const out: Cell[][] = [];
  const fig = (
    metric: string,
    id: string,
    name: string,
    count: number | null,
    rate: number | null,
  ): Cell[] => [attribute, group, metric, id, name, count, rate, count === null];
  out.push([
    attribute,
    group,
    'learners',
    '',
    'Learners',
    f.learners,
    f.learners === null ? null : 1,
    f.learners === null,
  ]);
  out.push(fig('started', 'started', 'Started', f.started.count, f.started.rate));
  out.push(fig('completed', 'completion', 'Completed', f.completed.count, f.completed.rate));
  for (const c of f.components) out.push(fig('component', c.id, c.name, c.count, c.rate));
  for (const m of f.milestones) out.push(fig('milestone', m.id, m.name, m.count, m.rate));
  for (const s of f.stages) out.push(fig('stage', s.id, s.name, s.count, s.rate));
  for (const c of f.conversions) {
    const from = f.stages.find((s) => s.id === c.from)?.name ?? c.from;
    const to = f.stages.find((s) => s.id === c.to)?.name ?? c.to;
    out.push([
      ...fig('conversion', `${c.from}->${c.to}`, `${from} -> ${to}`, c.count, c.rate),
      c.days?.n,
      c.days?.p25,
      c.days?.median,
      c.days?.p75,
    ]);
  }
  return out;
}

/**
 * The report as CSV, one row per group × figure, with the columns of
 * {@link OUTCOMES_CSV_COLUMNS}:
 * - `attribute`, `group`: the breakdown and its group (`''` and `(all)` for the whole cohort);
 * - `metric`: `learners`, `started`, `completed`, `component`, `milestone`, `stage`,
 *   `conversion` (reached `id`'s both stages, written `from->to`), and for the whole cohort
 *   `excluded-rows` and `rejected-credentials` (by reason, in `id`);
 * - `count`, `rate` (0..1; a conversion's rate is of the learners who reached the first stage):
 *   empty when suppressed, and then `suppressed` is `true`;
 * - `days_*`: for conversions, the number of durations and their quartiles in days.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { outcomesToCsv } from 'credstack'
 * await writeFile('outcomes.csv', outcomesToCsv(report))
 * ```
 */
export function outcomesToCsv(report: PathwayOutcomes): string {
  const rows: Cell[][] = [[...OUTCOMES_CSV_COLUMNS]];
  rows.push(...figureRows('', '(all)', report.overall));
  for (const [reason, count] of Object.entries(report.rows.excluded.byReason))
    rows.push(['', '(all)', 'excluded-rows', reason, reason, count, null, false]);
  for (const [reason, count] of Object.entries(report.credentials.rejected.byReason))
    rows.push(['', '(all)', 'rejected-credentials', reason, reason, count, null, false]);
  for (const b of report.breakdowns)
    for (const g of b.groups) rows.push(...figureRows(b.attribute, g.label, g.figures));
  const width = OUTCOMES_CSV_COLUMNS.length;
  return (
    rows.map((r) => Array.from({ length: width }, (_, i) => field(r[i])).join(',')).join('\r\n') + '\r\n'
  );
}
