// base64url (RFC 4648 §5, no padding), exactly as jose's `jose/base64url` does it: the platform's
// Uint8Array.fromBase64/toBase64 where they exist, else atob/btoa. Kept here because importing
// jose's module pulls in three more of its files, ~3 ms of a verifier's cold start for two functions.

type Base64Uint8Array = typeof Uint8Array & {
  fromBase64?: (text: string, options: { alphabet: 'base64url' }) => Uint8Array;
};
type Base64Bytes = Uint8Array & {
  toBase64?: (options: { alphabet: 'base64url'; omitPadding: true }) => string;
};

const CHUNK = 0x8000;

/** base64url text → bytes; a TypeError for text that is not base64url. */
export function decode(text: string): Uint8Array {
  try {
    const native = (Uint8Array as Base64Uint8Array).fromBase64;
    if (native) return native(text, { alphabet: 'base64url' });
    if (text.includes('+') || text.includes('/')) throw new TypeError('Invalid base64url');
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch (cause) {
    throw new TypeError('The input to be decoded is not correctly encoded.', { cause });
  }
}

/** Bytes (or a string, as UTF-8) → base64url text without padding. */
export function encode(input: Uint8Array | string): string {
  const bytes: Base64Bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  if (bytes.toBase64) return bytes.toBase64({ alphabet: 'base64url', omitPadding: true });
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]));
  }
  return btoa(parts.join('')).replace(/=/g, '').replace(/\+/g, '-').replace(/\//g, '_');
}
