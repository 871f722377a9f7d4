// Cold start: a fresh `node` process imports credstack's verify entry and verifies one signed
// credential (eddsa-rdfc-2022, did:key, offline). Measured from spawn to exit (wall) and as the
// child's peak resident set size. The package is built first (bench/build-package.ts: tsup with the
// library block of tsup.config.ts, so the chunks are the ones the package ships) and laid out as an
// installed package, `node_modules/credstack/{package.json,dist}` under node_modules/.cache, so the
// numbers do not depend on a stale dist/ and the child resolves `credstack/verify` the way an
// application does (through the package's `exports`; its `"type": "module"` spares Node from
// guessing each chunk's module format, which it does for .js files outside a package scope).
//
//   npm run bench:cold                 median of 7 runs, credstack and the reference stack, with the
//                                      phases inside the process (start, import, 1st and 2nd verify)
//   npm run bench:cold -- --json       machine-readable
//   npm run bench:cold -- --runs 15
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CREATED, createFixture, credentialWith, NOW } from './fixtures.js';
import { signDataIntegrity } from '../src/proof/index.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 7;
const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'node_modules/.cache/credstack-bench');
rmSync(out, { recursive: true, force: true }); // no stale chunks of an earlier build
const installed = join(out, 'node_modules/credstack');
mkdirSync(installed, { recursive: true });
copyFileSync(join(root, 'package.json'), join(installed, 'package.json'));
// the application's own package: without one, the scripts' package scope would be this repository,
// whose name makes `credstack/verify` a self-reference to ./dist
writeFileSync(join(out, 'package.json'), '{ "name": "cold-start", "private": true, "type": "module" }\n');

const GOAL = { wallMs: 150, rssMB: 80 };

async function prepare(): Promise<{ ours: string; reference: string; bare: string }> {
  const built = spawnSync(
    process.execPath,
    [...process.execArgv, join(root, 'bench/build-package.ts'), join(installed, 'dist')],
    {
      stdio: 'inherit',
    },
  );
  if (built.status !== 0) throw new Error('building the package failed');
  const fx = await createFixture();
  const signed = await signDataIntegrity(credentialWith(1, fx.key.controller), {
    signer: fx.signer,
    cryptosuite: 'eddsa-rdfc-2022',
    documentLoader: fx.documentLoader,
    created: CREATED,
  });
  writeFileSync(join(out, 'credential.json'), JSON.stringify(signed));
  // Phases inside the child (`now()`: milliseconds since the process started): node's own start,
  // importing, the first verification and, in separate runs (`--second`, so that the timed process
  // does exactly what the goal says: import, verify one credential, exit), a second one: what a warm
  // process pays. Timed with process.uptime, not performance.now: the `performance` global loads
  // node:perf_hooks on first use (~2.5 ms here), a cost of measuring that credstack never has.
  // Peak RSS from /proc/self/status (VmHWM: this process's own peak) where there is one:
  // getrusage's maxRSS can carry over the memory of the process the child was forked from.
  const now = 'const now = () => process.uptime() * 1000;';
  const report = `const hwm = (() => { try { return Number(/VmHWM:\\s*(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))[1]); } catch { return process.resourceUsage().maxRSS; } })();
process.stdout.write(JSON.stringify({ verified, maxRssKB: hwm, phases }));`;
  const ours = join(out, 'cold-ours.mjs');
  writeFileSync(
    ours,
    `import { readFileSync } from 'node:fs';
const credential = JSON.parse(readFileSync(${JSON.stringify(join(out, 'credential.json'))}, 'utf8'));
${now}
const t0 = now();
const { verifyCredential } = await import('credstack/verify');
const t1 = now();
const result = await verifyCredential(credential, { now: ${JSON.stringify(NOW)} });
const t2 = now();
const again = process.argv.includes('--second') ? await verifyCredential(credential, { now: ${JSON.stringify(NOW)} }) : result;
const phases = { start: t0, import: t1 - t0, first: t2 - t1, second: now() - t2 };
const verified = result.verified && again.verified;
${report}\n`,
  );
  const reference = join(out, 'cold-reference.mjs');
  writeFileSync(
    reference,
    `import { readFileSync } from 'node:fs';
const credential = JSON.parse(readFileSync(${JSON.stringify(join(out, 'credential.json'))}, 'utf8'));
${now}
const t0 = now();
const vc = await import('@digitalbazaar/vc');
const { DataIntegrityProof } = await import('@digitalbazaar/data-integrity');
const { cryptosuite } = await import('@digitalbazaar/eddsa-rdfc-2022-cryptosuite');
const Ed25519Multikey = await import('@digitalbazaar/ed25519-multikey');
const DidKey = await import('@digitalbazaar/did-method-key');
const contexts = JSON.parse(readFileSync(${JSON.stringify(join(out, 'contexts.json'))}, 'utf8'));
const driver = DidKey.driver();
driver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
const documentLoader = async (url) => contexts[url] ? { contextUrl: null, documentUrl: url, document: contexts[url] }
  : { contextUrl: null, documentUrl: url, document: await driver.get({ url }) };
const t1 = now();
const check = () => vc.verifyCredential({ credential, suite: new DataIntegrityProof({ cryptosuite }), documentLoader,
  checkStatus: async () => ({ verified: true }), now: ${JSON.stringify(NOW)} });
const result = await check();
const t2 = now();
const again = process.argv.includes('--second') ? await check() : result;
const phases = { start: t0, import: t1 - t0, first: t2 - t1, second: now() - t2 };
const verified = result.verified && again.verified;
${report}\n`,
  );
  const { BUNDLED_CONTEXTS } = await import('../src/contexts/bundled.js');
  writeFileSync(join(out, 'contexts.json'), JSON.stringify(Object.fromEntries(BUNDLED_CONTEXTS)));
  const bare = join(out, 'cold-bare.mjs');
  writeFileSync(
    bare,
    `import { readFileSync } from 'node:fs';\nconst verified = true;\n${now}\nconst phases = { start: now(), import: 0, first: 0, second: 0 };\n${report}\n`,
  );
  return { ours, reference, bare };
}

