#!/usr/bin/env node
// Browser build check for `credstack/verify` (issue 9): bundle the entry with esbuild for
// `platform: 'browser'` and fail when the bundle needs Node: an import of a Node built-in that no
// `browser` field maps away, or a free reference to a Node global (Buffer, process, ...) that a
// bundler would have to polyfill. Prints the minified and gzipped size and the biggest pieces.
//
//   node scripts/browser-bundle-check.mjs            # bundle src/verify/index.ts
//   node scripts/browser-bundle-check.mjs --dist     # bundle dist/verify.js (after npm run build)
//   node scripts/browser-bundle-check.mjs --json     # machine-readable summary on stdout
//   node scripts/browser-bundle-check.mjs --entry src/pathway/index.ts
import { existsSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    dist: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    entry: { type: 'string' },
  },
});
const entry = resolve(root, args.entry ?? (args.dist ? 'dist/verify.js' : 'src/verify/index.ts'));
if (!existsSync(entry)) {
  console.error(`browser-bundle-check: ${relative(root, entry)} does not exist${args.dist ? ' (run npm run build first)' : ''}`);
  process.exit(2);
}

// Node globals browsers lack. `require` is left out: esbuild resolves require() calls itself.
const NODE_GLOBALS = ['Buffer', 'process', 'global', '__dirname', '__filename', 'setImmediate'];
const marker = (name) => `__credstack_node_global_${name}__`;

// Free references that are known not to need a polyfill, each with the reason. The check fails on
// any other. A reference used only as `typeof X` (feature detection) is always accepted.
const ACCEPTED = [
  {
    module: 'node_modules/setimmediate/setImmediate.js',
    global: 'process',
    why: 'setimmediate polyfills setImmediate for browsers; it calls process.nextTick only after checking that global.process is the Node process object',
  },
  {
    module: 'node_modules/setimmediate/setImmediate.js',
    global: 'global',
    why: 'read only when `typeof self === "undefined"` (not in a browser)',
  },
  {
    module: 'node_modules/rdf-canonize/lib/platform-browser.js',
    global: 'setImmediate',
    why: 'the same file imports setimmediate first, which installs self.setImmediate',
  },
  {
    module: 'node_modules/serialize-error/index.js',
    global: 'Buffer',
    why: 'guarded: `typeof Buffer === "function" && Buffer.isBuffer(value)`',
  },
  {
    module: 'node_modules/base64url/dist/',
    global: 'Buffer',
    why:
      'reached through base64url-universal, whose `browser` field (lib/browser.js, no Buffer) esbuild ignores because the package also has `exports`; ' +
      'Vite honours it (the verifier page bundle has no Buffer). Only Ed25519VerificationKey2020 JWK import/export and jwkThumbprint call it; credstack verifies Ed25519Signature2020 with multibase keys',
  },
];

const problems = [];
const notes = [];

// Built-in imports: let esbuild resolve them as it would (so a package's `browser` field that maps
// `crypto` to false is honoured), and record anything that is not mapped away.
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
// `record` is false for the size build, which only needs the same resolution.
const builtinPlugin = (record) => ({
  name: 'node-builtins',
  setup(b) {
    b.onResolve({ filter: /.*/ }, async (a) => {
      if (a.pluginData?.probe || !(builtins.has(a.path) || a.path.startsWith('node:'))) return undefined;
      const importer = relative(root, a.importer);
      const r = await b.resolve(a.path, {
        kind: a.kind,
        importer: a.importer,
        resolveDir: a.resolveDir,
        pluginData: { probe: true },
      });
      if (r.errors.length > 0) {
        if (record) problems.push(`${importer} imports Node built-in '${a.path}'`);
        return { path: a.path, external: true };
      }
      if (r.namespace === 'file') {
        if (record) problems.push(`${importer} imports Node built-in '${a.path}', bundled as ${relative(root, r.path)} (a polyfill)`);
        return r;
      }
      // esbuild gives a module the browser field maps to `false` an empty namespace: it is dropped.
      if (record) notes.push(`${importer} imports '${a.path}', which its package's browser field maps away (empty module)`);
      return undefined;
    });
  },
});

const common = {
  absWorkingDir: root, // metafile paths are relative to it
  entryPoints: [entry],
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  write: false,
  logLevel: 'silent',
  metafile: true,
};

let analysed;
try {
  analysed = await build({
    ...common,
    plugins: [builtinPlugin(true)],
    define: Object.fromEntries(NODE_GLOBALS.map((g) => [g, marker(g)])),
  });
} catch (error) {
  for (const e of error.errors ?? [error]) {
    problems.push(e.text ? `${e.location?.file ?? ''}: ${e.text}` : String(e));
  }
}

// Free references to Node globals: `define` rewrote them (and only free ones) to markers; the
// unminified output names each module in a `// path` comment before its code.
const usages = [];
if (analysed) {
  let mod = '?';
  for (const line of analysed.outputFiles[0].text.split('\n')) {
    const header = line.match(/^\/\/ (\S+)$/);
    if (header) mod = header[1];
    for (const m of line.matchAll(/(typeof\s+)?__credstack_node_global_(\w+?)__/g)) {
      if (m[1]) continue;
      const global = m[2];
      const accepted = ACCEPTED.find((a) => a.global === global && mod.startsWith(a.module));
      const code = line.trim().replace(/__credstack_node_global_(\w+?)__/g, '$1').slice(0, 120);
      usages.push({ module: mod, global, accepted: accepted?.why, line: code });
    }
  }
  for (const u of usages) if (!u.accepted) problems.push(`${u.module} uses the Node global ${u.global}: ${u.line}`);

  // Bundle isolation (STYLE 15): verifying must not pull in issuing, the CLI or the Node-only store.
  for (const input of Object.keys(analysed.metafile.inputs)) {
    if (/^src\/(cli|issue)\/|^src\/status\/store\//.test(input)) {
      problems.push(`${input} is in the verify bundle (verify must not pull issue, cli or status/store)`);
    }
  }
}

