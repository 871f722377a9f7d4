// copyJson: the verifier's own copy of an object it is given (see verify/parse.ts).
import { describe, expect, it } from 'vitest';
import { copyJson } from '../../src/lib/json.js';

describe('copyJson', () => {
  it('copies plain objects and arrays into fresh ones, values as they are', () => {
    const inner = { b: [1, 'two', true, null, { c: -0.5 }] };
    const value = { a: inner, u: undefined, empty: {}, list: [] as unknown[] };
    const copy = copyJson(value, 64)!;
    expect(copy).toEqual(value);
    expect(Object.keys(copy)).toEqual(['a', 'u', 'empty', 'list']);
    expect(copy.a).not.toBe(inner);
    expect((copy.a as typeof inner).b).not.toBe(inner.b);
    inner.b.push('later');
    expect((copy.a as typeof inner).b).toHaveLength(5);
    expect(copyJson(Object.assign(Object.create(null), { x: 1 }), 64)).toEqual({ x: 1 });
  });

  it('refuses what JSON has not, anywhere in the tree', () => {
    class Claim {
      name = 'x';
    }
    for (const odd of [
      new Date(0),
      new Map(),
      new Claim(),
      () => 1,
      Number.NaN,
      Number.POSITIVE_INFINITY,
      10n,
      Symbol('s'),
      new Uint8Array(2),
    ]) {
      expect(copyJson({ a: [{ b: odd }] }, 64), String(odd)).toBeUndefined();
    }
  });

  it('reads a getter once', () => {
    let reads = 0;
    const value = Object.defineProperty({}, 'name', { enumerable: true, get: () => `read ${++reads}` });
    expect(copyJson(value, 64)).toEqual({ name: 'read 1' });
    expect(reads).toBe(1);
  });

  it('refuses a tree deeper than maxDepth objects and arrays', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(copyJson({ deep }, 64)).toBeUndefined();
    expect(copyJson({ a: { b: [1] } }, 3)).toEqual({ a: { b: [1] } });
    expect(copyJson({ a: { b: [1] } }, 2)).toBeUndefined();
  });
});
