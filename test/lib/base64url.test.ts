// src/lib/base64url.ts stands in for jose's `jose/base64url` on the verifier's cold path; it must
// behave exactly like it: same text for any bytes, same bytes or same refusal for any text.
import fc from 'fast-check';
import * as jose from 'jose/base64url';
import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../src/lib/base64url.js';

function outcome(f: () => Uint8Array): Uint8Array | 'throws' {
  try {
    return f();
  } catch {
    return 'throws';
  }
}

describe('base64url', () => {
  it('encodes bytes and strings as jose does, and decodes them back', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string(), (bytes, text) => {
        expect(encode(bytes)).toBe(jose.encode(bytes));
        expect(encode(text)).toBe(jose.encode(text));
        expect(decode(encode(bytes))).toEqual(bytes);
      }),
      { numRuns: 500 },
    );
  });

  it('encodes more than one chunk (btoa is fed 32 KiB at a time)', () => {
    const big = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) % 256);
    expect(encode(big)).toBe(jose.encode(big));
    expect(decode(encode(big))).toEqual(big);
  });

  it('accepts and refuses exactly the text jose accepts and refuses', () => {
    const alphabet = fc.constantFrom(...'AZaz09-_+/= .\n%é'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (text) => {
        expect(outcome(() => decode(text))).toEqual(outcome(() => jose.decode(text)));
      }),
      { numRuns: 2000 },
    );
    for (const bad of ['a+b/', 'abc%', 'a', 'é']) expect(() => decode(bad)).toThrow(TypeError);
  });
});
