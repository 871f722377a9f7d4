#!/usr/bin/env node
// The consumer test: pack credstack as npm would publish it, install the tarball into a fresh
// project outside this repository, import every documented entry point from TypeScript under
// `moduleResolution` nodenext and bundler, typecheck, and run an issue → verify round trip.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

const work = mkdtempSync(join(tmpdir(), 'credstack-consumer-'));
try {
  // --ignore-scripts: CI has built dist already, and prepack's build output would corrupt --json.
  const packed = JSON.parse(run(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], root))[0];
  const tarball = join(work, packed.filename);
  console.log(`packed ${packed.filename}: ${packed.entryCount} files, ${(packed.size / 1024).toFixed(0)} KiB`);

  const app = join(work, 'app');
  run('mkdir', ['-p', app]);
  const typescript = JSON.parse(readFileSync(join(root, 'node_modules/typescript/package.json'), 'utf8')).version;
  const esbuild = JSON.parse(readFileSync(join(root, 'node_modules/esbuild/package.json'), 'utf8')).version;
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'credstack-consumer', private: true, type: 'module' }, null, 2),
  );
  // --prefer-offline: the dependencies are in the npm cache after `npm ci`; the registry is the fallback.
  run(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', tarball, `typescript@${typescript}`, `esbuild@${esbuild}`, '@types/node@20'], app);
  // The database drivers are optional peer dependencies: an app that does not ask for them
  // (a verifier, a browser bundle) never installs or builds them.
  for (const driver of ['better-sqlite3', 'pg', 'pg-boss']) {
    if (existsSync(join(app, 'node_modules', driver))) throw new Error(`${driver} was installed into a consumer that did not ask for it`);
  }

  writeFileSync(
    join(app, 'consumer.ts'),
    `import { createAchievement, createOpenBadgeCredential, generateKey, issueCredential, isCredstackError } from 'credstack';
import { verifyCredential, type VerificationResult } from 'credstack/verify';
import { bake, unbake } from 'credstack/bake';
import { createStatusEntry, MIN_LIST_SIZE } from 'credstack/status';
import { createMemoryStatusStore, openStatusStore } from 'credstack/status/store';
import { validatePathway, evaluateRule } from 'credstack/pathway';
import { didKeyDocument } from 'credstack/keys';
import { CredstackError } from 'credstack/errors';

const key = await generateKey();
const achievement = createAchievement({
  id: 'https://school.example/achievements/1',
  name: 'First Aid',
  description: 'Basic first aid.',
  criteria: { narrative: 'Passed.' },
});
const unsigned = await createOpenBadgeCredential({
  issuer: { id: key.controller, name: 'Example School' },
  achievement,
  recipient: { email: 'learner@example.org' },
});
for (const format of ['eddsa-rdfc-2022', 'vc-jwt'] as const) {
  const signed = await issueCredential(unsigned, { key, format });
  const result: VerificationResult = await verifyCredential(signed);
  if (!result.verified) throw new Error(\`\${format}: \${result.verdict}\`);
  console.log(format, result.verdict);
}
// The status store without any database driver installed: the memory store works, and the
// SQLite default says what to install (better-sqlite3 is an optional peer dependency).
const statusList = createMemoryStatusStore({ url: 'https://school.example/status/1', issuer: key.controller });
const withStatus = await issueCredential({ ...unsigned, id: 'urn:uuid:5b1f7a52-0f7e-4d55-9d0e-3c2a1b4c5d6e' }, { key, statusList });
if (!withStatus.credentialStatus) throw new Error('no credentialStatus');
const missing = await openStatusStore('status.sqlite').then(() => undefined, (e: unknown) => e);
if (!isCredstackError(missing) || missing.code !== 'ERR_STATUS_DRIVER') throw new Error(\`expected ERR_STATUS_DRIVER, got \${String(missing)}\`);
console.log('status store without drivers:', missing.code);
// One CredstackError class across entries: an error from credstack/status/store is the root's.
if (!(missing instanceof CredstackError)) throw new Error('an error of credstack/status/store is not instanceof CredstackError');
console.log('one CredstackError across entries');
const keep = [bake, unbake, createStatusEntry, MIN_LIST_SIZE, openStatusStore, validatePathway, evaluateRule, didKeyDocument, isCredstackError];
if (!(new CredstackError('ERR_INVALID_INPUT', 'x') instanceof Error) || keep.some((f) => f === undefined)) throw new Error('exports');
`,
  );
  for (const moduleResolution of ['nodenext', 'bundler']) {
    const module = moduleResolution === 'nodenext' ? 'nodenext' : 'esnext';
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify(
        {
          compilerOptions: { target: 'es2022', module, moduleResolution, strict: true, noEmit: true, skipLibCheck: false, types: ['node'] },
          files: ['consumer.ts'],
        },
        null,
        2,
      ),
    );
    run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], app);
    console.log(`typecheck ok (moduleResolution ${moduleResolution})`);
  }
  // Run it: compile with type stripping through a plain .mjs copy is not needed; tsc emits nothing,
  // so run the same code as JavaScript via Node's own TypeScript-free path: transpile with tsc.
  writeFileSync(
    join(app, 'tsconfig.emit.json'),
    JSON.stringify({ compilerOptions: { target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', outDir: 'out', types: ['node'], skipLibCheck: true }, files: ['consumer.ts'] }),
  );
  run(join(app, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.emit.json'], app);
  process.stdout.write(run(process.execPath, [join(app, 'out/consumer.js')], app));

  // Bundled with esbuild for Node, ESM and CommonJS, with the flags README "Bundling" gives: the
  // full root entry (both engines: credstack's and the reference stack, imported on demand) must
  // run from one file. credstack's own code needs no flag; two dependencies do (jsonld.js is
  // CommonJS requiring node:crypto, which an ESM bundle cannot `require` without createRequire;
  // @digitalbazaar/credentials-context reads import.meta.url, which CommonJS lacks).
  const roundTrip = (load) => `${load}
const key = await generateKey();
const achievement = createAchievement({ id: 'https://school.example/a/1', name: 'A', description: 'd', criteria: { narrative: 'n' } });
const badge = await createOpenBadgeCredential({ issuer: { id: key.controller, name: 'S' }, achievement, recipient: { id: 'did:example:learner' } });
const signed = await issueCredential(badge, { key, format: 'eddsa-rdfc-2022' });
const now = new Date(Date.now() + 60_000);
const fast = await verifyCredential(signed, { now });
const reference = await verifyCredential(signed, { now, engine: 'reference' });
if (!fast.verified || !reference.verified || reference.engine?.proof !== 'reference') throw new Error('bundle: ' + JSON.stringify([fast.verdict, reference.verdict, reference.engine]));
console.log('bundle ok:', fast.engine?.proof, reference.engine?.proof);`;
  const names = '{ createAchievement, createOpenBadgeCredential, generateKey, issueCredential, verifyCredential }';
  writeFileSync(join(app, 'bundle-esm.mjs'), roundTrip(`import ${names} from 'credstack';`));
  writeFileSync(join(app, 'bundle-cjs.cjs'), `(async () => {${roundTrip(`const ${names} = require('credstack');`)}\n})().catch((e) => { console.error(e); process.exit(1); });`);
  writeFileSync(join(app, 'import-meta-url.mjs'), "export const import_meta_url = require('node:url').pathToFileURL(__filename).href;\n");
  const esbuildBin = join(app, 'node_modules/.bin/esbuild');
  run(esbuildBin, ['bundle-esm.mjs', '--bundle', '--platform=node', '--format=esm', '--outfile=dist/esm.mjs', '--log-level=error',
    "--banner:js=import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);"], app);
  process.stdout.write(run(process.execPath, [join(app, 'dist/esm.mjs')], app));
  run(esbuildBin, ['bundle-cjs.cjs', '--bundle', '--platform=node', '--format=cjs', '--outfile=dist/cjs.cjs', '--log-level=error',
    '--inject:import-meta-url.mjs', '--define:import.meta.url=import_meta_url'], app);
  process.stdout.write(run(process.execPath, [join(app, 'dist/cjs.cjs')], app));
  console.log('consumer test passed');
} finally {
  if (!process.env.KEEP_CONSUMER) rmSync(work, { recursive: true, force: true });
}
