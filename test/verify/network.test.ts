// Resolution through a caller-supplied fetch: off by default, https only, no private addresses,
// timeouts, size caps, bounded redirects. No real network: every fetch here is a fake.
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { didWebDocument, generateKey, issuerProfileWithKeys, type KeyFile } from '../../src/keys/index.js';
import { type NetworkOptions, type VerifyOptions, verifyCredential } from '../../src/verify/index.js';
import { expectFailure, expectVerified } from './helpers.js';
import { plainBadge } from '../helpers/badge.js';

type Json = Record<string, any>;
type Fetch = NonNullable<NetworkOptions['fetch']>;
const NOW = '2026-01-01T00:00:00Z';
const created = '2025-06-01T00:00:00Z';

const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

/** The badge with a 1EdTechRevocationList entry (its type is defined by the extensions context). */
function badgeWithStatus(issuer: string, statusUrl: string): Json {
  const credential = badge(issuer);
  return {
    ...credential,
    '@context': [...credential['@context'], EXTENSIONS],
    credentialStatus: { id: statusUrl, type: '1EdTechRevocationList' },
  };
}

function badge(issuer: string): Json {
  return plainBadge(issuer, {
    id: 'urn:uuid:0e1f3a55-9b2c-4d3e-8f4a-5b6c7d8e9f00',
    issuerName: 'Network University',
    name: 'Networking',
    subject: 'did:example:learner-3',
    description: 'Knows people.',
    narrative: 'Met everyone.',
  });
}

