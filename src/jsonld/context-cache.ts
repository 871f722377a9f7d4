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
// The transitions credentials usually take are computed at build time (generated/context-snapshot.ts,
// `npm run generate:contexts`) and revived here without jsonld.js: loading jsonld.js's context code
// and processing the VC 2.0 and OB 3.0 contexts was ~70 ms of a verifier's cold start. Anything not
// in the snapshot is computed as before, on first need, by jsonld.js (imported then).
// test/jsonld/context-snapshot.test.ts recomputes every snapshot context with jsonld.js and compares.
//
// Only bundled context documents are ever processed here: the loader used to compute a transition
// serves nothing but the bundle, so a cached transition cannot depend on the caller's loader.

import type { ActiveContext, TermDefinition } from 'jsonld/lib/context.js';
import { BUNDLED_CONTEXTS } from '../contexts/bundled.js';
import { CONTEXT_SNAPSHOT_CORE_JSON } from './generated/context-snapshot.js';

export type Kind = 'property' | 'typed' | 'remote';

/** How a context was reached: jsonld.js processed `local` on top of `from`. */
interface Origin {
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

// Scoped contexts make the number of distinct active contexts grow with the document's shape; a
// hostile stream of shapes must not grow memory forever: past this many, start again.
const MAX_CONTEXTS = 4096;

/**
 * The two snapshots the package ships (scripts/context-snapshot.ts): `core`, what credstack's own
 * context lists reach, every class under them included (~280 contexts); `full`, what every
 * document of the corpus (src/jsonld/corpus) reaches and every class under each context list they use (~1,400).
 * A process starts with the core (a third of the data to parse), and moves to the full one on the
 * first document that needs a context the core lacks; only a context neither holds is computed by
 * jsonld.js.
 */
export type SnapshotTier = 'core' | 'full';

let created = 0;
let initial: Ctx | undefined;
// The snapshot in use: the bundled ones (`undefined`: `tier`; each parsed on first use, so that
// importing the library costs nothing for them), another one, or none (`null`: all by jsonld.js).
let snapshot: ContextSnapshot | null | undefined;
let tier: SnapshotTier = 'core';
const bundled: Partial<Record<SnapshotTier, ContextSnapshot>> = {};

/**
 * A build-time snapshot the package ships, parsed once. The full one is a module of its own
 * (generated/context-snapshot-full.ts), imported on first need: a verifier that never leaves the
 * core does not load it.
 */
export async function loadSnapshot(which: SnapshotTier): Promise<ContextSnapshot> {
  if (which === 'core') return coreSnapshot();
  if (bundled.full === undefined) {
    const { CONTEXT_SNAPSHOT_FULL_JSON } = await import('./generated/context-snapshot-full.js');
    bundled.full ??= JSON.parse(CONTEXT_SNAPSHOT_FULL_JSON) as ContextSnapshot;
  }
  return bundled.full;
}

function coreSnapshot(): ContextSnapshot {
  bundled.core ??= JSON.parse(CONTEXT_SNAPSHOT_CORE_JSON) as ContextSnapshot;
  return bundled.core;
}

/** Which snapshot the walk starts from: a bundled tier, another (`'other'`) or none. */
export function snapshotInUse(): SnapshotTier | 'other' | 'none' {
  if (snapshot === undefined) return tier;
  return snapshot === null ? 'none' : 'other';
}

function wrap(
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
    property: new Map(),
    typed: new Map(),
    remote: new Map(),
  };
}

function topOf(raw: ActiveContext): Record<string, unknown> {
  const top: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) if (key.startsWith('@')) top[key] = raw[key];
  return top;
}

/** The initial active context (processing mode json-ld-1.1, no base: what `jsonld.canonize` uses). */
export function initialContext(): Ctx {
  if (!initial || created > MAX_CONTEXTS) {
    created = 0;
    // the full snapshot is loaded before `tier` becomes 'full' (fill)
    const data = snapshot !== undefined ? snapshot : tier === 'core' ? coreSnapshot() : bundled.full!;
    initial = data ? revive(data) : wrap(new Map(), {}, false, null, null);
  }
  return initial;
}

/**
 * Starts again from the initial context, with the bundled snapshots (no argument: the core first),
 * another one, or (`null`) none: for the snapshot generator and its tests.
 */
export function resetContexts(from?: ContextSnapshot | null): void {
  snapshot = from;
  tier = 'core';
  initial = undefined;
}

// ---- jsonld.js, for transitions not computed yet ----

interface JsonLdContextApi {
  process: typeof import('jsonld/lib/context.js').default.process;
  getInitialContext: typeof import('jsonld/lib/context.js').default.getInitialContext;
  resolver: unknown;
  safeEventHandler: unknown;
}

let jsonldApi: Promise<JsonLdContextApi> | undefined;

