// JSON helpers: deep clone so the public API never mutates its input, type guards, and reading
// the JSON-LD shapes every layer meets (a set or one value, a node or its id).

export type JsonObject = { [key: string]: unknown };

export function isObject(value: unknown): value is JsonObject {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}

/**
 * A copy of `object` made of fresh plain objects and arrays holding strings, finite numbers,
 * booleans, null and undefined, or `undefined` when it holds anything else (a Date, a Map, a class
 * instance, a function, a non-finite number) or nests deeper than `maxDepth` objects and arrays.
 * What the verifier works on when it is given an object: nothing the caller still holds can change
 * it mid-verification, and a getter is read once, here, so every check reads the same value.
 */
export function copyJson(object: JsonObject, maxDepth: number): JsonObject | undefined {
  const copy = copyValue(object, maxDepth);
  return copy === NOT_JSON ? undefined : (copy as JsonObject);
}

const NOT_JSON = Symbol('not JSON');

function copyValue(value: unknown, depth: number): unknown {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : NOT_JSON;
    case 'object': {
      if (value === null) return null;
      if (depth <= 0) return NOT_JSON;
      if (Array.isArray(value)) {
        const items: unknown[] = new Array(value.length);
        for (let i = 0; i < value.length; i++) {
          const item = copyValue(value[i], depth - 1);
          if (item === NOT_JSON) return NOT_JSON;
          items[i] = item;
        }
        return items;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return NOT_JSON;
      const copy: JsonObject = {};
      for (const key of Object.keys(value)) {
        const item = copyValue((value as JsonObject)[key], depth - 1);
        if (item === NOT_JSON) return NOT_JSON;
        copy[key] = item;
      }
      return copy;
    }
    default:
      return NOT_JSON;
  }
}

/** `value` as an array: JSON-LD compacted form allows a single value where a set is meant. */
export function asArray<T>(value: T | readonly T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? [...value] : [value as T];
}

/** The id of a JSON-LD node given by its id (a string) or embedded (an object with an `id`). */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.id === 'string') return value.id;
  return undefined;
}

/**
 * A value met by an iterative walk of a JSON tree, with its parent and its key there: the walk
 * spells a JSON pointer out (with {@link pointerOf}) only for a value it reports, instead of
 * building one for every value it visits.
 */
export interface WalkFrame {
  node: unknown;
  parent: WalkFrame | undefined;
  key: string;
}

/** The JSON pointer (RFC 6901) of `frame`'s value: '' for the root. */
export function pointerOf(frame: WalkFrame): string {
  const tokens: string[] = [];
  for (let f: WalkFrame | undefined = frame; f?.parent !== undefined; f = f.parent) {
    tokens.push(f.key.replace(/~/g, '~0').replace(/\//g, '~1'));
  }
  return tokens.length === 0 ? '' : `/${tokens.reverse().join('/')}`;
}
