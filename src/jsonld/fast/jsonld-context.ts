// jsonld.js's own context processing, for the transitions no snapshot holds: imported on the first
// one. Only bundled context documents are ever processed here: the loader serves nothing but the
// bundle, so a transition computed once cannot depend on the caller's loader.

import type { ActiveContext } from 'jsonld/lib/context.js';
import { BUNDLED_CONTEXTS } from '../../contexts/bundled.js';
import type { Ctx, Kind } from './context.js';

interface JsonLdContextApi {
  process: typeof import('jsonld/lib/context.js').default.process;
  getInitialContext: typeof import('jsonld/lib/context.js').default.getInitialContext;
  resolver: unknown;
  safeEventHandler: unknown;
}

let jsonldApi: Promise<JsonLdContextApi> | undefined;

export function loadJsonLdContextApi(): Promise<JsonLdContextApi> {
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
export function processTransition(
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
