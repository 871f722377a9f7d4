// The verifier's input walks (see verify/parse.ts): every limit, and the pointer of what is unsafe.
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, exceedsLimits, findUnsafeText } from '../../src/lib/limits.js';

const limits = (changes: Partial<typeof DEFAULT_LIMITS>) => ({ ...DEFAULT_LIMITS, ...changes });

describe('exceedsLimits', () => {
  it('counts every value, primitives and containers alike', () => {
    // 1 object + 1 array + 3 items + 1 nested object + 1 string = 7 values
    const value = { a: [1, 'x', null], b: { c: 'y' } };
    expect(exceedsLimits(value, limits({ maxValues: 7 }))).toBeUndefined();
    expect(exceedsLimits(value, limits({ maxValues: 6 }))).toBe('more than 6 values');
  });

  it('measures depth through objects and arrays', () => {
    const value = { a: [{ b: [1] }] }; // object, array, object, array: 4 levels
    expect(exceedsLimits(value, limits({ maxDepth: 4 }))).toBeUndefined();
    expect(exceedsLimits(value, limits({ maxDepth: 3 }))).toBe('nesting deeper than 3 levels');
  });

  it('finds a long string in an array or an object', () => {
    expect(exceedsLimits({ a: ['ok', 'toolong'] }, limits({ maxStringLength: 6 }))).toBe(
      'a string longer than 6 characters',
    );
    expect(exceedsLimits({ a: { b: 'toolong' } }, limits({ maxStringLength: 7 }))).toBeUndefined();
  });
});

describe('findUnsafeText', () => {
  it('points at a lone surrogate in a value, an array item, the root and a property name', () => {
    expect(findUnsafeText({ a: { 'b/c': 'x\uD800' } })?.path).toBe('/a/b~1c');
    expect(findUnsafeText({ a: ['fine', { b: ['ok', '\uDC00'] }] })?.path).toBe('/a/1/b/1');
    expect(findUnsafeText('\uD800')).toEqual({
      path: '/',
      problem: 'a string with a lone UTF-16 surrogate (it would sign like U+FFFD)',
    });
    expect(findUnsafeText({ a: { 'k\uDBFF': 1 } })).toEqual({
      path: '/a/k\uDBFF',
      problem: 'a property name with a lone UTF-16 surrogate',
    });
  });

  it('points at an own __proto__ property', () => {
    expect(findUnsafeText(JSON.parse('{"a":[{"__proto__":{}}]}'))?.path).toBe('/a/0/__proto__');
  });

  it('passes valid pairs and text without surrogates', () => {
    expect(findUnsafeText({ a: ['😀', { b: 'é', 'c😀': 'd' }], n: 1, z: null })).toBeUndefined();
  });
});
