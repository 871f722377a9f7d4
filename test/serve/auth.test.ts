import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthorizer } from '../../src/serve/index.js';
import { plainCredential, startTestService, type TestService } from './helpers.js';

const AS = 'https://login.test';
const AUD = 'https://badges.test';
let service: TestService;
let serverKey: CryptoKey;
let otherKey: CryptoKey;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256');
  serverKey = pair.privateKey;
  otherKey = (await generateKeyPair('ES256')).privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'as-1', alg: 'ES256' };
  service = await startTestService({
    auth: { apiKeys: ['static-key-1'], oauth: { issuer: AS, audience: AUD, jwks: { keys: [jwk] } } },
  });
});
afterAll(async () => {
  await service.close();
});

function token(claims: { scope?: string; iss?: string; aud?: string; exp?: number }, key = serverKey) {
  return new SignJWT({ ...(claims.scope !== undefined ? { scope: claims.scope } : {}) })
    .setProtectedHeader({ alg: 'ES256', kid: 'as-1', typ: 'at+jwt' })
    .setIssuer(claims.iss ?? AS)
    .setAudience(claims.aud ?? AUD)
    .setSubject('client-1')
    .setIssuedAt()
    .setExpirationTime(claims.exp ?? '5m')
    .sign(key);
}

const issueWith = (authorization?: string) =>
  service.app.inject({
    method: 'POST',
    url: '/eddsa/credentials/issue',
    payload: { credential: plainCredential(service.ed.controller) },
    headers: authorization ? { authorization } : {},
  });

describe('issue and status need a bearer token when auth is configured', () => {
  it('no token is 401 with WWW-Authenticate; nothing is signed', async () => {
    const response = await issueWith();
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe('Bearer');
    expect(response.json().code).toBe('UNAUTHORIZED');
  });

  it('a static API key is let through; a wrong one is not', async () => {
    expect((await issueWith('Bearer static-key-1')).statusCode).toBe(201);
    expect((await issueWith('Bearer static-key-2')).statusCode).toBe(401);
    expect((await issueWith('Basic c3RhdGljLWtleS0x')).statusCode).toBe(401);
  });

  it('an OAuth 2.0 access token with the scope is let through', async () => {
    expect((await issueWith(`Bearer ${await token({ scope: 'issue:credentials' })}`)).statusCode).toBe(201);
    const revoke = await service.app.inject({
      method: 'POST',
      url: '/credentials/status',
      payload: { credentialId: 'urn:uuid:x', credentialStatus: [{ status: 'revoked' }] },
      headers: { authorization: `Bearer ${await token({ scope: 'issue:credentials' })}` },
    });
    expect(revoke.statusCode).toBe(403);
    expect(revoke.json().code).toBe('FORBIDDEN');
  });

  it('refuses tokens without the scope, expired, for another audience, from another issuer, or signed by another key', async () => {
    expect((await issueWith(`Bearer ${await token({ scope: 'verify:credentials' })}`)).statusCode).toBe(403);
    expect((await issueWith(`Bearer ${await token({})}`)).statusCode).toBe(403);
    const past = Math.floor(Date.now() / 1000) - 3600;
    expect(
      (await issueWith(`Bearer ${await token({ scope: 'issue:credentials', exp: past })}`)).statusCode,
    ).toBe(401);
    expect(
      (await issueWith(`Bearer ${await token({ scope: 'issue:credentials', aud: 'https://other.test' })}`))
        .statusCode,
    ).toBe(401);
    expect(
      (await issueWith(`Bearer ${await token({ scope: 'issue:credentials', iss: 'https://evil.test' })}`))
        .statusCode,
    ).toBe(401);
    expect(
      (await issueWith(`Bearer ${await token({ scope: 'issue:credentials' }, otherKey)}`)).statusCode,
    ).toBe(401);
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ iss: AS, aud: AUD, scope: 'issue:credentials', exp: 9999999999 })).toString('base64url')}.`;
    expect((await issueWith(`Bearer ${unsigned}`)).statusCode).toBe(401);
  });

  it('verify stays open unless protectVerify is set', async () => {
    const response = await service.app.inject({
      method: 'POST',
      url: '/credentials/verify',
      payload: { verifiableCredential: {} },
    });
    expect(response.statusCode).toBe(400);
    const guarded = await startTestService({ auth: { apiKeys: ['k'] }, app: { protectVerify: true } });
    try {
      const refused = await guarded.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload: { verifiableCredential: {} },
      });
      expect(refused.statusCode).toBe(401);
    } finally {
      await guarded.close();
    }
  });
});

describe('createAuthorizer', () => {
  it('reads env: keys from the environment, and names a missing one', async () => {
    const authorizer = createAuthorizer({ apiKeys: ['env:KEY_A'] }, { KEY_A: 'from-env' });
    expect(await authorizer.check('Bearer from-env', 'issue:credentials')).toEqual({ ok: true });
    expect(() => createAuthorizer({ apiKeys: ['env:KEY_B'] }, {})).toThrow(/KEY_B/);
  });

  it('without keys or OAuth lets everything through (loopback use; startServer refuses it elsewhere)', async () => {
    expect(await createAuthorizer({}).check(undefined, 'update:credentials')).toEqual({ ok: true });
  });
});
