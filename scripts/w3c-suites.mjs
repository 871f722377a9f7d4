// Runs the W3C VC Working Group's conformance suites (../shared/w3c: vc-di-eddsa, vc-di-ecdsa
// with ecdsa-rdfc-2019 and ecdsa-sd-2023, vc-data-model-2.0) against `credstack serve` started
// here on 127.0.0.1 over https (a throwaway self-signed certificate), and fails when a count
// falls below the figures recorded in scripts/w3c-expected.json.
//
//   npm run build && node scripts/w3c-suites.mjs [--work DIR] [--record]
//
// --work keeps the suites' npm install between runs (default .tmp/w3c-work); --record writes the
// counts of this run as the new figures (after checking the failures are the accepted quirks).
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name) => {
  const i = args.indexOf(name);
  return i === -1 ? undefined : args[i + 1];
};
const work = resolve(option('--work') ?? join(root, '.tmp/w3c-work'));
const runner = resolve(root, '../shared/w3c/run.sh');
const expectedFile = join(root, 'scripts/w3c-expected.json');
if (!existsSync(runner)) {
  console.error(`w3c-suites: ${runner} is missing (the suites live in ../shared/w3c)`);
  process.exit(2);
}
if (!existsSync(join(root, 'dist/cli.js'))) {
  console.error('w3c-suites: build first (npm run build)');
  process.exit(2);
}

const scratch = mkdtempSync(join(tmpdir(), 'credstack-w3c-'));
mkdirSync(work, { recursive: true });
execFileSync(
  'openssl',
  ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '2',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-keyout', join(scratch, 'key.pem'), '-out', join(scratch, 'cert.pem')],
  { stdio: 'ignore' },
);
// No rate limit: the suites send a few hundred requests in seconds.
writeFileSync(join(scratch, 'credstack.config.json'), JSON.stringify({ limits: { ratePerMinute: false }, logLevel: 'warn' }));

const server = spawn(
  process.execPath,
  [join(root, 'dist/cli.js'), 'serve', '--config', join(scratch, 'credstack.config.json'), '--port', '0',
    '--tls-cert', join(scratch, 'cert.pem'), '--tls-key', join(scratch, 'key.pem'), '--data-dir', join(scratch, 'data')],
  { stdio: ['ignore', 'pipe', 'pipe'] },
);
let serverLog = '';
server.stderr.on('data', (chunk) => {
  serverLog += chunk;
});
const stop = () => {
  if (server.exitCode === null) server.kill('SIGTERM');
};
process.on('exit', () => {
  stop();
  rmSync(scratch, { recursive: true, force: true });
});

const base = await new Promise((done, fail) => {
  let out = '';
  const timer = setTimeout(() => fail(new Error(`credstack serve did not start:\n${serverLog}`)), 30_000);
  server.stdout.on('data', (chunk) => {
    out += chunk;
    const line = out.split('\n')[0];
    if (out.includes('\n')) {
      clearTimeout(timer);
      done(line.trim());
    }
  });
  server.once('exit', (code) => fail(new Error(`credstack serve exited (${code}):\n${serverLog}`)));
});
console.error(`w3c-suites: credstack serve at ${base}`);

// The suites' own https agent accepts the self-signed certificate; this script's fetch must too.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
const issuers = await (await fetch(`${base}/issuers`)).json();
delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
const byName = Object.fromEntries(issuers.map((issuer) => [issuer.name, issuer]));
for (const name of ['eddsa', 'ecdsa', 'ecdsa-sd'])
  if (!byName[name]) throw new Error(`GET /issuers lists no ${name} issuer: ${JSON.stringify(issuers)}`);

const both = { vc: ['1.1', '2.0'] };
const config = {
  settings: { enableInteropTests: false, testAllImplementations: false },
  implementations: [
    {
      name: 'credstack',
      implementation: 'credstack',
      issuers: [
        { id: byName.eddsa.id, endpoint: byName.eddsa.endpoint, supports: both, tags: ['eddsa-rdfc-2022', 'vc2.0'] },
        { id: byName.ecdsa.id, endpoint: byName.ecdsa.endpoint, supports: both, supportedEcdsaKeyTypes: ['P-256'], tags: ['ecdsa-rdfc-2019'] },
        { id: byName['ecdsa-sd'].id, endpoint: byName['ecdsa-sd'].endpoint, supports: both, supportedEcdsaKeyTypes: ['P-256'], tags: ['ecdsa-sd-2023'] },
      ],
      verifiers: [
        {
          id: `${base}/verifier`,
          endpoint: `${base}/credentials/verify`,
          supports: both,
          supportedEcdsaKeyTypes: ['P-256'],
          tags: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'ecdsa-sd-2023', 'vc2.0'],
        },
      ],
      vpVerifiers: [{ id: `${base}/vp-verifier`, endpoint: `${base}/presentations/verify`, supports: both, tags: ['vc2.0'] }],
      vcHolders: [{ id: `${base}/holder`, endpoint: `${base}/credentials/derive`, supports: both, tags: ['vcHolder'] }],
    },
  ],
};
const configFile = join(scratch, 'w3c-config.cjs');
writeFileSync(configFile, `module.exports = ${JSON.stringify(config, null, 2)};\n`);

const output = await new Promise((done, fail) => {
  const run = spawn('bash', [runner, '--config', configFile, '--work', work], { stdio: ['ignore', 'pipe', 'inherit'] });
  let text = '';
  run.stdout.on('data', (chunk) => {
    text += chunk;
    process.stdout.write(chunk);
  });
  run.once('error', fail);
  run.once('exit', (code) => (code === 0 ? done(text) : fail(new Error(`run.sh exited with ${code}`))));
});
stop();

const counts = {};
for (const match of output.matchAll(/^(vc-[\w.-]+-test-suite): (\d+) passed, (\d+) failed, (\d+) pending$/gm))
  counts[match[1]] = { passed: Number(match[2]), failed: Number(match[3]), pending: Number(match[4]) };

if (args.includes('--record')) {
  const figures = Object.fromEntries(Object.entries(counts).map(([suite, c]) => [suite, c.passed]));
  const recorded = existsSync(expectedFile) ? JSON.parse(readFileSync(expectedFile, 'utf8')) : {};
  writeFileSync(expectedFile, `${JSON.stringify({ ...recorded, passedAtLeast: figures }, null, 2)}\n`);
  console.log(`\nRecorded ${expectedFile}`);
  process.exit(0);
}
const expected = JSON.parse(readFileSync(expectedFile, 'utf8')).passedAtLeast;
let regressed = false;
for (const [suite, least] of Object.entries(expected)) {
  const got = counts[suite]?.passed;
  if (got === undefined || got < least) {
    regressed = true;
    console.error(`w3c-suites: ${suite} passed ${got ?? 'nothing'}, recorded ${least}`);
  }
}
if (regressed) {
  console.error(`\ncredstack serve's log:\n${serverLog.slice(-4000)}`);
  process.exit(1);
}
console.log('\nw3c-suites: every suite at or above its recorded count');
