import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
// Internal module: the keys module's base58btc codec, checked against base58-universal.
import { base58Decode, base58Encode } from '../../src/keys/base58.js';
import { importUntyped } from './helpers.js';

type Base58 = { encode(bytes: Uint8Array): string; decode(text: string): Uint8Array };

describe('base58btc', () => {
  it('agrees with base58-universal on random bytes, leading zeros included', async () => {
    const reference = await importUntyped<Base58>('base58-universal');
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 80 }),
      fc.uint8Array({ maxLength: 40 }).map((b) => Uint8Array.from([0, 0, ...b])),
    );
    fc.assert(
      fc.property(bytes, (input) => {
        const text = base58Encode(input);
        if (input.length > 0) expect(text).toBe(reference.encode(input));
        expect(base58Decode(text)).toEqual(input);
      }),
      { numRuns: 300 },
    );
  });

  it('rejects characters outside the alphabet', () => {
    for (const bad of ['0', 'O', 'I', 'l', '+', ' ']) expect(base58Decode(`abc${bad}`)).toBeUndefined();
  });
});
