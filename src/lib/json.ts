// JSON helpers: deep clone so the public API never mutates its input, and a type guard.

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
