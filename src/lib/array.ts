// Array helpers that stay linear and stack-safe for any length. `Math.max(...xs)` and
// `list.push(...xs)` pass every element as an argument: with a hostile number of elements (a
// credential with 200,000 invalid array items yields as many schema errors) they overflow the stack.

/** The largest of `values` (lengths, depths: never NaN), or -Infinity for none, as `Math.max()`. */
export function maxOf(values: Iterable<number>): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** Appends every item of `items` to `target`, in order. */
export function appendAll<T>(target: T[], items: Iterable<T>): void {
  for (const item of items) target.push(item);
}

/**
 * Sorts `list` in place as `list.sort()` sorts strings (UTF-16 code unit order) and returns it.
 * Short lists (the keys of one JSON object, the N-Quads lines of one blank node or one subject) are
 * insertion-sorted, which allocates nothing: `Array.prototype.sort` copies every array it sorts,
 * and expansion sorts the keys of every node, RDFC-1.0 the lines of every blank node.
 */
export function sortStrings(list: string[]): string[] {
  if (list.length > 16) return list.sort();
  for (let i = 1; i < list.length; i++) {
    const item = list[i] as string;
    let j = i - 1;
    while (j >= 0 && (list[j] as string) > item) {
      list[j + 1] = list[j] as string;
      j--;
    }
    list[j + 1] = item;
  }
  return list;
}
