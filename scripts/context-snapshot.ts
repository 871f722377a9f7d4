// Writes src/proof/rdf/generated/context-snapshot.ts: the active contexts credentials usually reach,
// processed by jsonld.js now instead of in every verifier process (see src/proof/rdf/context-cache.ts).
//
// The contexts come from canonicalizing, with the snapshot turned off, every JSON-LD document under
// test/vectors (spec examples, test vectors, validator fixtures) and each signed one's proof
// configuration: so they are what jsonld.js computes for real credentials. A document of another
// shape still works at run time; jsonld.js then processes what it needs on first use.
//
//   npm run contexts:snapshot            regenerate
//   npm run contexts:snapshot -- --check fail when the committed file is stale
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLED_CONTEXTS } from '../src/contexts/bundled.js';
import { createDocumentLoader } from '../src/contexts/index.js';
import type { JsonObject } from '../src/lib/json.js';
import { proofHashData } from '../src/proof/canonize.js';
import { canonizeFast } from '../src/proof/rdf/canonize-fast.js';
import {
  type ContextSnapshot,
  type Ctx,
  ContextMiss,
  apply,
  fill,
  initialContext,
  KINDS,
  type Kind,
  transitions,
  resetContexts,
  type SnapshotContext,
} from '../src/proof/rdf/context-cache.js';

const root = fileURLToPath(new URL('..', import.meta.url));
export const SNAPSHOT_FILE = join(root, 'src/proof/rdf/generated/context-snapshot.ts');

function jsonFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return jsonFiles(path);
      return name.endsWith('.json') ? [path] : [];
    });
}

/** Every JSON-LD document of the corpus, in a stable order. */
function corpus(): JsonObject[] {
  return jsonFiles(join(root, 'test/vectors'))
    .map((path) => JSON.parse(readFileSync(path, 'utf8')) as unknown)
    .filter((doc): doc is JsonObject => typeof doc === 'object' && doc !== null && '@context' in doc);
}

/** Path of every object and array inside the bundled context documents, by its JSON text. */
function bundledPaths(): Map<string, (string | number)[]> {
  const paths = new Map<string, (string | number)[]>();
  const walk = (value: unknown, path: (string | number)[]) => {
    if (typeof value !== 'object' || value === null) return;
    const json = JSON.stringify(value);
    if (!paths.has(json)) paths.set(json, path);
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, i]);
    } else {
      for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
    }
  };
  for (const [url, document] of BUNDLED_CONTEXTS) walk(document, [url]);
  return paths;
}

/** The graph reachable from `initial` as a {@link ContextSnapshot}. */
export function exportContexts(initial: Ctx): ContextSnapshot {
  const paths = bundledPaths();
  const urlOf = new Map([...BUNDLED_CONTEXTS].map(([url, document]) => [document, url]));
  const scoped: ContextSnapshot['scoped'][number][] = [];
  const scopedIndex = new Map<string, number>();
  const internScoped = (value: unknown): number => {
    const json = JSON.stringify(value);
    let index = scopedIndex.get(json);
    if (index === undefined) {
      index = scoped.length;
      scoped.push(paths.get(json) ?? { value });
      scopedIndex.set(json, index);
    }
    return index;
  };
  const encodeDef = (def: Record<string, unknown>): string =>
    JSON.stringify(
      Object.hasOwn(def, '@context') ? { ...def, '@context': internScoped(def['@context']) } : def,
    );
  const defs: Record<string, unknown>[] = [];
  const defIndex = new Map<string, number>();
  const internDef = (json: string): number => {
    let index = defIndex.get(json);
    if (index === undefined) {
      index = defs.length;
      defs.push(JSON.parse(json) as Record<string, unknown>);
      defIndex.set(json, index);
    }
    return index;
  };
  const ref = (kind: (typeof KINDS)[number], local: unknown): number | string => {
    if (kind !== 'remote') return internScoped(local);
    if (typeof local === 'string') return local;
    const url = urlOf.get(local as object);
    if (url === undefined) throw new Error('a remote transition keyed by a document that is not bundled');
    return url;
  };

  const sets: (readonly [string, number])[][] = [];
  const setIndex = new Map<string, number>();
  const tops: Record<string, unknown>[] = [];
  const topIndex = new Map<string, number>();
  const intern = <T>(table: T[], indexes: Map<string, number>, value: T): number => {
    const json = JSON.stringify(value);
    let index = indexes.get(json);
    if (index === undefined) {
      index = table.length;
      table.push(value);
      indexes.set(json, index);
    }
    return index;
  };

  // jsonld.js clones scoped contexts with the active context, so one parent can hold two transitions
  // whose keys are equal but not identical; revived, they are one key. Such twins lead to equal
  // contexts: the second becomes an alias of the first, and the transitions of both are kept.
  const order: Ctx[] = [initial];
  const index = new Map<Ctx, number>([[initial, 0]]);
  const aliases = new Map<number, Ctx[]>();
  const edges = new Map<string, number>();
  const loops: [number, number, number | string][] = [];
  for (let i = 0; i < order.length; i++) {
    for (const ctx of [order[i]!, ...(aliases.get(i) ?? [])]) {
      KINDS.forEach((kind, k) => {
        for (const [key, next] of transitions(ctx, kind)) {
          const edge = JSON.stringify([i, k, ref(kind, key)]);
          if (next === ctx) {
            if (!edges.has(edge)) loops.push([i, k, ref(kind, key)]);
            edges.set(edge, i);
          } else if (!index.has(next)) {
            const twin = edges.get(edge);
            if (twin !== undefined) {
              index.set(next, twin);
              aliases.set(twin, [...(aliases.get(twin) ?? []), next]);
            } else {
              index.set(next, order.length);
              edges.set(edge, order.length);
              order.push(next);
            }
          }
        }
      });
    }
  }

  const contexts: SnapshotContext[] = order.map((ctx, i) => {
    if (i === 0) return [-1, 0, 0, -1, 0, intern(tops, topIndex, ctx.top), intern(sets, setIndex, []), []];
    const { from, kind, local } = ctx.origin!;
    const parent = index.get(from);
    const prev = ctx.prev ? index.get(ctx.prev) : -1;
    if (parent === undefined || parent >= i || prev === undefined || prev >= i) {
      throw new Error('a context whose origin or previous context is not an earlier context');
    }
    const set: [string, number][] = [];
    for (const [term, def] of ctx.mappings) {
      const json = def === null ? 'null' : encodeDef(def as Record<string, unknown>);
      const before = from.mappings.get(term);
      const beforeJson =
        before === undefined
          ? undefined
          : before === null
            ? 'null'
            : encodeDef(before as Record<string, unknown>);
      if (json !== beforeJson) set.push([term, def === null ? -1 : internDef(json)]);
    }
    const removed = [...from.mappings.keys()].filter((term) => !ctx.mappings.has(term));
    const top = intern(tops, topIndex, ctx.top);
    return [
      parent,
      KINDS.indexOf(kind),
      ref(kind, local),
      prev,
      ctx.reverts ? 1 : 0,
      top,
      intern(sets, setIndex, set),
      removed,
    ];
  });
  return { scoped, defs, sets, tops, contexts, loops };
}

