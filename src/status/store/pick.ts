// Uniform choice of a free slot. Indexes are drawn at random among the free slots (herd privacy:
// a sequential index would leak issuance order and volume), by picking r in [0, free) and walking
// to the r-th clear bit. One pass over the bitstring, so it never spins on a nearly full list.

const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1]!;

/** Number of set bits. */
export function countSetBits(bits: Uint8Array): number {
  let n = 0;
  for (const byte of bits) n += POPCOUNT[byte]!;
  return n;
}

/** Index of the `r`-th (0-based) clear bit, MSB-first; -1 when there are not that many. */
export function nthClearBit(bits: Uint8Array, r: number): number {
  for (let i = 0; i < bits.length; i++) {
    const byte = bits[i]!;
    const clear = 8 - POPCOUNT[byte]!;
    if (r >= clear) {
      r -= clear;
      continue;
    }
    for (let bit = 0; bit < 8; bit++) {
      if ((byte & (0x80 >> bit)) === 0 && r-- === 0) return i * 8 + bit;
    }
  }
  return -1;
}
