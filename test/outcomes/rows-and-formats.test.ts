import { SaxesParser } from 'saxes';
import { describe, expect, it } from 'vitest';
import { isCredstackError } from '../../src/errors.js';
import {
  OUTCOMES_CSV_COLUMNS,
  outcomesToCsv,
  outcomesToSvg,
  type PathwayOutcomes,
  pathwayOutcomes,
  preverified,
} from '../../src/outcomes/index.js';
import { HIRED_ACHIEVEMENT, loadPathway, rowOf, type TruthLearner } from './helpers.js';

const pathway = loadPathway();
const full = (i: number, campus: string): TruthLearner => ({
  learnerId: `s-${i}`,
  attributes: { campus },
  earned: {
    'core-1': 10 + i,
    'core-2': 40 + i,
    'core-3': 60 + i,
    'core-4': 100 + i,
    ...(i % 2 ? { 'elective-1': 20, 'elective-4': 30, externship: 200 + i, certification: 240 + 2 * i } : {}),
  },
  duplicates: [],
  ...(i % 4 === 1 ? { hiredDay: 300 + i } : {}),
  noise: i % 5 === 0 ? [{ kind: 'revoked', component: 'core-2', day: 5 }] : [],
});

async function sample(): Promise<PathwayOutcomes> {
  const rows = Array.from({ length: 48 }, (_, i) =>
    rowOf(full(i, i < 30 ? 'North "Main", campus' : i < 44 ? '=South' : 'East')),
  );
  return pathwayOutcomes(pathway, rows, { by: 'campus', hired: { achievementId: HIRED_ACHIEVEMENT } });
}

describe('cohort rows', () => {
  it('counts out malformed rows and repeated learners, with the reason and the row', async () => {
    const good = rowOf(full(1, 'North'));
    const rows: unknown[] = [
      good,
      { ...good }, // same learnerId
      42,
      { learnerId: '', credentials: [] },
      { learnerId: 'x', credentials: 'not an array' },
      { learnerId: 'y', credentials: [null] },
      { learnerId: 'z', credentials: [], attributes: { campus: { nested: true } } },
      { learnerId: 'w', learner: {}, credentials: [] },
      { learnerId: 'v', learner: { email: 7 }, credentials: [] },
      { learnerId: 'ok', credentials: [], attributes: { year: 2025, campus: null } },
    ];
    const report = await pathwayOutcomes(pathway, rows, { minCellSize: 1, by: 'year' });
    expect(report.rows.total).toBe(10);
    expect(report.rows.counted).toBe(2);
    expect(report.rows.excluded.byReason).toEqual({ 'malformed-row': 7, 'duplicate-learner': 1 });
    expect(report.rows.excluded.examples.map((e) => [e.row, e.reason])).toEqual([
      [2, 'duplicate-learner'],
      [3, 'malformed-row'],
      [4, 'malformed-row'],
      [5, 'malformed-row'],
      [6, 'malformed-row'],
      [7, 'malformed-row'],
      [8, 'malformed-row'],
      [9, 'malformed-row'],
    ]);
    expect(report.rows.excluded.examples[1]!.message).toBe('row 3: expected an object, got a number');
    expect(report.rows.excluded.examples[4]!.message).toContain('credentials[0]');
    expect(report.rows.excluded.examples[5]!.message).toContain('attributes.campus');
    // The counted learners only: the duplicate's credentials did not count twice.
    expect(report.overall.learners).toBe(2);
    expect(report.breakdowns[0]!.groups.map((g) => g.label)).toEqual(['2025', '(not stated)']);
  });

  it('streams an async iterable and reports progress', async () => {
    async function* rows() {
      for (let i = 0; i < 25; i++) yield rowOf(full(i, 'North'));
    }
    const seen: number[] = [];
    const report = await pathwayOutcomes(pathway, rows(), {
      progressInterval: 10,
      onProgress: (p) => seen.push(p.done ? -p.rows : p.rows),
    });
    expect(report.rows.counted).toBe(25);
    expect(seen).toEqual([10, 20, -25]);
  });

  it('counts credentials of other pathways, other learners, revoked and forged ones by reason', async () => {
    const t: TruthLearner = {
      ...full(2, 'North'),
      noise: [
        { kind: 'revoked', component: 'core-1', day: 1 },
        { kind: 'forged', component: 'core-1', day: 1 },
        { kind: 'other-learner', component: 'core-2', day: 1 },
        { kind: 'not-in-pathway', component: 'core-2', day: 1 },
        { kind: 'wrong-issuer', component: 'core-2', day: 1 },
      ],
    };
    const report = await pathwayOutcomes(pathway, [rowOf(t)], { minCellSize: 1 });
    expect(report.credentials.rejected.total).toBe(5);
    expect(report.credentials.rejected.byReason).toMatchObject({
      revoked: 1,
      invalid: 1,
      'other-learner': 1,
      'not-in-pathway': 1,
      'issuer-not-accepted': 1,
    });
  });

  it('rejects bad arguments with a typed error', async () => {
    const bad: Array<[unknown, unknown, RegExp]> = [
      [pathway, 42, /cohort: expected an array, iterable or async iterable/],
      [pathway, [], /options.minCellSize/],
      [pathway, [], /options.stages: unknown stage/],
      [pathway, [], /'hired' needs options.hired/],
      [pathway, [], /options.hired.component/],
      [pathway, [], /options.by/],
      [{ id: 'x' }, [], /Invalid pathway/],
    ];
    const opts: unknown[] = [
      {},
      { minCellSize: -1 },
      { stages: ['nope'] },
      { stages: ['hired'] },
      { hired: { component: 'nope' } },
      { by: [''] },
      {},
    ];
    for (const [i, [p, cohort, message]] of bad.entries()) {
      const err = await pathwayOutcomes(p as never, cohort as never, opts[i] as never).catch(
        (e: unknown) => e,
      );
      expect(isCredstackError(err), String(err)).toBe(true);
      expect((err as Error).message).toMatch(message);
    }
    expect(() => preverified({ verified: true, verdict: 'verified', checks: [] })).toThrow(
      /must carry the credential/,
    );
  });

  it('takes custom funnel stages: externship-ready → externship → hired', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => rowOf(full(i, 'North')));
    const report = await pathwayOutcomes(pathway, rows, {
      stages: ['externship-ready', 'externship', 'hired'],
      hired: { achievementId: HIRED_ACHIEVEMENT, name: 'Hired by Riverside' },
      minCellSize: 1,
    });
    expect(report.stages).toEqual([
      { id: 'externship-ready', name: 'Externship-ready', kind: 'milestone' },
      { id: 'externship', name: 'Surgical Services Externship', kind: 'component' },
      { id: 'hired', name: 'Hired by Riverside', kind: 'hired' },
    ]);
    expect(report.overall.conversions.map((c) => [c.count, c.rate])).toEqual([
      [10, 0.5],
      [5, 0.5],
    ]);
    // Externship i earns at 200+i, externship-ready at 100+i: always 100 days.
    expect(report.overall.conversions[0]!.days).toEqual({ n: 10, p25: 100, median: 100, p75: 100 });
  });
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += c;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

