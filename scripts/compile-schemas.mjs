#!/usr/bin/env node
// Writes src/schema/generated/ from the bundled JSON Schemas (schemas/ob-v3p0, schemas/clr-v2p0).
// Usage: node scripts/compile-schemas.mjs          (write)
//        node scripts/compile-schemas.mjs --check  (exit 1 when the committed files are stale)
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateValidatorFiles } from './schema-codegen.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = join(root, 'src/schema/generated');

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

const files = generateValidatorFiles(readBundledSchemas());
if (process.argv.includes('--check')) {
  const stale = [...files].filter(([name, content]) => {
    try {
      return readFileSync(join(out, name), 'utf8') !== content;
    } catch {
      return true;
    }
  });
  const extra = readdirSync(out).filter((name) => !files.has(name));
  if (stale.length || extra.length) {
    console.error(`src/schema/generated is stale: ${[...stale.map(([n]) => n), ...extra].join(', ')}`);
    console.error('run: npm run schemas:compile');
    process.exit(1);
  }
  console.log(`src/schema/generated is up to date (${files.size} files)`);
} else {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let bytes = 0;
  for (const [name, content] of files) {
    writeFileSync(join(out, name), content);
    bytes += content.length;
  }
  console.log(`wrote ${files.size} files (${(bytes / 1024).toFixed(0)} KiB) to src/schema/generated`);
}
