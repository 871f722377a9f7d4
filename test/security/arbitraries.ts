// fast-check arbitraries for the security properties: random Open Badges credentials (any script,
// achievements, results, alignments, evidence) and a mutation generator that walks a signed
// credential and changes exactly one thing.
import fc from 'fast-check';
import { expect } from 'vitest';
import {
  ACHIEVEMENT_TYPES,
  ALIGNMENT_TARGET_TYPES,
  type OpenBadgeCredentialInput,
  RESULT_STATUS_TYPES,
  RESULT_TYPES,
} from '../../src/model/index.js';
import type { VerificationResult } from '../../src/verify/index.js';

/** `CREDSTACK_FUZZ=1` multiplies every run count by 50 and uses a fresh seed (printed on failure). */
export const FUZZ = process.env.CREDSTACK_FUZZ === '1';
const SEED = 20_260_101;

/** fast-check parameters: short and seeded in CI, long and random under CREDSTACK_FUZZ=1. */
export function runs(numRuns: number): fc.Parameters<unknown> {
  return FUZZ ? { numRuns: numRuns * 50 } : { numRuns, seed: SEED };
}

/** Per-test timeout: generous for the long fuzz run. */
export const TIMEOUT = FUZZ ? 6 * 60 * 60 * 1000 : 60_000;

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

// ---------------------------------------------------------------------------------------------
// Credentials

// Hand-picked hard cases next to random text: right-to-left scripts and overrides, combining
// marks (decomposed and precomposed), ZWJ emoji sequences, astral characters, control
// characters and the characters N-Quads escapes.
const TRICKY_TEXT = [
  'Ünïvérsité de Genève',
  'جامعة القاهرة',
  'אוניברסיטת תל אביב',
  '北京大学 · 東京大学 · 서울대학교',
  'क्षमता प्रमाणपत्र',
  '👩🏽‍🔬 Lab safety 🧪',
  'e\u0301cole', // decomposed é
  'école', // precomposed é
  '\u202Egnp.exe', // right-to-left override
  'zero\u200Bwidth\u200Djoiner',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝟙𝟚𝟛',
  'tab\there\nnew line\r\n',
  'quote " backslash \\ slash /',
  'nul \u0000 bell \u0007 del \u007F',
  '<script>alert(1)</script>',
  '﷽',
];

/** Any non-empty text, in any script. */
export const text: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 2, arbitrary: fc.constantFrom(...TRICKY_TEXT) },
    { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }) },
  )
  // The model refuses blank names (`createAchievement`): not what these properties are about.
  .filter((s) => s.trim().length > 0);

const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/);
const httpsUrl = slug.map((s) => `https://example.org/${s}`);
const urnUuid = fc.uuid().map((u) => `urn:uuid:${u}`);
const iri = fc.oneof(httpsUrl, urnUuid);

const alignment = fc.record(
  {
    targetName: text,
    targetUrl: httpsUrl,
    targetType: fc.constantFrom(...ALIGNMENT_TARGET_TYPES, 'ext:Custom'),
    targetCode: text,
    targetDescription: text,
    targetFramework: text,
  },
  { requiredKeys: ['targetName', 'targetUrl'] },
);

const resultDescription = fc.record(
  {
    id: urnUuid,
    name: text,
    resultType: fc.constantFrom(...RESULT_TYPES),
    // An @list in the OB context: its order is signed.
    allowedValue: fc.array(text, { minLength: 2, maxLength: 4 }),
    alignment: fc.uniqueArray(alignment, { minLength: 1, maxLength: 2, selector: (a) => JSON.stringify(a) }),
  },
  { requiredKeys: ['id', 'name', 'resultType'] },
);

