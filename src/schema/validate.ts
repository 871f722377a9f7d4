import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { type CredentialKind, credentialKind } from '../model/kind.js';
import {
  CLR_CREDENTIAL_SCHEMA,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
} from '../model/constants.js';
import { getValidator } from './compile.js';
import { formatErrors, type SchemaIssue } from './format-errors.js';
import { resolveSchemaId } from './registry.js';

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

function run(doc: unknown, id: string): SchemaValidationResult {
  const validator = getValidator(id);
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
 * Validates a credential against the official JSON Schema for its `type` (OpenBadgeCredential /
 * AchievementCredential → OB AchievementCredential schema, EndorsementCredential → OB endorsement
 * schema, ClrCredential → CLR schema), or the one named in `options.schema`. Never throws for an invalid
 * document: throws only for a non-object (`ERR_INVALID_INPUT`), an unknown `type` (`ERR_UNKNOWN_TYPE`)
 * or an unknown schema (`ERR_SCHEMA_NOT_FOUND`). Each schema compiles once, on first use.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const { valid, errors } = validate(credential)
 * if (!valid) for (const e of errors) console.log(e.path, e.message)
 * // /credentialSubject/achievement/name must have required property 'name'
 * ```
 */
export function validate(doc: unknown, options: ValidateOptions = {}): SchemaValidationResult {
  assertObject(doc);
  if (options.schema !== undefined) return run(doc, resolveSchemaId(options.schema));
  const kind = credentialKind(doc);
  if (kind === undefined) {
    const got = (doc as { type?: unknown }).type;
    throw new CredstackError(
      'ERR_UNKNOWN_TYPE',
      `Cannot choose a schema: type must include OpenBadgeCredential, AchievementCredential, EndorsementCredential or ClrCredential, got ${got === undefined ? 'no type' : JSON.stringify(got)}`,
      { path: '/type' },
    );
  }
  return run(doc, SCHEMA_FOR[kind]);
}

/**
 * Validates a document against one bundled schema, e.g. the `id` of a `credentialSchema` entry of type
 * `1EdTechJsonSchemaValidator2019` (both `/schema/json/` and `/schema/json-ld/` URLs resolve offline).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * for (const entry of credential.credentialSchema ?? []) {
 *   if (entry.type === '1EdTechJsonSchemaValidator2019') console.log(validateAgainst(credential, entry.id).valid)
 * }
 * ```
 */
export function validateAgainst(doc: unknown, schemaId: string): SchemaValidationResult {
  assertObject(doc);
  return run(doc, resolveSchemaId(schemaId));
}
