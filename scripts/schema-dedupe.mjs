// Hoists subschemas that a JSON Schema repeats verbatim into `$defs`, replacing each copy with a `$ref`.
//
// Why: ajv's standalone code inlines every subschema, and the 1EdTech schemas repeat some many times
// (the language-map pattern `{"oneOf":[{"type":"string"},{"type":"object",…}]}` 125 times in the OB
// AchievementCredential schema). Compiled with `inlineRefs: false`, a `$ref` is one shared function, so
// hoisting cuts the generated code by more than half: less to download, parse and compile before the
// first validation (the verifier's cold start).
//
// Semantics are kept: a subschema is moved only as a whole object, from a schema position (never from
// `enum`/`const`/`default` data), and only when it has no keyword whose meaning depends on where it
// sits (`$id`, anchors, dynamic/recursive refs, `unevaluated*`). Its own `$ref`s are JSON Pointers from
// the document root, which still resolve from `$defs`. Error objects differ only in `schemaPath`
// (test/schema/generated.test.ts compares everything else with ajv compiling the original schema).

import { SCHEMA_MAPS, SUBSCHEMAS } from './schema-keywords.mjs';

const POSITIONAL = /"(\$id|\$anchor|\$recursiveAnchor|\$recursiveRef|\$dynamicRef|\$dynamicAnchor|unevaluatedProperties|unevaluatedItems)"/;
const MIN_SIZE = 100; // characters of canonical JSON: smaller subschemas cost less code than a call
const PREFIX = 'credstackShared';

function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

// Which subschemas may move. The error formatter (src/schema/format-errors.ts) reads `schemaPath`s:
// it groups a composite's (`oneOf`, `anyOf`…) errors by the branch index that follows the composite's
// own path, and it recognises `…/propertyNames/pattern` and `…/contains/enum` by suffix. A `$ref`
// restarts the path at the referenced definition, so nothing below a composite branch moves (until a
// `$defs` entry, which is a function of its own already), and neither does a `propertyNames` schema.
const COMPOSITES = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'contains', 'dependentSchemas']);
const MOVABLE = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'items', 'additionalItems', 'additionalProperties', 'prefixItems']);

/** Calls `visit(subschema, replace)` for every movable subschema below `schema`; descends everywhere. */
function eachSubschema(schema, visit, inBranch = false) {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return;
  for (const [key, value] of Object.entries(schema)) {
    const movable = MOVABLE.has(key) && !inBranch;
    const below = key === '$defs' || key === 'definitions' ? false : inBranch || COMPOSITES.has(key);
    if (SCHEMA_MAPS.has(key) && value !== null && typeof value === 'object') {
      for (const name of Object.keys(value)) {
        if (movable) {
          visit(value[name], (next) => {
            value[name] = next;
          });
        }
        eachSubschema(value[name], visit, below);
      }
    } else if (SUBSCHEMAS.has(key)) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((sub, i) => {
        if (movable) {
          visit(sub, (next) => {
            if (Array.isArray(value)) value[i] = next;
            else schema[key] = next;
          });
        }
        eachSubschema(Array.isArray(value) ? value[i] : schema[key], visit, below);
      });
    }
  }
}

/** A copy of `schema` with repeated subschemas moved to `$defs` (largest saving first, until none). */
export function hoistRepeatedSubschemas(schema) {
  const out = structuredClone(schema);
  for (let n = 0; ; n++) {
    const seen = new Map();
    eachSubschema(out, (sub) => {
      if (sub === null || typeof sub !== 'object' || Array.isArray(sub) || '$ref' in sub) return;
      const key = canonical(sub);
      if (key.length < MIN_SIZE || POSITIONAL.test(key)) return;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    });
    let best;
    for (const [key, count] of seen) {
      if (count > 1 && (!best || key.length * (count - 1) > best.key.length * (best.count - 1))) best = { key, count };
    }
    if (!best) return out;
    out.$defs ??= {};
    let name = `${PREFIX}${n}`;
    while (name in out.$defs) name = `${name}_`;
    const ref = { $ref: `#/$defs/${encodeURIComponent(name)}` };
    let hoisted;
    eachSubschema(out, (sub, replace) => {
      if (sub !== null && typeof sub === 'object' && !Array.isArray(sub) && canonical(sub) === best.key) {
        hoisted ??= sub;
        replace({ ...ref });
      }
    });
    out.$defs[name] = hoisted;
  }
}