const achievement = fc.record(
  {
    id: iri,
    name: text,
    description: text,
    criteria: fc.oneof(text, fc.record({ narrative: text })),
    achievementType: fc.constantFrom(...ACHIEVEMENT_TYPES),
    alignment: fc.uniqueArray(alignment, { minLength: 1, maxLength: 3, selector: (a) => JSON.stringify(a) }),
    resultDescription: fc.uniqueArray(resultDescription, {
      minLength: 1,
      maxLength: 2,
      selector: (r) => r.id,
    }),
    tag: fc.uniqueArray(text, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['id', 'name', 'description', 'criteria'] },
);

const evidence = fc.record(
  { id: httpsUrl, name: text, narrative: text, description: text, genre: text, audience: text },
  { requiredKeys: [] },
);

// Every date is before NOW (validFrom) or well after it (validUntil), so credentials are in force.
const pastDate = fc
  .integer({ min: Date.parse('2015-01-01T00:00:00Z') / 1000, max: Date.parse('2025-06-01T00:00:00Z') / 1000 })
  .map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z'));
const futureDate = fc
  .integer({ min: Date.parse('2027-01-01T00:00:00Z') / 1000, max: Date.parse('2060-01-01T00:00:00Z') / 1000 })
  .map((s) => new Date(s * 1000).toISOString().replace('.000Z', 'Z'));

/** The verification time of every property (proofs are created before it, credentials valid at it). */
export const NOW = '2026-01-01T00:00:00Z';
export const CREATED = '2025-06-01T00:00:00Z';

/** Input for `createOpenBadgeCredential`, for an issuer given later. */
export const credentialInput: fc.Arbitrary<(issuer: string) => OpenBadgeCredentialInput> = fc
  .record(
    {
      issuerName: text,
      achievement,
      recipient: fc.oneof(
        slug.map((s) => ({ id: `did:example:${s}` })),
        slug.map((s) => ({ email: `${s}@example.org` })),
      ),
      name: text,
      description: text,
      validFrom: pastDate,
      validUntil: futureDate,
      evidence: fc.uniqueArray(evidence, { minLength: 1, maxLength: 2, selector: (e) => JSON.stringify(e) }),
      resultValues: fc.uniqueArray(
        fc.record({ value: text, status: fc.constantFrom(...RESULT_STATUS_TYPES) }),
        { maxLength: 2, selector: (r) => JSON.stringify(r) },
      ),
    },
    { requiredKeys: ['issuerName', 'achievement', 'recipient', 'validFrom', 'resultValues'] },
  )
  .map((r) => (issuer: string): OpenBadgeCredentialInput => {
    const descriptions = r.achievement.resultDescription ?? [];
    const results = descriptions.length
      ? r.resultValues.map((v, i) => ({ ...v, resultDescription: descriptions[i % descriptions.length]!.id }))
      : [];
    return {
      issuer: { id: issuer, name: r.issuerName },
      achievement: r.achievement,
      recipient: r.recipient,
      validFrom: r.validFrom,
      ...(r.validUntil ? { validUntil: r.validUntil } : {}),
      ...(r.name ? { name: r.name } : {}),
      ...(r.description ? { description: r.description } : {}),
      ...(r.evidence ? { evidence: r.evidence } : {}),
      ...(results.length ? { results } : {}),
    };
  });

// ---------------------------------------------------------------------------------------------
// Mutations

export type Path = ReadonlyArray<string | number>;

/** One change to a JSON document. */
export interface Mutation {
  description: string;
  apply(document: Json): Json;
}

/** How "semantically neutral" is judged: by JSON-LD meaning (Data Integrity) or by bytes (JWS). */
export type Semantics = 'json-ld' | 'bytes';

export function cloneJson<T extends Json>(value: T): T {
  // JSON round trip, not structuredClone: it keeps an own "__proto__" property as JSON.parse makes it.
  return JSON.parse(JSON.stringify(value)) as T;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b) && typeof a === typeof b;
}

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Sets an own property, even `__proto__` (as JSON.parse would), without touching any prototype. */
function setOwn(target: JsonObject, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function at(document: Json, path: Path): Json {
  let node: Json = document;
  for (const step of path) node = (node as Record<string | number, Json>)[step]!;
  return node;
}

function pathText(path: Path): string {
  return `/${path.map(String).join('/')}`;
}

interface Node {
  path: Path;
  value: Json;
  parent?: Json;
}

function nodes(document: Json, within: (path: Path) => boolean): Node[] {
  const out: Node[] = [];
  const walk = (value: Json, path: Path, parent?: Json) => {
    if (path.length > 0 && within(path))
      out.push(parent === undefined ? { path, value } : { path, value, parent });
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i], value);
    } else if (isObject(value)) for (const [k, v] of Object.entries(value)) walk(v, [...path, k], value);
  };
  walk(document, []);
  return out;
}

// Keys an attacker would try: prototype pollution, JSON-LD keywords and aliases, common terms.
const KEYS = [
  '__proto__',
  '@context',
  'constructor',
  'prototype',
  '@id',
  '@type',
  '@value',
  '@graph',
  '@foo',
  'id',
  'type',
  'name',
  'description',
  'achievement',
  'proof',
  'validUntil',
  'proofValue',
  'credentialStatus',
];
const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ minLength: 1, maxLength: 8 }));

