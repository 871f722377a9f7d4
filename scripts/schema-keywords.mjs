// Where subschemas sit in a JSON Schema (draft 2019-09), for the schema transforms of schema-codegen.mjs
// and schema-dedupe.mjs: everything else in a schema object is data or a plain keyword value.

/** Keywords whose value is a map name → subschema (the names are data, not keywords). */
export const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);

/** Keywords whose value is a subschema or an array of subschemas. */
export const SUBSCHEMAS = new Set([
  'items', 'additionalItems', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains',
  'propertyNames', 'unevaluatedProperties', 'unevaluatedItems', 'contentSchema', 'allOf', 'anyOf',
  'oneOf', 'prefixItems',
]);
