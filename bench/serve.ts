// `credstack serve` under load: autocannon on loopback against the built CLI in its own process
// (so the load generator does not share its event loop), the realistic OB 3.0 credential of
// bench/fixtures.ts (one alignment, a rubric ResultDescription, a Result) issued with
// eddsa-rdfc-2022 and verified, at 1, 16 and 64 connections; then 100,000 verify requests while
// the server's resident memory is sampled, to show it stays flat.
//
//   npm run build && npm run bench:serve               the table and the memory line
//   npm run bench:serve -- --duration 5 --soak 100000  seconds per cell, requests in the soak
//   npm run bench:serve -- --json
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realisticCredentialWith } from './fixtures.js';

interface Histogram {
  average: number;
  p50: number;
  p99: number;
}
interface Result {
  requests: Histogram & { total: number };
  latency: Histogram;
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<Result>;

const args = process.argv.slice(2);
const value = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const duration = value('--duration', 5);
const soak = value('--soak', 100_000);
const json = args.includes('--json');
const root = fileURLToPath(new URL('..', import.meta.url));
const autocannon = (await import('autocannon' as string)).default as Autocannon;

const dir = mkdtempSync(join(tmpdir(), 'credstack-bench-serve-'));
writeFileSync(
  join(dir, 'config.json'),
  JSON.stringify({ limits: { ratePerMinute: false }, logLevel: 'silent' }),
);
const server = spawn(
  process.execPath,
  [
    join(root, 'dist/cli.js'),
    'serve',
    '--config',
    join(dir, 'config.json'),
    '--port',
    '0',
    '--data-dir',
    join(dir, 'data'),
  ],
  { stdio: ['ignore', 'pipe', 'inherit'] },
);
process.on('exit', () => {
  server.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});
const base: string = await new Promise((done, fail) => {
  let out = '';
  server.stdout!.on('data', (chunk) => {
    out += chunk;
    if (out.includes('\n')) done(out.split('\n')[0]!.trim());
  });
  server.once('exit', (code) => fail(new Error(`credstack serve exited with ${code}`)));
});

const issuers = (await (await fetch(`${base}/issuers`)).json()) as { id: string; name: string }[];
const eddsa = issuers.find((i) => i.name === 'eddsa')!.id;
const credential = realisticCredentialWith(1, eddsa);
const issueBody = JSON.stringify({ credential });
const issued = await fetch(`${base}/eddsa/credentials/issue`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: issueBody,
});
if (issued.status !== 201) throw new Error(`issue answered ${issued.status}: ${await issued.text()}`);
const verifyBody = JSON.stringify({ verifiableCredential: (await issued.json()).verifiableCredential });
const check = await fetch(`${base}/credentials/verify`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: verifyBody,
});
if (check.status !== 200) throw new Error(`verify answered ${check.status}: ${await check.text()}`);

const rssMB = () => {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
};

const rows: Record<string, unknown>[] = [];
for (const [name, path, body] of [
  ['verify', '/credentials/verify', verifyBody],
  ['issue', '/eddsa/credentials/issue', issueBody],
] as const) {
  for (const connections of [1, 16, 64]) {
    const result = await autocannon({
      url: `${base}${path}`,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections,
      duration,
    });
    const failures = result.non2xx + result.errors + result.timeouts;
    if (failures > 0) throw new Error(`${name} at ${connections}: ${failures} failed requests`);
    rows.push({
      endpoint: name,
      connections,
      'requests/s': Math.round(result.requests.average),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
    });
  }
}

// Memory over a long run: RSS after a warm-up, then sampled every second during `soak` requests.
await autocannon({
  url: `${base}/credentials/verify`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: verifyBody,
  connections: 16,
  amount: 2000,
});
const before = rssMB();
const samples: number[] = [];
const timer = setInterval(() => samples.push(rssMB()), 1000);
const long = await autocannon({
  url: `${base}/credentials/verify`,
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: verifyBody,
  connections: 16,
  amount: soak,
});
clearInterval(timer);
const after = rssMB();
const memory = {
  requests: long.requests.total,
  failed: long.non2xx + long.errors + long.timeouts,
  rssBeforeMB: Math.round(before),
  rssPeakMB: Math.round(Math.max(before, ...samples)),
  rssAfterMB: Math.round(after),
};

if (json) {
  console.log(JSON.stringify({ node: process.version, rows, memory }, null, 2));
} else {
  console.log(
    `credstack serve on loopback (${process.version}, ${duration} s per cell, realistic OB 3.0 credential, eddsa-rdfc-2022)\n`,
  );
  console.log('| endpoint | connections | requests/s | p50 ms | p99 ms |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const row of rows)
    console.log(
      `| ${row.endpoint} | ${row.connections} | ${row['requests/s']} | ${row['p50 ms']} | ${row['p99 ms']} |`,
    );
  console.log(
    `\n${memory.requests} verify requests (${memory.failed} failed): RSS ${memory.rssBeforeMB} MB before, ${memory.rssPeakMB} MB peak, ${memory.rssAfterMB} MB after`,
  );
}
process.exit(0);
