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

import { ContextMiss, type Ctx, type Kind, makeContext, topOf } from './context.js';
import { loadJsonLdContextApi, processTransition, rawContext } from './jsonld-context.js';
import {
  bundledSnapshot,
  type ContextSnapshot,
  loadSnapshot,
  revive,
  type SnapshotTier,
  target,
} from './snapshot.js';

// Scoped contexts make the number of distinct active contexts grow with the document's shape; a
// hostile stream of shapes must not grow memory forever: past this many, start again.
const MAX_CONTEXTS = 4096;

let created = 0;
let initial: Ctx | undefined;
// The snapshot in use: the bundled ones (`undefined`: `tier`; each parsed on first use, so that
// importing the library costs nothing for them), another one, or none (`null`: all by jsonld.js).
let snapshot: ContextSnapshot | null | undefined;
let tier: SnapshotTier = 'core';

/** Which snapshot the walk starts from: a bundled tier, another (`'other'`) or none. */
export function snapshotInUse(): SnapshotTier | 'other' | 'none' {
  if (snapshot === undefined) return tier;
  return snapshot === null ? 'none' : 'other';
}

/** The initial active context (processing mode json-ld-1.1, no base: what `jsonld.canonize` uses). */
export function initialContext(): Ctx {
  if (!initial || created > MAX_CONTEXTS) {
    created = 0;
    // the full snapshot is loaded before `tier` becomes 'full' (fill)
    const data = snapshot !== undefined ? snapshot : bundledSnapshot(tier);
    initial = data ? revive(data) : makeContext(new Map(), {}, false, null, null);
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
  from[kind].set(key, makeContext(raw.mappings, topOf(raw), Boolean(raw.previousContext), prev, origin, raw));
}

/** A cached transition, or a {@link ContextMiss} thrown for the caller to fill. */
export function apply(from: Ctx, kind: Kind, key: unknown, localCtx: unknown): Ctx {
  const next = target(from, kind, key, localCtx);
  if (next) return next;
  throw new ContextMiss(from, kind, key, localCtx);
}
