// The validators of the bundled schemas, precompiled by scripts/compile-schemas.mjs (ajv standalone
// code in ./generated, committed). Nothing compiles at run time: no ajv compiler, no `new Function`
// (a strict browser CSP holds), and no ~450 ms compilation of the OB schema on first use.
// test/schema/generated.test.ts fails when the generated code is stale, and checks that it reports
// exactly the errors ajv's run-time compilation of the original schemas reports.

import type { ValidateFunction } from 'ajv';
import { CredstackError } from '../errors.js';
import { PRECOMPILED } from './generated/index.js';
import { BUNDLED } from './registry.js';

/** The validator of a bundled schema (`id` must be a canonical `$id`). */
export function getValidator(id: string): ValidateFunction {
  const validator = PRECOMPILED.get(id);
  if (validator) return validator;
  if (BUNDLED.has(id)) {
    // Only when someone bundled a schema without regenerating: the staleness test prevents it.
    throw new CredstackError(
      'ERR_SCHEMA_INVALID',
      `The bundled JSON Schema ${id} has no precompiled validator (run npm run schemas:compile)`,
    );
  }
  throw new CredstackError('ERR_SCHEMA_NOT_FOUND', `No bundled JSON Schema with $id ${id}`);
}
