// Turns Ajv's raw error list into a short list a person can act on.
//
// The 1EdTech schemas wrap nearly every property in `oneOf`/`anyOf` (single value | array, string |
// language map, Profile | URI), so with `allErrors` one mistake yields a dozen errors: one per failed
// branch plus "must match exactly one schema in oneOf". For every failed oneOf/anyOf we keep only the
// branch that got furthest (the one that did not fail on the value's JSON type, preferring deeper errors)
// and drop the generic oneOf message. Nothing is ever dropped without a replacement, so the list is empty
// only when Ajv said valid.

import type { ErrorObject } from 'ajv';
import { appendAll, maxOf } from '../lib/array.js';

/**
 * One schema violation.
 * @example
 * ```ts
 * import { type SchemaIssue, validate } from 'credstack'
 * const issues: SchemaIssue[] = validate(document).errors
 * for (const { path, message } of issues) console.log(path, message)
 * ```
 */
export interface SchemaIssue {
  /** JSON Pointer of the offending value; for a missing property, the pointer of that property. */
  path: string;
  /** What is wrong, e.g. "must have required property 'name'". */
  message: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`, ...). */
  keyword: string;
}

type Item = { error: ErrorObject; children: Item[] };

const within = (path: string, base: string): boolean => path === base || path.startsWith(`${base}/`);

// Ajv reports the sub-errors of a oneOf/anyOf immediately before the oneOf/anyOf error itself, all at or
// below its instancePath; that lets us rebuild which errors belong to which composite.
function buildTree(errors: readonly ErrorObject[]): Item[] {
  const stack: Item[] = [];
  for (const error of errors) {
    if (error.keyword === 'oneOf' || error.keyword === 'anyOf') {
      const children: Item[] = [];
      while (stack.length > 0 && within(stack[stack.length - 1]!.error.instancePath, error.instancePath)) {
        children.push(stack.pop()!);
      }
      // popped last-first; reversing once keeps this linear (unshift per child was quadratic)
      stack.push({ error, children: children.reverse() });
    } else {
      stack.push({ error, children: [] });
    }
  }
  return stack;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Where the problem is: a missing or extra property is reported at its own pointer. */
function pathOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return `${error.instancePath}/${escapePointer(params.missingProperty)}`;
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return `${error.instancePath}/${escapePointer(params.additionalProperty)}`;
  }
  if (error.keyword === 'propertyNames' && typeof params.propertyName === 'string') {
    return `${error.instancePath}/${escapePointer(params.propertyName)}`;
  }
  return error.instancePath;
}

const depth = (error: ErrorObject): number => pathOf(error).split('/').length;
const typeAt = (errors: ErrorObject[], path: string): ErrorObject[] =>
  errors.filter((e) => e.keyword === 'type' && e.instancePath === path);

function resolve(item: Item): ErrorObject[] {
  const { error, children } = item;
  if (children.length === 0) return [error];
  if (
    error.keyword === 'oneOf' &&
    Array.isArray((error.params as { passingSchemas?: unknown }).passingSchemas)
  ) {
    // Several branches matched: the ambiguity itself is the problem; branch errors are irrelevant.
    return [error];
  }
  const at = error.instancePath;
  // Group by branch index when the branch is compiled inline (schemaPath continues the composite's);
  // errors from referenced schemas have their own schemaPath root and share one group.
  const prefix = `${error.schemaPath}/`;
  const groups = new Map<string, ErrorObject[]>();
  for (const child of children) {
    const sp = child.error.schemaPath;
    const key = sp.startsWith(prefix) ? sp.slice(prefix.length).split('/')[0]! : '*';
    const list = groups.get(key) ?? [];
    appendAll(list, resolve(child));
    groups.set(key, list);
  }
  const candidates = [...groups.values()].map((list) => {
    // Within one branch a JSON-type failure at `at` excludes deeper errors, so if both appear the
    // type failure came from another branch that shares this group.
    const deeper = list.some((e) => e.keyword !== 'type' || e.instancePath !== at);
    const errors =
      deeper && list.length > typeAt(list, at).length
        ? list.filter((e) => !(e.keyword === 'type' && e.instancePath === at))
        : list;
    return {
      errors,
      wrongType: typeAt(errors, at).length > 0 ? 1 : 0,
      // language-map branches (`propertyNames`) rarely are what the author meant
      languageMap: errors.some((e) => e.keyword === 'propertyNames') ? 1 : 0,
      depth: maxOf(errors.map(depth)),
      count: errors.length,
    };
  });
  candidates.sort(
    (a, b) =>
      a.wrongType - b.wrongType || a.languageMap - b.languageMap || b.depth - a.depth || a.count - b.count,
  );
  const best = candidates[0]!;
  if (best.wrongType === 0 || best.errors.length !== typeAt(best.errors, at).length) {
    // Equally good alternatives that each fail with one error on the value itself (e.g. an enum or an
    // `ext:` pattern): say both, not just the first.
    const ties = candidates.filter(
      (c) =>
        c.wrongType === best.wrongType &&
        c.languageMap === best.languageMap &&
        c.depth === best.depth &&
        c.count === 1 &&
        c.errors[0]!.instancePath === at &&
        c.errors[0]!.keyword !== 'required',
    );
    if (best.count === 1 && ties.length > 1) {
      const message = ties.map((c) => messageOf(c.errors[0]!)).join(', or ');
      return [{ ...ties[0]!.errors[0]!, message, params: {} }];
    }
    return best.errors;
  }
  // Every branch failed on the JSON type of the value: one error naming all accepted types.
  const types = new Set<string>();
  for (const c of candidates) {
    for (const e of typeAt(c.errors, at)) for (const t of [e.params.type].flat()) types.add(String(t));
  }
  return [
    {
      ...error,
      keyword: 'type',
      message: `must be ${[...types].join(' or ')}`,
      params: { type: [...types] },
    },
  ];
}

function messageOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      if (typeof params.missingProperty !== 'string') return error.message ?? 'missing required property';
      return `must have required property '${String(params.missingProperty)}'`;
    case 'additionalProperties':
      return `must not have additional property '${String(params.additionalProperty)}'`;
    case 'enum':
      if (!Array.isArray(params.allowedValues)) return error.message ?? 'must be one of the allowed values';
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    case 'oneOf':
      return Array.isArray(params.passingSchemas)
        ? `must match exactly one schema in oneOf, but matches ${params.passingSchemas.length}`
        : (error.message ?? 'must match exactly one schema in oneOf');
    default:
      return error.message ?? `fails "${error.keyword}"`;
  }
}

/**
 * Readable, pruned issues from Ajv errors (see the module comment).
 */
export function formatErrors(errors: readonly ErrorObject[] | null | undefined): SchemaIssue[] {
  if (!errors || errors.length === 0) return [];
  const flat = buildTree(errors).flatMap(resolve);
  const out: SchemaIssue[] = [];
  const seen = new Set<string>();
  let containsValues: unknown[] = [];
  let namePattern: string | undefined;
  for (const error of flat) {
    const sp = error.schemaPath;
    // `contains: { enum }` reports each item's enum failure, then "must contain at least 1 valid item":
    // fold them into one "must contain" error.
    if (/\/contains\/enum$/.test(sp)) {
      containsValues = (error.params as { allowedValues: unknown[] }).allowedValues;
      continue;
    }
    if (/\/propertyNames\/pattern$/.test(sp)) {
      namePattern = String((error.params as { pattern: unknown }).pattern);
      continue;
    }
    let message = messageOf(error);
    if (error.keyword === 'contains' && containsValues.length > 0) {
      message = `must contain ${containsValues.map((v) => JSON.stringify(v)).join(' or ')}`;
      containsValues = [];
    }
    if (error.keyword === 'propertyNames') {
      const name = String((error.params as { propertyName: unknown }).propertyName);
      message = `property name '${name}' is not allowed here${namePattern ? ` (must match ${namePattern})` : ''}`;
      namePattern = undefined;
    }
    const issue: SchemaIssue = { path: pathOf(error), message, keyword: error.keyword };
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(issue);
  }
  if (out.length > 0) return out;
  // Never hide an invalid result: fall back to Ajv's own errors.
  return errors.map((e) => ({ path: pathOf(e), message: e.message ?? e.keyword, keyword: e.keyword }));
}
