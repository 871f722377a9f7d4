// Network safety (issue "Verified means authentic", finding 13). `--allow-network` used to pass
// globalThis.fetch, and safe-fetch checked host names only: `did:web:vm` (a single-label name that
// /etc/hosts or a search domain maps to a private address), or any public-looking name that
// resolves to 127.0.0.1, made the verifier connect to its own network. Now single-label names are
// refused outright, and createNodeFetch (credstack/net, used by the CLI) checks every resolved
// address and connects to the checked one.
//
// Nothing here leaves the machine: the only server is an HTTPS server on 127.0.0.1; names resolve
// through an injected resolver (or, for the CLI, a preloaded stub of node:dns that answers
// issuer.example with 127.0.0.1 and every other name with ENOTFOUND). A "public" answer
// (93.184.215.14) is only ever handed to a test agent that dials the loopback server instead.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  didWebDocument,
  generateKey,
  issueCredential,
  type KeyFile,
  type NetworkOptions,
  verifyCredential,
} from '../../src/index.js';
import { createNodeFetch, type ResolvedAddress } from '../../src/net/index.js';
import { CLI_BUNDLE } from '../global-setup.js';
import { plainBadge } from '../helpers/badge.js';

type Fetch = NonNullable<NetworkOptions['fetch']>;
const NOW = '2026-01-01T00:00:00Z';
const PUBLIC = '93.184.215.14';

// A self-signed certificate for issuer.example (EC P-256, valid 2000–2100), made for this test:
//   openssl ca -selfsign -startdate 20000101000000Z -enddate 21000101000000Z
//     (subjectAltName = DNS:issuer.example); the key is not a secret.
const TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg781HtF92+cV3htnE
TMcpSmBu1m/ZGPoIsXYq6oLH3QyhRANCAAThBHohzlxzc0DTeuVZi6za8L8xH+OJ
mbLbi5QqhypitdGeKmMbuslBgfzscITKmcOQ1TbW35B2sQqsCU1WPv7c
-----END PRIVATE KEY-----
`;
const TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBcDCCARagAwIBAgIBATAKBggqhkjOPQQDAjAZMRcwFQYDVQQDDA5pc3N1ZXIu
ZXhhbXBsZTAgFw0wMDAxMDEwMDAwMDBaGA8yMTAwMDEwMTAwMDAwMFowGTEXMBUG
A1UEAwwOaXNzdWVyLmV4YW1wbGUwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATh
BHohzlxzc0DTeuVZi6za8L8xH+OJmbLbi5QqhypitdGeKmMbuslBgfzscITKmcOQ
1TbW35B2sQqsCU1WPv7co00wSzAZBgNVHREEEjAQgg5pc3N1ZXIuZXhhbXBsZTAP
BgNVHRMBAf8EBTADAQH/MB0GA1UdDgQWBBTurQ85COClDfdP1+5awP0JfoQBFDAK
BggqhkjOPQQDAgNIADBFAiAtylM1Bf8AArRTA6G0+RAIHtNyKiH+N1wBMfvjs5cV
nAIhAPAAD4JoVCuXlfQXEFME7G08ykMYqee2D03BL55Cs/LC
-----END CERTIFICATE-----
`;

function badge(issuer: string): Record<string, unknown> {
  return plainBadge(issuer, {
    id: 'urn:uuid:9b0c2b55-3a1c-4f0e-8a51-0c9d1e2f3a4b',
    issuerName: 'Issuer',
    name: 'Networking',
    achievementId: 'https://issuer.example/achievements/networking',
    description: 'Knows people.',
    narrative: 'Met everyone.',
  });
}

// --- the loopback server ------------------------------------------------------------------------

interface Seen {
  connections: number;
  requests: Array<{ host: string | undefined; servername: string | false | null | undefined; path: string }>;
}
const seen: Seen = { connections: 0, requests: [] };
let server: https.Server;
let port: number;
/** Path → [status, headers, body] served by the loopback server. */
const routes = new Map<string, [number, Record<string, string>, string]>();

