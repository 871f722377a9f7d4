// Attacks on `credstack serve` over a real loopback socket: what an attacker can send a
// verifier or an issuer service, end to end through HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, generateKey, issueCredential } from '../../src/index.js';
import { type RunningServer, startServer } from '../../src/serve/index.js';
import { plainCredential } from '../serve/helpers.js';

let server: RunningServer;
let dataDir: string;
let eddsa: string;
let ecdsa: string;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'credstack-serve-attacks-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent', limits: { ratePerMinute: false } });
  eddsa = server.issuers.find((i) => i.name === 'eddsa')!.id;
  ecdsa = server.issuers.find((i) => i.name === 'ecdsa')!.id;
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function post(path: string, body: unknown) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}
const verify = (vc: unknown, options?: object) =>
  post('/credentials/verify', { verifiableCredential: vc, ...(options ? { options } : {}) });
const issue = async (name: string, credential: object, options?: object) =>
  (await post(`/${name}/credentials/issue`, { credential, ...(options ? { options } : {}) })).body
    .verifiableCredential;

describe('a verifier behind HTTP is not fooled', () => {
  it('by a credential naming the service’s issuer but signed by the attacker', async () => {
    const attacker = await generateKey({ algorithm: 'Ed25519' });
    const forged = await issueCredential(
      { ...plainCredential(attacker.controller) },
      { key: attacker, profile: 'vc' },
    );
    (forged as Record<string, unknown>).issuer = eddsa;
    const answer = await verify(forged);
    expect(answer.status).toBe(400);
    expect(answer.body.verified).toBe(false);
  });

  it('by a credential issued for one challenge and domain, moved to another or stripped of them', async () => {
    // The VC-API issue options are signed into the proof: a credential issued for one verifier's
    // challenge cannot be replayed with another's, nor passed off as issued without one.
    for (const name of ['eddsa', 'ecdsa']) {
      const issuer = name === 'eddsa' ? eddsa : ecdsa;
      const vc = await issue(name, plainCredential(issuer), { challenge: 'c-1', domain: 'a.example' });
      expect(vc.proof).toMatchObject({ challenge: 'c-1', domain: 'a.example' });
      const genuine = await verify(vc);
      expect(genuine.status, name).toBe(200);
      expect(genuine.body.verified).toBe(true);
      const { challenge: _c, domain: _d, ...stripped } = vc.proof;
      for (const proof of [
        { ...vc.proof, challenge: 'c-2' },
        { ...vc.proof, domain: 'b.example' },
        { ...vc.proof, domain: ['a.example', 'b.example'] },
        stripped,
      ]) {
        const answer = await verify({ ...vc, proof });
        expect(answer.status, `${name} ${JSON.stringify(proof)}`).toBe(400);
        expect(answer.body.verified).toBe(false);
      }
    }
  });

  it('by options asking for fewer checks', async () => {
    const vc = await issue('eddsa', plainCredential(eddsa));
    vc.credentialSubject.grade = 'A+';
    for (const options of [{ checks: [] }, { checks: ['status'] }, { checks: ['proof'] }]) {
      const answer = await verify(vc, options);
      expect(answer.status, JSON.stringify(options)).toBe(400);
      expect(answer.body.verified).toBe(false);
    }
  });

  it('by an unsigned VC-JWT (alg none) or a JWT of another issuer in an envelope', async () => {
    const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ecdsa, vc: plainCredential(ecdsa) })}.`;
    const answer = await verify({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${none}`,
    });
    expect(answer.status).toBe(400);
    expect(answer.body.verified).toBe(false);
    const attacker = await generateKey({ algorithm: 'P-256' });
    const jwt = await issueCredential(plainCredential(attacker.controller), {
      key: attacker,
      format: 'vc-jwt',
      profile: 'vc',
    });
    const [h, p, s] = jwt.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.iss = ecdsa;
    const swapped = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const other = await verify({
      type: 'EnvelopedVerifiableCredential',
      id: `data:application/vc+jwt,${swapped}`,
    });
    expect(other.status).toBe(400);
  });

  it('by a revoked credential, alone or inside a presentation', async () => {
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const vc = await issue(
      'eddsa',
      { ...plainCredential(eddsa), credentialSubject: { id: holder.controller } },
      { credentialStatus: { type: 'BitstringStatusListEntry' } },
    );
    expect((await verify(vc)).status).toBe(200);
    expect(
      (await post('/credentials/status', { credentialId: vc.id, credentialStatus: [{ status: 'revoked' }] }))
        .status,
    ).toBe(200);
    expect((await verify(vc)).body.verdict).toBe('revoked');
    const vp = await createPresentation([vc], { key: holder, challenge: 'n-1', domain: 'employer.test' });
    const answer = await post('/presentations/verify', {
      verifiablePresentation: vp,
      options: { challenge: 'n-1', domain: 'employer.test' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.verified).toBe(false);
  });

  it('by a credential pointing its status at a list of another issuer (a slot never revoked)', async () => {
    // The attacker's credential borrows the service's eddsa revocation list: a clean bit.
    const attacker = await generateKey({ algorithm: 'Ed25519' });
    const listUrl = `${server.url}/status/eddsa/revocation`;
    const credential = {
      ...plainCredential(attacker.controller),
      credentialStatus: {
        id: `${listUrl}#7`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '7',
        statusListCredential: listUrl,
      },
    };
    const signed = await issueCredential(credential, { key: attacker, profile: 'vc' });
    const answer = await verify(signed);
    expect(answer.status).toBe(400);
    expect(answer.body.errors.map((e: { check: string }) => e.check)).toContain('status');
  });

  it('by a status list the verifier would have to fetch from a private address (it fetches nothing)', async () => {
    const attacker = await generateKey({ algorithm: 'Ed25519' });
    const listUrl = 'https://169.254.169.254/latest/meta-data/list';
    const credential = {
      ...plainCredential(attacker.controller),
      credentialStatus: {
        id: `${listUrl}#1`,
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '1',
        statusListCredential: listUrl,
      },
    };
    const answer = await verify(await issueCredential(credential, { key: attacker, profile: 'vc' }));
    expect(answer.status).toBe(400);
    expect(answer.body.verified).toBe(false);
  });

  it('by a derived credential whose disclosed value was edited', async () => {
    const base = await issue('ecdsa-sd', plainCredential(ecdsa));
    const derived = (
      await post('/credentials/derive', {
        verifiableCredential: base,
        options: { selectivePointers: ['/credentialSubject/grade'] },
      })
    ).body.verifiableCredential;
    expect((await verify(derived)).status).toBe(200);
    derived.credentialSubject.grade = 'A+';
    expect((await verify(derived)).status).toBe(400);
  });
});

