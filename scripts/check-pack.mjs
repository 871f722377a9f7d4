#!/usr/bin/env node
// What `npm pack` would publish: the legal and readable files (LICENSE, THIRD_PARTY_NOTICES.md,
// README.md), every entry point package.json `exports` and `bin` name, the JSON Schemas — and
// nothing from src/, test/, examples/ or the docs build. `npm pack --dry-run` only lists; nothing is written.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const [packed] = JSON.parse(
  execFileSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  }),
);
const files = new Set(packed.files.map((f) => f.path));
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));

const required = ['LICENSE', 'THIRD_PARTY_NOTICES.md', 'README.md', 'package.json', ...Object.values(pkg.bin ?? {}).map((p) => p.replace(/^\.\//, ''))];
for (const target of Object.values(pkg.exports)) {
  if (typeof target === 'string') continue; // ./schemas/*, ./package.json
  for (const file of Object.values(target)) required.push(file.replace(/^\.\//, ''));
}
const problems = required.filter((f) => !files.has(f)).map((f) => `missing: ${f}`);
if (![...files].some((f) => f.startsWith('schemas/'))) problems.push('missing: schemas/');
for (const f of files) {
  if (/^(src|test|examples|bench|scripts|docs|demo-out|coverage)\//.test(f)) problems.push(`should not be published: ${f}`);
}
// One build: every module once in dist/ (the CLI shares the library's chunks). 12 MB unpacked,
// against 25 MB when three builds each carried the contexts, validators and reference stack.
const MAX_UNPACKED = 13_000_000;
if (packed.unpackedSize > MAX_UNPACKED) {
  problems.push(`${(packed.unpackedSize / 1e6).toFixed(1)} MB unpacked, over ${MAX_UNPACKED / 1e6} MB: is a module built twice?`);
}

if (problems.length > 0) {
  for (const p of problems) console.error(`check-pack: ${p}`);
  console.error('check-pack: run `npm run build` first if dist/ files are missing');
  process.exit(1);
}
console.log(
  `check-pack: ${packed.filename}: ${files.size} files, ${(packed.size / 1024).toFixed(0)} KiB packed, ${(packed.unpackedSize / 1e6).toFixed(1)} MB unpacked (LICENSE, notices, README.md, ${required.length - 4} entry files, schemas)`,
);