beforeAll(async () => {
  server = https.createServer({ key: TLS_KEY, cert: TLS_CERT }, (req, res) => {
    seen.requests.push({
      host: req.headers.host,
      servername: (req.socket as tls.TLSSocket).servername,
      path: req.url ?? '',
    });
    const route = routes.get(req.url ?? '');
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    const [status, headers, body] = route;
    // Chunked routes are written in pieces, with no content-length.
    if (headers['transfer-encoding'] === 'chunked') {
      res.writeHead(status, headers);
      for (let at = 0; at < body.length; at += 1000) res.write(body.slice(at, at + 1000));
      res.end();
      return;
    }
    res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) }).end(body);
  });
  server.on('connection', () => {
    seen.connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  seen.connections = 0;
  seen.requests = [];
  routes.clear();
});

/**
 * Stands in for the network between the verifier and `PUBLIC`: it takes the address the request
 * was pinned to (through the request's own `lookup`, as Node's agents do), records it, and dials
 * the loopback server instead, trusting the test certificate.
 */
class LoopbackAgent extends https.Agent {
  readonly dialed: string[] = [];
  override createConnection(options: Record<string, any>): tls.TLSSocket {
    options.lookup(options.host, {}, (error: Error | null, address: string) => {
      if (error) throw error;
      this.dialed.push(address);
    });
    return tls.connect({ host: '127.0.0.1', port, servername: options.servername, ca: TLS_CERT });
  }
}

