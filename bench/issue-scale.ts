// Issuing at scale with status: N credentials (default 100,000), each with a status slot,
//   1. in process: issueMany on the SQLite store (one machine, one process);
//   2. the PostgreSQL job queue with 1 worker process;
//   3. the PostgreSQL job queue with 2 worker processes (as two machines would run them);
// plus the cost of one status allocation alone (SQLite; PostgreSQL sequential and 8 at once).
// Reports throughput, peak RSS (and RSS at each tenth of the run: flat means the last samples are
// no higher than the first) and milliseconds per allocation. Not a timed test.
//
//   eval "$(bash scripts/postgres-up.sh)"     # a PostgreSQL server (CREDSTACK_TEST_POSTGRES_URL)
//   npm run bench:issue-scale                  # 100,000 credentials per scenario
//   npm run bench:issue-scale -- --count 10000 --json
//   npm run bench:issue-scale -- --only sqlite,alloc      (scenarios: alloc, sqlite, queue1, queue2)
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { issueMany } from '../src/issue/index.js';
import {
  enqueueIssuance,
  initStatusStore,
  issuanceProgress,
  type RosterRow,
} from '../src/status/store/index.js';
import { createFixture, credentialWith } from './fixtures.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const count = arg('count', 100_000);
const allocations = arg('allocations', 5_000);
const concurrency = arg('concurrency', 16);
const json = args.includes('--json');
// --only sqlite,queue1,queue2 runs some scenarios (and skips the allocation timings unless 'alloc' is listed).
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(args[onlyAt + 1]!.split(',')) : undefined;
const runs = (name: string) => only === undefined || only.has(name);
const gc = (globalThis as { gc?: () => void }).gc;
const server = process.env.CREDSTACK_BENCH_POSTGRES_URL ?? process.env.CREDSTACK_TEST_POSTGRES_URL;
if (!server) {
  process.stderr.write(
    'bench:issue-scale needs a PostgreSQL server: eval "$(bash scripts/postgres-up.sh)"\n',
  );
  process.exit(2);
}
const log = (s: string) => {
  if (!json) process.stderr.write(`${s}\n`);
};

const fx = await createFixture();
const { id: _id, ...template } = credentialWith(1, fx.key.controller);
const idOf = (i: number) => `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const recipientOf = (i: number) => `did:example:learner-${i}`;
const dir = mkdtempSync(join(tmpdir(), 'credstack-bench-scale-'));
const keyFile = join(dir, 'key.json');
writeFileSync(keyFile, JSON.stringify(fx.key));
const URL1 = 'https://school.example/status/1';
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

async function database(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `credstack_bench_${process.pid}_${Math.floor(Math.random() * 1e9)}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(server!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const a = new pg.Client({ connectionString: server });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

interface Result {
  scenario: string;
  credentials: number;
  seconds: number;
  perSecond: number;
  peakRssMB: number;
  rssSamplesMB: number[];
  /** In-process runs: the heap after a full GC at each tenth (run with --expose-gc), flat when nothing is retained. */
  heapSamplesMB?: number[];
}

// ── allocation alone ────────────────────────────────────────────────────────────────────────
async function allocationCost() {
  const out: Record<string, { msPerAllocation: number; perSecond: number }> = {};
  const sqlite = await initStatusStore(join(dir, 'alloc.sqlite'), { url: URL1 });
  let t = performance.now();
  for (let i = 0; i < allocations; i++) await sqlite.allocate(idOf(i));
  let ms = performance.now() - t;
  out['SQLite, one process'] = { msPerAllocation: ms / allocations, perSecond: (allocations / ms) * 1000 };
  await sqlite.close();

  const db = await database();
  try {
    const store = await initStatusStore(db.url, { url: URL1, poolSize: 8 });
    t = performance.now();
    for (let i = 0; i < allocations; i++) await store.allocate(idOf(i));
    ms = performance.now() - t;
    out['PostgreSQL, sequential'] = {
      msPerAllocation: ms / allocations,
      perSecond: (allocations / ms) * 1000,
    };
    t = performance.now();
    let next = allocations;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < 2 * allocations) await store.allocate(idOf(next++));
      }),
    );
    ms = performance.now() - t;
    out['PostgreSQL, 8 at once'] = {
      msPerAllocation: ms / allocations,
      perSecond: (allocations / ms) * 1000,
    };
    await store.close();
  } finally {
    await db.drop();
  }
  return out;
}