/** A fake fetch serving JSON documents by URL; records every URL asked for. */
function fakeFetch(
  routes: Record<string, unknown | ((init?: { signal?: AbortSignal }) => Promise<Response> | Response)>,
) {
  const calls: string[] = [];
  const fetch: Fetch = async (url, init) => {
    calls.push(url);
    const route = routes[url];
    if (route === undefined) return new Response('not found', { status: 404 });
    if (typeof route === 'function') return route(init);
    return new Response(JSON.stringify(route), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, calls };
}

const verify = (input: unknown, options: VerifyOptions = {}) =>
  verifyCredential(input, { now: NOW, ...options });

let webKey: KeyFile;
let webSigned: Json;
let didUrl: string;

beforeAll(async () => {
  webKey = await generateKey({ did: { web: 'badges.example.org:issuers:7' } });
  webSigned = await issueCredential(badge(webKey.controller), { key: webKey, created });
  didUrl = 'https://badges.example.org/issuers/7/did.json';
});

describe('network off by default', () => {
  it('a did:web key without documents or fetch → indeterminate PROOF_KEY_UNRESOLVED, never verified', async () => {
    const result = await verify(webSigned);
    const check = expectFailure(result, 'indeterminate', 'proof', 'PROOF_KEY_UNRESOLVED');
    expect(check.message).toMatch(/network access is off/);
  });

  it('an https issuer key likewise', async () => {
    const key = await generateKey({ controller: 'https://issuer.example.org/profile' });
    const signed = await issueCredential(badge(key.controller), { key, created });
    expectFailure(await verify(signed), 'indeterminate', 'proof', 'PROOF_KEY_UNRESOLVED');
  });
});

describe('resolution through network.fetch', () => {
  it('did:web: the DID document is fetched from its https location and the credential verifies', async () => {
    const { fetch, calls } = fakeFetch({ [didUrl]: didWebDocument([webKey]) });
    expectVerified(await verify(webSigned, { network: { fetch } }));
    expect(calls).toContain(didUrl);
    expect(calls.every((url) => url === didUrl)).toBe(true);
  });

  it('an https issuer: its profile (with the key) is fetched', async () => {
    const key = await generateKey({ controller: 'https://issuer.example.org/profile' });
    const signed = await issueCredential(badge(key.controller), { key, created });
    const { profile } = issuerProfileWithKeys(key, { id: key.controller, name: 'Issuer' });
    const { fetch, calls } = fakeFetch({ [key.controller]: profile });
    expectVerified(await verify(signed, { network: { fetch } }));
    expect(calls).toEqual([key.controller]);
  });

  it('supplied documents are consulted first: no fetch at all', async () => {
    const { fetch, calls } = fakeFetch({});
    expectVerified(
      await verify(webSigned, {
        network: { fetch },
        documents: { [webKey.controller]: didWebDocument([webKey]) },
      }),
    );
    expect(calls).toEqual([]);
  });

  it('a shared cache avoids fetching the same document twice', async () => {
    const { fetch, calls } = fakeFetch({ [didUrl]: didWebDocument([webKey]) });
    const cache = new Map<string, Promise<unknown>>();
    expectVerified(await verify(webSigned, { network: { fetch }, cache }));
    expectVerified(await verify(webSigned, { network: { fetch }, cache }));
    expect(calls.filter((u) => u === didUrl)).toHaveLength(1);
  });

  it('a DID document that does not list the key → invalid', async () => {
    const stranger = await generateKey({ did: { web: 'badges.example.org:issuers:7' }, id: '#other' });
    const { fetch } = fakeFetch({ [didUrl]: didWebDocument([stranger]) });
    expectFailure(
      await verify(webSigned, { network: { fetch } }),
      'invalid',
      'proof',
      'PROOF_METHOD_NOT_FOUND',
    );
  });

  it('HTTP 404, 500 or a non-JSON answer → indeterminate', async () => {
    for (const answer of [
      () => new Response('gone', { status: 404 }),
      () => new Response('oops', { status: 500 }),
      () => new Response('<html>not json</html>', { status: 200 }),
    ]) {
      const { fetch } = fakeFetch({ [didUrl]: answer });
      expectFailure(
        await verify(webSigned, { network: { fetch } }),
        'indeterminate',
        'proof',
        'PROOF_KEY_UNRESOLVED',
      );
    }
  });

  it('a fetch that throws → indeterminate, not a crash', async () => {
    const fetch: Fetch = async () => {
      throw new TypeError('getaddrinfo ENOTFOUND');
    };
    expectFailure(
      await verify(webSigned, { network: { fetch } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
  });

  it('@context URLs are never fetched, even with the network on', async () => {
    const { fetch, calls } = fakeFetch({
      'https://contexts.example.org/ctx.json': { '@context': { foo: 'https://x.example/foo' } },
    });
    const tampered = {
      ...webSigned,
      '@context': [...webSigned['@context'], 'https://contexts.example.org/ctx.json'],
    };
    // Not fetched, so not checked: indeterminate (supply it in documents), never verified.
    expectFailure(
      await verify(tampered, { network: { fetch } }),
      'indeterminate',
      'context',
      'CONTEXT_UNKNOWN',
    );
    expect(calls).not.toContain('https://contexts.example.org/ctx.json');
  });

  it('a status list is fetched through the same guarded fetch', async () => {
    const statusUrl = 'https://badges.example.org/revocations';
    const key = await generateKey({ did: { web: 'badges.example.org:issuers:7' }, id: '#status' });
    const withStatus = await issueCredential(badgeWithStatus(key.controller, statusUrl), { key, created });
    const { fetch } = fakeFetch({
      [didUrl]: didWebDocument([key]),
      [statusUrl]: { id: statusUrl, issuer: key.controller, revokedCredentials: [{ id: withStatus.id }] },
    });
    expectFailure(await verify(withStatus, { network: { fetch } }), 'revoked', 'status', 'STATUS_REVOKED');
  });
});

// DID Core §7.1: whoever answers for a DID (a supplied map, a did:web server, an injected fetch)
// must answer with that DID's document. A document claiming another id is refused even when it
// lists the very key that signed, since it is not the DID's own statement that the key is theirs.
describe('a DID document must be the document of the DID resolved', () => {
  const A = 'did:web:a.example';
  const B = 'did:web:b.example';
  const aDidUrl = 'https://a.example/.well-known/did.json';
  let aKey: KeyFile;
  let signed: { 'data-integrity': Json; 'vc-jwt': string };
  let aDocument: Json;
  let claimsB: Json;

  beforeAll(async () => {
    aKey = await generateKey({ did: { web: 'a.example' } });
    signed = {
      'data-integrity': await issueCredential(badge(A), { key: aKey, created }),
      'vc-jwt': (await issueCredential(badge(A), { key: aKey, format: 'vc-jwt' })) as unknown as string,
    };
    aDocument = didWebDocument([aKey]);
    // A's keys and all, but it says it is B's document.
    claimsB = { ...aDocument, id: B };
  });

  function expectRefused(result: Awaited<ReturnType<typeof verify>>): void {
    const check = expectFailure(result, 'invalid', 'proof', 'PROOF_METHOD_INVALID');
    expect(check.message).toContain(`document found for ${A}`);
    expect(check.message).toContain(`document of ${B}`);
    expect(result.checks.some((c) => c.id === 'proof' && c.status === 'passed')).toBe(false);
  }

  it.each(['data-integrity', 'vc-jwt'] as const)(
    '%s: supplied documents answering with another DID’s document → invalid, naming both',
    async (format) => {
      expectRefused(await verify(signed[format], { documents: { [A]: claimsB } }));
      // Keyed by the did.json URL instead of the DID: the same.
      expectRefused(await verify(signed[format], { documents: { [aDidUrl]: claimsB } }));
    },
  );

  it('a document of B only (B’s keys) supplied for A → invalid, naming both', async () => {
    const bKey = await generateKey({ did: { web: 'b.example' } });
    expectRefused(await verify(signed['data-integrity'], { documents: { [A]: didWebDocument([bKey]) } }));
  });

  it.each(['data-integrity', 'vc-jwt'] as const)(
    '%s: an injected fetch answering with another DID’s document → invalid, naming both',
    async (format) => {
      const { fetch, calls } = fakeFetch({ [aDidUrl]: claimsB });
      expectRefused(await verify(signed[format], { network: { fetch } }));
      expect(calls).toContain(aDidUrl);
    },
  );

  it('a document without an id is refused too', async () => {
    const { id: _, ...anonymous } = aDocument;
    const check = expectFailure(
      await verify(signed['data-integrity'], { documents: { [A]: anonymous } }),
      'invalid',
      'proof',
      'PROOF_METHOD_INVALID',
    );
    expect(check.message).toContain(A);
  });

  it.each(['data-integrity', 'vc-jwt'] as const)(
    '%s: the DID’s own document still verifies, supplied or fetched',
    async (format) => {
      expectVerified(await verify(signed[format], { documents: { [A]: aDocument } }));
      const { fetch } = fakeFetch({ [aDidUrl]: aDocument });
      expectVerified(await verify(signed[format], { network: { fetch } }));
    },
  );
});

describe('refused URLs (SSRF)', () => {
  it.each([
    'http://badges.example.org/issuers/7',
    'https://localhost/issuers/7',
    'https://127.0.0.1/issuers/7',
    'https://10.1.2.3/issuers/7',
    'https://192.168.0.10/issuers/7',
    'https://172.16.5.4/issuers/7',
    'https://169.254.169.254/latest/meta-data',
    'https://[::1]/issuers/7',
    'https://2130706433/issuers/7',
    'https://user:pass@badges.example.org/issuers/7',
    'ftp://badges.example.org/issuers/7',
  ])('a verification method at %s is refused without fetching → indeterminate', async (url) => {
    const { fetch, calls } = fakeFetch({});
    const tampered = structuredClone(webSigned);
    tampered.proof.verificationMethod = `${url}#key-1`;
    const result = await verify(tampered, { network: { fetch } });
    expect(result.verified).toBe(false);
    const check = result.checks.find((c) => c.status === 'failed' && c.id === 'proof');
    expect(check, JSON.stringify(result.checks)).toBeDefined();
    if (url.startsWith('ftp:')) expect(check!.code).toBe('PROOF_METHOD_INVALID');
    else {
      expect(check).toMatchObject({ code: 'PROOF_KEY_UNRESOLVED', verdict: 'indeterminate' });
      expect(check!.message).toMatch(/ERR_FETCH_REFUSED|Refusing/);
    }
    expect(calls).toEqual([]);
  });

  it('a status list on a private address is refused → indeterminate', async () => {
    const key = await generateKey({ did: { web: 'badges.example.org:issuers:7' }, id: '#ssrf' });
    const signed = await issueCredential(badgeWithStatus(key.controller, 'https://10.0.0.5/revocations'), {
      key,
      created,
    });
    const { fetch, calls } = fakeFetch({ [didUrl]: didWebDocument([key]) });
    const check = expectFailure(
      await verify(signed, { network: { fetch } }),
      'indeterminate',
      'status',
      'STATUS_UNAVAILABLE',
    );
    expect(check.message).toContain('ERR_FETCH_REFUSED');
    expect(calls).not.toContain('https://10.0.0.5/revocations');
  });

  it('a redirect to a private address is refused', async () => {
    const { fetch, calls } = fakeFetch({
      [didUrl]: () =>
        new Response(null, { status: 302, headers: { location: 'https://169.254.169.254/did.json' } }),
    });
    const check = expectFailure(
      await verify(webSigned, { network: { fetch } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
    expect(check.message).toMatch(/Refusing/);
    expect(calls).toEqual([didUrl]);
  });

  it('redirects are bounded', async () => {
    let hops = 0;
    const fetch: Fetch = async (url) => {
      hops++;
      return new Response(null, { status: 302, headers: { location: `${url.split('?')[0]}?hop=${hops}` } });
    };
    expectFailure(
      await verify(webSigned, { network: { fetch } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
    expect(hops).toBeLessThanOrEqual(4);
  });

  it('allowInsecure lets a test or intranet use http://localhost', async () => {
    const key = await generateKey({ controller: 'http://localhost:8080/issuer' });
    const signed = await issueCredential(badge(key.controller), { key, created });
    const { profile } = issuerProfileWithKeys(key, { id: key.controller });
    const { fetch } = fakeFetch({ [key.controller]: profile });
    expectFailure(
      await verify(signed, { network: { fetch } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
    expectVerified(await verify(signed, { network: { fetch, allowInsecure: true } }));
  });
});

describe('timeouts and size limits', () => {
  it('a response slower than the timeout → indeterminate (ERR_FETCH_TIMEOUT)', async () => {
    const { fetch } = fakeFetch({
      [didUrl]: (init?: { signal?: AbortSignal }) =>
        new Promise<Response>((_, reject) => {
          init?.signal?.addEventListener('abort', () => reject(new Error('aborted')));
        }),
    });
    const started = Date.now();
    const check = expectFailure(
      await verify(webSigned, { network: { fetch, timeout: 50 } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
    expect(check.message).toMatch(/did not answer within 50 ms/);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('a body that trickles in slower than the timeout → indeterminate', async () => {
    const { fetch } = fakeFetch({
      [didUrl]: () =>
        new Response(
          new ReadableStream({
            start(controller) {
              controller.enqueue(new TextEncoder().encode('{"id":'));
              // never closes
            },
          }),
          { status: 200 },
        ),
    });
    const check = expectFailure(
      await verify(webSigned, { network: { fetch, timeout: 50 } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
    expect(check.message).toMatch(/did not answer/);
  });

  it('a declared oversized response → refused (ERR_FETCH_TOO_LARGE)', async () => {
    const { fetch } = fakeFetch({
      [didUrl]: () =>
        new Response('{}', { status: 200, headers: { 'content-length': String(50 * 1024 * 1024) } }),
    });
    const check = expectFailure(
      await verify(webSigned, { network: { fetch } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
    expect(check.message).toMatch(/more than the \d+ allowed/);
  });

  it('an undeclared oversized stream → cut off at maxBytes', async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const { fetch } = fakeFetch({
      [didUrl]: () =>
        new Response(
          new ReadableStream({
            pull(controller) {
              sent += chunk.byteLength;
              controller.enqueue(chunk);
            },
          }),
          { status: 200 },
        ),
    });
    const check = expectFailure(
      await verify(webSigned, { network: { fetch, maxBytes: 256 * 1024 } }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
    expect(check.message).toMatch(/more than the 262144 bytes allowed/);
    expect(sent).toBeLessThan(2 * 1024 * 1024);
  });
});
