/**
 * Typed errors of credstack. Every error the public API throws is a {@link CredstackError}
 * with a stable `code`; `TypeError` is reserved for programmer misuse (a wrong argument type).
 *
 * Exported from `credstack` and `credstack/errors`.
 * @module
 */

/**
 * Stable error codes. Adding a code is a minor change; renaming or removing one is breaking.
 * @example
 * ```ts
 * import { type ErrorCode, isCredstackError } from 'credstack'
 * const codeOf = (error: unknown): ErrorCode | undefined => (isCredstackError(error) ? error.code : undefined)
 * ```
 */
export type ErrorCode =
  // input and parsing
  | 'ERR_INVALID_INPUT'
  | 'ERR_JSON_PARSE'
  | 'ERR_FILE_READ'
  | 'ERR_FILE_WRITE'
  | 'ERR_LIMIT_EXCEEDED'
  | 'ERR_UNKNOWN_TYPE'
  // contexts, schemas, documents
  | 'ERR_CONTEXT_NOT_BUNDLED'
  | 'ERR_DOCUMENT_NOT_FOUND'
  | 'ERR_DOCUMENT_UNUSABLE'
  | 'ERR_SCHEMA_INVALID'
  | 'ERR_DATA_MODEL_INVALID'
  | 'ERR_SCHEMA_NOT_FOUND'
  // keys and signing
  | 'ERR_KEY_INVALID'
  | 'ERR_KEY_UNSUPPORTED'
  | 'ERR_PRIVATE_KEY_MISSING'
  | 'ERR_ISSUER_MISMATCH'
  | 'ERR_FORMAT_UNSUPPORTED'
  | 'ERR_SIGNING_FAILED'
  | 'ERR_UNDEFINED_TERM'
  | 'ERR_CANONICALIZATION_LIMIT'
  | 'ERR_DID_UNSUPPORTED'
  // a proof's key that its controller does not list for the purpose, or that could not be loaded
  | 'ERR_KEY_NOT_AUTHORIZED'
  // network (only when the caller allowed it)
  | 'ERR_NETWORK_DISABLED'
  | 'ERR_FETCH_REFUSED'
  | 'ERR_FETCH_FAILED'
  | 'ERR_FETCH_TIMEOUT'
  | 'ERR_FETCH_TOO_LARGE'
  // a credstack serve refused a request (details: { status, code } of its problem)
  | 'ERR_SERVICE_REFUSED'
  // status lists
  | 'ERR_STATUS_LIST_FULL'
  | 'ERR_STATUS_INDEX'
  | 'ERR_STATUS_STORE'
  | 'ERR_STATUS_LOCK'
  | 'ERR_STATUS_DRIVER'
  | 'ERR_STATUS_CONNECT'
  | 'ERR_QUEUE'
  // baked images
  | 'ERR_IMAGE_INVALID'
  | 'ERR_IMAGE_UNSUPPORTED'
  | 'ERR_BAKED_DUPLICATE'
  | 'ERR_BAKED_NOT_FOUND'
  | 'ERR_BAKED_OB2'
  // pathways
  | 'ERR_PATHWAY_INVALID'
  | 'ERR_PATHWAY_CYCLE'
  | 'ERR_PATHWAY_REFERENCE'
  | 'ERR_PATHWAY_UNSATISFIABLE'
  // Registry formats (src/standards/)
  | 'ERR_CTDL_INVALID'
  | 'ERR_CTDL_CYCLE'
  | 'ERR_CASE_INVALID'
  | 'ERR_OCCUPATION_INVALID';

/**
 * Options for {@link CredstackError}.
 * @example
 * ```ts
 * import { CredstackError, type CredstackErrorOptions } from 'credstack'
 * const options: CredstackErrorOptions = { path: 'achievement.name', details: { got: 42 } }
 * throw new CredstackError('ERR_INVALID_INPUT', 'achievement.name: expected a string, got number', options)
 * ```
 */
export interface CredstackErrorOptions {
  /** The underlying error, kept for debugging. */
  cause?: unknown;
  /** Where in the input the problem is: a JSON pointer, a file name, a component id. */
  path?: string;
  /** Extra structured data (e.g. schema errors). */
  details?: unknown;
}

/**
 * The one error class of credstack.
 *
 * @example
 * ```ts
 * import { CredstackError, isCredstackError } from 'credstack'
 * try { await issueCredential(doc, { key }) } catch (err) {
 *   if (isCredstackError(err) && err.code === 'ERR_SCHEMA_INVALID') console.error(err.details)
 * }
 * ```
 */
export class CredstackError extends Error {
  /** Stable machine-readable code. */
  readonly code: ErrorCode;
  /** Where in the input the problem is, when known. */
  readonly path?: string;
  /** Extra structured data. */
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: CredstackErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'CredstackError';
    this.code = code;
    if (options.path !== undefined) this.path = options.path;
    if (options.details !== undefined) this.details = options.details;
  }
}

/**
 * Cross-realm guard: `instanceof` fails when two copies of credstack are loaded (or across
 * workers), so callers should test with this instead.
 *
 * @example
 * ```ts
 * if (isCredstackError(err)) console.log(err.code)
 * ```
 */
export function isCredstackError(value: unknown): value is CredstackError {
  return (
    value instanceof CredstackError ||
    (typeof value === 'object' &&
      value !== null &&
      (value as { name?: unknown }).name === 'CredstackError' &&
      typeof (value as { code?: unknown }).code === 'string')
  );
}

/**
 * Short description of a value for error messages ("an array", "a string", "null"), so a message
 * can say what arrived without echoing (possibly large or private) content.
 *
 * Exported from `credstack/errors`.
 * @example
 * ```ts
 * import { CredstackError, describeValue } from 'credstack/errors'
 * throw new CredstackError('ERR_INVALID_INPUT', `options.salt must be a string, got ${describeValue(salt)}`)
 * ```
 */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  const t = typeof value;
  if (t === 'object') return 'an object';
  if (t === 'string') return `a string (${JSON.stringify((value as string).slice(0, 40))})`;
  return `a ${t}`;
}
