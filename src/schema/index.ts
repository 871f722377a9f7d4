/**
 * JSON Schema validation of OB 3.0 / CLR 2.0 credentials against the bundled official schemas.
 * @module
 */
export type { SchemaIssue } from './format-errors.js';
export { bundledSchemaIds, getSchema, type JsonSchema } from './registry.js';
export { type SchemaValidationResult, type ValidateOptions, validate, validateAgainst } from './validate.js';
export { type DataModelIssue, validateDataModel } from './data-model.js';
