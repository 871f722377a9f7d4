// The build-time snapshot of processed contexts (src/proof/rdf/generated/context-snapshot.ts) must be
// exactly what jsonld.js computes: each context is recomputed here by jsonld.js from its origin and
// compared, and IRI expansion (ported from jsonld.js) is compared with jsonld.js's on every context.
// The committed file must also match what the generator produces now (stale → `npm run contexts:snapshot`).
import { readFileSync } from 'node:fs';
import contextApi, { type ActiveContext } from 'jsonld/lib/context.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DOCUMENTS_FILE,
  generateContextSnapshot,
  generateDocumentsModule,
  SNAPSHOT_FILE,
} from '../../scripts/context-snapshot.js';
import { BUNDLED_CONTEXTS } from '../../src/contexts/bundled.js';
import {
  bundledSnapshot,
  type Ctx,
  expandIri,
  initialContext,
  KINDS,
  rawContext,
  resetContexts,
  transitions,
} from '../../src/proof/rdf/context-cache.js';

afterEach(() => resetContexts());

/** Every context reachable from a fresh revival of the snapshot. */
function snapshotContexts(): Ctx[] {
  resetContexts();
  const seen = new Set<Ctx>();
  const queue = [initialContext()];
  while (queue.length > 0) {
    const ctx = queue.pop()!;
    if (seen.has(ctx)) continue;
    seen.add(ctx);
    for (const kind of KINDS) for (const [, next] of transitions(ctx, kind)) queue.push(next);
  }
  return [...seen];
}

const sortedMappings = (mappings: ReadonlyMap<string, unknown>) =>
  [...mappings].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function topOf(raw: ActiveContext): Record<string, unknown> {
  return Object.fromEntries(Object.entries(raw).filter(([key]) => key.startsWith('@')));
}

describe('context snapshot', () => {
  it('bundles every context document as its JSON text, up to date, parsed once', () => {
    expect(readFileSync(DOCUMENTS_FILE, 'utf8')).toBe(generateDocumentsModule());
    const v2 = BUNDLED_CONTEXTS.get('https://www.w3.org/ns/credentials/v2');
    expect(v2).toEqual(
      JSON.parse(
        readFileSync(new URL('../../src/contexts/documents/credentials-v2.json', import.meta.url), 'utf8'),
      ),
    );
    expect(BUNDLED_CONTEXTS.get('https://www.w3.org/ns/credentials/v2')).toBe(v2);
    // two URLs of one document give one object
    expect(BUNDLED_CONTEXTS.get('https://w3id.org/did/v1')).toBe(
      BUNDLED_CONTEXTS.get('https://www.w3.org/ns/did/v1'),
    );
    expect(BUNDLED_CONTEXTS.get('https://example.com/not-bundled')).toBeUndefined();
  });

  it('is committed and up to date with the generator', async () => {
    expect(readFileSync(SNAPSHOT_FILE, 'utf8')).toBe(await generateContextSnapshot());
  }, 120_000);

  it('holds the contexts of the usual credential shapes', () => {
    expect(bundledSnapshot().contexts.length).toBeGreaterThan(100);
  });

  it('revives every context exactly as jsonld.js processes it from its origin', async () => {
    const contexts = snapshotContexts();
    expect(contexts.length).toBe(bundledSnapshot().contexts.length);
    for (const ctx of contexts) {
      expect(ctx.raw).toBeUndefined(); // revived without jsonld.js
      const raw = await rawContext(ctx); // jsonld.js replays the transitions that lead here
      expect(sortedMappings(ctx.mappings)).toEqual(sortedMappings(raw.mappings));
      expect(ctx.top).toEqual(topOf(raw));
      expect(ctx.reverts).toBe(Boolean(raw.previousContext));
      if (ctx.prev) expect(ctx.reverts).toBe(true);
    }
  }, 120_000);

  it('expands IRIs as jsonld.js does, in every context', async () => {
    const values = [
      '@id',
      '@type',
      '@foo',
      '@',
      'name',
      'type',
      'id',
      'Achievement',
      'unknownTerm',
      'xsd:string',
      'schema:name',
      'cred:issuer',
      'dc:title',
      'unknown:thing',
      '_:b0',
      'urn:uuid:1',
      'did:example:123',
      'https://example.com/a',
      'http://example.com/a b',
      'x://y',
      'relative/path',
      '',
      ':',
      'a:',
    ];
    const options = { base: null };
    for (const ctx of snapshotContexts()) {
      const raw = await rawContext(ctx);
      const terms = [...ctx.mappings.keys()].slice(0, 50);
      for (const value of [...values, ...terms, ...terms.map((t) => `${t}:suffix`)]) {
        for (const [vocab, base] of [
          [true, false],
          [true, true],
          [false, true],
        ] as const) {
          expect(expandIri(ctx, value, vocab, base), `${value} vocab=${vocab} base=${base}`).toBe(
            contextApi.expandIri(raw, value, { vocab, base }, options),
          );
        }
      }
    }
  }, 120_000);
});
