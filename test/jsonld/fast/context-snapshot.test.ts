// The build-time snapshot of processed contexts (src/jsonld/generated/context-snapshot.ts) must be
// exactly what jsonld.js computes: each context is recomputed here by jsonld.js from its origin and
// compared, and IRI expansion (ported from jsonld.js) is compared with jsonld.js's on every context.
// The committed file must also match what the generator produces now (stale → `npm run generate:contexts`).
import { readFileSync } from 'node:fs';
import contextApi, { type ActiveContext } from 'jsonld/lib/context.js';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DOCUMENTS_FILE,
  FULL_SNAPSHOT_FILE,
  generateContextSnapshots,
  generateDocumentsModule,
  SNAPSHOT_FILE,
} from '../../../scripts/context-snapshot.js';
import { BUNDLED_CONTEXTS } from '../../../src/contexts/bundled.js';
import { loadSnapshot, KINDS, type SnapshotTier, transitions } from '../../../src/jsonld/fast/snapshot.js';
import type { Ctx } from '../../../src/jsonld/fast/context.js';
import { initialContext, resetContexts, snapshotInUse } from '../../../src/jsonld/fast/active-context.js';
import { rawContext } from '../../../src/jsonld/fast/jsonld-context.js';
import { canonizeFast } from '../../../src/jsonld/fast/fast-path.js';
import { expandIri, termInfo, vocabIri } from '../../../src/jsonld/fast/iri.js';
import { makeContext } from '../../../src/jsonld/fast/context.js';
import { createDocumentLoader } from '../../../src/contexts/index.js';
import { createAchievement, createOpenBadgeCredential } from '../../../src/model/index.js';

afterEach(() => resetContexts());

/** Every context reachable from `start`, building the snapshot's as it goes. */
function reachable(start: Ctx): Ctx[] {
  const seen = new Set<Ctx>();
  const queue = [start];
  while (queue.length > 0) {
    const ctx = queue.pop()!;
    if (seen.has(ctx)) continue;
    seen.add(ctx);
    for (const kind of KINDS) for (const [, next] of transitions(ctx, kind)) queue.push(next);
  }
  return [...seen];
}

