// The validators of the bundled schemas, precompiled by scripts/compile-schemas.mjs (ajv standalone
// code in ./generated, committed). Nothing compiles at run time: no ajv compiler, no `new Function`
// (a strict browser CSP holds), and no ~450 ms compilation of the OB schema on first use.
// test/schema/generated.test.ts fails when the generated code is stale, and checks that it reports
// exactly the errors ajv's run-time compilation of the original schemas reports.

import type { ValidateFunction } from 'ajv';
import { CredstackError } from '../errors.js';
import { PRECOMPILED } from './generated/index.js';

/** The validator of a bundled schema (`id` must be a canonical `$id`, as resolveSchemaId returns). */
export function getValidator(id: string): ValidateFunction {
  const validator = PRECOMPILED.get(id);
  if (validator) return validator;
  throw new CredstackError('ERR_SCHEMA_NOT_FOUND', `No bundled JSON Schema with $id ${id}`);
}