interface Phases {
  start: number;
  import: number;
  first: number;
  second: number;
}

interface Sample {
  wallMs: number;
  rssMB: number;
  phases: Phases;
}

// The children get the environment minus what makes every node process slower before it runs a line:
// NODE_EXTRA_CA_CERTS (this sandbox points it at a CA bundle that node parses at boot, ~45 ms) and
// NODE_OPTIONS. The baseline row is measured the same way.
const childEnv = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS' && k !== 'NODE_OPTIONS'),
);

function once(script: string, ...args: string[]): Sample {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, [script, ...args], { cwd: out, encoding: 'utf8', env: childEnv });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.status !== 0) throw new Error(`${script} failed: ${child.stderr}`);
  const { verified, maxRssKB, phases } = JSON.parse(child.stdout) as {
    verified: boolean;
    maxRssKB: number;
    phases: Phases;
  };
  if (!verified) throw new Error(`${script}: the credential did not verify`);
  return { wallMs, rssMB: maxRssKB / 1024, phases };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const scripts = await prepare();
const results: Record<string, { wallMs: number; rssMB: number; minWallMs: number; phases: Phases }> = {};
const all: Record<string, Sample[]> = { bare: [], credstack: [], reference: [] };
const seconds: Record<string, number[]> = { bare: [], credstack: [], reference: [] };
// interleaved, so a busy moment of the machine hits all alike
for (let i = 0; i < runs; i++) {
  all.bare!.push(once(scripts.bare));
  all.credstack!.push(once(scripts.ours));
  all.reference!.push(once(scripts.reference));
  seconds.credstack!.push(once(scripts.ours, '--second').phases.second);
  seconds.reference!.push(once(scripts.reference, '--second').phases.second);
}
for (const [name, samples] of Object.entries(all)) {
  results[name] = {
    wallMs: median(samples.map((s) => s.wallMs)),
    minWallMs: Math.min(...samples.map((s) => s.wallMs)),
    rssMB: median(samples.map((s) => s.rssMB)),
    phases: {
      start: median(samples.map((s) => s.phases.start)),
      import: median(samples.map((s) => s.phases.import)),
      first: median(samples.map((s) => s.phases.first)),
      second: name === 'bare' ? 0 : median(seconds[name]!),
    },
  };
}
const ours = results.credstack!;
const met = { wall: ours.wallMs <= GOAL.wallMs, rss: ours.rssMB <= GOAL.rssMB };
if (json) {
  console.log(JSON.stringify({ runs, goal: GOAL, results, met }, null, 2));
} else {
  console.log(
    '| process (fresh node, verify one credential) | wall, median | wall, best | peak RSS | node start | import | 1st verify | 2nd verify |',
  );
  console.log('|---|---|---|---|---|---|---|---|');
  for (const [name, r] of Object.entries(results)) {
    const label = {
      bare: 'node alone (baseline)',
      credstack: 'credstack/verify',
      reference: '@digitalbazaar/vc',
    }[name];
    const p = r.phases;
    const phase = (ms: number) => (name === 'bare' ? '–' : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
    console.log(
      `| ${label} | ${r.wallMs.toFixed(0)} ms | ${r.minWallMs.toFixed(0)} ms | ${r.rssMB.toFixed(0)} MB | ${p.start.toFixed(0)} ms | ${phase(p.import)} | ${phase(p.first)} | ${phase(p.second)} |`,
    );
  }
  console.log(
    `\ngoal ≤ ${GOAL.wallMs} ms wall: ${met.wall ? 'met' : 'NOT met'}; ≤ ${GOAL.rssMB} MB peak RSS: ${met.rss ? 'met' : 'NOT met'} (${runs} runs)`,
  );
}
