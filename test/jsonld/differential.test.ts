// Differential tests of the fast canonicalization path against jsonld.js + rdf-canonize (the
// reference): every JSON document under test/vectors (spec examples, test vectors, validator
// fixtures), and generated credentials (fast-check, seeded). Any difference fails — a different
// N-Quads string, a result where the reference throws, or a hash or proofValue that differs.
// `CREDSTACK_FUZZ=1` runs thousands of generated credentials instead of a short seeded run.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { jsonFiles } from '../../scripts/context-snapshot.js';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { canonize } from '../../src/jsonld/canonize.js';
import { referenceCanonizeOptions } from '../../src/jsonld/reference.js';
import { proofHashData } from '../../src/proof/data-integrity/hash-data.js';
import { canonizeFast } from '../../src/jsonld/fast/fast-path.js';
import { clrCredential, credentialWith, openBadgeCredential } from '../proof/arbitraries.js';

const FUZZ = process.env.CREDSTACK_FUZZ === '1';
const documentLoader = createDocumentLoader();

async function reference(doc: unknown): Promise<{ nquads?: string; error?: unknown }> {
  try {
    return { nquads: await jsonld.canonize(structuredClone(doc), referenceCanonizeOptions(documentLoader)) };
  } catch (error) {
    return { error };
  }
}

/** Compares the fast path (and the public `canonize`) with the reference; returns whether the fast path ran. */
async function agree(doc: Record<string, unknown>, label: string): Promise<boolean> {
  const expected = await reference(doc);
  const fast = await canonizeFast(structuredClone(doc), documentLoader);
  if (fast !== undefined) {
    expect(expected.error, `${label}: the fast path produced output where jsonld throws`).toBeUndefined();
    expect(fast, `${label}: canonical N-Quads differ`).toBe(expected.nquads);
  }
  let actual: string | undefined;
  try {
    actual = await canonize(structuredClone(doc), documentLoader);
  } catch {
    actual = undefined;
  }
  expect(actual, label).toBe(expected.nquads);
  return fast !== undefined;
}

const vectorsDir = fileURLToPath(new URL('../vectors/', import.meta.url));
const corpus = jsonFiles(vectorsDir)
  .map((path) => ({
    path: path.slice(vectorsDir.length),
    doc: JSON.parse(readFileSync(path, 'utf8')) as unknown,
  }))
  .filter((e) => typeof e.doc === 'object' && e.doc !== null && '@context' in (e.doc as object));

describe('canonicalization: fast path = jsonld.js + rdf-canonize', () => {
  it('has a corpus of spec examples and test vectors', () => {
    expect(corpus.length).toBeGreaterThan(40);
  });

  it.each(corpus.map((e) => [e.path, e.doc] as const))(
    '%s: document, unsecured document and each proof configuration',
    async (path, doc) => {
      const d = doc as Record<string, unknown>;
      await agree(d, path);
      const { proof, ...unsecured } = d;
      await agree(unsecured, `${path} without proof`);
      for (const p of [proof].flat().filter((x) => typeof x === 'object' && x !== null) as Record<
        string,
        unknown
      >[]) {
        const { proofValue: _v, ...options } = p;
        await agree({ '@context': d['@context'], ...options }, `${path} proof configuration`);
      }
    },
  );

  it('takes the fast path for the published test vectors and spec examples', async () => {
    const fast = await Promise.all(
      corpus
        .filter((e) =>
          /test-vector|spec\/ob-v3p0\/spec\/(basic|achievement|skill|complete|endorsement)/.test(e.path),
        )
        .map(async (e) => {
          const { proof: _p, ...unsecured } = e.doc as Record<string, unknown>;
          return (await canonizeFast(unsecured, documentLoader)) !== undefined;
        }),
    );
    expect(fast.length).toBeGreaterThan(8);
    expect(fast.every(Boolean)).toBe(true);
  });

  it('drops duplicate values as jsonld.js does: within one node, across node objects naming one subject, in lists', async () => {
    const achievement = {
      id: 'https://example.com/achievements/1',
      type: ['Achievement', 'Achievement'],
      name: 'Welding',
      criteria: { narrative: 'Weld.' },
    };
    const doc = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:5f1f4a55-6a43-4b9f-9a1e-1f1c0a2b3c4d',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'did:example:issuer', type: ['Profile'], name: 'A' },
      validFrom: '2025-01-01T00:00:00Z',
      name: 'Duplicates',
      credentialSubject: {
        id: 'did:example:learner',
        type: ['AchievementSubject'],
        achievement,
        // the same subject as a second node object, a repeated value, a list with repeats
        result: [
          { type: ['Result'], value: '3', resultDescription: 'https://example.com/rd' },
          { type: ['Result'], value: '3', resultDescription: 'https://example.com/rd' },
        ],
      },
      evidence: [
        { id: 'https://example.com/e', type: ['Evidence'], name: ['x', 'x'], narrative: 'n' },
        { id: 'https://example.com/e', type: ['Evidence'], name: 'x', narrative: 'n' },
      ],
    };
    const shared = {
      ...doc,
      credentialSubject: {
        ...doc.credentialSubject,
        achievement: {
          ...achievement,
          resultDescription: [
            {
              id: 'https://example.com/rd',
              type: ['ResultDescription'],
              name: 'r',
              resultType: 'RubricCriterionLevel',
              allowedValue: ['a', 'a', 'b'],
            },
          ],
        },
      },
    };
    for (const d of [doc, shared]) expect(await agree(d, 'duplicates')).toBe(true);
  });

  it('reproduces the proof hashes of credentials with 1, 10 and 50 alignments', async () => {
    for (const n of [1, 10, 50]) {
      const doc = credentialWith(n);
      const options = {
        type: 'DataIntegrityProof',
        cryptosuite: 'eddsa-rdfc-2022',
        created: '2025-01-01T00:00:00Z',
        verificationMethod: 'did:example:issuer#key-1',
        proofPurpose: 'assertionMethod',
      };
      const { hashData, documentCanon, proofCanon } = await proofHashData(doc, options, documentLoader);
      expect(documentCanon).toBe((await reference(doc)).nquads);
      expect(proofCanon).toBe((await reference({ '@context': doc['@context'], ...options })).nquads);
      const sha = async (s: string) =>
        new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(s)));
      expect([...hashData]).toEqual([...(await sha(proofCanon!)), ...(await sha(documentCanon!))]);
    }
  });
});

describe('canonicalization: generated credentials (fast-check)', () => {
  const runs = FUZZ ? 4000 : 120;

  it(`${runs} OpenBadgeCredentials agree with the reference, most through the fast path`, async () => {
    let fastCount = 0;
    let total = 0;
    await fc.assert(
      fc.asyncProperty(openBadgeCredential, async (doc) => {
        total++;
        if (await agree(doc, JSON.stringify(doc).slice(0, 300))) fastCount++;
      }),
      { seed: FUZZ ? Date.now() : 20251123, numRuns: runs, endOnFailure: true },
    );
    // the generator writes some deliberately broken credentials; the rest must not fall back
    expect(fastCount / total).toBeGreaterThan(0.3);
  }, 600_000);

  it(`${Math.ceil(runs / 4)} ClrCredentials with embedded credentials agree with the reference`, async () => {
    await fc.assert(
      fc.asyncProperty(clrCredential, async (doc) => {
        await agree(doc, JSON.stringify(doc).slice(0, 300));
      }),
      { seed: FUZZ ? Date.now() + 1 : 20251124, numRuns: Math.ceil(runs / 4), endOnFailure: true },
    );
  }, 600_000);
});
