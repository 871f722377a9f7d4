// Nothing a verified Data Integrity credential returns lies outside what its proof signs
// ("Verified means authentic", finding 8, in general). A proof signs canonical N-Quads — of the
// credential without its proof, and of each proof's configuration — while `result.credential` is
// the JSON. So, differentially: for every document the verifier's JSON-LD check accepts, change
// one leaf (each string, number, boolean and null; each property name) and the change must either
// be refused by that check or show in the canonical N-Quads; and adding `@index` anywhere must be
// refused. Over every JSON-LD document in test/vectors and generated credentials (plain and CLRs
// with embedded credentials), then end to end: a signed generated credential with any leaf changed
// never verifies.
//
// Not leaves, on purpose: `@context` entries (the context check pins them to known documents, in
// order; they carry no statement) and the proof's `proofValue` (the signature, checked as such).
// Not a change, on purpose: a language tag's case (BCP 47 tags are case-insensitive; expansion
// lowercases them), which is why no mutation only changes the case of an `@language` value.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { jsonFiles } from '../../scripts/context-snapshot.js';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { canonize, expandSafe } from '../../src/jsonld/canonize.js';
import { ensureSuiteContext } from '../../src/proof/data-integrity/hash-data.js';
import { findUnsignedContent } from '../../src/jsonld/unsigned-content.js';
import { verifyCredential } from '../../src/verify/index.js';
import { clrCredential, openBadgeCredential } from '../proof/arbitraries.js';
import { CREATED, credentialInput, explain, FUZZ, NOW, runs, TIMEOUT } from './arbitraries.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Path = ReadonlyArray<string | number>;

const documentLoader = createDocumentLoader();
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * What the proofs of `doc` sign — the canonical N-Quads of the unsecured document and of each
 * proof configuration — or `undefined` when the verifier's JSON-LD check refuses `doc` (or it
 * cannot be canonicalized), so that no signature over it could matter.
 */
async function signedForms(doc: JsonObject): Promise<string[] | undefined> {
  try {
    if (findUnsignedContent(await expandSafe(doc, documentLoader)) !== undefined) return undefined;
    const { proof, ...unsecured } = doc;
    const forms = [await canonize(unsecured, documentLoader)];
    for (const p of [proof ?? []].flat()) {
      if (!isObject(p)) continue;
      const { proofValue: _signature, ...options } = p;
      const config: JsonObject = { '@context': doc['@context'] as Json, ...options };
      ensureSuiteContext(config as never);
      forms.push(await canonize(config, documentLoader));
    }
    return forms;
  } catch {
    return undefined;
  }
}

interface Change {
  path: Path;
  what: string;
  apply: (doc: JsonObject) => void;
}

function parentOf(doc: JsonObject, path: Path): { parent: any; last: string | number } {
  let node: any = doc;
  for (const step of path.slice(0, -1)) node = node[step];
  return { parent: node, last: path[path.length - 1]! };
}

const nextUp = (n: number) => (n === 0 ? Number.MIN_VALUE : n + Math.abs(n) * Number.EPSILON);

/** One-leaf changes of `doc`: each leaf's value, each property's name (not under `@context`). */
function changes(doc: JsonObject): Change[] {
  const out: Change[] = [];
  const set = (path: Path, what: string, value: Json) =>
    out.push({
      path,
      what,
      apply: (d) => {
        const { parent, last } = parentOf(d, path);
        parent[last] = value;
      },
    });
  const walk = (node: Json, path: Path) => {
    const key = path[path.length - 1];
    if (key === '@context') return;
    if (path.length === 2 && path[0] === 'proof' && key === 'proofValue') return;
    if (path.length === 3 && path[0] === 'proof' && key === 'proofValue') return;
    if (typeof node === 'string') {
      set(path, `"${node}" + "x"`, `${node}x`);
      const flipped = node.toUpperCase() === node ? node.toLowerCase() : node.toUpperCase();
      if (flipped !== node && key !== '@language') set(path, `"${node}" in another case`, flipped);
    } else if (typeof node === 'number') {
      // (past 2^53, n + 1 is n: no change)
      if (node + 1 !== node) set(path, `${node} + 1`, node + 1);
      if (nextUp(node) !== node) set(path, `${node} → the next double`, nextUp(node));
    } else if (typeof node === 'boolean') {
      set(path, `${node} flipped`, !node);
    } else if (node === null) {
      set(path, 'null → "x"', 'x');
    } else if (Array.isArray(node)) {
      for (const [i, item] of node.entries()) walk(item, [...path, i]);
    } else {
      for (const [k, v] of Object.entries(node)) {
        if (k !== '@context') {
          out.push({
            path: [...path, k],
            what: `property "${k}" renamed "${k}x"`,
            apply: (d) => {
              const { parent } = parentOf(d, [...path, k]);
              const renamed: JsonObject = {};
              for (const [name, value] of Object.entries(parent as JsonObject)) {
                renamed[name === k ? `${k}x` : name] = value;
              }
              for (const name of Object.keys(parent)) delete parent[name];
              Object.assign(parent, renamed);
            },
          });
        }
        walk(v, [...path, k]);
      }
    }
  };
  walk(doc, []);
  return out;
}