// ── 1. issueMany on SQLite ──────────────────────────────────────────────────────────────────
async function inProcess(): Promise<Result> {
  const store = await initStatusStore(join(dir, 'issue.sqlite'), { url: URL1, issuer: fx.key.controller });
  const samples: number[] = [];
  const heap: number[] = [];
  const step = Math.max(1, Math.floor(count / 10));
  function* unsigned() {
    for (let i = 0; i < count; i++) {
      yield {
        ...template,
        id: idOf(i),
        credentialSubject: { ...(template.credentialSubject as object), id: recipientOf(i) },
      };
    }
  }
  const started = performance.now();
  let done = 0;
  for await (const r of issueMany(unsigned(), { key: fx.key, statusList: store, concurrency })) {
    if (!r.ok) throw r.error;
    if (++done % step === 0) {
      samples.push(mb(process.memoryUsage().rss));
      if (gc) {
        gc();
        heap.push(mb(process.memoryUsage().heapUsed));
      }
      log(
        `  issueMany/SQLite ${done.toLocaleString('en')} — RSS ${samples.at(-1)} MB${gc ? `, heap after GC ${heap.at(-1)} MB` : ''}`,
      );
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await store.close();
  return {
    scenario: 'issueMany, SQLite store, 1 process',
    credentials: count,
    seconds,
    perSecond: count / seconds,
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    rssSamplesMB: samples,
    ...(gc ? { heapSamplesMB: heap } : {}),
  };
}

// ── 2–3. the PostgreSQL queue with k workers ────────────────────────────────────────────────
function rssOf(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function queue(workers: number): Promise<Result & { enqueueSeconds: number }> {
  const db = await database();
  const children: ChildProcess[] = [];
  try {
    await (await initStatusStore(db.url, { url: URL1, issuer: fx.key.controller })).close();
    const rows = function* (): Generator<RosterRow> {
      for (let i = 0; i < count; i++) yield { id: idOf(i), recipient: recipientOf(i) };
    };
    let t = performance.now();
    const { batch } = await enqueueIssuance({ queue: db.url, template, rows: rows(), batch: 'bench' });
    const enqueueSeconds = (performance.now() - t) / 1000;
    log(`  queue: enqueued ${count.toLocaleString('en')} jobs in ${enqueueSeconds.toFixed(1)} s`);
    t = performance.now();
    for (let w = 0; w < workers; w++) {
      children.push(
        spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            join(import.meta.dirname, '../src/cli/bin.ts'),
            'worker',
            '--queue',
            db.url,
            '--key',
            keyFile,
            '--concurrency',
            String(concurrency),
            '--poll',
            '1',
          ],
          { stdio: ['ignore', 'ignore', 'inherit'] },
        ),
      );
    }
    const peak = new Map<number, number>();
    const samples: number[] = [];
    let nextSample = count / 10;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1000));
      for (const c of children) peak.set(c.pid!, Math.max(peak.get(c.pid!) ?? 0, rssOf(c.pid!)));
      const [p] = await issuanceProgress(db.url, { batch });
      if (p!.issued >= nextSample || p!.issued + p!.failed >= count) {
        samples.push(Math.max(...children.map((c) => mb(rssOf(c.pid!)))));
        log(
          `  queue/${workers} worker(s) ${p!.issued.toLocaleString('en')} — worker RSS ${samples.at(-1)} MB`,
        );
        nextSample += count / 10;
      }
      if (p!.failed > 0) throw new Error(`${p!.failed} jobs failed: ${JSON.stringify(p!.failures[0])}`);
      if (p!.issued >= count) break;
    }
    const seconds = (performance.now() - t) / 1000;
    return {
      scenario: `PostgreSQL queue, ${workers} worker process${workers > 1 ? 'es' : ''}`,
      credentials: count,
      seconds,
      perSecond: count / seconds,
      peakRssMB: mb(Math.max(...peak.values())),
      rssSamplesMB: samples,
      enqueueSeconds,
    };
  } finally {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => new Promise((r) => (c.exitCode !== null ? r(0) : c.on('close', r)))),
    );
    await db.drop();
  }
}

log(
  `credstack issue-scale: ${count.toLocaleString('en')} credentials with status, ${cpus().length} CPUs, Node ${process.version}`,
);
try {
  let alloc: Awaited<ReturnType<typeof allocationCost>> = {};
  if (runs('alloc')) {
    log('allocation alone…');
    alloc = await allocationCost();
  }
  const results: Result[] = [];
  if (runs('sqlite')) {
    log('1. issueMany on SQLite…');
    results.push(await inProcess());
  }
  if (runs('queue1')) {
    log('2. PostgreSQL queue, 1 worker…');
    results.push(await queue(1));
  }
  if (runs('queue2')) {
    log('3. PostgreSQL queue, 2 workers…');
    results.push(await queue(2));
  }
  if (json) {
    process.stdout.write(
      `${JSON.stringify({ count, cpus: cpus().length, node: process.version, allocation: alloc, results }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(
      '\n| scenario | credentials | time | credentials/s | peak RSS | RSS at each tenth (MB) |\n|---|---:|---:|---:|---:|---|\n',
    );
    for (const r of results) {
      process.stdout.write(
        `| ${r.scenario} | ${r.credentials.toLocaleString('en')} | ${r.seconds.toFixed(0)} s | ${r.perSecond.toFixed(0)} | ${r.peakRssMB} MB | ${r.rssSamplesMB.join(', ')}${r.heapSamplesMB ? ` (heap after GC: ${r.heapSamplesMB.join(', ')})` : ''} |\n`,
      );
    }
    process.stdout.write(
      '\n| status allocation alone | ms per allocation | allocations/s |\n|---|---:|---:|\n',
    );
    for (const [k, v] of Object.entries(alloc)) {
      process.stdout.write(`| ${k} | ${v.msPerAllocation.toFixed(2)} | ${v.perSecond.toFixed(0)} |\n`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
