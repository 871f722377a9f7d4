// The W3C RDF Dataset Canonicalization (RDFC-1.0) test suite, run through credstack's RDFC-1.0
// (FastRDFC10), with the work limits rdf-canonize's own test runner gives each test by its
// computational complexity (test/test.js `_commonAdjustParams`: low 0, medium 2, high 3).
// Data: test/vectors/w3c-rdf-canon (w3c/rdf-canon, see its SOURCE.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NQuads } from '../../../src/jsonld/generated/rdf-canonize.js';
import { CanonicalizationBudget, canonizeDataset } from '../../../src/jsonld/rdfc/budget.js';
import { FastRDFC10 } from '../../../src/jsonld/rdfc/rdfc10.js';
import type { Quad } from '../../../src/jsonld/fast/to-rdf.js';

const DIR = new URL('../../vectors/w3c-rdf-canon/', import.meta.url);
interface Entry {
  id: string;
  type: string;
  name: string;
  computationalComplexity: 'low' | 'medium' | 'high';
  hashAlgorithm?: string;
  action: string;
  result?: string;
}
const manifest = JSON.parse(readFileSync(new URL('manifest.jsonld', DIR), 'utf8')) as { entries: Entry[] };
const read = (file: string) => readFileSync(new URL(file, DIR), 'utf8');
const parse = (file: string) => (NQuads as unknown as { parse(s: string): Quad[] }).parse(read(file));
const WORK = { low: 0, medium: 2, high: 3 } as const;
const rdfc = (entry: Entry) =>
  new FastRDFC10({
    maxWorkFactor: WORK[entry.computationalComplexity],
    messageDigestAlgorithm: entry.hashAlgorithm ?? 'sha256',
  });

const byType = (type: string) => manifest.entries.filter((e) => e.type === type);

describe('W3C rdf-canon test suite (RDFC-1.0)', () => {
  it('has the tests it is known to have', () => {
    expect(byType('rdfc:RDFC10EvalTest')).toHaveLength(64);
    expect(byType('rdfc:RDFC10MapTest')).toHaveLength(21);
    expect(byType('rdfc:RDFC10NegativeEvalTest')).toHaveLength(1);
  });

  for (const entry of byType('rdfc:RDFC10EvalTest')) {
    it(`${entry.id} ${entry.name}: the expected canonical N-Quads, byte for byte`, async () => {
      const canonicalizer = rdfc(entry);
      expect(await canonicalizer.main(parse(entry.action))).toBe(read(entry.result as string));
      // credstack's own main algorithm made it (no handover to rdf-canonize's)
      expect(canonicalizer.chunks).toBeDefined();
    });
  }

  for (const entry of byType('rdfc:RDFC10MapTest')) {
    it(`${entry.id} ${entry.name}: the expected blank node map`, async () => {
      const canonicalizer = rdfc(entry);
      await canonicalizer.main(parse(entry.action));
      const issued = (canonicalizer.canonicalIssuer as unknown as { _existing: Map<string, string> })
        ._existing;
      expect(Object.fromEntries(issued)).toEqual(JSON.parse(read(entry.result as string)));
    });
  }

  for (const entry of byType('rdfc:RDFC10NegativeEvalTest')) {
    it(`${entry.id} ${entry.name}: refused, as the verifier refuses it (a budget code, no output)`, async () => {
      await expect(rdfc(entry).main(parse(entry.action))).rejects.toThrow(/Maximum deep iterations/);
      const budget = new CanonicalizationBudget({ work: 1e9, maxBlankNodes: 50_000 });
      await expect(canonizeDataset(parse(entry.action), budget)).rejects.toMatchObject({
        code: 'ERR_CANONICALIZATION_LIMIT',
      });
    });
  }
});
