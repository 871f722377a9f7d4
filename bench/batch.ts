// Batch issuing and verifying with flat memory: credentials are generated on the fly, issued with
// issueMany, and the signed stream is piped straight into verifyMany — nothing is kept. Memory
// (RSS, heap) is sampled every 10% of the run; flat memory means the last samples are no higher
// than the first ones, whatever the count.
//
//   npm run bench:batch                        100,000 issued, 100,000 verified
//   npm run bench:batch -- --count 20000 --verify 2000 --concurrency 64 --json
import { issueMany } from '../src/issue/index.js';
import { verifyMany } from '../src/verify/index.js';
import { createFixture, credentialWith, NOW } from './fixtures.js';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const count = arg('count', 100_000);
const verifyCount = Math.min(arg('verify', count), count);
const concurrency = arg('concurrency', 32);
const json = args.includes('--json');

const fx = await createFixture();
const template = credentialWith(1, fx.key.controller);

function* credentials(n: number) {
  for (let i = 0; i < n; i++) {
    yield { ...template, id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}` };
  }
}

interface Sample {
  done: number;
  rssMB: number;
  heapMB: number;
}

function sampler(total: number, samples: Sample[]) {
  const step = Math.max(1, Math.floor(total / 10));
  return ({ done }: { done: number }) => {
    if (done % step !== 0 && done !== total) return;
    const m = process.memoryUsage();
    samples.push({ done, rssMB: m.rss / 2 ** 20, heapMB: m.heapUsed / 2 ** 20 });
    if (!json)
      process.stderr.write(
        `  ${done.toLocaleString('en')} — RSS ${(m.rss / 2 ** 20).toFixed(0)} MB, heap ${(m.heapUsed / 2 ** 20).toFixed(0)} MB\n`,
      );
  };
}

const issueSamples: Sample[] = [];
const verifySamples: Sample[] = [];
let issued = 0;
let verified = 0;
let failed = 0;

// Issue `count`; the first `verifyCount` signed credentials flow on into verifyMany.
const t0 = performance.now();
let issueEnd = 0;
async function* signedStream() {
  for await (const r of issueMany(credentials(count), {
    signer: fx.signer,
    controller: fx.key.controller,
    created: '2025-01-01T00:00:00Z',
    documentLoader: fx.documentLoader,
    concurrency,
    progressEvery: 1,
    onProgress: sampler(count, issueSamples),
  })) {
    if (!r.ok) throw r.error;
    issued++;
    if (issued <= verifyCount) yield r.credential;
  }
  issueEnd = performance.now();
}

if (!json)
  process.stderr.write(
    `issuing ${count.toLocaleString('en')} and verifying ${verifyCount.toLocaleString('en')} (concurrency ${concurrency})\n`,
  );
let v0 = 0;
for await (const { result } of verifyMany(signedStream(), {
  now: NOW,
  concurrency,
  progressEvery: 1,
  onProgress: sampler(verifyCount, verifySamples),
})) {
  if (v0 === 0) v0 = performance.now();
  if (result.verified) verified++;
  else failed++;
}
const t1 = performance.now();
// issuing and verifying overlap; the rates below are each over the whole run they took part in
const report = {
  count,
  verifyCount,
  concurrency,
  issued,
  verified,
  failed,
  seconds: (t1 - t0) / 1000,
  issuePerSecond: issued / (((issueEnd || t1) - t0) / 1000),
  verifyPerSecond: verifyCount / ((t1 - t0) / 1000),
  memory: { issue: issueSamples, verify: verifySamples },
};
if (json) console.log(JSON.stringify(report, null, 2));
else {
  const flat = (s: Sample[]) =>
    s.length < 3
      ? 'n/a'
      : `${s[1]!.rssMB.toFixed(0)} MB at 10% → ${s.at(-1)!.rssMB.toFixed(0)} MB at 100% (RSS)`;
  console.log(
    `issued ${issued.toLocaleString('en')}, verified ${verified.toLocaleString('en')}, failed ${failed}`,
  );
  console.log(
    `total ${report.seconds.toFixed(1)} s; issue ${report.issuePerSecond.toFixed(0)}/s; verify ${report.verifyPerSecond.toFixed(0)}/s (pipelined)`,
  );
  console.log(`memory while issuing: ${flat(issueSamples)}; while verifying: ${flat(verifySamples)}`);
}
