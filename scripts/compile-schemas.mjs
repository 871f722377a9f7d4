#!/usr/bin/env node
// Writes src/schema/generated/ from the bundled JSON Schemas (schemas/ob-v3p0, schemas/clr-v2p0), and
// src/pathway/generated/ from credstack's pathway schema (schemas/credstack/pathway.schema.json).
// Usage: node scripts/compile-schemas.mjs          (write)
//        node scripts/compile-schemas.mjs --check  (exit 1 when the committed files are stale)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatePathwayValidatorFiles, generateValidatorFiles } from './schema-codegen.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The schemas src/schema/registry.ts bundles (the staleness test checks the two lists agree). */
export function readBundledSchemas() {
  const schemas = [];
  for (const dir of ['schemas/ob-v3p0', 'schemas/clr-v2p0']) {
    for (const file of readdirSync(join(root, dir)).sort()) {
      if (file.endsWith('_schema.json')) schemas.push(JSON.parse(readFileSync(join(root, dir, file), 'utf8')));
    }
  }
  return schemas;
}

/** credstack's pathway schema, which src/pathway/validate-pathway.ts validates against. */
export function readPathwaySchema() {
  return JSON.parse(readFileSync(join(root, 'schemas/credstack/pathway.schema.json'), 'utf8'));
}

const targets = [
  { dir: 'src/schema/generated', files: generateValidatorFiles(readBundledSchemas()) },
  { dir: 'src/pathway/generated', files: generatePathwayValidatorFiles(readPathwaySchema()) },
];

if (process.argv.includes('--check')) {
  let ok = true;
  for (const { dir, files } of targets) {
    const out = join(root, dir);
    const stale = [...files].filter(([name, content]) => {
      try {
        return readFileSync(join(out, name), 'utf8') !== content;
      } catch {
        return true;
      }
    });
    let extra = [];
    try {
      extra = readdirSync(out).filter((name) => !files.has(name));
    } catch {
      // a missing directory: every file is reported stale above
    }
    if (stale.length || extra.length) {
      console.error(`${dir} is stale: ${[...stale.map(([n]) => n), ...extra].join(', ')}`);
      ok = false;
    } else {
      console.log(`${dir} is up to date (${files.size} files)`);
    }
  }
  if (!ok) {
    console.error('run: npm run generate:schemas');
    process.exit(1);
  }
} else {
  for (const { dir, files } of targets) {
    const out = join(root, dir);
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    let bytes = 0;
    for (const [name, content] of files) {
      writeFileSync(join(out, name), content);
      bytes += content.length;
    }
    console.log(`wrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) to ${dir}`);
  }
}
