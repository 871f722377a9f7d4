#!/usr/bin/env node
// Runs every small example in examples/ as a user would: `credstack` resolved through the
// package's own exports to the built dist/ (run `npm run build` first; `npm run examples` does).
// Fails on the first example that exits non-zero. The big story, examples/demo.ts, has its own
// script (`npm run demo`).
//
// tsx honours tsconfig `paths`, and the repository's tsconfig maps `credstack` to src/ so the
// typecheck works without a build; here tsx gets a tsconfig without `paths`, so the imports go
// through package.json `exports` to dist/ exactly as in an installed package.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const tsx = join(root, 'node_modules/.bin/tsx');
if (!existsSync(join(root, 'dist/index.js')) || !existsSync(join(root, 'dist/status-store.js'))) {
  console.error('run-examples: dist/ is missing; run `npm run build` first (or `npm run examples`)');
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'credstack-examples-'));
const tsconfig = join(work, 'tsconfig.json');
writeFileSync(
  tsconfig,
  JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
);

// Arguments per example; an example absent here runs without any. Runs in one group are
// sequential (verify-badge reads a file the batch wrote); groups run two at a time, each one's
// output printed when it finishes.
const batchOut = join(work, 'batch');
const groups = [
  [['issue-badge.ts']],
  [['verify-badge.ts']],
  [['hashed-email.ts']],
  [['endorsement.ts']],
  [['revocation.ts']],
  [['pathway.ts']],
  [
    ['batch-issue-csv.ts', '--out', batchOut],
    // verify-badge from a file: the first badge the batch wrote.
    ['verify-badge.ts', () => join(batchOut, readdirSync(batchOut).sort()[0] ?? 'missing.json')],
  ],
  [['verify-server.ts', '--self-test']],
  [['kms-signer.ts']],
];
const listed = new Set(groups.flat().map(([file]) => file));
const skipped = new Set(['demo.ts', 'outcomes-demo.ts']);
for (const f of readdirSync(join(root, 'examples')).sort()) {
  // A new example runs too, even before it is listed here.
  if (f.endsWith('.ts') && !listed.has(f) && !skipped.has(f)) groups.push([[f]]);
}

const only = process.argv.slice(2);
const concurrency = Math.max(1, Number(process.env.EXAMPLES_CONCURRENCY ?? 2));
let failed = 0;
const started = Date.now();

function run(file, args) {
  return new Promise((done) => {
    const t0 = Date.now();
    const child = spawn(tsx, ['--tsconfig', tsconfig, join(root, 'examples', file), ...args], {
      cwd: root,
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const seconds = ((Date.now() - t0) / 1000).toFixed(1);
      const label = [file, ...args.map((a) => a.replaceAll(work, '$TMP'))].join(' ');
      const verdict = code === 0 ? `ok (${seconds} s)` : `FAILED: exit ${code ?? signal} (${seconds} s)`;
      process.stdout.write(`\n── examples/${label}\n${output.replace(/^npm warn.*\n/gm, '')}   ${verdict}\n`);
      if (code !== 0) failed++;
      done();
    });
  });
}

const queue = groups.filter((g) => only.length === 0 || g.some(([file]) => only.some((o) => file.startsWith(o))));
try {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let group = queue.shift(); group; group = queue.shift()) {
        for (const [file, ...rawArgs] of group) {
          await run(file, rawArgs.map((a) => (typeof a === 'function' ? a() : a)));
        }
      }
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`\n${failed === 0 ? 'all examples passed' : `${failed} example(s) failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exitCode = failed === 0 ? 0 : 1;
