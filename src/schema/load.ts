// The verifier's way to validate: each schema's precompiled validator is imported the first time a
// credential needs it, so `credstack/verify` starts without parsing ~6 MB of validator code. The
// synchronous validate() (main entry) keeps importing them all up front.
import type { ValidateFunction } from 'ajv';
import { LOADERS } from './generated/lazy.js';
import { runValidator, type SchemaValidationResult, schemaIdFor, type ValidateOptions } from './select.js';

const loaded = new Map<string, Promise<ValidateFunction>>();

/** The validator of a bundled schema (`id` canonical, as schemaIdFor returns it), loaded once. */
export function loadValidator(id: string): Promise<ValidateFunction> {
  let validator = loaded.get(id);
  if (!validator) {
    // schemaIdFor only returns ids LOADERS has: the generated lists and the ids are one source
    validator = LOADERS.get(id)!().then((m) => m.validate);
    loaded.set(id, validator);
  }
  return validator;
}

/** validate() without loading the validators of schemas the document does not need. Same throws. */
export async function validateLazily(
  doc: unknown,
  options: ValidateOptions = {},
): Promise<SchemaValidationResult> {
  const id = schemaIdFor(doc, options);
  return runValidator(await loadValidator(id), doc, id);
}
