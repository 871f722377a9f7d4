// Byte helpers shared by every module. WebCrypto and TextEncoder exist in Node 20 and in
// browsers, so nothing here imports `node:*` (the verify entry must bundle for the browser).

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function fromUtf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

export async function sha256(data: Uint8Array | string): Promise<Uint8Array> {
  const bytes = typeof data === 'string' ? utf8(data) : data;
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

// Hex digit values by character code, -1 for anything else: every proof turns two hex digests into
// bytes, and a slice and a parseInt per byte were most of that.
const HEX = new Int8Array(128).fill(-1);
for (let i = 0; i < 16; i++) {
  HEX[i.toString(16).charCodeAt(0)] = i;
  HEX[i.toString(16).toUpperCase().charCodeAt(0)] = i;
}

export function fromHex(hex: string): Uint8Array {
  if (hex.length % 2 !== 0) throw new TypeError('invalid hex string');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) {
    const high = HEX[hex.charCodeAt(2 * i)] ?? -1;
    const low = HEX[hex.charCodeAt(2 * i + 1)] ?? -1;
    if (high < 0 || low < 0) throw new TypeError('invalid hex string');
    out[i] = (high << 4) | low;
  }
  return out;
}

/**
 * The parts one after another. Takes an array, not rest parameters: spreading a hostile number of
 * parts (a PNG with 250,000 chunks, a body streamed in 1-byte reads) overflows the call stack.
 */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.byteLength;
  }
  return out;
}
