// Text of JSON values for keys and messages: hostile input (a `toString` that is not a function,
// 100,000 items) must neither throw nor flood a message.
import { asArray, isObject } from '../../lib/json.js';

type Json = Record<string, unknown>;

/** JSON text with sorted keys: two equal definitions give the same text. */
export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .filter((k) => value[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${stable(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Any JSON value as text, for keys and messages. `String(x)` throws on an object whose own
 * `toString` is not a function (JSON.parse makes one from `{"toString": 1}`).
 */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value !== 'object' || value === null) return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

export const assocKey = (a: Json): string =>
  `${str(a.associationType)} ${str(a.sourceId)} → ${str(a.targetId)}`;

export function hasType(value: unknown, type: string): boolean {
  return asArray(value as unknown).includes(type);
}

/** At most `max` items, and how many more. */
export function listed(items: string[], max = 3): string {
  return items.length <= max
    ? items.join('; ')
    : `${items.slice(0, max).join('; ')} (+${items.length - max} more)`;
}
