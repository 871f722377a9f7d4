// The build-time snapshots of processed contexts (generated/context-snapshot*.ts, made by
// scripts/context-snapshot.ts), revived without jsonld.js: loading jsonld.js's context code and
// processing the VC 2.0 and OB 3.0 contexts was ~70 ms of a verifier's cold start.

import { BUNDLED_CONTEXTS } from '../../contexts/bundled.js';
import { CONTEXT_SNAPSHOT_CORE_JSON } from '../generated/context-snapshot.js';
import type { TermDefinition } from 'jsonld/lib/context.js';
import { type Ctx, type Kind, makeContext } from './context.js';

/**
 * The two snapshots the package ships (scripts/context-snapshot.ts): `core`, what credstack's own
 * context lists reach, every class under them included (~280 contexts); `full`, what every
 * document of the corpus (src/jsonld/corpus) reaches and every class under each context list they use (~1,400).
 * A process starts with the core (a third of the data to parse), and moves to the full one on the
 * first document that needs a context the core lacks; only a context neither holds is computed by
 * jsonld.js.
 */
export type SnapshotTier = 'core' | 'full';

const bundled: Partial<Record<SnapshotTier, ContextSnapshot>> = {};

/**
 * A build-time snapshot the package ships, parsed once. The full one is a module of its own
 * (generated/context-snapshot-full.ts), imported on first need: a verifier that never leaves the
 * core does not load it.
 */
export async function loadSnapshot(which: SnapshotTier): Promise<ContextSnapshot> {
  if (which === 'core') return coreSnapshot();
  if (bundled.full === undefined) {
    const { CONTEXT_SNAPSHOT_FULL_JSON } = await import('../generated/context-snapshot-full.js');
    bundled.full ??= JSON.parse(CONTEXT_SNAPSHOT_FULL_JSON) as ContextSnapshot;
  }
  return bundled.full;
}

function coreSnapshot(): ContextSnapshot {
  bundled.core ??= JSON.parse(CONTEXT_SNAPSHOT_CORE_JSON) as ContextSnapshot;
  return bundled.core;
}

/** The bundled snapshot of `which` tier, parsed (the full one once `loadSnapshot('full')` resolved). */
export function bundledSnapshot(which: SnapshotTier): ContextSnapshot {
  return which === 'core' ? coreSnapshot() : bundled.full!;
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
export function target(from: Ctx, kind: Kind, key: unknown, local?: unknown): Ctx | undefined {
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
export function revive(data: ContextSnapshot): Ctx {
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
    const ctx = makeContext(mappings, data.tops[top]!, reverts === 1, prev < 0 ? null : build(prev), origin);
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