/** Every context reachable from a fresh revival of a bundled snapshot. */
async function snapshotContexts(tier: SnapshotTier = 'full'): Promise<Ctx[]> {
  resetContexts(await loadSnapshot(tier));
  return reachable(initialContext());
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
        readFileSync(new URL('../../../src/contexts/documents/credentials-v2.json', import.meta.url), 'utf8'),
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
    const { core, full } = await generateContextSnapshots();
    expect(readFileSync(SNAPSHOT_FILE, 'utf8')).toBe(core);
    expect(readFileSync(FULL_SNAPSHOT_FILE, 'utf8')).toBe(full);
  }, 120_000);

  it('holds the contexts of the usual credential shapes, the core a part of the full snapshot', async () => {
    const core = await loadSnapshot('core');
    expect(core.contexts.length).toBeGreaterThan(100);
    expect((await loadSnapshot('full')).contexts.length).toBeGreaterThan(3 * core.contexts.length);
  });

  it('starts from the core and moves to the full snapshot at the first context the core lacks', async () => {
    const V2 = 'https://www.w3.org/ns/credentials/v2';
    const credential = (ob: string, related: unknown[] = []) => ({
      '@context': [V2, `https://purl.imsglobal.org/spec/ob/v3p0/context-${ob}.json`],
      id: 'urn:uuid:1',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: 'did:example:issuer',
      validFrom: '2026-01-01T00:00:00Z',
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          id: 'urn:uuid:2',
          type: ['Achievement'],
          name: 'A',
          criteria: { narrative: 'n' },
          related,
        },
      },
    });
    const documentLoader = createDocumentLoader();
    resetContexts();
    // OB 3.0.3 under VC 2.0: what credstack writes
    expect(await canonizeFast(credential('3.0.3'), documentLoader)).toBeDefined();
    expect(snapshotInUse()).toBe('core');
    // OB 3.0.2 (spec examples use it; credstack does not write it), with a `Related` node inside
    // an Achievement, which no document of the corpus has
    const nquads = await canonizeFast(
      credential('3.0.2', [{ id: 'urn:uuid:3', type: ['Related'] }]),
      documentLoader,
    );
    expect(nquads).toContain('<https://purl.imsglobal.org/spec/vc/ob/vocab.html#Related>');
    expect(snapshotInUse()).toBe('full');
    // the walk found it there: jsonld.js computed nothing
    expect(reachable(initialContext()).filter((ctx) => ctx.raw !== undefined)).toEqual([]);
  });

  it('holds in its core every context a credential as credstack writes it needs', async () => {
    const alignment = {
      targetName: 'Competency 1',
      targetUrl: 'https://example.org/c/1',
      targetType: 'CFItem' as const,
    };
    const achievement = createAchievement({
      name: 'Sterile Processing',
      description: 'Decontamination and sterilisation of surgical instruments.',
      criteria: 'Completed 400 supervised hours.',
      achievementType: 'Certificate',
      image: 'https://example.edu/badge.png',
      alignment,
      resultDescription: { id: 'urn:uuid:rd', name: 'Final score', resultType: 'ScaledScore', alignment },
    });
    const credential = await createOpenBadgeCredential({
      issuer: { id: 'did:example:issuer', name: 'Example College', url: 'https://example.edu' },
      achievement,
      recipient: { id: 'did:example:learner' },
      results: [{ resultDescription: 'urn:uuid:rd', value: '88', alignment }],
      evidence: [{ id: 'https://example.edu/evidence/1', narrative: 'Logbook', name: 'Logbook' }],
    });
    resetContexts();
    expect(await canonizeFast(credential, createDocumentLoader())).toBeDefined();
    expect(snapshotInUse()).toBe('core');
  });

  it.each(['core', 'full'] as const)(
    'revives every %s context exactly as jsonld.js processes it from its origin',
    async (tier) => {
      const contexts = await snapshotContexts(tier);
      expect(contexts.length).toBe((await loadSnapshot(tier)).contexts.length);
      for (const ctx of contexts) {
        expect(ctx.raw).toBeUndefined(); // revived without jsonld.js
        const raw = await rawContext(ctx); // jsonld.js replays the transitions that lead here
        expect(sortedMappings(ctx.mappings)).toEqual(sortedMappings(raw.mappings));
        expect(ctx.top).toEqual(topOf(raw));
        expect(ctx.reverts).toBe(Boolean(raw.previousContext));
        if (ctx.prev) expect(ctx.reverts).toBe(true);
      }
    },
    120_000,
  );

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
    for (const ctx of await snapshotContexts()) {
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

  it('reads each term as jsonld.js does, in every context, one lookup per context and term', async () => {
    const others = [
      'unknownTerm',
      'schema:name',
      'https://example.com/a',
      '@type',
      '@id',
      '_:b0',
      'relative/path',
    ];
    for (const ctx of await snapshotContexts()) {
      const raw = await rawContext(ctx);
      for (const term of [...[...ctx.mappings.keys()].slice(0, 80), ...others]) {
        const info = termInfo(ctx, term);
        const iri = contextApi.expandIri(raw, term, { vocab: true }, { base: null });
        const definition = ctx.mappings.get(term);
        // jsonld.js reads no definition of a term mapped to null (expansion drops it first)
        const value = (type: string) =>
          definition === null
            ? type === '@context'
              ? undefined
              : type === '@language' || type === '@direction'
                ? (raw[type] ?? null)
                : null
            : contextApi.getContextValue(raw, term, type);
        expect(info, term).toEqual({
          iri,
          keyword: contextApi.isKeyword(iri),
          valid:
            iri !== null && (contextApi.isKeyword(iri) || /^([A-Za-z][A-Za-z0-9+-.]*|_):[^\s]*$/.test(iri)),
          scoped: value('@context'),
          container: (value('@container') as string[] | null) ?? [],
          type: value('@type'),
          language: value('@language'),
          direction: value('@direction'),
          reverse: Boolean(definition?.reverse),
        });
        expect(termInfo(ctx, term), term).toBe(info);
      }
    }
  }, 120_000);

  it('remembers a bounded number of terms per context, and answers the same past the bound', () => {
    const ctx = makeContext(new Map(), { '@vocab': 'https://vocab.example/' }, false, null, null);
    for (let i = 0; i < 5000; i++) {
      expect(termInfo(ctx, `term${i}`).iri).toBe(`https://vocab.example/term${i}`);
    }
    expect(ctx.terms.size).toBe(2048);
    expect(termInfo(ctx, 'term4999')).toEqual(termInfo(ctx, 'term4999'));
    expect(termInfo(ctx, 'term4999')).not.toBe(termInfo(ctx, 'term4999'));
    expect(vocabIri(ctx, 'term4999')).toBe('https://vocab.example/term4999');
  });
});