function loadJsonLdContextApi(): Promise<JsonLdContextApi> {
  jsonldApi ??= Promise.all([
    import('jsonld/lib/context.js'),
    import('jsonld/lib/ContextResolver.js'),
    import('jsonld/lib/events.js'),
  ]).then(([context, resolver, events]) => {
    const ContextResolver = resolver.default;
    return {
      process: context.default.process,
      getInitialContext: context.default.getInitialContext,
      // One resolver for all misses: its shared cache only ever holds bundled documents.
      resolver: new ContextResolver({ sharedCache: new Map() }),
      safeEventHandler: events.default.safeEventHandler,
    };
  });
  return jsonldApi;
}

const bundledLoader = async (url: string) => {
  const document = BUNDLED_CONTEXTS.get(url);
  if (document === undefined) throw new Error(`not a bundled context: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

/**
 * jsonld.js's processing of one transition. Its safe-mode event handler runs, so a context jsonld
 * would reject in safe mode rejects here too (the caller then falls back to jsonld).
 */
function processTransition(
  api: JsonLdContextApi,
  activeCtx: ActiveContext,
  kind: Kind,
  localCtx: unknown,
): Promise<ActiveContext> {
  return api.process({
    activeCtx,
    localCtx,
    options: {
      documentLoader: bundledLoader,
      contextResolver: api.resolver,
      base: null,
      eventHandler: api.safeEventHandler,
    },
    ...(kind === 'typed' ? { propagate: false } : {}),
    ...(kind === 'property' ? { propagate: true, overrideProtected: true } : {}),
  });
}

/** jsonld.js's own active context for `ctx`: replays the transitions that led to it (once). */
export async function rawContext(ctx: Ctx): Promise<ActiveContext> {
  if (ctx.raw) return ctx.raw;
  const api = await loadJsonLdContextApi();
  const { origin } = ctx;
  ctx.raw = origin
    ? await processTransition(api, await rawContext(origin.from), origin.kind, origin.local)
    : api.getInitialContext({ base: null });
  return ctx.raw;
}

/**
 * Computes and stores a missing transition (jsonld.js is imported on the first one). On the bundled
 * core snapshot, moves to the full one instead: the caller walks again and may find it there.
 */
export async function fill(miss: ContextMiss): Promise<void> {
  if (snapshot === undefined && tier === 'core') {
    // beyond the core: the walk starts again from the full snapshot, which may hold the context
    await loadSnapshot('full');
    tier = 'full';
    initial = undefined;
    return;
  }
  const { from, kind, key, localCtx } = miss;
  const api = await loadJsonLdContextApi();
  const fromRaw = await rawContext(from);
  const raw = await processTransition(api, fromRaw, kind, localCtx);
  if (raw === fromRaw) {
    from[kind].set(key, from);
    return;
  }
  // jsonld keeps `previousContext` (cloned) through later processing; which context that clone
  // stands for follows from where we came from: the context before the first type-scoped context.
  let prev: Ctx | null = null;
  if (raw.previousContext) prev = from.reverts ? from.prev : from;
  const origin = { from, kind, local: localCtx };
  created++;
  from[kind].set(key, wrap(raw.mappings, topOf(raw), Boolean(raw.previousContext), prev, origin, raw));
}

/** A cached transition, or a {@link ContextMiss} thrown for the caller to fill. */
export function apply(from: Ctx, kind: Kind, key: unknown, localCtx: unknown): Ctx {
  const next = target(from, kind, key, localCtx);
  if (next) return next;
  throw new ContextMiss(from, kind, key, localCtx);
}

/**
 * The graph of active contexts as plain JSON. Scoped contexts are stored once (as a path into the
 * bundled context document they come from), and so are term definitions, the sets of terms a
 * transition defines (the same scoped context sets the same terms wherever it is applied) and the
 * `@vocab`/`@language`… members; each context is its origin's mappings plus the terms it sets and
 * minus those it removes.
 */
export interface ContextSnapshot {
  /** `[url, ...keys]` into a bundled document, or `{ value }` for a context found nowhere there. */
  readonly scoped: ReadonlyArray<readonly (string | number)[] | { readonly value: unknown }>;
  /** Term definitions; an `@context` member holds an index into `scoped`. */
  readonly defs: readonly Record<string, unknown>[];
  /** `[term, def]` lists, def -1 for a null mapping. */
  readonly sets: readonly (readonly (readonly [string, number])[])[];
  readonly tops: readonly Record<string, unknown>[];
  /** Contexts in creation order (an origin and `prev` always come first); context 0 is the initial one. */
  readonly contexts: readonly SnapshotContext[];
  /** Transitions that lead back to the context they start from: `[context, kind, local]`. */
  readonly loops: readonly (readonly [number, number, number | string])[];
}

/**
 * `[from, kind, local, prev, reverts, top, set, removed]`: kind an index of {@link KINDS}, local a
 * `scoped` index (property, typed) or a bundled URL (remote), prev -1 for none, top and set indexes
 * into `tops` and `sets`, removed the terms the context no longer has.
 */
export type SnapshotContext = readonly [
  number,
  number,
  number | string,
  number,
  0 | 1,
  number,
  number,
  readonly string[],
];

export const KINDS: readonly Kind[] = ['property', 'typed', 'remote'];

/** A transition of the snapshot whose target context is built when first taken. */
type Pending = () => Ctx;

// The snapshot's transitions to a bundled context document, by URL: keyed by the parsed document
// like every remote transition, they would parse every bundled document a context leads to as soon
// as that context is built (the initial context leads to all of them); by URL, a document is parsed
// only when a walk applies it, which it does with the document in hand.
const pendingRemote = new WeakMap<Ctx, Map<string, Pending>>();

/**
 * The next context, building it if it comes from the snapshot and is taken for the first time.
 * `local` is the context as written (for a remote one, its URL).
 */
function target(from: Ctx, kind: Kind, key: unknown, local?: unknown): Ctx | undefined {
  const next = (from[kind] as Map<unknown, Ctx | Pending>).get(key);
  if (typeof next === 'function') {
    const ctx = next();
    from[kind].set(key, ctx);
    return ctx;
  }
  if (next !== undefined || kind !== 'remote' || typeof local !== 'string') return next;
  const byUrl = pendingRemote.get(from);
  const pending = byUrl?.get(local);
  // only the bundled document itself: a loader may serve something else under a bundled URL
  if (!pending || BUNDLED_CONTEXTS.get(local) !== key) return undefined;
  byUrl!.delete(local);
  const ctx = pending();
  from.remote.set(key, ctx);
  return ctx;
}

/** Every transition of `ctx` (building the snapshot's), for the snapshot generator and tests. */
export function transitions(ctx: Ctx, kind: Kind): [unknown, Ctx][] {
  if (kind === 'remote') {
    for (const url of [...(pendingRemote.get(ctx)?.keys() ?? [])])
      target(ctx, kind, BUNDLED_CONTEXTS.get(url), url);
  }
  return [...ctx[kind].keys()].map((key) => [key, target(ctx, kind, key)!]);
}

function resolveScoped(entry: ContextSnapshot['scoped'][number]): unknown {
  if (!Array.isArray(entry)) return (entry as { value: unknown }).value;
  let value: unknown = BUNDLED_CONTEXTS.get(entry[0] as string);
  for (const key of entry.slice(1)) value = (value as Record<string | number, unknown>)[key];
  return value;
}

/**
 * The initial context of a snapshot. Only the data is read here; a context is built (its mappings
 * copied from its origin's and changed) when a walk first takes the transition to it, and a scoped
 * context or term definition is made when a built context first needs it, so a process pays only for
 * the contexts (and parses only the bundled documents) its documents use.
 */
function revive(data: ContextSnapshot): Ctx {
  const scoped: unknown[] = [];
  const scopedAt = (i: number): unknown => {
    if (!(i in scoped)) scoped[i] = resolveScoped(data.scoped[i]!);
    return scoped[i];
  };
  const defs: TermDefinition[] = [];
  const defAt = (i: number): TermDefinition => {
    let def = defs[i];
    if (def === undefined) {
      const raw = data.defs[i]!;
      def = (
        Object.hasOwn(raw, '@context') ? { ...raw, '@context': scopedAt(raw['@context'] as number) } : raw
      ) as TermDefinition;
      defs[i] = def;
    }
    return def;
  };
  const children: number[][] = data.contexts.map(() => []);
  data.contexts.forEach(([from], i) => {
    if (i > 0) children[from]!.push(i);
  });
  const built: Ctx[] = [];

  // A transition out of `ctx`: remote ones by URL (see pendingRemote), the others by scoped context.
  const link = (ctx: Ctx, kindIndex: number, ref: number | string, next: Pending | Ctx): void => {
    const kind = KINDS[kindIndex]!;
    if (kind !== 'remote') {
      (ctx[kind] as Map<unknown, Ctx | Pending>).set(scopedAt(ref as number), next);
      return;
    }
    let byUrl = pendingRemote.get(ctx);
    if (!byUrl) {
      byUrl = new Map();
      pendingRemote.set(ctx, byUrl);
    }
    byUrl.set(ref as string, typeof next === 'function' ? next : () => next);
  };

  const build = (i: number): Ctx => {
    const existing = built[i];
    if (existing) return existing;
    const [from, kindIndex, ref, prev, reverts, top, set, removed] = data.contexts[i]!;
    const parent = i === 0 ? undefined : build(from);
    const mappings = new Map(parent?.mappings);
    for (const term of removed) mappings.delete(term);
    for (const [term, def] of data.sets[set]!) mappings.set(term, def < 0 ? null : defAt(def));
    const kind = KINDS[kindIndex]!;
    const local = kind === 'remote' ? ref : scopedAt(ref as number);
    const origin = parent ? { from: parent, kind, local } : null;
    const ctx = wrap(mappings, data.tops[top]!, reverts === 1, prev < 0 ? null : build(prev), origin);
    for (const child of children[i]!) {
      const [, childKind, childRef] = data.contexts[child]!;
      link(ctx, childKind, childRef, () => build(child));
    }
    for (const [at, loopKind, loopRef] of data.loops) if (at === i) link(ctx, loopKind, loopRef, ctx);
    built[i] = ctx;
    return ctx;
  };
  return build(0);
}
