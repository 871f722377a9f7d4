// The compact JWS shape (RFC 7515 §7.1): three base64url parts. One definition for every module
// that must tell a VC-JWT from JSON (verify, bake, the CLI, fetched documents).
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Whether `value` is a string with the shape of a compact JWS (surrounding white space ignored).
 * Only the shape: nothing is decoded or verified.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { isCompactJws } from 'credstack'
 * isCompactJws(await readFile('badge.jwt', 'utf8')) // true
 * isCompactJws('{"type":["VerifiableCredential"]}') // false
 * ```
 */
export function isCompactJws(value: unknown): boolean {
  return typeof value === 'string' && COMPACT_JWS.test(value.trim());
}
