// `credstack pathway outcomes`: the outcome figures of a pathway over a cohort file, as JSON,
// CSV or an SVG funnel. The cohort is read as a stream when it is JSON Lines.

import { createReadStream, openSync, readSync, closeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import {
  type HiredStage,
  type OutcomesOptions,
  outcomesToCsv,
  outcomesToSvg,
  pathwayOutcomes,
} from '../../outcomes/index.js';
import { validatePathway } from '../../pathway/index.js';
import { CliExit, collect, EXIT, jsonText, printError, readJson, readText, writeOutput } from '../io.js';
import { verifyOptionsFrom } from './verify.js';

export interface OutcomesCliOptions {
  pathway: string;
  cohort: string;
  by?: string[];
  format?: string;
  out?: string;
  documents?: string;
  now?: string;
  allowNetwork?: boolean;
  minCellSize?: string;
  stages?: string;
  hiredAchievement?: string;
  hiredIssuer?: string[];
  hiredComponent?: string;
  progress?: boolean;
}

const FORMATS = ['json', 'csv', 'svg'] as const;

/** Line and column of a JSON.parse error position, for an error a person can find. */
function position(text: string, message: string): string {
  const m = /position (\d+)/.exec(message);
  if (!m) return '';
  const before = text.slice(0, Number(m[1]));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${Number(m[1]) - before.lastIndexOf('\n')})`;
}

/** The first non-blank byte of a file, to tell a JSON array from JSON Lines without reading it all. */
function firstChar(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (cause) {
    throw new CredstackError(
      'ERR_FILE_READ',
      `Cannot read ${path}: ${(cause as NodeJS.ErrnoException).code}`,
      { cause },
    );
  }
  try {
    const buf = Buffer.alloc(4096);
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) return '';
      const s = buf
        .subarray(0, n)
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trimStart();
      if (s) return s[0]!;
    }
  } finally {
    closeSync(fd);
  }
}

/** Parses a JSON array cohort (whole) or JSON Lines (line by line); a bad line is a fatal error naming it. */
export function readCohort(path: string): {
  rows: AsyncIterable<unknown>;
  count: () => Promise<number | undefined>;
} {
  const first = path === '-' ? undefined : firstChar(path);
  if (path === '-' || first === '[') {
    const text = readText(path);
    const name = path === '-' ? 'standard input' : path;
    if (text.trimStart().replace(/^\uFEFF/, '')[0] === '[') {
      let rows: unknown;
      try {
        rows = JSON.parse(text.replace(/^\uFEFF/, ''));
      } catch (cause) {
        const message = (cause as Error).message;
        throw new CredstackError(
          'ERR_JSON_PARSE',
          `${name} is not a valid JSON array of rows${position(text, message)}: ${message}`,
          { cause },
        );
      }
      const list = rows as unknown[];
      return {
        rows: (async function* () {
          yield* list;
        })(),
        count: async () => list.length,
      };
    }
    return { rows: jsonLines(() => text.split('\n'), name), count: async () => undefined };
  }
  // The line reader is made when iteration starts: readline drops the lines it reads before
  // its async iterator exists, and the caller awaits other things in between.
  const lines = () => createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
  return {
    rows: jsonLines(lines, path),
    count: async () => {
      let n = 0;
      for await (const line of lines()) if (line.trim()) n++;
      return n;
    },
  };
}

async function* jsonLines(
  lines: () => Iterable<string> | AsyncIterable<string>,
  name: string,
): AsyncGenerator<unknown> {
  let n = 0;
  for await (const raw of lines()) {
    n++;
    const line = (n === 1 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (!line) continue;
    try {
      yield JSON.parse(line);
    } catch (cause) {
      throw new CredstackError(
        'ERR_JSON_PARSE',
        `${name} line ${n}: not valid JSON (${(cause as Error).message}); a JSON Lines cohort has one row object per line`,
        { cause, path: `${name}:${n}` },
      );
    }
  }
}

function hiredFrom(opts: OutcomesCliOptions): HiredStage | undefined {
  if (opts.hiredAchievement && opts.hiredComponent)
    throw new CliExit(EXIT.usage, 'give --hired-achievement or --hired-component, not both');
  if (opts.hiredComponent) return { component: opts.hiredComponent };
  if (opts.hiredAchievement)
    return {
      achievementId: opts.hiredAchievement,
      ...(opts.hiredIssuer?.length ? { issuers: opts.hiredIssuer } : {}),
    };
  if (opts.hiredIssuer?.length) throw new CliExit(EXIT.usage, '--hired-issuer needs --hired-achievement');
  return undefined;
}

/** Runs `pathway outcomes` and returns the text written. Exported for tests. */
export async function runOutcomes(opts: OutcomesCliOptions): Promise<string> {
  const format = opts.format ?? 'json';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new CliExit(EXIT.usage, `--format must be one of ${FORMATS.join(', ')}, got ${format}`);
  let minCellSize: number | undefined;
  if (opts.minCellSize !== undefined) {
    minCellSize = Number(opts.minCellSize);
    if (!Number.isSafeInteger(minCellSize) || minCellSize < 1)
      throw new CliExit(EXIT.usage, `--min-cell-size must be a positive integer, got ${opts.minCellSize}`);
  }
  const pathway = validatePathway(readJson(opts.pathway));
  const hired = hiredFrom(opts);
  const cohort = readCohort(opts.cohort);

  const showBar = opts.progress ?? process.stderr.isTTY === true;
  let bar: cliProgress.SingleBar | undefined;
  if (showBar) {
    const total = await cohort.count();
    bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format:
          total === undefined
            ? 'outcomes | {value} rows | {learners} learners'
            : 'outcomes [{bar}] {percentage}% | {value}/{total} rows | {learners} learners | ETA {eta_formatted}',
        hideCursor: true,
        clearOnComplete: true,
        etaBuffer: 200,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { learners: 0 });
  }
  const options: OutcomesOptions = {
    ...(await verifyOptionsFrom(opts)),
    ...(opts.by?.length ? { by: opts.by } : {}),
    ...(minCellSize === undefined ? {} : { minCellSize }),
    ...(opts.stages ? { stages: opts.stages.split(',').map((s) => s.trim()) } : {}),
    ...(hired ? { hired } : {}),
    ...(bar
      ? { progressInterval: 100, onProgress: (p) => bar.update(p.rows, { learners: p.learners }) }
      : {}),
  };
  let report: Awaited<ReturnType<typeof pathwayOutcomes>>;
  try {
    report = await pathwayOutcomes(pathway, cohort.rows, options);
  } finally {
    bar?.stop();
  }
  const text =
    format === 'csv' ? outcomesToCsv(report) : format === 'svg' ? outcomesToSvg(report) : jsonText(report);
  writeOutput(opts.out, text);
  const { excluded } = report.rows;
  const summary = `${report.rows.total} rows, ${report.rows.counted} learners counted, ${report.credentials.rejected.total} credentials rejected`;
  if (excluded.total > 0) {
    const reasons = Object.entries(excluded.byReason)
      .filter(([, n]) => n > 0)
      .map(([r, n]) => `${n} ${r}`)
      .join(', ');
    const lines = excluded.examples.slice(0, 5).map((e) => `  ${e.message}`);
    printError(`${summary}; ${excluded.total} rows excluded (${reasons}):\n${lines.join('\n')}\n`);
  } else if (opts.out) printError(`${summary}; wrote ${opts.out}\n`);
  return text;
}

/**
 * Registers `outcomes` under the `pathway` command.
 *
 * @example
 * ```ts
 * registerOutcomes(registerPathway(program))
 * ```
 */
export function registerOutcomes(pathway: Command): Command {
  return pathway
    .command('outcomes')
    .description(
      'Outcome figures of a pathway over a cohort (attainment, conversion, time to milestones), safe to publish',
    )
    .requiredOption('--pathway <file>', 'the pathway definition (JSON)')
    .requiredOption(
      '--cohort <file>',
      'the cohort: a JSON array of rows, or JSON Lines (one row per line; streamed)',
    )
    .option('--by <attribute>', 'break the figures down by this row attribute (repeatable)', collect)
    .option('--format <format>', 'json | csv | svg', 'json')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--min-cell-size <n>', 'smallest count published; smaller ones are suppressed (default 10)')
    .option(
      '--stages <ids>',
      'funnel stages, comma-separated: started, completion, hired, milestone or component ids',
    )
    .option('--hired-achievement <id>', 'achievement id of the employer credential that marks a hire')
    .option(
      '--hired-issuer <id>',
      'issuer accepted for the hire credential (repeatable; default: the pathway employer)',
      collect,
    )
    .option('--hired-component <id>', 'a pathway component that marks a hire')
    .option(
      '--documents <map>',
      'JSON map { "URL or DID": "path/to/document.json" }: issuer keys, DID documents, status lists',
    )
    .option('--now <iso>', 'verify as of this ISO 8601 date-time')
    .option('--allow-network', 'fetch did:web documents, issuer keys and status lists over https')
    .option('--no-progress', 'no progress bar (it is shown on a terminal)')
    .addHelpText(
      'after',
      `
A cohort row: { "learnerId": "s-001", "learner": { "id"|"email"|"identifier": "..." },
  "credentials": [ {credential JSON}, "compact.VC.JWT" ], "attributes": { "campus": "North" } }
Rows that are malformed or repeat a learnerId are counted out (listed in the report); a line that
is not JSON stops the run with its line number.

Exit codes: 0 report written, 2 usage or unreadable input.

Example:
  credstack pathway outcomes --pathway pathway.json --cohort cohort.jsonl --documents documents.json --by campus --format svg --out funnel.svg
`,
    )
    .action(async (opts: OutcomesCliOptions) => {
      await runOutcomes(opts);
    });
}
