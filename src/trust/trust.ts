import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { isSupportedTrustPattern, matchesTrustEntry } from './pattern.js';

export { matchesTrustEntry } from './pattern.js';

/**
 * Whether an issuer is on the verifier's trust list. Not the same as "the signature is valid".
 * @example
 * ```ts
 * import { evaluateTrust, type IssuerTrust } from 'credstack'
 * const { issuerTrust }: { issuerTrust: IssuerTrust } = await evaluateTrust('https://example.org/issuers/1', ['https://example.org/issuers/*'])
 * ```
 */
export type IssuerTrust = 'trusted' | 'untrusted' | 'unknown';

/**
 * One trusted issuer: an exact id, or a pattern in which `*` stands for whole parts of an id —
 * never for a run of characters, so no pattern reaches a longer host name or another host.
 *
 * - Without `*`: the id itself, compared exactly.
 * - DIDs and URNs (colon-separated segments). The first three segments name someone
 *   (`did:web:*` and `did:key:*` are refused):
 *   - `did:web:school.example:*` — one or more further segments: `did:web:school.example:issuers:1`,
 *     not `did:web:school.example` itself;
 *   - `did:web:school.example*` — that DID or any below it: `did:web:school.example` and
 *     `did:web:school.example:issuers:1`, never `did:web:school.example.attacker.com` or
 *     `did:web:school.example%3A8443` (another port);
 *   - `did:web:*.school.example` — the third segment is one or more labels before
 *     `.school.example` (`did:web:a.school.example`, not `did:web:school.example`);
 *   - `did:web:school.example:*:profile` — a `*` between segments is exactly one segment.
 * - URLs (`https://…`), compared as the URL parser reads the issuer id (host lower-cased, dot
 *   segments resolved); an id with user info, a query, a fragment, a backslash or white space
 *   never matches a pattern:
 *   - host: `*.school.example` is one or more labels before `.school.example` (not
 *     `school.example` itself, never anything in the path); at least two literal labels
 *     (`*.example` is refused); the port must be the pattern's (default: the scheme's);
 *   - path: a trailing `/*` is anything below that path (`https://school.example/issuers/*`:
 *     `/issuers/1`, `/issuers/1/keys`, not `/issuers` or `/issuersX/1`); a `*` between
 *     segments is exactly one segment; no path means the origin's root only.
 * - A `*` anywhere else (`school*.example`, `/issuer-*`, in a query) is not supported: such a
 *   pattern matches nothing, and {@link loadTrustRegistry} refuses it.
 * @example
 * ```ts
 * import type { TrustEntry } from 'credstack'
 * const entry: TrustEntry = { id: 'https://example.org/issuers/1', name: 'Example University', location: 'GB' }
 * const everyIssuerOfASchool: TrustEntry = { id: 'did:web:school.example:*', name: 'School' }
 * ```
 */
export interface TrustEntry {
  /** Issuer id or pattern (the grammar is above). */
  id: string;
  /** Display name of the organisation. */
  name?: string;
  url?: string;
  location?: string;
}

/**
 * The answer of {@link evaluateTrust}.
 * @example
 * ```ts
 * import { evaluateTrust, type TrustResult } from 'credstack'
 * const trust: TrustResult = await evaluateTrust('https://example.org/issuers/1', registry)
 * ```
 */
export interface TrustResult {
  issuerTrust: IssuerTrust;
  /** The registry entry that matched, when trusted. */
  entry?: TrustEntry;
}

/**
 * A caller's own decision procedure (e.g. a database lookup).
 * @example
 * ```ts
 * import { type TrustCallback, verifyCredential } from 'credstack'
 * const trust: TrustCallback = (issuerId) => (issuerId.endsWith('.example.org') ? 'trusted' : 'unknown')
 * const result = await verifyCredential(jwt, { trust })
 * ```
 */
export type TrustCallback = (
  issuerId: string,
) => TrustResult | IssuerTrust | Promise<TrustResult | IssuerTrust>;

/**
 * Whom the verifier trusts: a list of issuer ids/patterns (or entries), a registry document
 * (credstack's `{ issuers: [...] }` or the Digital Credentials Consortium's
 * `{ meta, registry: { [did]: { name, url, location } } }`), or a callback.
 * @example
 * ```ts
 * import { type TrustPolicy, verifyCredential } from 'credstack'
 * const trust: TrustPolicy = ['https://example.org/issuers/1', { id: 'did:web:partner.example', name: 'Partner' }]
 * const result = await verifyCredential(jwt, { trust })
 * ```
 */
export type TrustPolicy = readonly (string | TrustEntry)[] | TrustRegistry | TrustCallback;

