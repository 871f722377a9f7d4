// Processed JSON-LD active contexts, computed once and shared by every canonicalization.
//
// Why: jsonld.js re-processes every context for every document (its resolved-context cache is per
// operation) and deep-clones the active context for each typed node; the OB 3.0.3 context puts a
// type-scoped context on every class, so that work grows with every alignment and result and was
// ~75% of signing time. The bundled contexts never change, so each transition
// (active context, local context) → active context is computed once, by jsonld.js's own context
// processing (the term definitions are exactly jsonld.js's), and kept. Active contexts reached this
// way are shared and must never be mutated; the walker in `expand.ts` only reads them.
//
// Only bundled context documents are ever processed here: the loader used to compute a transition
// serves nothing but the bundle, so a cached transition cannot depend on the caller's loader.

import contextApi, { type ActiveContext, type TermDefinition } from 'jsonld/lib/context.js';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import events from 'jsonld/lib/events.js';
import { BUNDLED_CONTEXTS } from '../../contexts/bundled.js';

/** An immutable, memoised active context. */
export interface Ctx {
  readonly raw: ActiveContext;
  /** The context a type-scoped context reverts to (jsonld's `previousContext`), canonicalised. */
  readonly prev: Ctx | null;
  readonly vocabIris: Map<string, string | null>;
  readonly typeIris: Map<string, string | null>;
  /** Transitions: key → next context, one map per kind of context application. */
  readonly property: Map<unknown, Ctx>;
  readonly typed: Map<unknown, Ctx>;
  readonly remote: Map<unknown, Ctx>;
}

/** Thrown when a transition is not cached yet: the caller computes it (async) and walks again. */
export class ContextMiss {
  constructor(
    readonly from: Ctx,
    readonly kind: 'property' | 'typed' | 'remote',
    readonly key: unknown,
    readonly localCtx: unknown,
  ) {}
}

// Bounds memory when documents invent many property names under an `@vocab` (VC 2.0 has one).
const MAX_IRIS_PER_CONTEXT = 2048;
// Scoped contexts make the number of distinct active contexts grow with the document's shape; a
// hostile stream of shapes must not grow memory forever: past this many, start again.
const MAX_CONTEXTS = 4096;

const OPTIONS = { base: null } as const;
let created = 0;
let initial: Ctx | undefined;

function wrap(raw: ActiveContext, prev: Ctx | null): Ctx {
  created++;
  return {
    raw,
    prev,
    vocabIris: new Map(),
    typeIris: new Map(),
    property: new Map(),
    typed: new Map(),
    remote: new Map(),
  };
}

/** The initial active context (processing mode json-ld-1.1, no base: what `jsonld.canonize` uses). */
export function initialContext(): Ctx {
  if (!initial || created > MAX_CONTEXTS) {
    created = 0;
    initial = wrap(contextApi.getInitialContext({ base: null }), null);
  }
  return initial;
}

const bundledLoader = async (url: string) => {
  const document = BUNDLED_CONTEXTS.get(url);
  if (document === undefined) throw new Error(`not a bundled context: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

// One resolver for all misses: its shared cache only ever holds bundled documents.
const sharedCache = new Map<string, unknown>();
const resolver = new ContextResolver({ sharedCache });

/**
 * Computes and stores a missing transition. jsonld.js's safe-mode event handler runs, so a context
 * jsonld would reject in safe mode rejects here too (the caller then falls back to jsonld).
 */
export async function fill(miss: ContextMiss): Promise<void> {
  const { from, kind, key, localCtx } = miss;
  const raw = await contextApi.process({
    activeCtx: from.raw,
    localCtx,
    options: {
      documentLoader: bundledLoader,
      contextResolver: resolver,
      base: null,
      eventHandler: events.safeEventHandler,
    },
    ...(kind === 'typed' ? { propagate: false } : {}),
    ...(kind === 'property' ? { propagate: true, overrideProtected: true } : {}),
  });
  // jsonld keeps `previousContext` (cloned) through later processing; which context that clone
  // stands for follows from where we came from: the context before the first type-scoped context.
  let prev: Ctx | null = null;
  if (raw.previousContext) prev = from.raw.previousContext ? from.prev : from;
  if (raw === from.raw) {
    from[kind].set(key, from);
    return;
  }
  from[kind].set(key, wrap(raw, prev));
}

/** A cached transition, or a {@link ContextMiss} thrown for the caller to fill. */
export function apply(
  from: Ctx,
  kind: 'property' | 'typed' | 'remote',
  key: unknown,
  localCtx: unknown,
): Ctx {
  const next = from[kind].get(key);
  if (next) return next;
  throw new ContextMiss(from, kind, key, localCtx);
}

/** jsonld's `expandIri(ctx, value, {vocab: true})`, memoised per context. */
export function vocabIri(ctx: Ctx, value: string): string | null {
  let iri = ctx.vocabIris.get(value);
  if (iri !== undefined) return iri;
  iri = contextApi.expandIri(ctx.raw, value, { vocab: true }, OPTIONS);
  if (ctx.vocabIris.size < MAX_IRIS_PER_CONTEXT) ctx.vocabIris.set(value, iri);
  return iri;
}

/** jsonld's `expandIri(ctx, value, {base: true, vocab: true})` (how `@type` values expand), memoised. */
export function typeIri(ctx: Ctx, value: string): string | null {
  let iri = ctx.typeIris.get(value);
  if (iri !== undefined) return iri;
  iri = contextApi.expandIri(ctx.raw, value, { base: true, vocab: true }, OPTIONS);
  if (ctx.typeIris.size < MAX_IRIS_PER_CONTEXT) ctx.typeIris.set(value, iri);
  return iri;
}

/** jsonld's `expandIri(ctx, value, {base: true})` (how `@id` values expand); ids are unique, not memoised. */
export function idIri(ctx: Ctx, value: string): string | null {
  return contextApi.expandIri(ctx.raw, value, { base: true }, OPTIONS);
}

/** jsonld's `getContextValue(ctx, key, type)`. */
export function contextValue(
  ctx: Ctx,
  key: string | null,
  type: keyof TermDefinition | '@language' | '@direction',
): unknown {
  if (key === null) return type === '@context' ? undefined : null;
  const entry = ctx.raw.mappings.get(key);
  if (entry && Object.hasOwn(entry, type)) return entry[type as keyof TermDefinition];
  if ((type === '@language' || type === '@direction') && type in ctx.raw) return ctx.raw[type];
  return type === '@context' ? undefined : null;
}

export function termDefinition(ctx: Ctx, key: string): TermDefinition | null | undefined {
  return ctx.raw.mappings.get(key);
}

export const isKeyword: (value: unknown) => boolean = contextApi.isKeyword;
