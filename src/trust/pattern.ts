// Trust-list patterns. A `*` stands for whole pieces of an identifier — colon-separated segments
// of a DID or URN, labels of a URL's host, segments of a URL's path — never for a run of
// characters: `did:web:school.example*` read as a regular expression also matched
// `did:web:school.example.attacker.com`, and `https://*.school.example/*` matched
// `https://attacker.com/.school.example/issuer`. A pattern outside this grammar matches nothing.

import { hasUriScheme } from '../lib/uri.js';

const HAS_AUTHORITY = /^[a-z][a-z0-9+.-]*:\/\//i;
/** `scheme://authority/path` with no query or fragment; the scheme is group 1. */
const URL_PATTERN = /^([a-z][a-z0-9+.-]*):\/\/([^/?#@\\]*)(\/[^?#\\]*)?$/i;
/** Characters the URL parser drops or reinterprets: an id holding one is not compared at all. */
const UNSAFE_IN_URL = /[\\\s\p{Cc}?#]/u;
const DEFAULT_PORT: Record<string, string> = { 'https:': '443', 'http:': '80' };

/**
 * Whether `issuerId` matches a trust-list pattern: an exact id, or a pattern in which `*` stands
 * for whole parts of the id (the grammar is in {@link TrustEntry}'s documentation). A pattern
 * outside the grammar matches nothing.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { matchesTrustEntry } from 'credstack'
 * matchesTrustEntry('did:web:school.example:issuers:2', 'did:web:school.example:*') // true
 * matchesTrustEntry('did:web:school.example.attacker.com', 'did:web:school.example*') // false
 * matchesTrustEntry('https://a.school.example/issuer', 'https://*.school.example/*') // true
 * matchesTrustEntry('https://attacker.com/.school.example/issuer', 'https://*.school.example/*') // false
 * ```
 */
export function matchesTrustEntry(issuerId: string, pattern: string): boolean {
  if (typeof issuerId !== 'string' || typeof pattern !== 'string') return false;
  if (!pattern.includes('*')) return issuerId === pattern;
  if (HAS_AUTHORITY.test(pattern)) {
    const url = URL_PATTERN.exec(pattern);
    return url ? matchesUrlPattern(issuerId, url[1]!, url[2]!, url[3] ?? '/') : false;
  }
  // Anything else is colon-separated: DIDs, URNs.
  return matchesSegmentPattern(issuerId, pattern);
}

/** Whether a wildcard pattern is one {@link matchesTrustEntry} can match (exact ids always are). */
export function isSupportedTrustPattern(pattern: string): boolean {
  if (!pattern.includes('*')) return true;
  if (HAS_AUTHORITY.test(pattern)) {
    const url = URL_PATTERN.exec(pattern);
    return url !== null && parseHost(url[2]!) !== undefined && parsePath(url[3] ?? '/') !== undefined;
  }
  return parseSegments(pattern) !== undefined;
}

// --- DIDs and URNs ----------------------------------------------------------------------------

type Piece = { literal: string } | { any: true } | { labelsBefore: string };
interface SegmentPattern {
  fixed: Piece[];
  /** What may follow the fixed segments: nothing, zero or more, or one or more segments. */
  tail: 'none' | 'zero-or-more' | 'one-or-more';
}

function parseSegments(pattern: string): SegmentPattern | undefined {
  if (!hasUriScheme(pattern)) return undefined;
  const parts = pattern.split(':');
  let tail: SegmentPattern['tail'] = 'none';
  const last = parts[parts.length - 1]!;
  if (last === '*') {
    tail = 'one-or-more';
    parts.pop();
  } else if (last.endsWith('*') && !last.slice(0, -1).includes('*')) {
    // `did:web:school.example*`: that DID, or any DID below it (more segments), never a longer host.
    tail = 'zero-or-more';
    parts[parts.length - 1] = last.slice(0, -1);
  }
  const fixed: Piece[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === '') return undefined;
    if (!part.includes('*')) fixed.push({ literal: part });
    else if (part === '*' && i > 2) fixed.push({ any: true });
    else if (/^\*\.[^*]+$/.test(part) && i === 2) fixed.push({ labelsBefore: part.slice(1) });
    else return undefined;
  }
  // The scheme, the method or namespace, and the method-specific id's first segment must name
  // someone: `did:web:*` or `did:key:*` would trust everybody.
  if (fixed.length < 3) return undefined;
  return { fixed, tail };
}

function matchesSegmentPattern(issuerId: string, pattern: string): boolean {
  const parsed = parseSegments(pattern);
  if (!parsed) return false;
  const segments = issuerId.split(':');
  if (segments.some((s) => s === '')) return false;
  const { fixed, tail } = parsed;
  if (segments.length < fixed.length) return false;
  const extra = segments.length - fixed.length;
  if (tail === 'none' ? extra !== 0 : tail === 'one-or-more' ? extra < 1 : false) return false;
  return fixed.every((piece, i) => {
    const segment = segments[i]!;
    if ('literal' in piece) return segment === piece.literal;
    if ('any' in piece) return true;
    return hasLabelsBefore(segment.split('.'), piece.labelsBefore.slice(1).split('.'));
  });
}

/** `labels` is one or more non-empty labels followed by exactly `suffix`. */
function hasLabelsBefore(labels: readonly string[], suffix: readonly string[]): boolean {
  const head = labels.length - suffix.length;
  if (head < 1) return false;
  return labels.slice(0, head).every((l) => l !== '') && suffix.every((l, i) => labels[head + i] === l);
}

// --- URLs -------------------------------------------------------------------------------------

interface HostPattern {
  /** A leading `*.`: one or more labels before `suffix`. */
  wildcard: boolean;
  /** The literal labels, as the URL parser normalises them (lower case, punycode). */
  labels: string[];
  /** The port, empty for the scheme's default. */
  port: string;
}

function parseHost(authority: string): HostPattern | undefined {
  const colon = authority.lastIndexOf(':');
  const host = colon === -1 ? authority : authority.slice(0, colon);
  const port = colon === -1 ? '' : authority.slice(colon + 1);
  if (!/^\d*$/.test(port)) return undefined;
  const wildcard = host.startsWith('*.');
  const literal = wildcard ? host.slice(2) : host;
  if (literal.includes('*') || literal === '') return undefined;
  let normalized: string;
  try {
    normalized = new URL(`https://${literal}`).hostname;
  } catch {
    return undefined;
  }
  const labels = normalized.split('.');
  // `*.com` would trust a whole top-level domain; a numeric last label makes the URL parser read
  // an IPv4 address, whose "labels" are not names.
  if (labels.some((l) => l === '') || /^(\d+|0x[0-9a-f]*)$/i.test(labels[labels.length - 1]!)) {
    return undefined;
  }
  if (wildcard && labels.length < 2) return undefined;
  return { wildcard, labels, port };
}

type PathPattern = Array<{ literal: string } | { any: true }>;
interface ParsedPath {
  pieces: PathPattern;
  /** A trailing `/*`: one or more further segments (anything below the path). */
  below: boolean;
}

function parsePath(path: string): ParsedPath | undefined {
  const parts = path.split('/').slice(1);
  const below = parts[parts.length - 1] === '*';
  if (below) parts.pop();
  const pieces: PathPattern = [];
  for (const part of parts) {
    if (part === '*') pieces.push({ any: true });
    else if (part.includes('*')) return undefined;
    else pieces.push({ literal: part });
  }
  return { pieces, below };
}

function matchesUrlPattern(issuerId: string, scheme: string, authority: string, path: string): boolean {
  const host = parseHost(authority);
  const parsedPath = parsePath(path);
  if (!host || !parsedPath || UNSAFE_IN_URL.test(issuerId)) return false;
  let url: URL;
  try {
    url = new URL(issuerId);
  } catch {
    return false;
  }
  const protocol = `${scheme.toLowerCase()}:`;
  if (url.protocol !== protocol || url.username !== '' || url.password !== '') return false;
  const port = host.port === DEFAULT_PORT[protocol] ? '' : host.port;
  if (url.port !== port) return false;
  const labels = url.hostname.split('.');
  const hostMatches = host.wildcard
    ? hasLabelsBefore(labels, host.labels)
    : labels.length === host.labels.length && labels.every((l, i) => l === host.labels[i]);
  if (!hostMatches) return false;
  const segments = url.pathname.split('/').slice(1);
  const { pieces, below } = parsedPath;
  if (below ? segments.length <= pieces.length : segments.length !== pieces.length) return false;
  return pieces.every((piece, i) =>
    'literal' in piece ? segments[i] === piece.literal : segments[i] !== '',
  );
}
