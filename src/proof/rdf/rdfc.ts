// rdf-canonize (RDFC-1.0 and its MessageDigest), loaded on first use: its RDFC10 class itself, as
// its `canonize('RDFC-1.0')` runs it, without the index module that also loads the synchronous copy.
//
// rdf-canonize is CommonJS. Imported from an ES module, Node lexes each CommonJS file for its
// export names and loads it through the ESM loader: ~10 ms of a verifier's cold start, for a library
// only canonicalization needs. So on Node it is `require`d (createRequire, through src/lib/node-builtin.ts);
// elsewhere (browsers, bundlers, which honour its `browser` field) it is a dynamic import.

import type { Quad } from 'rdf-canonize';
import { nodeBuiltin } from '../../lib/node-builtin.js';

type MessageDigest = new (
  algorithm: string,
) => { update(message: string): void; digest(): string | Promise<string> };
type Rdfc10 = new (options: Record<string, unknown>) => { main(dataset: Quad[]): Promise<string> };

interface RdfCanonize {
  /** RDFC-1.0 canonical N-Quads of `dataset` (rdf-canonize's default limits). */
  canonize(dataset: Quad[]): Promise<string>;
  MessageDigest: MessageDigest;
}

const withDefault = <T>(module: unknown): T => ((module as { default?: T }).default ?? module) as T;

type NodeModule = typeof import('node:module');

let loading: Promise<RdfCanonize> | undefined;

/** rdf-canonize's `canonize` and `MessageDigest`, loaded once. */
export function rdfCanonize(): Promise<RdfCanonize> {
  loading ??= (async () => {
    const nodeModule = nodeBuiltin<NodeModule>('node:module');
    let RDFC10: Rdfc10;
    let MessageDigest: MessageDigest;
    if (nodeModule) {
      const require = nodeModule.createRequire(import.meta.url);
      RDFC10 = require('rdf-canonize/lib/RDFC10.js');
      MessageDigest = require('rdf-canonize/lib/MessageDigest.js');
    } else {
      // CommonJS through a bundler: the module or its default, depending on the bundler
      const [rdfc, digest] = await Promise.all([
        import('rdf-canonize/lib/RDFC10.js'),
        import('rdf-canonize/lib/MessageDigest.js'),
      ]);
      RDFC10 = withDefault(rdfc);
      MessageDigest = withDefault(digest);
    }
    return { canonize: (dataset) => new RDFC10({}).main(dataset), MessageDigest };
  })();
  return loading;
}
