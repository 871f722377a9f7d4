// RDFC-1.0 through the copy of rdf-canonize's code (src/jsonld/generated/rdf-canonize.js, made by
// scripts/rdf-canonize-module.mjs) and the platform module it runs on (src/jsonld/rdfc/platform.ts):
// the committed copy must be what the generator makes from the installed rdf-canonize, and must give
// what the installed rdf-canonize gives — canonical N-Quads, limit errors and digests — on datasets
// built to need its hardest paths (blank nodes that first-degree hashes cannot tell apart).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import * as rdfCanonize from 'rdf-canonize';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  generateRdfCanonizeModule,
  RDFC_MODULE_FILE,
  RDFC_MODULE_TYPES,
  // @ts-expect-error plain .mjs script without typings
} from '../../../scripts/rdf-canonize-module.mjs';
import { digest } from '../../../src/jsonld/canonize.js';
import { realisticCredentialWith } from '../../../bench/fixtures.js';
import { createDocumentLoader } from '../../../src/contexts/index.js';
import { expandFast } from '../../../src/jsonld/fast/fast-path.js';
import { budgetFor, CanonicalizationBudget, canonizeDataset } from '../../../src/jsonld/rdfc/budget.js';
import { NQuads, RDFC10 } from '../../../src/jsonld/generated/rdf-canonize.js';
import { FastRDFC10, serializeIri, serializeLiteral } from '../../../src/jsonld/rdfc/rdfc10.js';
import { MessageDigest } from '../../../src/jsonld/rdfc/platform.js';
import { type Quad, type Term, toRdf } from '../../../src/jsonld/fast/to-rdf.js';

const require = createRequire(import.meta.url);
type Digest = new (
  algorithm: string,
) => { update(message: string): void; digest(): string | Promise<string> };
const NodeDigest = require('rdf-canonize/lib/MessageDigest.js') as Digest;
const WebDigest = require('rdf-canonize/lib/MessageDigest-webcrypto.js') as Digest;

const reference = (dataset: Quad[]) => rdfCanonize.canonize(dataset, { algorithm: 'RDFC-1.0' });

/** Settles `promise` as a value or the error's message. */
const outcome = (promise: Promise<string>) =>
  promise.then(
    (nquads) => ({ nquads }),
    (error: unknown) => ({ error: (error as Error).message }),
  );

const blank = (n: number): Term => ({ termType: 'BlankNode', value: `b${n}` });
const named = (n: number): Term => ({ termType: 'NamedNode', value: `https://example.com/${n}` });
const literal = (value: string): Term => ({
  termType: 'Literal',
  value,
  datatype: { termType: 'NamedNode', value: 'http://www.w3.org/2001/XMLSchema#string' },
});
const DEFAULT_GRAPH: Term = { termType: 'DefaultGraph', value: '' };
const quad = (subject: Term, predicate: Term, object: Term, graph = DEFAULT_GRAPH): Quad => ({
  subject,
  predicate,
  object,
  graph,
});

// Few predicates and many blank nodes: many nodes share a first-degree hash, so the N-degree
// algorithm (and its permutations) runs.
const term = fc.oneof(
  { weight: 4, arbitrary: fc.nat(7).map(blank) },
  { weight: 1, arbitrary: fc.nat(2).map(named) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3 }).map(literal) },
);
const dataset = fc.array(
  fc.record({
    subject: fc.nat(7).map(blank),
    predicate: fc.nat(1).map(named),
    object: term,
    graph: fc.oneof(
      { weight: 5, arbitrary: fc.constant(DEFAULT_GRAPH) },
      { weight: 1, arbitrary: fc.nat(1).map(blank) },
    ),
  }),
  { maxLength: 24 },
);

/**
 * `n` blank nodes alike to first-degree hashing, told apart by the blank node each points to: the
 * N-degree algorithm resolves them.
 */
const pairs = (n: number): Quad[] =>
  Array.from({ length: n }, (_, i) => [
    quad(blank(i), named(0), blank(n + i)),
    quad(blank(n + i), named(1), literal(String(i))),
  ]).flat();

/** A ring of `n` blank nodes: every node looks the same to first-degree hashing. */
const ring = (n: number): Quad[] =>
  Array.from({ length: n }, (_, i) => quad(blank(i), named(0), blank((i + 1) % n)));

