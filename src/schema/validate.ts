import { getValidator } from './compile.js';
import { runValidator, type SchemaValidationResult, schemaIdFor, type ValidateOptions } from './select.js';

export type { SchemaValidationResult, ValidateOptions } from './select.js';

/**
 * Validates a credential against the official JSON Schema for its `type` (OpenBadgeCredential /
 * AchievementCredential → OB AchievementCredential schema, EndorsementCredential → OB endorsement
 * schema, ClrCredential → CLR schema), or the one named in `options.schema`. Never throws for an invalid
 * document: throws only for a non-object (`ERR_INVALID_INPUT`), an unknown `type` (`ERR_UNKNOWN_TYPE`)
 * or an unknown schema (`ERR_SCHEMA_NOT_FOUND`). The validators are precompiled (no ajv at run time).
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
  const id = schemaIdFor(doc, options);
  return runValidator(getValidator(id), doc, id);
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
  return validate(doc, { schema: schemaId });
}
