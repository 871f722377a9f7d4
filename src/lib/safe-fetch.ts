import { CredstackError } from '../errors.js';
import { concatBytes } from './bytes.js';
import { isAddressLiteral, isPublicAddress } from './ip-address.js';
import { isCompactJws } from './jws.js';

/** The subset of WHATWG `fetch` credstack needs; callers inject it (tests use a fake). */
export type FetchLike = (
  url: string,
  init?: { signal?: AbortSignal; redirect?: 'manual'; headers?: Record<string, string> },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  body?: ReadableStream<Uint8Array> | null;
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** Limits for network reads. */
export interface SafeFetchOptions {
  fetch: FetchLike;
  /** Milliseconds for the whole request, redirects included. Default 5000. */
  timeout?: number;
  /** Maximum response size in bytes. Default 1 MiB. */
  maxBytes?: number;
  /** Maximum redirects followed. Default 3. */
  maxRedirects?: number;
  /** Allow `http:` and loopback/private hosts (tests, intranets). Default false. */
  allowInsecure?: boolean;
}

// Host names a credential must never make a verifier reach (SSRF): names that resolve to this
// machine or the local network by convention. Names without a dot are refused as well: `vm` or
// `intranet` resolve through /etc/hosts or the resolver's search domains, usually to a private
// address. Address literals are judged by isPublicAddress. A public-looking name can still
// resolve to a private address: only the fetch's resolver sees that (credstack/net's
// createNodeFetch checks every resolved address and connects to the checked one).
const BLOCKED_NAME = [
  /^localhost$/i,
  /\.localhost$/i,
  /\.local$/i,
  /\.internal$/i,
  /\.localdomain$/i,
  /\.home\.arpa$/i,
];

/**
 * Throws ERR_FETCH_REFUSED unless `hostname` (as `URL.hostname` gives it) may be fetched: a public
 * address literal, or a name with a dot that is not a local name.
 */
export function assertPublicHost(hostname: string, url: string): void {
  // A fully qualified name ends with a dot ("localhost.") and resolves like the name without it.
  const host = hostname.replace(/\.+$/, '');
  if (isAddressLiteral(host)) {
    if (!isPublicAddress(host)) {
      throw new CredstackError(
        'ERR_FETCH_REFUSED',
        `Refusing to fetch ${url}: ${host} is a local or private address`,
      );
    }
    return;
  }
  // The URL parser turns every IPv4 spelling (0x7f000001, 2130706433, 0177.1) into a dotted quad;
  // a name that still looks numeric is refused rather than guessed at.
  if (BLOCKED_NAME.some((re) => re.test(host)) || /^(\d+|0x[0-9a-f]*)$/i.test(host)) {
    throw new CredstackError(
      'ERR_FETCH_REFUSED',
      `Refusing to fetch ${url}: ${host} is a local or private address`,
    );
  }
  if (!host.includes('.')) {
    throw new CredstackError(
      'ERR_FETCH_REFUSED',
      `Refusing to fetch ${url}: ${host} is a single-label host name (resolved through local hosts files or search domains)`,
    );
  }
}

export function assertFetchableUrl(url: string, allowInsecure = false): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CredstackError('ERR_FETCH_REFUSED', `Not a URL: ${url}`);
  }
  if (allowInsecure) {
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
      throw new CredstackError('ERR_FETCH_REFUSED', `Refusing to fetch ${parsed.protocol} URL ${url}`);
    }
    return parsed;
  }
  if (parsed.protocol !== 'https:') {
    throw new CredstackError('ERR_FETCH_REFUSED', `Refusing to fetch ${url}: only https URLs are fetched`);
  }
  assertPublicHost(parsed.hostname, url);
  if (parsed.username || parsed.password) {
    throw new CredstackError(
      'ERR_FETCH_REFUSED',
      `Refusing to fetch ${url}: URLs with credentials are not fetched`,
    );
  }
  return parsed;
}

async function readCapped(
  response: Awaited<ReturnType<FetchLike>>,
  maxBytes: number,
  url: string,
): Promise<Uint8Array> {
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > maxBytes) {
    throw new CredstackError(
      'ERR_FETCH_TOO_LARGE',
      `${url} is ${declared} bytes, more than the ${maxBytes} allowed`,
    );
  }
  if (response.body && typeof response.body.getReader === 'function') {
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        throw new CredstackError(
          'ERR_FETCH_TOO_LARGE',
          `${url} sent more than the ${maxBytes} bytes allowed`,
        );
      }
      chunks.push(value);
    }
    return concatBytes(chunks);
  }
  const buffer = new Uint8Array(await response.arrayBuffer());
  if (buffer.byteLength > maxBytes) {
    throw new CredstackError('ERR_FETCH_TOO_LARGE', `${url} sent more than the ${maxBytes} bytes allowed`);
  }
  return buffer;
}

/**
 * Fetches JSON with the guards a verifier needs when it is allowed on the network at all:
 * https only, no local or private hosts, a timeout over the whole exchange, a size cap and
 * bounded redirects (each hop checked again).
 */
export async function safeFetchJson(url: string, options: SafeFetchOptions): Promise<unknown> {
  const timeout = options.timeout ?? 5000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 3;
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new CredstackError('ERR_FETCH_TIMEOUT', `${url} did not answer within ${timeout} ms`));
    }, timeout);
  });
  const run = async (): Promise<unknown> => {
    let current = url;
    for (let hop = 0; ; hop++) {
      assertFetchableUrl(current, options.allowInsecure);
      let response: Awaited<ReturnType<FetchLike>>;
      try {
        // Called unbound: browsers throw "Illegal invocation" when window.fetch runs with another `this`.
        const fetchFn = options.fetch;
        response = await fetchFn(current, {
          signal: controller.signal,
          redirect: 'manual',
          headers: { accept: 'application/ld+json, application/json;q=0.9, */*;q=0.1' },
        });
      } catch (cause) {
        if (cause instanceof CredstackError) throw cause;
        throw new CredstackError(
          'ERR_FETCH_FAILED',
          `Fetching ${current} failed: ${(cause as Error)?.message}`,
          { cause },
        );
      }
      if (response.status >= 300 && response.status < 400) {
        const location = response.headers.get('location');
        if (!location || hop >= maxRedirects) {
          throw new CredstackError('ERR_FETCH_FAILED', `Too many or broken redirects fetching ${url}`);
        }
        current = new URL(location, current).toString();
        continue;
      }
      if (response.status !== 200) {
        throw new CredstackError('ERR_FETCH_FAILED', `${current} answered HTTP ${response.status}`);
      }
      const bytes = await readCapped(response, maxBytes, current);
      try {
        const text = new TextDecoder().decode(bytes);
        // Status lists and issuer documents may be served as VC-JWTs (application/vc+jwt).
        const trimmed = text.trim();
        if (isCompactJws(trimmed)) return trimmed;
        return JSON.parse(text);
      } catch (cause) {
        throw new CredstackError('ERR_JSON_PARSE', `${current} did not return JSON`, { cause });
      }
    }
  };
  try {
    return await Promise.race([run(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
