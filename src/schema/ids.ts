// Which schemas are bundled, by `$id`, without loading them: the verifier resolves `credentialSchema`
// URLs through this module and never imports the schema documents themselves (~0.9 MB of JSON).
import { CredstackError, describeValue } from '../errors.js';
import { LOADERS } from './generated/lazy.js';

/**
 * The canonical `$id` for a schema URL: the OB spec publishes the compaction-compatible files under
 * `/schema/json-ld/` while their `$id` (and the conform-ed download URL) is `/schema/json/`; both name the
 * same bundled file. A trailing `#` (empty fragment) is dropped.
 */
export function canonicalSchemaId(id: string): string {
  return id
    .trim()
    .replace(/#$/, '')
    .replace(/^http:\/\//, 'https://')
    .replace('/schema/json-ld/', '/schema/json/');
}

/** True when `id` (any accepted spelling) names a bundled schema. */
export function isBundledSchemaId(id: unknown): boolean {
  return typeof id === 'string' && LOADERS.has(canonicalSchemaId(id));
}

/** Resolves a schema URL to a bundled `$id`, or throws `ERR_SCHEMA_NOT_FOUND`. */
export function resolveSchemaId(id: unknown): string {
  if (typeof id !== 'string') {
    throw new CredstackError('ERR_INVALID_INPUT', `schema id must be a string, got ${describeValue(id)}`);
  }
  const canonical = canonicalSchemaId(id);
  if (LOADERS.has(canonical)) return canonical;
  throw new CredstackError(
    'ERR_SCHEMA_NOT_FOUND',
    `No bundled JSON Schema for ${JSON.stringify(id)}; bundled: ${[...LOADERS.keys()].join(', ')}`,
    { details: { id } },
  );
}