/** A resolver from a table; records every name asked for. */
function resolver(table: Record<string, readonly ResolvedAddress[] | (() => readonly ResolvedAddress[])>) {
  const asked: string[] = [];
  const resolve = async (hostname: string) => {
    asked.push(hostname);
    const answer = table[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return typeof answer === 'function' ? answer() : answer;
  };
  return { resolve, asked };
}

const v4 = (address: string): ResolvedAddress => ({ address, family: 4 });
const v6 = (address: string): ResolvedAddress => ({ address, family: 6 });

let key: KeyFile;
let signed: Record<string, unknown>;
beforeAll(async () => {
  key = await generateKey({ did: { web: 'issuer.example' } });
  signed = await issueCredential(badge(key.controller), { key, created: '2025-06-01T00:00:00Z' });
});

function serveDidDocument(): void {
  routes.set('/.well-known/did.json', [
    200,
    { 'content-type': 'application/did+json' },
    JSON.stringify(didWebDocument([key])),
  ]);
}

async function unresolvedKey(credential: unknown, fetch: Fetch) {
  const result = await verifyCredential(credential, { now: NOW, network: { fetch } });
  expect(result.verified).toBe(false);
  const proof = result.checks.find((c) => c.id === 'proof');
  expect(proof?.code).toBe('PROOF_KEY_UNRESOLVED');
  return proof!.message;
}

describe('single-label host names', () => {
  it('did:web:vm is refused before the fetch is called', async () => {
    const vm = await generateKey({ did: { web: 'vm' } });
    const credential = await issueCredential(badge(vm.controller), {
      key: vm,
      created: '2025-06-01T00:00:00Z',
    });
    const calls: string[] = [];
    const spy: Fetch = async (url) => {
      calls.push(url);
      throw new Error('must not be called');
    };
    const message = await unresolvedKey(credential, spy);
    expect(calls).toEqual([]);
    expect(message).toMatch(/single-label host name/);
    // With the Node fetch, nothing is even resolved.
    const { resolve, asked } = resolver({});
    await unresolvedKey(credential, createNodeFetch({ resolve, agent: new LoopbackAgent() }));
    expect(asked).toEqual([]);
    expect(seen.connections).toBe(0);
  });

  it('a fully qualified single label (vm.) and the Node fetch called directly are refused too', async () => {
    const { resolve, asked } = resolver({});
    const fetch = createNodeFetch({ resolve });
    for (const url of ['https://vm/.well-known/did.json', 'https://vm./x', 'https://intranet:8443/x']) {
      await expect(fetch(url)).rejects.toMatchObject({ code: 'ERR_FETCH_REFUSED' });
    }
    expect(asked).toEqual([]);
  });
});

describe('createNodeFetch: resolved addresses are checked', () => {
  it('a public-looking name resolving to 127.0.0.1 is refused before connecting', async () => {
    serveDidDocument();
    const agent = new LoopbackAgent();
    const { resolve, asked } = resolver({ 'issuer.example': [v4('127.0.0.1')] });
    const message = await unresolvedKey(signed, createNodeFetch({ resolve, agent }));
    expect(message).toMatch(/resolves to 127\.0\.0\.1/);
    expect(asked).toEqual(['issuer.example']);
    expect(agent.dialed).toEqual([]);
    expect(seen.connections).toBe(0);
  });

  it.each([
    ['loopback', [v4('127.0.0.2')]],
    ['private 10/8', [v4('10.1.2.3')]],
    ['private 172.16/12', [v4('172.31.255.1')]],
    ['private 192.168/16', [v4('192.168.1.1')]],
    ['link-local (cloud metadata)', [v4('169.254.169.254')]],
    ['CGNAT 100.64/10', [v4('100.100.100.200')]],
    ['unspecified', [v4('0.0.0.0')]],
    ['multicast', [v4('224.0.0.251')]],
    ['broadcast', [v4('255.255.255.255')]],
    ['IPv6 loopback', [v6('::1')]],
    ['IPv6 unspecified', [v6('::')]],
    ['IPv4-mapped loopback', [v6('::ffff:127.0.0.1')]],
    ['IPv4-mapped private (hex)', [v6('::ffff:a00:1')]],
    ['IPv4-compatible', [v6('::127.0.0.1')]],
    ['NAT64 of loopback', [v6('64:ff9b::7f00:1')]],
    ['6to4 of private', [v6('2002:c0a8:101::1')]],
    ['unique-local', [v6('fd12:3456:789a::1')]],
    ['link-local IPv6', [v6('fe80::1')]],
    ['multicast IPv6', [v6('ff02::1')]],
    ['one public and one private answer', [v4(PUBLIC), v4('127.0.0.1')]],
    ['one public and one private IPv6 answer', [v6('2606:2800:21f:cb07:6820:80da:af6b:8b2c'), v6('::1')]],
    ['not an address at all', [v4('localhost')]],
  ])('%s is refused, nothing dialed', async (_name, answer) => {
    const agent = new LoopbackAgent();
    const { resolve } = resolver({ 'issuer.example': answer });
    await expect(createNodeFetch({ resolve, agent })('https://issuer.example/x')).rejects.toMatchObject({
      code: 'ERR_FETCH_REFUSED',
    });
    expect(agent.dialed).toEqual([]);
    expect(seen.connections).toBe(0);
  });

  it('private address literals are refused without resolving', async () => {
    const { resolve, asked } = resolver({});
    const fetch = createNodeFetch({ resolve, agent: new LoopbackAgent() });
    for (const url of [
      `https://127.0.0.1:${port}/x`,
      `https://[::1]:${port}/x`,
      `https://[::ffff:7f00:1]:${port}/x`,
      `https://[::127.0.0.1]:${port}/x`,
      `https://[64:ff9b::7f00:1]:${port}/x`,
      'https://0x7f000001/x',
      'https://[fe80::1]/x',
    ]) {
      await expect(fetch(url), url).rejects.toMatchObject({ code: 'ERR_FETCH_REFUSED' });
    }
    expect(asked).toEqual([]);
    expect(seen.connections).toBe(0);
  });

  it('a redirect to a name that resolves privately is refused at that hop', async () => {
    routes.set('/.well-known/did.json', [302, { location: 'https://metadata.example/latest/' }, '']);
    const agent = new LoopbackAgent();
    const { resolve, asked } = resolver({
      'issuer.example': [v4(PUBLIC)],
      'metadata.example': [v4('169.254.169.254')],
    });
    const message = await unresolvedKey(signed, createNodeFetch({ resolve, agent }));
    expect(message).toMatch(/resolves to 169\.254\.169\.254/);
    expect(asked).toEqual(['issuer.example', 'metadata.example']);
    expect(agent.dialed).toEqual([PUBLIC]);
    expect(seen.requests.map((r) => r.path)).toEqual(['/.well-known/did.json']);
  });
});

describe('createNodeFetch: a public answer is connected to as checked', () => {
  it('verifies through the pinned address, resolving once (a second answer could be 127.0.0.1)', async () => {
    serveDidDocument();
    const agent = new LoopbackAgent();
    let answers = 0;
    // Rebinding: the first answer is public, every later one loopback.
    const { resolve, asked } = resolver({
      'issuer.example': () => (answers++ === 0 ? [v4(PUBLIC)] : [v4('127.0.0.1')]),
    });
    const result = await verifyCredential(signed, {
      now: NOW,
      network: { fetch: createNodeFetch({ resolve, agent }) },
    });
    expect(result.verified, JSON.stringify(result.checks)).toBe(true);
    expect(asked).toEqual(['issuer.example']);
    expect(agent.dialed).toEqual([PUBLIC]);
    // TLS and HTTP still name the host: the certificate was checked against issuer.example.
    expect(seen.requests).toEqual([
      { host: 'issuer.example', servername: 'issuer.example', path: '/.well-known/did.json' },
    ]);
  });

  it('keeps a size cap, declared or streamed, and a timeout', async () => {
    routes.set('/big', [200, { 'content-type': 'application/json' }, `"${'x'.repeat(5000)}"`]);
    routes.set('/streamed', [
      200,
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      `"${'x'.repeat(5000)}"`,
    ]);
    const { resolve } = resolver({ 'issuer.example': [v4(PUBLIC)] });
    const small = createNodeFetch({ resolve, agent: new LoopbackAgent(), maxBytes: 1000 });
    await expect(small('https://issuer.example/big')).rejects.toMatchObject({ code: 'ERR_FETCH_TOO_LARGE' });
    const streamed = await small('https://issuer.example/streamed');
    expect(streamed.headers.get('content-length')).toBeNull();
    await expect(streamed.arrayBuffer()).rejects.toMatchObject({ code: 'ERR_FETCH_TOO_LARGE' });
    const slow = createNodeFetch({
      resolve: () => new Promise(() => {}),
      agent: new LoopbackAgent(),
      timeout: 50,
    });
    await expect(slow('https://issuer.example/x')).rejects.toMatchObject({ code: 'ERR_FETCH_TIMEOUT' });
  });
});

describe('credstack verify --allow-network', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-rebinding-'));
    // The system resolver as an attacker's DNS (or /etc/hosts) would answer: issuer.example is
    // 127.0.0.1. Any other name: not found, so nothing can reach beyond this machine.
    writeFileSync(
      join(dir, 'dns-stub.mjs'),
      `import dns from 'node:dns';
const answer = (name) => (name.replace(/\\.$/, '') === 'issuer.example' ? '127.0.0.1' : undefined);
const notFound = (name) => Object.assign(new Error('getaddrinfo ENOTFOUND ' + name), { code: 'ENOTFOUND' });
dns.lookup = (name, options, callback) => {
  if (typeof options === 'function') [callback, options] = [options, {}];
  const all = typeof options === 'object' && options?.all;
  const address = answer(name);
  process.nextTick(() => {
    if (!address) callback(notFound(name));
    else if (all) callback(null, [{ address, family: 4 }]);
    else callback(null, address, 4);
  });
};
dns.promises.lookup = async (name, options) => {
  const address = answer(name);
  if (!address) throw notFound(name);
  return options?.all ? [{ address, family: 4 }] : { address, family: 4 };
};
`,
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    const source = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
    const stub = ['--import', pathToFileURL(join(dir, 'dns-stub.mjs')).href];
    const argv = existsSync(CLI_BUNDLE)
      ? [...stub, CLI_BUNDLE, ...args]
      : [...stub, '--import', 'tsx', source, ...args];
    const child = spawn(process.execPath, argv, { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
  }

  it('a did:web whose name resolves to 127.0.0.1 is refused; nothing connects to the loopback server', async () => {
    serveDidDocument();
    const local = await generateKey({ did: { web: `issuer.example%3A${port}` } });
    const credential = await issueCredential(badge(local.controller), {
      key: local,
      created: '2025-06-01T00:00:00Z',
    });
    writeFileSync(join(dir, 'badge.json'), JSON.stringify(credential));
    const r = await runCli(['verify', join(dir, 'badge.json'), '--allow-network', '--now', NOW, '--json']);
    expect(seen.connections).toBe(0);
    expect(r.code, r.stderr).toBe(1);
    const proof = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'proof');
    expect(proof.code).toBe('PROOF_KEY_UNRESOLVED');
    expect(proof.message).toMatch(/resolves to 127\.0\.0\.1/);
  });

  it('did:web:vm is refused by the CLI too', async () => {
    const vm = await generateKey({ did: { web: 'vm' } });
    const credential = await issueCredential(badge(vm.controller), {
      key: vm,
      created: '2025-06-01T00:00:00Z',
    });
    writeFileSync(join(dir, 'vm.json'), JSON.stringify(credential));
    const r = await runCli(['verify', join(dir, 'vm.json'), '--allow-network', '--now', NOW, '--json']);
    expect(r.code, r.stderr).toBe(1);
    const proof = JSON.parse(r.stdout).checks.find((c: { id: string }) => c.id === 'proof');
    expect(proof.message).toMatch(/single-label host name/);
  });
});