describe('outputs', () => {
  it('CSV: RFC 4180, one row per group × figure, suppressed cells empty', async () => {
    const report = await sample();
    const rows = parseCsv(outcomesToCsv(report));
    expect(rows[0]).toEqual([...OUTCOMES_CSV_COLUMNS]);
    for (const r of rows) expect(r).toHaveLength(OUTCOMES_CSV_COLUMNS.length);
    const col = (name: string) => OUTCOMES_CSV_COLUMNS.indexOf(name);
    const find = (group: string, metric: string, id: string) =>
      rows.find((r) => r[col('group')] === group && r[col('metric')] === metric && r[col('id')] === id)!;
    expect(find('(all)', 'completed', 'completion')[col('count')]).toBe(
      String(report.overall.completed.count),
    );
    // The quoted group label survives; the one starting with "=" is defused.
    expect(rows.some((r) => r[col('group')] === 'North "Main", campus')).toBe(true);
    expect(rows.some((r) => r[col('group')] === "'=South")).toBe(true);
    const east = find('East', 'learners', '');
    expect(east[col('count')]).toBe('');
    expect(east[col('suppressed')]).toBe('true');
    const conv = find('(all)', 'conversion', 'externship-ready->job-ready');
    expect(Number(conv[col('days_median')])).toBe(report.overall.conversions[1]!.days!.median);
    expect(find('(all)', 'rejected-credentials', 'revoked')[col('count')]).toBe('10');
  });

  it('SVG: well-formed, titled, every stage labelled with its number or "suppressed"', async () => {
    const report = await sample();
    const svg = outcomesToSvg(report);
    const parser = new SaxesParser({ xmlns: true });
    const texts: string[] = [];
    let title = '';
    let desc = '';
    let current = '';
    let root = '';
    parser.on('opentag', (t) => {
      if (!root) root = `${t.uri} ${t.local} ${t.attributes.role?.value}`;
      current = t.local;
    });
    parser.on('text', (t) => {
      if (current === 'title') title += t;
      else if (current === 'desc') desc += t;
      else if (current === 'text') texts.push(t);
    });
    parser.on('closetag', () => {
      current = '';
    });
    parser.write(svg).close();
    expect(root).toBe('http://www.w3.org/2000/svg svg img');
    expect(title).toBe('Surgical Technologist Pathway: milestone conversion');
    expect(desc).toContain(`All learners: 48 learners`);
    // Overall panel + 3 campus panels, East suppressed.
    expect(texts).toContain('All learners: 48 learners');
    expect(texts).toContain('campus: East: suppressed');
    expect(texts).toContain(
      `${report.overall.stages[1]!.count} learners (${Math.round(report.overall.stages[1]!.rate! * 100)}%)`,
    );
    expect(texts.filter((t) => t === 'suppressed').length).toBeGreaterThan(0);
    expect(texts.some((t) => t.startsWith('↓') && t.includes('median'))).toBe(true);
  });
});
