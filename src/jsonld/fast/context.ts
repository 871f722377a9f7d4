// An immutable, memoised active context and the transitions out of it: the graph active-context.ts
// walks and snapshot.ts revives. Active contexts are shared and must never be mutated; the walker
// in `expand.ts` only reads them.

import type { ActiveContext, TermDefinition } from 'jsonld/lib/context.js';

export type Kind = 'property' | 'typed' | 'remote';

/** How a context was reached: jsonld.js processed `local` on top of `from`. */
export interface Origin {
  readonly from: Ctx;
  readonly kind: Kind;
  /** A scoped context value (property, typed) or a bundled context URL (remote). */
  readonly local: unknown;
}

/** An immutable, memoised active context. */
export interface Ctx {
  readonly mappings: ReadonlyMap<string, TermDefinition | null>;
  /** The context's own `@vocab`, `@base`, `@language`, `@direction` (present exactly when jsonld has them). */
  readonly top: Readonly<Record<string, unknown>>;
  /** jsonld's `previousContext` is set: a type-scoped context is in force. */
  readonly reverts: boolean;
  /** The context a type-scoped context reverts to (jsonld's `previousContext`), canonicalised. */
  readonly prev: Ctx | null;
  readonly origin: Origin | null;
  /** jsonld.js's own active context, made on first need (only to compute a missing transition). */
  raw: ActiveContext | undefined;
  readonly vocabIris: Map<string, string | null>;
  readonly typeIris: Map<string, string | null>;
  /** What expansion reads of each term used as a property here (iri.ts `termInfo`). */
  readonly terms: Map<string, unknown>;
  /** Transitions: key → next context, one map per kind of context application. */
  readonly property: Map<unknown, Ctx>;
  readonly typed: Map<unknown, Ctx>;
  readonly remote: Map<unknown, Ctx>;
}

/** Thrown when a transition is not cached yet: the caller computes it (async) and walks again. */
export class ContextMiss {
  constructor(
    readonly from: Ctx,
    readonly kind: Kind,
    readonly key: unknown,
    readonly localCtx: unknown,
  ) {}
}

/** Raised for input outside the supported subset: the caller falls back to jsonld.js. */
export class Unsupported extends Error {}

/** A new context with no transitions yet. */
export function makeContext(
  mappings: ReadonlyMap<string, TermDefinition | null>,
  top: Record<string, unknown>,
  reverts: boolean,
  prev: Ctx | null,
  origin: Origin | null,
  raw?: ActiveContext,
): Ctx {
  return {
    mappings,
    top,
    reverts,
    prev,
    origin,
    raw,
    vocabIris: new Map(),
    typeIris: new Map(),
    terms: new Map(),
    property: new Map(),
    typed: new Map(),
    remote: new Map(),
  };
}

/** jsonld's `@vocab`, `@base`, `@language`, `@direction` of `raw`. */
export function topOf(raw: ActiveContext): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (key.startsWith('@')) top[key] = raw[key];
  return top;
}
