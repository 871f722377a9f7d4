import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/index.js';
import { loadServeConfig, parseServeConfig, startServer } from '../../src/serve/index.js';
import { plainCredential } from './helpers.js';

const dirs: string[] = [];
const scratch = () => {
  const dir = mkdtempSync(join(tmpdir(), 'credstack-start-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('startServer with no config', () => {
  it('generates an Ed25519 and a P-256 did:key, serves them, and keeps them across restarts', async () => {
    const dataDir = scratch();
    const first = await startServer({ port: 0, dataDir, logLevel: 'silent' });
    let ids: string[];
    try {
      expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const issuers = await (await fetch(`${first.url}/issuers`)).json();
      ids = issuers.map((i: { id: string }) => i.id);
      expect(issuers.map((i: { cryptosuite: string }) => i.cryptosuite)).toEqual([
        'eddsa-rdfc-2022',
        'ecdsa-rdfc-2019',
        'ecdsa-sd-2023',
        'vc-jwt',
      ]);
      expect(ids[0]).toMatch(/^did:key:z6Mk/);
      expect(ids[1]).toMatch(/^did:key:zDna/);
      expect(statSync(join(dataDir, 'keys/ed25519.json')).mode & 0o777).toBe(0o600);
      const issued = await fetch(`${first.url}/eddsa/credentials/issue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          credential: plainCredential(ids[0]!),
          options: { credentialStatus: { type: 'BitstringStatusListEntry' } },
        }),
      });
      expect(issued.status).toBe(201);
      const { verifiableCredential } = await issued.json();
      expect(verifiableCredential.credentialStatus.statusListCredential).toBe(
        `${first.url}/status/eddsa/revocation`,
      );
      const list = await fetch(verifiableCredential.credentialStatus.statusListCredential);
      expect(list.status).toBe(200);
      expect(list.headers.get('etag')).toMatch(/^"/);
    } finally {
      await first.close();
    }
    const second = await startServer({ port: 0, dataDir, logLevel: 'silent' });
    try {
      expect(second.issuers.map((i) => i.id)).toEqual(ids);
    } finally {
      await second.close();
    }
  });

  it('refuses to listen beyond loopback without auth', async () => {
    await expect(
      startServer({ host: '0.0.0.0', port: 0, dataDir: scratch(), logLevel: 'silent' }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      path: '/auth',
    });
  });
});

describe('startServer with a config', () => {
  it('signs with the configured key files, relative to the config file', async () => {
    const dir = scratch();
    const key = await generateKey({ algorithm: 'P-256' });
    writeFileSync(join(dir, 'issuer.json'), JSON.stringify(key));
    writeFileSync(
      join(dir, 'credstack.config.json'),
      JSON.stringify({ port: 0, issuers: [{ name: 'school', key: 'issuer.json' }], logLevel: 'silent' }),
    );
    const server = await startServer(loadServeConfig(join(dir, 'credstack.config.json')), { configDir: dir });
    try {
      expect(server.issuers).toEqual([
        {
          id: key.controller,
          name: 'school',
          cryptosuite: 'ecdsa-rdfc-2019',
          endpoint: `${server.url}/school/credentials/issue`,
        },
      ]);
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      expect(readFileSync(join(dir, '.credstack/status-school-revocation.sqlite')).length).toBeGreaterThan(0);
    } finally {
      await server.close();
    }
  });

  it('a missing key file is ERR_FILE_READ naming it', async () => {
    const dir = scratch();
    await expect(
      startServer(
        { port: 0, issuers: [{ name: 'x', key: 'missing.json' }], logLevel: 'silent' },
        { configDir: dir },
      ),
    ).rejects.toMatchObject({ code: 'ERR_FILE_READ', message: expect.stringContaining('missing.json') });
  });
});

describe('parseServeConfig', () => {
  it('names the member that is wrong', () => {
    const cases: [unknown, string][] = [
      [[], ''],
      [{ prot: 1 }, '/prot'],
      [{ port: 70000 }, '/port'],
      [{ baseUrl: 'ftp://x' }, '/baseUrl'],
      [{ issuers: [] }, '/issuers'],
      [{ issuers: [{ name: 'a b', key: 'k.json' }] }, '/issuers/0/name'],
      [
        {
          issuers: [
            { name: 'a', key: 'k' },
            { name: 'a', key: 'k' },
          ],
        },
        '/issuers/1/name',
      ],
      [{ issuers: [{ name: 'a', key: 'k', format: 'rsa' }] }, '/issuers/0/format'],
      [{ auth: { apiKeys: 'k' } }, '/auth/apiKeys'],
      [{ auth: { oauth: { issuer: 'https://a', audience: 'b' } } }, '/auth/oauth'],
      [
        { auth: { oauth: { issuer: 'https://a', audience: 'b', jwksUri: 'http://a/jwks' } } },
        '/auth/oauth/jwksUri',
      ],
      [{ limits: { ratePerMinute: 0 } }, '/limits/ratePerMinute'],
      [{ tls: { cert: 'c' } }, '/tls/key'],
      [{ status: { ttl: -1 } }, '/status/ttl'],
    ];
    for (const [config, path] of cases) {
      let error: unknown;
      try {
        parseServeConfig(config);
      } catch (e) {
        error = e;
      }
      expect(error, JSON.stringify(config)).toMatchObject({ code: 'ERR_INVALID_INPUT', path });
    }
  });

  it('takes a complete config', () => {
    const config = {
      host: '0.0.0.0',
      port: 8443,
      baseUrl: 'https://badges.example.edu',
      issuers: [{ name: 'school', key: 'keys/school.json', format: 'eddsa-rdfc-2022', profile: 'ob' }],
      status: { database: 'postgres://issuer@db/credstack', ttl: 60000 },
      auth: { apiKeys: ['env:KEY'], protectVerify: true },
      limits: { bodyBytes: 65536, ratePerMinute: false, requestTimeout: 10000 },
      tls: { cert: 'cert.pem', key: 'key.pem' },
      verify: { profile: 'ob', network: true },
      trustProxy: true,
      logLevel: 'warn',
    };
    expect(parseServeConfig(config)).toEqual(config);
  });
});
