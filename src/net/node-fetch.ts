// A fetch for Node that closes the DNS-rebinding gap a host-name check leaves open (SECURITY.md,
// "Known limits"): it resolves the name itself, refuses when ANY address it resolves to is not
// public, and connects to the address it checked — the socket's own lookup returns that address,
// so no second resolution can swap in 127.0.0.1. TLS still verifies the certificate against the
// name (SNI and Host are the name). Node-only: the browser's fetch gives no access to addresses.
import { promises as dns } from 'node:dns';
import http, { type Agent, type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { CredstackError } from '../errors.js';
import { isAddressLiteral, isPublicAddress } from '../lib/ip-address.js';
import { assertPublicHost, type FetchLike } from '../lib/safe-fetch.js';

/**
 * One address a host name resolves to.
 * @example
 * ```ts
 * import type { ResolvedAddress } from 'credstack/net'
 * const address: ResolvedAddress = { address: '93.184.215.14', family: 4 }
 * ```
 */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/**
 * Options of {@link createNodeFetch}.
 * @example
 * ```ts
 * import { createNodeFetch, type NodeFetchOptions } from 'credstack/net'
 * const options: NodeFetchOptions = { timeout: 5_000, maxBytes: 1_048_576 }
 * const fetch = createNodeFetch(options)
 * ```
 */
export interface NodeFetchOptions {
  /**
   * Every address of a host name. Default: `node:dns` `lookup` with `all: true` (what the system
   * resolver answers, /etc/hosts included), asked for the name as an absolute name (a trailing
   * dot) so that no search domain is appended.
   */
  resolve?: (hostname: string) => Promise<readonly ResolvedAddress[]>;
  /** Milliseconds for one request, from resolution to the last byte. Default 5000. */
  timeout?: number;
  /** Maximum response body in bytes. Default 1 MiB. */
  maxBytes?: number;
  /**
   * The `node:http(s)` agent. Default: none (a fresh connection per request, never a pooled
   * socket opened for another address). An agent must open its sockets with the request's
   * `lookup` option, as Node's agents do, or the pinning is lost.
   */
  agent?: Agent;
}

const resolveWithDns = async (hostname: string): Promise<readonly ResolvedAddress[]> => {
  const absolute = hostname.endsWith('.') ? hostname : `${hostname}.`;
  const answers = await dns.lookup(absolute, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/** Resolves `hostname` and returns an address to connect to, or throws ERR_FETCH_REFUSED. */
async function checkedAddress(
  hostname: string,
  url: string,
  resolve: NonNullable<NodeFetchOptions['resolve']>,
): Promise<ResolvedAddress> {
  let answers: readonly ResolvedAddress[];
  try {
    answers = await resolve(hostname);
  } catch (cause) {
    throw new CredstackError('ERR_FETCH_FAILED', `Cannot resolve ${hostname} for ${url}`, { cause });
  }
  if (!Array.isArray(answers) || answers.length === 0) {
    throw new CredstackError('ERR_FETCH_FAILED', `${hostname} has no address (fetching ${url})`);
  }
  // Every address, not the first: a resolver may hand out any of them, in any order.
  const refused = answers.find((a) => typeof a?.address !== 'string' || !isPublicAddress(a.address));
  if (refused) {
    throw new CredstackError(
      'ERR_FETCH_REFUSED',
      `Refusing to fetch ${url}: ${hostname} resolves to ${String(refused?.address)}, a local or private address`,
    );
  }
  const first = answers[0]!;
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** A socket lookup that answers `address` whatever it is asked (the pinning). */
function pinnedLookup(address: ResolvedAddress): LookupFunction {
  return ((_host: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    if (options?.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  }) as unknown as LookupFunction;
}

function bodyStream(response: IncomingMessage, maxBytes: number, url: string): ReadableStream<Uint8Array> {
  let received = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      response.on('data', (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > maxBytes) {
          const error = new CredstackError(
            'ERR_FETCH_TOO_LARGE',
            `${url} sent more than the ${maxBytes} bytes allowed`,
          );
          response.destroy(error);
          controller.error(error);
          return;
        }
        controller.enqueue(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      });
      response.on('end', () => controller.close());
      response.on('error', (error) => controller.error(error));
    },
    cancel() {
      response.destroy();
    },
  });
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<ArrayBuffer> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out.buffer;
}

/**
 * A `fetch` for `network.fetch` on Node that no host name can turn against the verifier's own
 * network: it resolves the name, refuses (`ERR_FETCH_REFUSED`) when any resolved address is
 * loopback, private, link-local, unique-local, unspecified, multicast, CGNAT, reserved, or an
 * IPv6 form of one (IPv4-mapped, NAT64, 6to4), and then connects to the address it checked (no
 * second lookup; TLS is verified against the name). Single-label names and local names are
 * refused before any lookup. It never follows redirects: the verifier checks each hop and calls
 * it again. Only `http:` and `https:`; the verifier itself fetches `https:` only. The CLI's
 * `--allow-network` uses it.
 *
 * Exported from `credstack/net` (Node only).
 * @example
 * ```ts
 * import { createNodeFetch } from 'credstack/net'
 * import { verifyCredential } from 'credstack'
 * const result = await verifyCredential(badge, { network: { fetch: createNodeFetch() } })
 * ```
 */
export function createNodeFetch(options: NodeFetchOptions = {}): FetchLike {
  const resolve = options.resolve ?? resolveWithDns;
  const timeout = options.timeout ?? 5000;
  const maxBytes = options.maxBytes ?? 1024 * 1024;
  return async (input, init = {}) => {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new CredstackError('ERR_FETCH_REFUSED', `Not a URL: ${input}`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new CredstackError('ERR_FETCH_REFUSED', `Refusing to fetch ${url.protocol} URL ${input}`);
    }
    if (url.username || url.password) {
      throw new CredstackError(
        'ERR_FETCH_REFUSED',
        `Refusing to fetch ${input}: URLs with credentials are not fetched`,
      );
    }
    assertPublicHost(url.hostname, input);
    const controller = new AbortController();
    const timer = setTimeout(
      () =>
        controller.abort(
          new CredstackError('ERR_FETCH_TIMEOUT', `${input} did not answer within ${timeout} ms`),
        ),
      timeout,
    );
    const onAbort = () => controller.abort(init.signal?.reason);
    if (init.signal?.aborted) onAbort();
    else init.signal?.addEventListener('abort', onAbort, { once: true });
    // Until the response is read to its end (or fails), the timeout and the caller's signal hold.
    const cleanup = () => {
      clearTimeout(timer);
      init.signal?.removeEventListener('abort', onAbort);
    };
    const aborted = () =>
      controller.signal.reason instanceof CredstackError
        ? controller.signal.reason
        : new CredstackError('ERR_FETCH_FAILED', `Fetching ${input} was aborted`);
    try {
      const name = url.hostname.replace(/^\[(.*)\]$/, '$1');
      const literal = isAddressLiteral(url.hostname);
      // A resolver that never answers is cut off by the timeout like a server that never answers.
      const abortedWait = new Promise<never>((_, reject) => {
        if (controller.signal.aborted) reject(aborted());
        controller.signal.addEventListener('abort', () => reject(aborted()), { once: true });
      });
      abortedWait.catch(() => {});
      const address = literal
        ? undefined
        : await Promise.race([checkedAddress(name.replace(/\.+$/, ''), input, resolve), abortedWait]);
      const response = await new Promise<IncomingMessage>((done, fail) => {
        const request = (url.protocol === 'https:' ? https : http).request(
          {
            protocol: url.protocol,
            hostname: name,
            port: url.port || (url.protocol === 'https:' ? 443 : 80),
            path: `${url.pathname}${url.search}`,
            method: 'GET',
            headers: { ...init.headers, host: url.host },
            agent: options.agent ?? false,
            signal: controller.signal,
            ...(address ? { lookup: pinnedLookup(address), servername: name } : {}),
          },
          done,
        );
        request.on('error', (error) => fail(controller.signal.aborted ? aborted() : error));
        request.end();
      });
      const declared = Number(response.headers['content-length'] ?? '0');
      if (declared > maxBytes) {
        response.destroy();
        throw new CredstackError(
          'ERR_FETCH_TOO_LARGE',
          `${input} is ${declared} bytes, more than the ${maxBytes} allowed`,
        );
      }
      const body = bodyStream(response, maxBytes, input);
      response.on('close', cleanup);
      return {
        status: response.statusCode ?? 0,
        headers: {
          get(header: string) {
            const value = response.headers[header.toLowerCase()];
            return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
          },
        },
        body,
        arrayBuffer: () => readAll(body),
      };
    } catch (error) {
      cleanup();
      if (error instanceof CredstackError) throw error;
      throw new CredstackError('ERR_FETCH_FAILED', `Fetching ${input} failed: ${(error as Error)?.message}`, {
        cause: error,
      });
    }
  };
}
