#!/usr/bin/env node
// Public exports are documented with examples (STYLE.md §14). Reads TypeDoc's JSON model of the
// public entry points (typedoc.json) and lists what falls short:
//   - values (functions, on any signature; classes; constants) need a doc comment with `@example`;
//   - types (interfaces, type aliases) need a doc comment; with --strict, an `@example` too.
// The npm scripts (`docs`, `docs:check`, and so CI) pass --strict: every export, types included,
// carries an `@example`.
// Exit 1 when anything is listed.
//
//   node scripts/check-docs.mjs [--strict]            # runs typedoc --json itself
//   node scripts/check-docs.mjs [--strict] api.json   # or reads a model made before
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(new URL('..', import.meta.url).pathname);
const strict = process.argv.includes('--strict');
let file = process.argv.slice(2).find((a) => !a.startsWith('--'));
let work;
if (!file) {
  work = mkdtempSync(join(tmpdir(), 'credstack-docs-'));
  file = join(work, 'api.json');
  execFileSync(join(root, 'node_modules/.bin/typedoc'), ['--json', file, '--logLevel', 'Error'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
const project = JSON.parse(readFileSync(file, 'utf8'));
if (work) rmSync(work, { recursive: true, force: true });

// TypeDoc ReflectionKind values of the things an export can be.
const KIND = { 32: 'Variable', 64: 'Function', 128: 'Class', 256: 'Interface', 2097152: 'TypeAlias', 8: 'Enum' };
const hasExample = (comment) => Boolean(comment?.blockTags?.some((t) => t.tag === '@example'));
const hasSummary = (comment) => Boolean(comment?.summary?.some((p) => p.text.trim() !== ''));

const missing = new Map(); // name → { kind, modules, summary }
for (const mod of project.children ?? []) {
  for (const child of mod.children ?? []) {
    const kind = KIND[child.kind];
    if (!kind) continue; // references (re-exports of the same symbol) are checked at their target
    const comments = [child.comment, ...(child.signatures ?? []).map((s) => s.comment)];
    const isType = kind === 'Interface' || kind === 'TypeAlias';
    if (comments.some(hasExample) || (isType && !strict && comments.some(hasSummary))) continue;
    const entry = missing.get(child.name) ?? { kind, modules: [], summary: comments.some(hasSummary) };
    entry.modules.push(mod.name);
    missing.set(child.name, entry);
  }
}

const total = (project.children ?? []).reduce(
  (n, m) => n + (m.children ?? []).filter((c) => KIND[c.kind]).length,
  0,
);
if (missing.size === 0) {
  console.log(
    `check-docs: all ${total} exported declarations are documented${strict ? ' with an @example' : ' (values with an @example)'}`,
  );
} else {
  const rows = [...missing].sort(([a], [b]) => a.localeCompare(b));
  for (const [name, { kind, modules, summary }] of rows) {
    console.log(`${kind.padEnd(9)} ${name.padEnd(36)} ${summary ? 'no @example' : 'no doc comment'}  (${modules.join(', ')})`);
  }
  console.log(`\ncheck-docs: ${missing.size} of ${total} exported declarations fall short`);
  process.exitCode = 1;
}
