// What validate() shares with the lazy loader of src/schema/load.ts: choosing the schema and shaping
// the answer. Imports no validator code.
import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { type CredentialKind, credentialKind } from '../model/kind.js';
import {
  CLR_CREDENTIAL_SCHEMA,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
} from '../model/constants.js';
import type { ValidateFunction } from 'ajv';
import { formatErrors, type SchemaIssue } from './format-errors.js';
import { resolveSchemaId } from './ids.js';

/**
 * Options of {@link validate}.
 * @example
 * ```ts
 * import { type ValidateOptions, validate } from 'credstack'
 * const options: ValidateOptions = { schema: schemaId }
 * const { valid } = validate(document, options)
 * ```
 */
export interface ValidateOptions {
  /** Validate against this bundled schema (`$id`, `/schema/json/` or `/schema/json-ld/` URL) instead of the one for the document's type. */
  schema?: string;
}

/**
 * Result of {@link validate}.
 * @example
 * ```ts
 * import { type SchemaValidationResult, validate } from 'credstack'
 * const result: SchemaValidationResult = validate(document)
 * if (!result.valid) console.log(result.schema, result.errors)
 * ```
 */
export interface SchemaValidationResult {
  valid: boolean;
  /** `$id` of the schema used. */
  schema: string;
  /** Empty when valid. */
  errors: SchemaIssue[];
}

const SCHEMA_FOR: Record<CredentialKind, string> = {
  OpenBadgeCredential: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  EndorsementCredential: OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
  ClrCredential: CLR_CREDENTIAL_SCHEMA,
};

/** Runs a validator of schema `id` and shapes its answer. */
export function runValidator(validator: ValidateFunction, doc: unknown, id: string): SchemaValidationResult {
  const valid = validator(doc) === true;
  return { valid, schema: id, errors: valid ? [] : formatErrors(validator.errors) };
}

function assertObject(doc: unknown): void {
  if (!isObject(doc)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `The credential must be a JSON object, got ${describeValue(doc)}`,
    );
  }
}

/**
 * The canonical `$id` of the schema `doc` is validated against: `options.schema`, or the one for its
 * `type`. Throws `ERR_INVALID_INPUT` (not an object), `ERR_UNKNOWN_TYPE`, `ERR_SCHEMA_NOT_FOUND`.
 */
export function schemaIdFor(doc: unknown, options: ValidateOptions = {}): string {
  assertObject(doc);
  if (options.schema !== undefined) return resolveSchemaId(options.schema);
  const kind = credentialKind(doc);
  if (kind === undefined) {
    const got = (doc as { type?: unknown }).type;
    throw new CredstackError(
      'ERR_UNKNOWN_TYPE',
      `Cannot choose a schema: type must include OpenBadgeCredential, AchievementCredential, EndorsementCredential or ClrCredential, got ${got === undefined ? 'no type' : JSON.stringify(got)}`,
      { path: '/type' },
    );
  }
  return SCHEMA_FOR[kind];
}
