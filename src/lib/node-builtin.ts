// A Node built-in module where the runtime has one (process.getBuiltinModule: Node ≥ 20.16, and
// runtimes with Node compatibility), otherwise undefined. Synchronous, and invisible to bundlers:
// code that must also run in browsers (`credstack/verify`) uses Node's faster paths without a
// static `node:*` import.
export function nodeBuiltin<T>(id: `node:${string}`): T | undefined {
  const runtime = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return runtime?.getBuiltinModule?.(id) as T | undefined;
}

export type NodeCrypto = typeof import('node:crypto');

/** node:crypto where the runtime has it (signatures and hashes that need no thread-pool hop). */
export function nodeCrypto(): NodeCrypto | undefined {
  return nodeBuiltin<NodeCrypto>('node:crypto');
}
