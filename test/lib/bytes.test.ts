import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal module: the byte helpers every module shares.
import { fromHex, toHex } from '../../src/lib/bytes.js';

describe('hex', () => {
  it('decodes as Buffer does, either case, and round-trips with toHex', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 80 }), fc.boolean(), (bytes, upper) => {
        const hex = toHex(bytes);
        expect(hex).toBe(Buffer.from(bytes).toString('hex'));
        expect(fromHex(upper ? hex.toUpperCase() : hex)).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses an odd length or any character that is not a hex digit', () => {
    expect(() => fromHex('abc')).toThrow(TypeError);
    for (const bad of ['g0', '0g', ' 0', '0x', '-1', '\u0660\u0661', 'ａ0', '0\u0000']) {
      expect(() => fromHex(bad), bad).toThrow(TypeError);
    }
    expect(fromHex('')).toEqual(new Uint8Array());
  });
});
