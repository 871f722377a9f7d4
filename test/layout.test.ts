// Every folder (and top-level module) of src/ has its place in the layer order that
// `npm run check:deps` enforces (scripts/layers.cjs), so a new folder cannot slip past the check.
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { LAYERS } = require('../scripts/layers.cjs') as { LAYERS: string[] };
const src = fileURLToPath(new URL('../src/', import.meta.url));

describe('src layout', () => {
  it('every folder of src/ is in the layer order, and every layer exists', () => {
    const parts = readdirSync(src, { withFileTypes: true })
      .map((e) => (e.isDirectory() ? e.name : e.name.replace(/\.ts$/, '')))
      // the root entry (an aggregation, above every layer) and src/types (ambient .d.ts only)
      .filter((name) => name !== 'index' && name !== 'types');
    expect([...parts].sort()).toEqual([...LAYERS].sort());
  });

  it('tests mirror src/: every folder of test/ is a folder of src/ or a cross-cutting one', () => {
    // security: attacks end to end; interop: against other stacks; browser: Chromium; helpers and
    // vectors: shared builders and published fixtures
    const crossCutting = ['browser', 'helpers', 'interop', 'security', 'vectors'];
    const tests = readdirSync(fileURLToPath(new URL('./', import.meta.url)), { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    const stray = tests.filter((name) => !crossCutting.includes(name) && !LAYERS.includes(name));
    expect(stray).toEqual([]);
  });
});
