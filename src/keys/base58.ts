// Base58btc (Bitcoin alphabet), the `z` multibase of Multikey, did:key and Data Integrity proof
// values, through base58-universal (the codec the @digitalbazaar stack itself uses).
import { decode, encode } from 'base58-universal';

export function base58Encode(bytes: Uint8Array): string {
  return encode(bytes);
}

/** Decodes base58btc; returns `undefined` on a character outside the alphabet. */
// base58-universal skips characters outside the alphabet (and whitespace) instead of failing;
// a key must not decode from a string that is not strictly base58btc.
const BASE58 = /^[1-9A-HJ-NP-Za-km-z]*$/;

export function base58Decode(text: string): Uint8Array | undefined {
  if (!BASE58.test(text)) return undefined;
  try {
    return decode(text);
  } catch {
    return undefined;
  }
}