/** The transition from `from` (computed by jsonld.js if new), or `undefined` where jsonld rejects it. */
async function take(from: Ctx, kind: Kind, local: unknown): Promise<Ctx | undefined> {
  for (;;) {
    try {
      return apply(from, kind, local, local);
    } catch (signal) {
      if (!(signal instanceof ContextMiss)) throw signal;
      try {
        await fill(signal);
      } catch {
        return undefined;
      }
    }
  }
}

/**
 * Beyond the corpus: under every document-level context it reached (a chain of context URLs), a
 * node of any class — and a credential or presentation typed with its base type as well — so a
 * class in a position the corpus lacks (an `Image` object under an `Achievement`, say) is there too.
 */
async function addClasses(initial: Ctx): Promise<void> {
  const bases: Ctx[] = [];
  const queue = [initial];
  while (queue.length > 0) {
    const ctx = queue.pop()!;
    for (const [, next] of transitions(ctx, 'remote')) {
      if (next === ctx) continue;
      if (!next.reverts) bases.push(next);
      queue.push(next);
    }
  }
  for (const base of bases) {
    const classes = [...base.mappings].filter(
      ([term, def]) => /^[A-Z]/.test(term) && def !== null && Object.hasOwn(def, '@context'),
    );
    const scopedOf = (term: string) => base.mappings.get(term)?.['@context'];
    for (const [term, def] of classes) {
      const typed = await take(base, 'typed', def!['@context']);
      const baseType = term.endsWith('Credential')
        ? 'VerifiableCredential'
        : term.endsWith('Presentation')
          ? 'VerifiablePresentation'
          : undefined;
      if (!typed || baseType === undefined || baseType === term || scopedOf(baseType) === undefined) continue;
      // expand.ts applies a node's types in sorted order, each looked up in the same context
      const [first, second] = [term, baseType].sort();
      const once = await take(base, 'typed', scopedOf(first!));
      if (once) await take(once, 'typed', scopedOf(second!));
    }
  }
}

/** Recomputes the snapshot from the corpus with jsonld.js; returns the generated module's text. */
export async function generateContextSnapshot(): Promise<string> {
  resetContexts(null);
  try {
    const documentLoader = createDocumentLoader();
    for (const document of corpus()) {
      await canonizeFast(document, documentLoader);
      const proofs = document.proof === undefined ? [] : [document.proof].flat();
      for (const proof of proofs) {
        if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) continue;
        // a proof configuration the fast path cannot take is left to jsonld.js at run time too
        await proofHashData(document, proof as JsonObject, documentLoader).catch(() => undefined);
      }
    }
    await addClasses(initialContext());
    const data = exportContexts(initialContext());
    return (
      '// biome-ignore-all lint: generated code\n// biome-ignore-all format: generated code\n' +
      '// GENERATED by scripts/context-snapshot.ts: the bundled contexts as jsonld.js processes them.\n' +
      '// Do not edit: run `npm run contexts:snapshot`. test/proof/context-snapshot.test.ts fails when stale.\n' +
      "import type { ContextSnapshot } from '../context-cache.js';\n\n" +
      `export const CONTEXT_SNAPSHOT: ContextSnapshot | null = JSON.parse(${JSON.stringify(JSON.stringify(data))});\n`
    );
  } finally {
    resetContexts();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const text = await generateContextSnapshot();
  if (process.argv.includes('--check')) {
    if (readFileSync(SNAPSHOT_FILE, 'utf8') !== text) {
      console.error(`${SNAPSHOT_FILE} is stale: run \`npm run contexts:snapshot\``);
      process.exit(1);
    }
    console.log('context snapshot up to date');
  } else {
    writeFileSync(SNAPSHOT_FILE, text);
    console.log(`wrote ${SNAPSHOT_FILE} (${(text.length / 1024).toFixed(0)} KiB)`);
  }
}