let sizes;
let initialSizes;
let pieces = [];
if (analysed) {
  // Split as an app's bundler splits: what the verifier imports lazily (most schema validators, image
  // decoders, status lists, JWT code) is a chunk a page fetches only when a credential needs it.
  const minified = await build({
    ...common,
    minify: true,
    splitting: true,
    outdir: resolve(root, 'node_modules/.cache/browser-bundle-check'),
    plugins: [builtinPlugin(false)],
  });
  const measure = (files) => {
    const code = Buffer.concat(files.map((f) => f.contents));
    return {
      minified: code.byteLength,
      gzip: files.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).byteLength, 0),
      brotli: files.reduce(
        (n, f) => n + brotliCompressSync(f.contents, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).byteLength,
        0,
      ),
    };
  };
  const outputs = minified.metafile.outputs;
  const byPath = new Map(minified.outputFiles.map((f) => [relative(root, f.path), f]));
  // dynamic imports are entry points of their own in the metafile: find the one given
  const entryOut = Object.keys(outputs).find((o) => outputs[o].entryPoint && resolve(root, outputs[o].entryPoint) === entry);
  const initial = new Set();
  const visit = (o) => {
    if (initial.has(o)) return;
    initial.add(o);
    for (const i of outputs[o].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
  };
  visit(entryOut);
  const js = (paths) => [...paths].filter((o) => o.endsWith('.js')).map((o) => byPath.get(o)).filter(Boolean);
  sizes = measure(js(Object.keys(outputs)));
  initialSizes = measure(js(initial));
  const groups = new Map();
  for (const o of initial) {
    for (const [file, { bytesInOutput }] of Object.entries(outputs[o].inputs)) {
      groups.set(groupOf(file), (groups.get(groupOf(file)) ?? 0) + bytesInOutput);
    }
  }
  pieces = [...groups].sort((a, b) => b[1] - a[1]).map(([name, bytes]) => ({ name, bytes }));
}

function groupOf(file) {
  if (/^schemas\/.*\.json$/.test(file)) return 'JSON Schemas (schemas/*.json)';
  if (file.startsWith('src/contexts/')) return 'JSON-LD contexts (src/contexts)';
  if (file.startsWith('src/schema/generated/')) return 'precompiled JSON Schema validators (src/schema/generated)';
  if (/node_modules\/(ajv|ajv-formats|fast-uri|json-schema-traverse|fast-deep-equal)\//.test(file)) return 'ajv (schema compiler + formats)';
  if (/node_modules\/(jsonld|rdf-canonize|canonicalize|lru-cache|yallist|setimmediate)\//.test(file)) return 'jsonld + rdf-canonize';
  if (/node_modules\/(@noble|jose)\//.test(file)) return 'crypto (@noble, jose)';
  if (/node_modules\/(@digitalbazaar|jsonld-signatures|crypto-ld|base58-universal|base64url|base64url-universal|serialize-error|ed25519-signature-2020-context)\//.test(file)) return 'Data Integrity (@digitalbazaar, jsonld-signatures)';
  if (/node_modules\/(saxes|xmlchars|fflate)\//.test(file)) return 'image unbaking (saxes, fflate)';
  if (file.startsWith('src/') || file.startsWith('dist/')) return 'credstack code';
  return 'other';
}

const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
if (args.json) {
  console.log(JSON.stringify({ entry: relative(root, entry), ok: problems.length === 0, problems, notes, usages, sizes, initialSizes, pieces }, null, 2));
} else {
  console.log(`credstack browser bundle check: ${relative(root, entry)} (esbuild, platform browser, es2022)`);
  for (const n of notes) console.log(`  note: ${n}`);
  const seen = new Set();
  for (const u of usages.filter((x) => x.accepted)) {
    if (seen.has(u.module + u.global)) continue;
    seen.add(u.module + u.global);
    console.log(`  accepted: ${u.module} uses ${u.global}: ${u.accepted}`);
  }
  if (sizes) {
    const line = (x) => `minified ${kib(x.minified)}, gzip ${kib(x.gzip)}, brotli ${kib(x.brotli)}`;
    console.log(`\n  loaded with the entry: ${line(initialSizes)}`);
    console.log(`  all chunks (lazy ones included): ${line(sizes)}`);
    console.log('  biggest pieces loaded with the entry (minified bytes before compression):');
    for (const p of pieces.slice(0, 9)) console.log(`    ${kib(p.bytes).padStart(10)}  ${p.name}`);
  }
  if (problems.length) {
    console.error(`\nFAIL: the bundle needs Node (${problems.length} problem${problems.length > 1 ? 's' : ''}):`);
    for (const p of problems) console.error(`  - ${p}`);
  } else console.log('\nOK: no Node built-ins, no unguarded Node globals');
}
process.exit(problems.length ? 1 : 0);