/**
 * A normalised registry.
 * @example
 * ```ts
 * import { loadTrustRegistry, type TrustRegistry } from 'credstack'
 * const registry: TrustRegistry = loadTrustRegistry(JSON.parse(text))
 * ```
 */
export interface TrustRegistry {
  issuers: readonly TrustEntry[];
  name?: string;
}

/**
 * Reads a trust registry document: credstack's format `{ name?, issuers: [{ id, name?, url? }] }`
 * or the Digital Credentials Consortium issuer-registry format
 * `{ meta: {...}, registry: { "<did>": { name, url?, location? } } }`. An id with a `*` that
 * is not a supported pattern ({@link TrustEntry}) is refused with `ERR_INVALID_INPUT`.
 *
 * @example
 * ```ts
 * const trust = loadTrustRegistry(JSON.parse(readFileSync('registry.json', 'utf8')))
 * const result = await verifyCredential(badge, { trust })
 * result.issuerTrust // 'trusted' | 'untrusted'
 * ```
 */
export function loadTrustRegistry(document: unknown): TrustRegistry {
  const registry = readRegistry(document);
  // A pattern outside the grammar would silently match nothing: say so while the list is loaded.
  for (const entry of registry.issuers) {
    if (!isSupportedTrustPattern(entry.id)) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `Unsupported trust pattern ${JSON.stringify(entry.id)}: a * stands for whole DID segments, host labels or path segments (see TrustEntry)`,
      );
    }
  }
  return registry;
}

function readRegistry(document: unknown): TrustRegistry {
  if (Array.isArray(document)) return { issuers: document.map((e, i) => toEntry(e, `/${i}`)) };
  if (!isObject(document)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `A trust registry must be a JSON object or array, got ${describeValue(document)}`,
    );
  }
  if (Array.isArray(document.issuers)) {
    return {
      issuers: document.issuers.map((e, i) => toEntry(e, `/issuers/${i}`)),
      ...(typeof document.name === 'string' ? { name: document.name } : {}),
    };
  }
  // DCC legacy registry: the issuer ids are the keys of `registry` (older copies say `entries`).
  const table = isObject(document.registry)
    ? document.registry
    : isObject(document.entries)
      ? document.entries
      : undefined;
  if (table) {
    return {
      issuers: Object.entries(table).map(([id, value]) => {
        const entry: TrustEntry = { id };
        if (isObject(value)) {
          if (typeof value.name === 'string') entry.name = value.name;
          if (typeof value.url === 'string') entry.url = value.url;
          if (typeof value.location === 'string') entry.location = value.location;
        }
        return entry;
      }),
    };
  }
  throw new CredstackError(
    'ERR_INVALID_INPUT',
    'Unrecognised trust registry: expected { issuers: [...] } or a DCC registry { registry: { "<did>": {...} } }',
  );
}

function toEntry(value: unknown, path: string): TrustEntry {
  if (typeof value === 'string') return { id: value };
  if (isObject(value) && typeof value.id === 'string') {
    const entry: TrustEntry = { id: value.id };
    if (typeof value.name === 'string') entry.name = value.name;
    if (typeof value.url === 'string') entry.url = value.url;
    if (typeof value.location === 'string') entry.location = value.location;
    return entry;
  }
  throw new CredstackError('ERR_INVALID_INPUT', `Trust entry ${path} must be an issuer id or { id, name? }`, {
    path,
  });
}

/**
 * Decides whether `issuerId` is trusted under `policy`. No policy: `unknown`. A list or registry:
 * `trusted` when an entry matches, else `untrusted`. A callback decides for itself.
 *
 * @example
 * ```ts
 * await evaluateTrust('did:web:school.example', ['did:web:school.example']) // { issuerTrust: 'trusted', … }
 * ```
 */
export async function evaluateTrust(
  issuerId: string | undefined,
  policy: TrustPolicy | undefined,
): Promise<TrustResult> {
  if (policy === undefined) return { issuerTrust: 'unknown' };
  if (!issuerId) return { issuerTrust: 'untrusted' };
  if (typeof policy === 'function') {
    const answer = await policy(issuerId);
    return typeof answer === 'string' ? { issuerTrust: answer } : answer;
  }
  const entries = Array.isArray(policy)
    ? policy.map((e, i) => toEntry(e, `/${i}`))
    : (policy as TrustRegistry).issuers;
  const entry = entries.find((e) => matchesTrustEntry(issuerId, e.id));
  return entry ? { issuerTrust: 'trusted', entry } : { issuerTrust: 'untrusted' };
}
