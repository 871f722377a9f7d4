// Base58btc (Bitcoin alphabet), the `z` multibase of Multikey, did:key and Data Integrity proof
// values. The output is base-x's (MIT License, Copyright base-x contributors), as
// base58-universal — the codec the @digitalbazaar stack uses — produces it; written out here
// because that package's two modules sat at the end of the verifier's chain of static imports,
// ~3 ms of every cold start. test/keys/base58.test.ts holds both functions to base58-universal.

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';
// Digit values by character code (the alphabet is ASCII; BASE58 has vetted the text).
const INDEX = new Uint8Array(128);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;
// Strict: base58-universal skips whitespace; a key must not decode from text that is not base58btc.
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]*$/;
// Decoding is quadratic in the length (a 60,000-character proofValue took seconds, a 1 MiB one
// would take minutes), and every value credstack decodes is short: a key is ~50 characters, the
// longest signature (P-384) 132. Longer text is refused before any work.
export const MAX_BASE58_LENGTH = 1024;

// base-x converts one digit (or byte) at a time through base-256 (or base-58) limbs. Here the
// number is held in bigger limbs and fed several digits at a time, which is the same arithmetic
// with ~12× fewer steps (an 88-character Ed25519 signature: 22 passes over ≤ 22 limbs instead of
// 88 over ≤ 64): a limb times the multiplier plus the carry stays below 2^53, so every step is
// exact in a double. Decoding: 24-bit limbs, 4 digits (58^4 < 2^24) at a time. Encoding: limbs of
// 4 base-58 digits (58^4), 3 bytes (2^24) at a time.
const BYTE_LIMB = 0x1000000; // 2^24
const DIGIT_LIMB = 58 ** 4;

export function base58Encode(bytes: Uint8Array): string {
  if (bytes.length === 0) return '';
  const limbs = [0]; // the number, little-endian, in base 58^4
  for (let i = 0; i < bytes.length; ) {
    let carry = 0;
    let scale = 1;
    for (let k = 0; k < 3 && i < bytes.length; k++, i++) {
      carry = carry * 256 + bytes[i]!;
      scale *= 256;
    }
    for (let j = 0; j < limbs.length; j++) {
      carry += limbs[j]! * scale;
      const high = Math.floor(carry / DIGIT_LIMB);
      limbs[j] = carry - high * DIGIT_LIMB;
      carry = high;
    }
    while (carry > 0) {
      const high = Math.floor(carry / DIGIT_LIMB);
      limbs.push(carry - high * DIGIT_LIMB);
      carry = high;
    }
  }
  // the digits, most significant first, without leading zero digits (but at least one)
  let digits = '';
  for (let j = limbs.length - 1; j >= 0; j--) {
    let limb = limbs[j]!;
    let four = '';
    for (let k = 0; k < 4; k++) {
      four = ALPHABET[limb % 58]! + four;
      limb = Math.floor(limb / 58);
    }
    digits += four;
  }
  let first = 0;
  while (first < digits.length - 1 && digits[first] === '1') first++;
  // base-x: one '1' per leading zero byte, but the last byte is the number itself
  let out = '';
  for (let i = 0; bytes[i] === 0 && i < bytes.length - 1; i++) out += '1';
  return out + digits.slice(first);
}

/** Decodes base58btc; `undefined` on a character outside the alphabet or text over {@link MAX_BASE58_LENGTH}. */
export function base58Decode(text: string): Uint8Array | undefined {
  if (text.length > MAX_BASE58_LENGTH || !BASE58.test(text)) return undefined;
  if (text.length === 0) return new Uint8Array();
  const limbs = [0]; // the number, little-endian, in base 2^24
  for (let i = 0; i < text.length; ) {
    let carry = 0;
    let scale = 1;
    for (let k = 0; k < 4 && i < text.length; k++, i++) {
      carry = carry * 58 + INDEX[text.charCodeAt(i)]!;
      scale *= 58;
    }
    for (let j = 0; j < limbs.length; j++) {
      carry += limbs[j]! * scale;
      const high = Math.floor(carry / BYTE_LIMB);
      limbs[j] = carry - high * BYTE_LIMB;
      carry = high;
    }
    while (carry > 0) {
      const high = Math.floor(carry / BYTE_LIMB);
      limbs.push(carry - high * BYTE_LIMB);
      carry = high;
    }
  }
  // the number's bytes, most significant first, without leading zero bytes (but at least one)
  const value = new Uint8Array(limbs.length * 3);
  for (let j = 0; j < limbs.length; j++) {
    const limb = limbs[j]!;
    const at = value.length - 3 * j;
    value[at - 1] = limb & 0xff;
    value[at - 2] = (limb >>> 8) & 0xff;
    value[at - 3] = limb >>> 16;
  }
  let first = 0;
  while (first < value.length - 1 && value[first] === 0) first++;
  // base-x: one zero byte per leading '1', but the last character is the number itself
  let zeros = 0;
  while (zeros < text.length - 1 && text[zeros] === '1') zeros++;
  const out = new Uint8Array(zeros + value.length - first);
  out.set(value.subarray(first), zeros);
  return out;
}