describe('the issuer service keeps its slots and its answers', () => {
  it('a refused credential keeps its slot for its corrected version (no slot lost, none handed twice)', async () => {
    const id = `urn:uuid:${crypto.randomUUID()}`;
    const options = { credentialStatus: { type: 'BitstringStatusListEntry' } };
    const refused = await post('/eddsa/credentials/issue', {
      credential: { ...plainCredential(eddsa, id), credentialSchema: { id: 'https://x.test/s' } },
      options,
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('ERR_DATA_MODEL_INVALID');
    const fixed = await issue('eddsa', plainCredential(eddsa, id), options);
    const other = await issue('eddsa', plainCredential(eddsa), options);
    const again = await issue('eddsa', plainCredential(eddsa, id), options);
    expect(again.credentialStatus.statusListIndex).toBe(fixed.credentialStatus.statusListIndex);
    expect(other.credentialStatus.statusListIndex).not.toBe(fixed.credentialStatus.statusListIndex);
  });

  it('a path that walks out of /status/ is not a list', async () => {
    const encoded = await fetch(`${server.url}/status/eddsa/%2e%2e/revocation`);
    expect(encoded.status).toBe(404);
  });

  it('answers a flood with 429 once over the rate limit', async () => {
    const limited = await startServer({
      port: 0,
      dataDir: join(dataDir, 'rate'),
      logLevel: 'silent',
      limits: { ratePerMinute: 3 },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await fetch(`${limited.url}/issuers`)).status);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('slow clients', () => {
  it('a client that stops sending mid-request is cut off after the request timeout', async () => {
    const { connect } = await import('node:net');
    const slow = await startServer({
      port: 0,
      dataDir: join(dataDir, 'slow'),
      logLevel: 'silent',
      limits: { requestTimeout: 800 },
    });
    try {
      const { port } = new URL(slow.url);
      const started = Date.now();
      const closed = await new Promise<number>((done) => {
        const socket = connect(Number(port), '127.0.0.1', () => {
          socket.write(
            'POST /credentials/verify HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"verifi',
          );
        });
        socket.on('error', () => {});
        socket.on('close', () => done(Date.now() - started));
      });
      expect(closed).toBeGreaterThanOrEqual(700);
      expect(closed).toBeLessThan(10_000);
      // and the service still answers others
      expect((await fetch(`${slow.url}/health`)).status).toBe(200);
    } finally {
      await slow.close();
    }
  });
});
