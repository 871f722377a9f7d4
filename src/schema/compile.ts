// One Ajv instance for all bundled schemas, created on first use; each schema is compiled the first time
// it is needed and cached (compiling the OB schema takes a few hundred ms, so nothing compiles at import).

import type { ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { CredstackError } from '../errors.js';
import { BUNDLED } from './registry.js';

// ajv-formats is CommonJS: Node's ESM loader hands back `module.exports` (the plugin itself), while some
// bundlers hand back `exports.default`. Both point at the same function.
type FormatsPlugin = (ajv: Ajv2019) => Ajv2019;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

let ajv: Ajv2019 | undefined;
const validators = new Map<string, ValidateFunction>();

function instance(): Ajv2019 {
  if (ajv) return ajv;
  // strict: false because strict mode rejects the 1EdTech schemas (the `@context` tuple `items` has no
  // matching maxItems/additionalItems); validateSchema: false because the bundled schemas are trusted and
  // checking them against the meta-schema only costs start-up time.
  const created = new Ajv2019({ strict: false, allErrors: true, validateSchema: false });
  addFormats(created);
  for (const schema of BUNDLED.values()) created.addSchema(schema);
  ajv = created;
  return created;
}

/** The compiled validator of a bundled schema (`id` must be a canonical `$id`). */
export function getValidator(id: string): ValidateFunction {
  const cached = validators.get(id);
  if (cached) return cached;
  let validator: ValidateFunction | undefined;
  try {
    validator = instance().getSchema(id);
  } catch (cause) {
    throw new CredstackError('ERR_SCHEMA_INVALID', `The bundled JSON Schema ${id} failed to compile`, {
      cause,
    });
  }
  if (!validator) throw new CredstackError('ERR_SCHEMA_NOT_FOUND', `No bundled JSON Schema with $id ${id}`);
  validators.set(id, validator);
  return validator;
}