describe('rdf-canonize copy', () => {
  it('is what scripts/rdf-canonize-module.mjs makes from the installed rdf-canonize (`npm run generate:rdfc`)', () => {
    expect(readFileSync(RDFC_MODULE_FILE, 'utf8') === generateRdfCanonizeModule(), 'stale copy').toBe(true);
    expect(readFileSync(RDFC_MODULE_FILE.replace(/\.js$/, '.d.ts'), 'utf8')).toBe(RDFC_MODULE_TYPES);
    const { version } = require('rdf-canonize/package.json') as { version: string };
    expect(readFileSync(RDFC_MODULE_FILE, 'utf8')).toContain(`from rdf-canonize ${version} `);
  });

  it('canonicalizes generated datasets exactly as rdf-canonize does', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (quads) => {
        expect(await outcome(canonizeDataset(structuredClone(quads)))).toEqual(
          await outcome(reference(structuredClone(quads))),
        );
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it('takes the N-degree path on symmetric graphs, with the same output and the same work limit', async () => {
    const results = [];
    for (const quads of [ring(1), ring(2), ring(3), ring(6), pairs(2), pairs(5)]) {
      const ours = await outcome(canonizeDataset(structuredClone(quads)));
      expect(ours).toEqual(await outcome(reference(structuredClone(quads))));
      results.push(ours);
    }
    // both ways out are exercised: canonical output past first-degree hashing, and the limit error
    expect(results.some((r) => 'nquads' in r && r.nquads.includes('_:c14n1'))).toBe(true);
    expect(results.some((r) => 'error' in r && /Maximum deep iterations exceeded/.test(r.error))).toBe(true);
  });
});

// Every character N-Quads escapes (controls, DEL, quotes, backslash, IRI specials), a surrogate
// pair and plain text, so the fast serialization meets each escape rule.
const tricky = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    ' ',
    '"',
    '\\',
    '<',
    '>',
    '{',
    '|',
    '^',
    '`',
    '\u0000',
    '\b',
    '\t',
    '\n',
    '\f',
    '\r',
    '\u001f',
    '\u007f',
    'é',
    '😀',
  ),
  maxLength: 6,
});
const anyLiteral = fc.oneof(
  tricky.map(literal),
  fc.record({ value: tricky, language: fc.constantFrom('en', 'en-US', '') }).map(
    ({ value, language }): Term => ({
      termType: 'Literal',
      value,
      language,
      datatype: { termType: 'NamedNode', value: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' },
    }),
  ),
  fc.record({ value: tricky, datatype: tricky }).map(
    ({ value, datatype }): Term => ({
      termType: 'Literal',
      value,
      datatype: { termType: 'NamedNode', value: `https://example.com/t${datatype}` },
    }),
  ),
);
const anyIri = fc.oneof(
  fc.nat(2).map(named),
  tricky.map((s): Term => ({ termType: 'NamedNode', value: `https://example.com/${s}` })),
);
const richDataset = fc.array(
  fc.record({
    subject: fc.oneof({ weight: 3, arbitrary: fc.nat(6).map(blank) }, { weight: 1, arbitrary: anyIri }),
    predicate: anyIri,
    object: fc.oneof(fc.nat(6).map(blank), anyIri, anyLiteral),
    graph: fc.oneof(
      { weight: 4, arbitrary: fc.constant(DEFAULT_GRAPH) },
      { weight: 1, arbitrary: fc.nat(2).map(blank) },
      { weight: 1, arbitrary: anyIri },
    ),
  }),
  { maxLength: 30 },
);

describe('RDFC-1.0 fast main algorithm (rdfc10.ts) = rdf-canonize', () => {
  it('serializes IRIs and literals as rdf-canonize’s N-Quads serializer does', () => {
    fc.assert(
      fc.property(anyIri, anyLiteral, (iri, object) => {
        expect(`${serializeIri(iri.value)} ${serializeIri(iri.value)} ${serializeLiteral(object)} .\n`).toBe(
          NQuads.serializeQuadComponents(iri, iri, object, DEFAULT_GRAPH),
        );
      }),
      { numRuns: 500, seed: 20261203 },
    );
  });

  it('canonicalizes datasets with every escape, languages, datatypes and named graphs exactly as rdf-canonize does', async () => {
    await fc.assert(
      fc.asyncProperty(richDataset, async (quads) => {
        expect(await outcome(new FastRDFC10({}).main(structuredClone(quads)))).toEqual(
          await outcome(reference(structuredClone(quads))),
        );
      }),
      { numRuns: 400, seed: 20261203 },
    );
  });

  it('gives what rdf-canonize’s own main algorithm gives on symmetric graphs, duplicate quads and the realistic badge', async () => {
    const documentLoader = createDocumentLoader();
    const badge = toRdf(
      (await expandFast(
        realisticCredentialWith(10, 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'),
        documentLoader,
      ))!,
    );
    const shared = quad(blank(0), named(0), blank(1));
    // subjects that are prefixes of one another (`_:c14n1` / `_:c14n10`, IRIs ending where another
    // goes on, with an escaped space or a character below it): the output is sorted by subject first
    const iri = (value: string): Term => ({ termType: 'NamedNode', value });
    const prefixes = [
      ...Array.from({ length: 12 }, (_, i) => quad(blank(i), named(0), literal(String(i)))),
      ...[
        'https://example.com/a',
        'https://example.com/a/b',
        'https://example.com/a b',
        'https://example.com/a\u0001',
        'https://example.com/a!',
      ].flatMap((value, i) => [
        quad(iri(value), named(1), literal(String(i))),
        quad(iri(value), named(0), blank(i)),
      ]),
    ];
    // one subject with many lines (more than the insertion sort takes): predicates that are
    // prefixes of one another, and under one predicate objects that are (`"a"`, `"a"@en`,
    // `"a"^^<…>`, IRIs, `_:c14n1` / `_:c14n10`), in the default graph and in named graphs
    const predicateIris = [
      'https://example.com/p',
      'https://example.com/p/',
      'https://example.com/p q',
      'https://example.com/p\u0001',
      'https://example.com/o',
    ];
    const objects: Term[] = [
      literal('a'),
      literal('a b'),
      {
        termType: 'Literal',
        value: 'a',
        language: 'en',
        datatype: { termType: 'NamedNode', value: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' },
      },
      {
        termType: 'Literal',
        value: 'a',
        language: 'en-US',
        datatype: { termType: 'NamedNode', value: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#langString' },
      },
      {
        termType: 'Literal',
        value: 'a',
        datatype: { termType: 'NamedNode', value: 'https://example.com/t' },
      },
      iri('https://example.com/a'),
      iri('https://example.com/a/'),
      ...Array.from({ length: 12 }, (_, i) => blank(i)),
    ];
    const crowded = predicateIris.flatMap((p, i) =>
      objects.map((o, j) =>
        quad(
          iri('https://example.com/s'),
          iri(p),
          o,
          (i + j) % 4 === 0 ? blank(i) : (i + j) % 4 === 1 ? iri('https://example.com/g') : DEFAULT_GRAPH,
        ),
      ),
    );
    for (const quads of [
      prefixes,
      crowded,
      crowded.map((q) => ({ ...q, graph: DEFAULT_GRAPH })).reverse(),
      ring(2),
      ring(5),
      pairs(4),
      [shared, shared, quad(blank(1), named(1), blank(0))],
      badge,
    ]) {
      expect(await outcome(new FastRDFC10({}).main(structuredClone(quads)))).toEqual(
        await outcome(new RDFC10({}).main(structuredClone(quads))),
      );
    }
  });

  it('hands what it does not serialize itself (generalized RDF, c14n-prefixed or empty labels) to rdf-canonize’s main', async () => {
    const c14n: Term = { termType: 'BlankNode', value: 'c14n7' };
    const empty: Term = { termType: 'BlankNode', value: '' };
    const generalized: Quad = { ...quad(blank(0), named(0), blank(1)), predicate: blank(2) };
    for (const quads of [
      [quad(c14n, named(0), blank(1)), quad(blank(1), named(0), literal('x'))],
      [quad(empty, named(0), blank(1)), quad(empty, named(1), literal('x'))],
      [generalized],
    ]) {
      expect(await outcome(new FastRDFC10({}).main(structuredClone(quads)))).toEqual(
        await outcome(new RDFC10({}).main(structuredClone(quads))),
      );
    }
  });
});

describe('rdf-canonize copy: a realistic badge', () => {
  it('canonicalizes rubrics and repeated allowedValue lists (look-alike list cells: N-degree) as rdf-canonize does, within the default budget', async () => {
    const documentLoader = createDocumentLoader();
    for (const n of [1, 10, 50]) {
      const credential = realisticCredentialWith(
        n,
        'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
      );
      const quads = toRdf((await expandFast(credential, documentLoader))!);
      const budget = budgetFor(credential, { canonicalizationWorkFactor: 8, maxBlankNodes: 50_000 });
      expect(await canonizeDataset(structuredClone(quads), budget), `n=${n}`).toBe(
        await reference(structuredClone(quads)),
      );
    }
  });
});

describe('rdf-canonize copy: metered by a verifier’s budget', () => {
  const roomy = () => new CanonicalizationBudget({ work: 1e9, maxBlankNodes: 1e6 });
  const code = (error: unknown) => (error as { code?: string }).code;

  it('gives rdf-canonize’s output within the budget; where rdf-canonize stops, ERR_CANONICALIZATION_LIMIT', async () => {
    await fc.assert(
      fc.asyncProperty(dataset, async (quads) => {
        const expected = await outcome(reference(structuredClone(quads)));
        const metered = canonizeDataset(structuredClone(quads), roomy()).then(
          (nquads) => ({ nquads }),
          (error: unknown) => ({ code: code(error) }),
        );
        if ('nquads' in expected) expect(await metered).toEqual(expected);
        else expect(await metered).toEqual({ code: 'ERR_CANONICALIZATION_LIMIT' });
      }),
      { numRuns: 300, seed: 20261124 },
    );
  });

  it('charges a ring by its real cost (quadratic), and stops it at the budget, whatever rdf-canonize allows', async () => {
    const large = roomy();
    await expect(canonizeDataset(ring(400), large)).rejects.toMatchObject({
      code: 'ERR_CANONICALIZATION_LIMIT',
    });
    // 400 runs before rdf-canonize's own limit, each copying an issuer of up to 400 entries
    expect(large.spent).toBeGreaterThan(400 * 200);
    const tight = new CanonicalizationBudget({ work: 10_000, maxBlankNodes: 1e6 });
    await expect(canonizeDataset(ring(400), tight)).rejects.toMatchObject({
      code: 'ERR_CANONICALIZATION_LIMIT',
    });
    expect(tight.exhausted).toBe(true);
    // a spent budget refuses the next dataset before any work
    await expect(canonizeDataset(ring(1), tight)).rejects.toMatchObject({
      code: 'ERR_CANONICALIZATION_LIMIT',
    });
  });

  it('refuses more blank nodes than maxBlankNodes before hashing', async () => {
    const budget = new CanonicalizationBudget({ work: 1e9, maxBlankNodes: 5 });
    await expect(canonizeDataset(pairs(3), budget)).rejects.toMatchObject({
      code: 'ERR_CANONICALIZATION_LIMIT',
      details: { limit: 'maxBlankNodes', blankNodes: 6 },
    });
    expect(budget.spent).toBe(0);
  });
});

describe('rdf-canonize copy: yielding', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('yields through a MessageChannel where there is no setImmediate (browsers), same output', async () => {
    // 250 blank nodes, each told apart by a literal: RDFC-1.0 yields after every 100 it hashes
    const chain = Array.from({ length: 250 }, (_, i) => quad(blank(i), named(0), literal(String(i))));
    const expected = await reference(structuredClone(chain));
    vi.stubGlobal('setImmediate', undefined);
    let messages = 0;
    const Channel = globalThis.MessageChannel;
    vi.stubGlobal(
      'MessageChannel',
      class extends Channel {
        constructor() {
          super();
          const post = this.port2.postMessage.bind(this.port2);
          this.port2.postMessage = (message: unknown) => {
            messages++;
            post(message);
          };
        }
      },
    );
    expect(await canonizeDataset(structuredClone(chain))).toBe(expected);
    expect(messages).toBe(2);
  });
});

describe('rdf-canonize copy: MessageDigest', () => {
  afterEach(() => vi.restoreAllMocks());

  const names = ['sha256', 'SHA256', 'SHA-256', 'sha384', 'SHA384', 'SHA-384', 'sha512', 'SHA512', 'SHA-512'];

  it('hashes as rdf-canonize does, with node:crypto and with WebCrypto', async () => {
    const run = async (Impl: Digest, name: string, parts: string[]) => {
      const md = new Impl(name);
      for (const part of parts) md.update(part);
      return md.digest();
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 4 }),
        async (name, parts) => {
          const expected = await run(NodeDigest, name, parts);
          expect(await run(WebDigest, name, parts)).toBe(expected);
          expect(await run(MessageDigest, name, parts)).toBe(expected);
          // where there is no node:crypto (browsers), through WebCrypto
          const spy = vi.spyOn(process, 'getBuiltinModule').mockReturnValue(undefined as never);
          try {
            expect(await run(MessageDigest, name, parts)).toBe(expected);
          } finally {
            spy.mockRestore();
          }
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });

  it('refuses an unknown algorithm with rdf-canonize’s message', () => {
    expect(() => new MessageDigest('md5')).toThrow(new Error('Unsupported algorithm "md5".'));
    expect(() => new NodeDigest('md5')).toThrow(new Error('Unsupported algorithm "md5".'));
  });

  it('is what proof hashing uses', async () => {
    const md = new NodeDigest('sha384');
    md.update('credstack');
    expect(Buffer.from(await digest('credstack', 'SHA-384')).toString('hex')).toBe(md.digest());
  });
});
