import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCohort, runOutcomes } from '../../src/cli/commands/outcomes.js';
import { isCredstackError } from '../../src/errors.js';
import { runCli } from '../cli/run-cli.js';
import { fixture } from '../pathway/helpers.js';
import { buildWorld, NOW, type World } from '../pathway/real-world.js';

let world: World;
let dir: string;
const file = (name: string, data: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof data === 'string' ? data : JSON.stringify(data));
  return path;
};

beforeAll(async () => {
  world = await buildWorld();
  dir = mkdtempSync(join(tmpdir(), 'credstack-outcomes-'));
  file('pathway.json', fixture());
  const map: Record<string, string> = {};
  Object.entries(world.documents).forEach(([url, doc], i) => {
    map[url] = `doc-${i}.json`;
    file(`doc-${i}.json`, doc);
  });
  file('documents.json', map);
}, 60_000);

const rows = (w: World) => [
  {
    learnerId: 'a',
    learner: { id: w.keys.learner.controller },
    credentials: w.all,
    attributes: { campus: 'North' },
  },
  {
    learnerId: 'b',
    learner: { id: w.keys.other.controller },
    credentials: [w.creds.otherElective2],
    attributes: { campus: 'South' },
  },
];

describe('credstack pathway outcomes', () => {
  it('reads a JSON array cohort and writes CSV', async () => {
    const out = join(dir, 'out.csv');
    await runOutcomes({
      pathway: join(dir, 'pathway.json'),
      cohort: file('cohort.json', rows(world)),
      documents: join(dir, 'documents.json'),
      now: NOW.toISOString(),
      by: ['campus'],
      format: 'csv',
      minCellSize: '1',
      out,
      progress: false,
    });
    const csv = readFileSync(out, 'utf8');
    expect(csv.split('\r\n')[0]).toBe(
      'attribute,group,metric,id,name,count,rate,suppressed,days_n,days_p25,days_median,days_p75',
    );
    expect(csv).toContain(',(all),learners,,Learners,2,1,false');
    expect(csv).toContain('campus,North,component,core-1,Health Science Foundations,1,1,false');
    expect(csv).toContain(',(all),rejected-credentials,revoked,revoked,1,,false');
  }, 60_000);

  it('streams JSON Lines with inline VC-JWT strings and writes an SVG funnel', async () => {
    const lines = rows(world).map((r) => JSON.stringify(r));
    const out = join(dir, 'out.svg');
    await runOutcomes({
      pathway: join(dir, 'pathway.json'),
      cohort: file('cohort.jsonl', `${lines.join('\n')}\n\n`),
      documents: join(dir, 'documents.json'),
      now: NOW.toISOString(),
      format: 'svg',
      out,
      progress: false,
    });
    const svg = readFileSync(out, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('<title id="title">Surgical Technologist Pathway: milestone conversion</title>');
    // Two learners: every count under 10 is suppressed.
    expect(svg).toContain('>suppressed</text>');
    expect(typeof world.all[1]).toBe('string'); // the JWT went through the JSON Lines file as a string
  }, 60_000);

  it('names the line of a cohort file that is not JSON', async () => {
    const path = file(
      'broken.jsonl',
      '{"learnerId":"a","credentials":[]}\n\n{"learnerId": "b", credentials: []}\n',
    );
    const err = await (async () => {
      for await (const _ of readCohort(path).rows);
    })().catch((e: unknown) => e);
    expect(isCredstackError(err)).toBe(true);
    expect((err as Error).message).toMatch(/broken\.jsonl line 3: not valid JSON/);
    const array = file(
      'broken.json',
      '[\n  {"learnerId": "a", "credentials": []},\n  {"learnerId": "b" "credentials": []}\n]',
    );
    expect(() => readCohort(array)).toThrow(/broken\.json is not a valid JSON array of rows \(line 3/);
  });

  it('exits 2 with the line on a broken cohort, and lists excluded rows on stderr', () => {
    const broken = runCli([
      'pathway',
      'outcomes',
      '--pathway',
      join(dir, 'pathway.json'),
      '--cohort',
      join(dir, 'broken.jsonl'),
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('line 3: not valid JSON');
    const cohort = file(
      'bad-rows.jsonl',
      [
        '{"learnerId":"a","credentials":[]}',
        '{"learnerId":"a","credentials":[]}',
        '[1,2]',
        '{"credentials":[]}',
      ].join('\n'),
    );
    const run = runCli([
      'pathway',
      'outcomes',
      '--pathway',
      join(dir, 'pathway.json'),
      '--cohort',
      cohort,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).rows).toMatchObject({ total: 4, counted: 1, excluded: { total: 3 } });
    expect(run.stderr).toContain('3 rows excluded (2 malformed-row, 1 duplicate-learner)');
    expect(run.stderr).toContain("row 2: learnerId 'a' was already counted");
    expect(run.stderr).toContain('row 4: learnerId: expected a non-empty string');
    const usage = runOutcomes({ pathway: join(dir, 'pathway.json'), cohort, format: 'pdf' });
    return expect(usage).rejects.toThrow('--format must be one of json, csv, svg');
  }, 60_000);
});
