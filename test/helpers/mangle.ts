/**
 * A copy of `value` with every `every`-th member (counted per object, offset by depth) replaced by
 * the number 42: wrong types spread through a whole document, for schema-error comparisons.
 */
export function mangleTypes(value: unknown, every: number, depth = 0): unknown {
  if (Array.isArray(value)) return value.map((v) => mangleTypes(v, every, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v], i) => [
        k,
        (i + depth) % every === 0 ? 42 : mangleTypes(v, every, depth + 1),
      ]),
    );
  }
  return value;
}
