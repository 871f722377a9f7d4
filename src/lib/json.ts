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
