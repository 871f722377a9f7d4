import * as reference from 'base58-universal';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal module: the keys module's base58btc codec (base-x's algorithm, as base58-universal has it).
import { base58Decode, base58Encode, MAX_BASE58_LENGTH } from '../../src/keys/base58.js';

const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 120 }),
  fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from([0, 0, ...b])),
  fc.constantFrom(new Uint8Array(), Uint8Array.of(0), Uint8Array.of(0, 0), Uint8Array.of(0, 0, 0, 1)),
);

describe('base58btc', () => {
  it('encodes and decodes exactly as base58-universal, leading zeros included', () => {
    fc.assert(
      fc.property(bytes, (input) => {
        const text = base58Encode(input);
        expect(text).toBe(reference.encode(input));
        expect(base58Decode(text)).toEqual(reference.decode(text));
      }),
      { numRuns: 500 },
    );
    const text = fc.string({
      unit: fc.constantFrom(...'123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'),
      maxLength: 200,
    });
    fc.assert(
      fc.property(text, (t) => {
        expect(base58Decode(t)).toEqual(reference.decode(t));
      }),
      { numRuns: 1000 },
    );
    // every length a key or signature has, and a run of '1's (zero bytes) in front
    for (const length of [1, 2, 3, 4, 5, 7, 8, 9, 44, 48, 50, 86, 87, 88, 89, 96, 132, 200]) {
      for (const t of [
        'z'.repeat(length),
        '1'.repeat(length),
        `11${'2'.repeat(length)}`,
        `1${'z1'.repeat(length)}`,
      ]) {
        expect(base58Decode(t)).toEqual(reference.decode(t));
        const decoded = reference.decode(t);
        expect(base58Encode(decoded)).toBe(reference.encode(decoded));
      }
    }
  });

  it('round-trips random bytes, leading zeros included', () => {
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

  it('refuses text longer than any value it has to decode (decoding is quadratic in the length)', () => {
    expect(base58Decode('2'.repeat(MAX_BASE58_LENGTH))).toBeInstanceOf(Uint8Array);
    expect(base58Decode('2'.repeat(MAX_BASE58_LENGTH + 1))).toBeUndefined();
  });
});
