// The database drivers are optional peer dependencies: a verifier (or a browser bundle) never
// installs or builds them. They are loaded on first use, and a missing one is a typed error
// saying what to install.
import { createRequire } from 'node:module';
import { CredstackError } from '../../errors.js';

const require = createRequire(import.meta.url);

const INSTALL: Record<string, string> = {
  'better-sqlite3': 'npm install better-sqlite3@12',
  pg: 'npm install pg@8',
  'pg-boss': 'npm install pg-boss@10 pg@8',
};

const cache = new Map<string, unknown>();

/** The driver module `name` (CommonJS), or ERR_STATUS_DRIVER saying how to install it. */
export function loadDriver<T>(name: 'better-sqlite3' | 'pg' | 'pg-boss', what: string): T {
  if (cache.has(name)) return cache.get(name) as T;
  let mod: unknown;
  try {
    mod = require(name);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException)?.code === 'MODULE_NOT_FOUND';
    throw new CredstackError(
      'ERR_STATUS_DRIVER',
      missing
        ? `${what} needs the ${name} package, which is not installed: ${INSTALL[name]}`
        : `${what}: the ${name} package is installed but does not load (rebuild it for this Node: npm rebuild ${name})`,
      { cause, details: { driver: name, install: INSTALL[name] } },
    );
  }
  cache.set(name, mod);
  return mod as T;
}