/** Every object of `doc` outside `@context`: where an `@index` could be slipped in. */
function objectPaths(doc: Json, path: Path = []): Path[] {
  if (Array.isArray(doc)) return doc.flatMap((item, i) => objectPaths(item, [...path, i]));
  if (!isObject(doc)) return [];
  return [
    path,
    ...Object.entries(doc).flatMap(([k, v]) => (k === '@context' ? [] : objectPaths(v, [...path, k]))),
  ];
}

/**
 * At most `max` of `items`, spread evenly over them (all under CREDSTACK_FUZZ=1): documents that
 * leave the fast path are canonicalized by jsonld.js, ~50 ms a change.
 */
function spread<T>(items: readonly T[], max: number): T[] {
  if (FUZZ || items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]!);
}

/** Holes in `doc`'s coverage: each change the JSON-LD check accepts without the signed forms changing. */
async function holes(doc: JsonObject, max = { changes: 160, objects: 4 }): Promise<string[]> {
  const original = await signedForms(doc);
  if (original === undefined) return [];
  const found: string[] = [];
  for (const change of spread(changes(doc), max.changes)) {
    const mutated = structuredClone(doc);
    change.apply(mutated);
    const forms = await signedForms(mutated);
    if (forms !== undefined && JSON.stringify(forms) === JSON.stringify(original)) {
      found.push(`/${change.path.join('/')}: ${change.what}`);
    }
  }
  // an @index anywhere is refused the same way: the root and a few objects across the document
  for (const path of spread(objectPaths(doc), max.objects)) {
    const mutated = structuredClone(doc);
    let node: any = mutated;
    for (const step of path) node = node[step];
    node['@index'] = 'slipped in';
    if ((await signedForms(mutated)) !== undefined) found.push(`/${path.join('/')}: "@index" added`);
  }
  return found;
}

const vectorsDir = fileURLToPath(new URL('../vectors/', import.meta.url));
const corpus = jsonFiles(vectorsDir)
  .map((path) => ({
    path: path.slice(vectorsDir.length),
    doc: JSON.parse(readFileSync(path, 'utf8')) as Json,
  }))
  .filter((e): e is { path: string; doc: JsonObject } => isObject(e.doc) && '@context' in e.doc);

describe('every leaf of a JSON-LD document the verifier accepts is signed', () => {
  it('has a corpus, most of it accepted (so the property is not vacuous)', async () => {
    expect(corpus.length).toBeGreaterThan(40);
    const accepted = await Promise.all(corpus.map(async (e) => (await signedForms(e.doc)) !== undefined));
    expect(accepted.filter(Boolean).length).toBeGreaterThan(40);
  });

  it.each(corpus.map((e) => [e.path, e.doc] as const))(
    '%s: no change of one leaf or name is accepted and unsigned; no @index is accepted',
    async (_, doc) => {
      expect(await holes(doc)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'generated OpenBadgeCredentials and CLRs with embedded credentials: no unsigned change',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.oneof(openBadgeCredential, clrCredential), async (doc) => {
          expect(await holes(doc as JsonObject, { changes: 60, objects: 2 })).toEqual([]);
        }),
        runs(FUZZ ? 40 : 8),
      );
    },
    TIMEOUT,
  );
});

describe('end to end: a signed credential with any leaf changed never verifies', () => {
  let key: KeyFile;
  beforeAll(async () => {
    key = await generateKey();
  });

  it(
    'generated credentials, signed (eddsa-rdfc-2022): every one-leaf change and every added @index → not verified',
    async () => {
      const builds = fc.sample(credentialInput, { numRuns: FUZZ ? 20 : 2, seed: 11 });
      for (const build of builds) {
        const credential = await createOpenBadgeCredential(build(key.controller));
        const signed = (await issueCredential(credential, {
          key,
          created: CREATED,
        })) as unknown as JsonObject;
        expect((await verifyCredential(signed, { now: NOW })).verdict).toBe('verified');
        const forged: Array<[string, JsonObject]> = changes(signed).map((change) => {
          const mutated = structuredClone(signed);
          change.apply(mutated);
          return [`/${change.path.join('/')}: ${change.what}`, mutated];
        });
        for (const path of objectPaths(signed)) {
          const mutated = structuredClone(signed);
          let node: any = mutated;
          for (const step of path) node = node[step];
          node['@index'] = 'slipped in';
          forged.push([`/${path.join('/')}: "@index" added`, mutated]);
        }
        for (const [label, mutated] of forged) {
          const result = await verifyCredential(mutated, { now: NOW });
          expect(result.verified, `${label} verified: ${explain(result)}`).toBe(false);
        }
      }
    },
    TIMEOUT,
  );
});