// Values that mean something to a verifier, next to random ones.
const MEANINGFUL = [
  'VerifiableCredential',
  'OpenBadgeCredential',
  'Achievement',
  'Profile',
  'DataIntegrityProof',
  'eddsa-rdfc-2022',
  'ecdsa-rdfc-2019',
  'Ed25519Signature2020',
  'authentication',
  'did:example:attacker',
  'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
  'https://evil.example/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.9.json',
  '1999-01-01T00:00:00Z',
  '2099-01-01T00:00:00Z',
  '',
];
const leaf: fc.Arbitrary<Json> = fc.oneof(
  text,
  fc.constantFrom(...MEANINGFUL),
  fc.integer(),
  fc.boolean(),
  fc.double({ noNaN: true, noDefaultInfinity: true }).filter((d) => !Object.is(d, -0)),
);
const value: fc.Arbitrary<Json> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 1, arbitrary: fc.dictionary(key, leaf, { minKeys: 1, maxKeys: 2 }) as fc.Arbitrary<Json> },
  { weight: 1, arbitrary: fc.array(leaf, { minLength: 1, maxLength: 2 }) },
);

// Replacements for an @context entry: unknown URLs, look-alikes, inline contexts, other OB versions.
const contextEntry: fc.Arbitrary<Json> = fc.constantFrom<Json>(
  'https://evil.example/context.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.9.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json',
  'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
  'https://www.w3.org/2018/credentials/v1',
  'https://www.w3.org/ns/credentials/v2#',
  'http://www.w3.org/ns/credentials/v2',
  { '@vocab': 'https://evil.example/vocab#' },
  { name: 'https://schema.org/description' },
  { id: '@type' },
);

