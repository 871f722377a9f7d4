// Typings for the internal jsonld.js modules the fast canonicalizer reuses (context processing and
// IRI expansion), so that term definitions are exactly the ones jsonld.js computes. jsonld.js has no
// `exports` map, so these files are reachable; they are pinned through package-lock.json.
declare module 'jsonld/lib/context.js' {
  export interface TermDefinition {
    '@id'?: string;
    '@type'?: string;
    '@container'?: string[];
    '@context'?: unknown;
    '@language'?: string | null;
    '@direction'?: string | null;
    '@index'?: string;
    '@nest'?: string;
    reverse?: boolean;
    _prefix?: boolean;
    protected?: boolean;
  }
  export interface ActiveContext {
    mappings: Map<string, TermDefinition | null>;
    previousContext?: ActiveContext;
    processingMode?: string;
    '@vocab'?: string;
    '@base'?: string | null;
    '@language'?: string;
    '@direction'?: string;
    [key: string]: unknown;
  }
  export interface ProcessOptions {
    documentLoader: (url: string) => Promise<unknown>;
    contextResolver: unknown;
    base: string | null;
    eventHandler?: unknown;
    processingMode?: string;
    [key: string]: unknown;
  }
  const api: {
    process(args: {
      activeCtx: ActiveContext;
      localCtx: unknown;
      options: ProcessOptions;
      propagate?: boolean;
      overrideProtected?: boolean;
    }): Promise<ActiveContext>;
    expandIri(
      activeCtx: ActiveContext,
      value: string,
      relativeTo: { vocab?: boolean; base?: boolean },
      options: { base: string | null; [key: string]: unknown },
    ): string | null;
    getInitialContext(options: { processingMode?: string; base?: string | null }): ActiveContext;
    getContextValue(activeCtx: ActiveContext, key: string | null, type: string): unknown;
    isKeyword(value: unknown): boolean;
  };
  export default api;
}
declare module 'jsonld/lib/ContextResolver.js' {
  export default class ContextResolver {
    constructor(options: {
      sharedCache: { get(key: string): unknown; set(key: string, value: unknown): void };
    });
  }
}
declare module 'jsonld/lib/url.js' {
  const api: { isAbsolute(value: string): boolean };
  export default api;
}
declare module 'jsonld/lib/events.js' {
  const api: { safeEventHandler: (args: { event: unknown; next: () => void }) => void };
  export default api;
}
declare module 'rdf-canonize' {
  import type { Quad } from './to-rdf.js';
  export function canonize(
    dataset: Quad[],
    options: { algorithm: string; [key: string]: unknown },
  ): Promise<string>;
  export function _canonizeSync(
    dataset: Quad[],
    options: { algorithm: string; [key: string]: unknown },
  ): string;
  const api: {
    canonize: typeof canonize;
    _canonizeSync: typeof _canonizeSync;
  };
  export default api;
}
