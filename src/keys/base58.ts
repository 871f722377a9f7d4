// Base58btc (Bitcoin alphabet), the `z` multibase of Multikey, did:key and Data Integrity proof
// values. The algorithm is base-x's (MIT License, Copyright base-x contributors), exactly as
// base58-universal — the codec the @digitalbazaar stack uses — implements it; written out here
// because that package's two modules sat at the end of the verifier's chain of static imports,
// ~3 ms of every cold start. test/keys/base58.test.ts holds both functions to base58-universal.

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
const INDEX = new Map([...ALPHABET].map((c, i) => [c, i]));
// Strict: base58-universal skips whitespace; a key must not decode from text that is not base58btc.
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]*$/;
// Decoding is quadratic in the length (a 60,000-character proofValue took seconds, a 1 MiB one
// would take minutes), and every value credstack decodes is short: a key is ~50 characters, the
// longest signature (P-384) 132. Longer text is refused before any work.
export const MAX_BASE58_LENGTH = 1024;

export function base58Encode(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const digits = [0];
  for (const byte of bytes) {
    let carry = byte;
    for (let j = 0; j < digits.length; j++) {
      carry += digits[j]! << 8;
      digits[j] = carry % 58;
      carry = (carry / 58) | 0;
    }
    while (carry > 0) {
      digits.push(carry % 58);
      carry = (carry / 58) | 0;
    }
  }
  let out = '';
  for (let i = 0; bytes[i] === 0 && i < bytes.length - 1; i++) out += '1';
  for (let i = digits.length - 1; i >= 0; i--) out += ALPHABET[digits[i]!];
  return out;
}

/** Decodes base58btc; `undefined` on a character outside the alphabet or text over {@link MAX_BASE58_LENGTH}. */
export function base58Decode(text: string): Uint8Array | undefined {
  if (text.length > MAX_BASE58_LENGTH || !BASE58.test(text)) return undefined;
  if (text.length === 0) return new Uint8Array();
  const bytes = [0];
  for (const char of text) {
    let carry = INDEX.get(char)!;
    for (let j = 0; j < bytes.length; j++) {
      carry += bytes[j]! * 58;
      bytes[j] = carry & 0xff;
      carry >>= 8;
    }
    while (carry > 0) {
      bytes.push(carry & 0xff);
      carry >>= 8;
    }
  }
  for (let k = 0; text[k] === '1' && k < text.length - 1; k++) bytes.push(0);
  return Uint8Array.from(bytes.reverse());
}
