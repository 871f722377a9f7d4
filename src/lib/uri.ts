// What counts as a URL where the data models say "URL": an absolute URI (RFC 3986 scheme, then
// something), with no whitespace. Deliberately not `new URL()`: DIDs and URNs are URLs here.

/** An absolute URI: a scheme (`https:`, `did:`, `urn:`…) and no whitespace. */
export const ABSOLUTE_URI = /^[a-z][a-z0-9+.-]*:\S+$/i;

/** Whether `value` is a string holding an absolute URI. */
export function isAbsoluteUri(value: unknown): value is string {
  return typeof value === 'string' && ABSOLUTE_URI.test(value);
}

/** A URI scheme at the start (`https:`, `did:`, `urn:`…): an identifier, not a relative reference or a bare name. */
export const URI_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** Whether `value` starts with a URI scheme. */
export function hasUriScheme(value: string): boolean {
  return URI_SCHEME.test(value);
}