/** The subtle edits of a string that a sloppy canonicalizer or comparison could confuse. */
function stringEdits(s: string): string[] {
  const edits = [
    `${s} `,
    ` ${s}`,
    s.slice(0, -1),
    `${s}\u200B`,
    `${s}\u0000`,
    s.normalize('NFD'),
    s.normalize('NFC'),
    s.normalize('NFKC'),
    s.toUpperCase(),
    s.toLowerCase(),
    JSON.stringify(s).slice(1, -1), // the escaped form as literal text ("\n" → "\\n")
    s.replace(/\n/g, '\\n'),
    s.replace(/"/g, '\\"'),
    `${s}\n`,
    `${s}\r`,
    `${s}\uFFFD`,
    s.replace(/e\u0301/g, 'é').replace(/é/g, 'e\u0301'),
    [...s].reverse().join(''),
  ];
  return [...new Set(edits)].filter((e) => e !== s);
}

/**
 * Mutations that are semantically neutral in JSON-LD, excluded for Data Integrity (where the
 * signature covers the canonical RDF dataset, not the JSON bytes). They verify, correctly:
 * - reordering an array other than `@context` and an `@list` (`allowedValue`): JSON-LD arrays are
 *   sets; that includes reordering a proof set (VC Data Integrity §2.1.1: a set, each proof signs
 *   the document without the others). Reorder ops are only generated for ordered arrays.
 * - removing one proof of a proof set: each proof attests the document on its own, so the ones
 *   left still do (a removal inside a proof, or of the only proof, stays in).
 * - `x` ↔ `[x]`: a single value and a one-element array expand alike (`type: "Achievement"`).
 * - adding `null`, `[]` (or arrays of only those) as a new property or array element: they yield
 *   no triples. Replacing a real value by them is a removal and stays in.
 * - duplicating an array element: RDF graphs are sets, a repeated literal or IRI is one triple.
 * - `"x"` ↔ `{ "id": "x" }`: for `@id`-typed terms both are the same node reference.
 * - a number or boolean ↔ its string form (`5` ↔ `"5"`): under a coerced datatype
 *   (`creditsAvailable: xsd:float`) both become `"5"^^xsd:float`.
 * - renaming `id` ↔ `@id`, `type` ↔ `@type`, and `OpenBadgeCredential` ↔ `AchievementCredential`:
 *   aliases of the same keyword or IRI in the VC and OB contexts.
 * - adding a bundled context (or one already listed) to `@context`: a context that redefines no
 *   term in use does not change the dataset, and the proof configuration takes the document's
 *   `@context` (eddsa-rdfc-2022 §3.3.2), so it does not change either. Only unknown, look-alike
 *   and inline contexts are generated, and replacements of an existing entry.
 * None is excluded because it fails; each is excluded because the signed meaning is unchanged.
 * For VC-JWT ('bytes') only a change that leaves the JSON text identical is neutral.
 */
function neutral(
  semantics: Semantics,
  before: Json | undefined,
  after: Json | undefined,
  op: string,
): boolean {
  if (deepEqual(before, after)) return true;
  if (semantics === 'bytes') return false;
  if (after !== undefined && before !== undefined) {
    const all = (list: Json, v: Json) =>
      Array.isArray(list) && list.length > 0 && list.every((e) => deepEqual(e, v));
    if (all(after, before) || all(before, after)) return true; // x ↔ [x] (or [x, x])
    if (isObject(after) && Object.keys(after).length === 1 && after.id === before) return true;
    if (isObject(before) && Object.keys(before).length === 1 && before.id === after) return true;
    const scalar = (v: Json) => typeof v === 'number' || typeof v === 'boolean';
    if ((scalar(before) && typeof after === 'string') || (scalar(after) && typeof before === 'string')) {
      if (String(before) === String(after)) return true;
    }
    const aliases = [['OpenBadgeCredential', 'AchievementCredential']];
    if (aliases.some((g) => g.includes(before as string) && g.includes(after as string))) return true;
  }
  if ((op === 'add' || op === 'insert') && isEmpty(after)) return true;
  return false;
}

function isEmpty(v: Json | undefined): boolean {
  return v === null || (Array.isArray(v) && v.every(isEmpty));
}

const ORDERED = new Set(['@context', 'allowedValue']);
const KEY_ALIASES: Record<string, string> = { id: '@id', '@id': 'id', type: '@type', '@type': 'type' };

/**
 * Exactly one change at one place of `document`: replace, edit a string, remove, add a property,
 * rename a property, insert an array element, reorder an ordered array. `within` narrows the
 * places (e.g. only inside `proof`).
 */
export function mutationOf(
  document: Json,
  semantics: Semantics,
  within: (path: Path) => boolean = () => true,
): fc.Arbitrary<Mutation> {
  const candidates = nodes(document, within);
  if (candidates.length === 0) throw new Error('no node to mutate');
  return fc
    .constantFrom(...candidates)
    .chain((node) => {
      const { path } = node;
      const last = path[path.length - 1]!;
      const parentPath = path.slice(0, -1);
      const inContext = path.includes('@context');
      const ops: fc.Arbitrary<Mutation | undefined>[] = [];

      // Replace the value with another one.
      ops.push(
        (inContext ? contextEntry : value).map((next) =>
          neutral(semantics, node.value, next, 'replace')
            ? undefined
            : {
                description: `replace ${pathText(path)} ${JSON.stringify(node.value)} → ${JSON.stringify(next)}`,
                apply: (doc) => {
                  const parent = at(doc, parentPath) as Record<string | number, Json>;
                  if (Array.isArray(parent)) parent[last as number] = next;
                  else setOwn(parent as JsonObject, last as string, next);
                  return doc;
                },
              },
        ),
      );
      // Edit a string subtly.
      if (typeof node.value === 'string') {
        const edits = stringEdits(node.value);
        if (edits.length > 0) {
          ops.push(
            fc.constantFrom(...edits).map((next) => ({
              description: `edit ${pathText(path)} ${JSON.stringify(node.value)} → ${JSON.stringify(next)}`,
              apply: (doc) => {
                (at(doc, parentPath) as Record<string | number, Json>)[last] = next;
                return doc;
              },
            })),
          );
        }
      }
      // Remove it.
      ops.push(
        fc.constant(
          neutral(semantics, node.value, undefined, 'remove') ||
            (semantics === 'json-ld' && isEmpty(node.value)) ||
            (semantics === 'json-ld' &&
              parentPath[parentPath.length - 1] === 'proof' &&
              Array.isArray(node.parent))
            ? undefined
            : {
                description: `remove ${pathText(path)}`,
                apply: (doc) => {
                  const parent = at(doc, parentPath);
                  if (Array.isArray(parent)) parent.splice(last as number, 1);
                  else delete (parent as JsonObject)[last as string];
                  return doc;
                },
              },
        ),
      );
      // Rename the property.
      if (isObject(node.parent)) {
        const parent = node.parent;
        ops.push(
          key.map((next) =>
            Object.hasOwn(parent, next) ||
            (semantics === 'json-ld' && KEY_ALIASES[last as string] === next) ||
            (semantics === 'json-ld' && isEmpty(node.value))
              ? undefined
              : {
                  description: `rename ${pathText(path)} → ${JSON.stringify(next)}`,
                  apply: (doc) => {
                    const target = at(doc, parentPath) as JsonObject;
                    const moved = target[last as string]!;
                    delete target[last as string];
                    setOwn(target, next, moved);
                    return doc;
                  },
                },
          ),
        );
      }
      // Add a property to an object.
      if (isObject(node.value)) {
        const target = node.value;
        ops.push(
          fc.tuple(key, value).map(([k, v]) =>
            Object.hasOwn(target, k) || neutral(semantics, undefined, v, 'add')
              ? undefined
              : {
                  description: `add ${pathText([...path, k])} = ${JSON.stringify(v)}`,
                  apply: (doc) => {
                    setOwn(at(doc, path) as JsonObject, k, v);
                    return doc;
                  },
                },
          ),
        );
      }
      // Insert an element into an array; reorder an ordered one.
      if (Array.isArray(node.value)) {
        const list = node.value;
        ops.push(
          fc
            .tuple(inContext || last === '@context' ? contextEntry : value, fc.nat({ max: list.length }))
            .map(([v, i]) =>
              neutral(semantics, undefined, v, 'insert') ||
              (semantics === 'json-ld' && list.some((e) => deepEqual(e, v)))
                ? undefined
                : {
                    description: `insert ${JSON.stringify(v)} at ${pathText([...path, i])}`,
                    apply: (doc) => {
                      (at(doc, path) as Json[]).splice(i, 0, v);
                      return doc;
                    },
                  },
            ),
        );
        if (list.length >= 2 && (semantics === 'bytes' || ORDERED.has(String(last)))) {
          ops.push(
            fc.tuple(fc.nat({ max: list.length - 1 }), fc.nat({ max: list.length - 1 })).map(([i, j]) =>
              i === j || deepEqual(list[i], list[j])
                ? undefined
                : {
                    description: `swap ${pathText([...path, i])} and ${pathText([...path, j])}`,
                    apply: (doc) => {
                      const target = at(doc, path) as Json[];
                      [target[i], target[j]] = [target[j]!, target[i]!];
                      return doc;
                    },
                  },
            ),
          );
        }
      }
      return fc.oneof(...ops);
    })
    .filter((m): m is Mutation => m !== undefined);
}

/** Applies a mutation to a copy. */
export function mutate(document: Json, mutation: Mutation): Json {
  return mutation.apply(cloneJson(document));
}

// ---------------------------------------------------------------------------------------------
// Results

const VERDICTS = ['verified', 'invalid', 'revoked', 'suspended', 'expired', 'not-yet-valid', 'indeterminate'];
const FORMATS = ['data-integrity', 'vc-jwt', 'unsecured', 'unknown'];
const STATUSES = ['passed', 'failed', 'skipped', 'warning'];

/** The result is the documented shape and consistent with itself; `verified` iff no check failed. */
export function expectWellFormed(result: VerificationResult): void {
  expect(typeof result).toBe('object');
  expect(typeof result.verified).toBe('boolean');
  expect(VERDICTS).toContain(result.verdict);
  expect(FORMATS).toContain(result.format);
  expect(Array.isArray(result.checks)).toBe(true);
  expect(result.checks.length).toBeGreaterThan(0);
  for (const check of result.checks) {
    expect(typeof check.id).toBe('string');
    expect(STATUSES).toContain(check.status);
    expect(check.code).toMatch(/^[A-Z0-9_]+$/);
    expect(typeof check.message).toBe('string');
  }
  const failed = result.checks.filter((c) => c.status === 'failed');
  expect(result.verified).toBe(result.verdict === 'verified');
  expect(result.verified).toBe(failed.length === 0);
}

/** A short account of why a result is what it is, for assertion messages. */
export function explain(result: VerificationResult): string {
  return `${result.verdict}: ${result.checks
    .filter((c) => c.status !== 'passed')
    .map((c) => `${c.code} ${c.message.slice(0, 160)}`)
    .join(' | ')}`;
}
