import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal module: the keys module's base58btc codec (a strict wrapper of base58-universal).
import { base58Decode, base58Encode } from '../../src/keys/base58.js';

describe('base58btc', () => {
  it('round-trips random bytes, leading zeros included', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from([0, 0, ...b])),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        expect(base58Decode(base58Encode(input))).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('encodes the known Bitcoin base58 vector', () => {
    expect(base58Encode(new TextEncoder().encode('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
  });

  it('rejects characters outside the alphabet', () => {
    for (const bad of ['0', 'O', 'I', 'l', '+', ' ']) expect(base58Decode(`abc${bad}`)).toBeUndefined();
  });
});
