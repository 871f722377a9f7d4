import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, generateKey } from '../../src/index.js';
import { BASE, badgeOf, plainCredential, startTestService, type TestService } from './helpers.js';

let service: TestService;
beforeAll(async () => {
  service = await startTestService();
});
afterAll(async () => {
  await service.close();
});

const post = (url: string, payload: unknown) =>
  service.app.inject({ method: 'POST', url, payload: payload as object });

async function issue(instance: string, credential: object, options?: object) {
  const response = await post(`/${instance}/credentials/issue`, {
    credential,
    ...(options ? { options } : {}),
  });
  return { response, vc: response.json().verifiableCredential };
}

describe('POST /{issuer}/credentials/issue', () => {
  it('signs with each instance, and the verifier verifies what it signed', async () => {
    for (const [instance, key, suite] of [
      ['eddsa', service.ed, 'eddsa-rdfc-2022'],
      ['ecdsa', service.p256, 'ecdsa-rdfc-2019'],
      ['ecdsa-sd', service.p256, 'ecdsa-sd-2023'],
    ] as const) {
      const { response, vc } = await issue(instance, plainCredential(key.controller));
      expect(response.statusCode, instance).toBe(201);
      expect(vc.proof.cryptosuite).toBe(suite);
      expect(vc.proof.verificationMethod).toBe(key.id);
      const verified = await post('/credentials/verify', { verifiableCredential: vc });
      if (suite === 'ecdsa-sd-2023') {
        // a base proof is for the holder to derive from, never a verified credential
        expect(verified.statusCode).toBe(400);
        continue;
      }
      expect(verified.statusCode, instance).toBe(200);
      expect(verified.json()).toMatchObject({ verified: true, verdict: 'verified', errors: [] });
    }
  });

  it('signs Open Badges under OB rules and VC-JWTs as enveloped credentials', async () => {
    const badge = await badgeOf(service.p256);
    const { response, vc } = await issue('jwt', badge);
    expect(response.statusCode).toBe(201);
    expect(vc.type).toBe('EnvelopedVerifiableCredential');
    expect(vc.id).toMatch(/^data:application\/vc\+jwt,eyJ/);
    const verified = await post('/credentials/verify', { verifiableCredential: vc });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().issuer).toBe(service.p256.controller);
  });

  it('POST /credentials/issue is the first instance', async () => {
    const { response, vc } = await issue('credentials', {});
    expect(response.statusCode).toBe(404);
    const first = await post('/credentials/issue', { credential: plainCredential(service.ed.controller) });
    expect(first.statusCode).toBe(201);
    expect(first.json().verifiableCredential.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    expect(vc).toBeUndefined();
  });

  it('honours options.created and options.mandatoryPointers', async () => {
    const { vc } = await issue('eddsa', plainCredential(service.ed.controller), {
      created: '2026-02-03T04:05:06Z',
    });
    expect(vc.proof.created).toBe('2026-02-03T04:05:06Z');
    const sd = await issue('ecdsa-sd', plainCredential(service.p256.controller), {
      mandatoryPointers: ['/issuer'],
    });
    expect(sd.response.statusCode).toBe(201);
    const derived = await post('/credentials/derive', {
      verifiableCredential: sd.vc,
      options: { selectivePointers: ['/credentialSubject/name'] },
    });
    expect(derived.statusCode).toBe(201);
    const shown = derived.json().verifiableCredential;
    expect(shown.credentialSubject).toEqual({ id: 'did:example:learner', name: 'Ana' });
    const verified = await post('/credentials/verify', { verifiableCredential: shown });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().disclosed).toContain('/issuer');
  });

  it('honours options.challenge and options.domain: signed into the proof, refused where no proof holds them', async () => {
    for (const instance of ['eddsa', 'ecdsa']) {
      const key = instance === 'eddsa' ? service.ed : service.p256;
      const { response, vc } = await issue(instance, plainCredential(key.controller), {
        challenge: 'c-123',
        domain: 'verifier.example',
      });
      expect(response.statusCode, instance).toBe(201);
      expect(vc.proof).toMatchObject({ challenge: 'c-123', domain: 'verifier.example' });
      const verified = await post('/credentials/verify', { verifiableCredential: vc });
      expect(verified.statusCode, instance).toBe(200);
      // the signature covers them: another domain is an altered credential
      const moved = { ...vc, proof: { ...vc.proof, domain: 'attacker.example' } };
      const refused = await post('/credentials/verify', { verifiableCredential: moved });
      expect(refused.statusCode, instance).toBe(400);
      expect(refused.json().verdict).toBe('invalid');
    }
    for (const instance of ['jwt', 'ecdsa-sd']) {
      const { response } = await issue(instance, plainCredential(service.p256.controller), {
        challenge: 'c',
      });
      expect(response.statusCode, instance).toBe(400);
      expect(response.json().code).toBe('ERR_INVALID_INPUT');
    }
    const empty = await issue('eddsa', plainCredential(service.ed.controller), { domain: '' });
    expect(empty.response.statusCode).toBe(400);
  });

  it('refuses mandatoryPointers on an instance that does not sign ecdsa-sd-2023', async () => {
    const { response } = await issue('eddsa', plainCredential(service.ed.controller), {
      mandatoryPointers: ['/issuer'],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('ERR_INVALID_INPUT');
  });
});

describe('refusals are problem details with a stable code', () => {
  it('a credential of another issuer is 422 ERR_ISSUER_MISMATCH; nothing is signed', async () => {
    const { response } = await issue('eddsa', plainCredential('did:example:somebody-else'));
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      status: 422,
      code: 'ERR_ISSUER_MISMATCH',
      type: 'urn:credstack:error:ERR_ISSUER_MISMATCH',
    });
  });

  it('what VCDM 2.0 forbids is 422 ERR_DATA_MODEL_INVALID', async () => {
    const credential = {
      ...plainCredential(service.ed.controller),
      credentialSchema: { id: 'https://x.example/schema' },
    };
    const { response } = await issue('eddsa', credential);
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('ERR_DATA_MODEL_INVALID');
  });

  it('a JSON string where an object belongs is 400', async () => {
    const vc = (await issue('eddsa', plainCredential(service.ed.controller))).vc;
    for (const [url, body] of [
      ['/credentials/verify', { verifiableCredential: JSON.stringify(vc) }],
      ['/eddsa/credentials/issue', { credential: JSON.stringify(plainCredential(service.ed.controller)) }],
      ['/presentations/verify', { verifiablePresentation: '{}', options: { challenge: 'c', domain: 'd' } }],
      ['/credentials/derive', { verifiableCredential: '{}' }],
    ] as const) {
      const response = await post(url, body);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().code, url).toBe('ERR_INVALID_INPUT');
    }
  });

  it('malformed JSON, an empty body, unknown members, poisoned keys and another media type are refused', async () => {
    const raw = (payload: string, type = 'application/json') =>
      service.app.inject({
        method: 'POST',
        url: '/credentials/verify',
        payload,
        headers: { 'content-type': type },
      });
    expect((await raw('{"verifiableCredential": ')).json().code).toBe('ERR_JSON_PARSE');
    expect((await raw('')).statusCode).toBe(400);
    expect((await raw('{"__proto__": {"verified": true}, "verifiableCredential": {}}')).statusCode).toBe(400);
    expect((await raw('{}', 'text/plain')).statusCode).toBe(415);
    const extra = await post('/credentials/verify', { verifiableCredential: {}, trustMe: true });
    expect(extra.statusCode).toBe(400);
    const option = await post('/eddsa/credentials/issue', { credential: {}, options: { proofType: 'x' } });
    expect(option.statusCode).toBe(400);
  });

  it('a body over the limit is 413', async () => {
    const response = await post('/credentials/verify', {
      verifiableCredential: { pad: 'x'.repeat(1024 * 1024 + 1) },
    });
    expect(response.statusCode).toBe(413);
    expect(response.json().code).toBe('ERR_LIMIT_EXCEEDED');
  });

  it('an unknown endpoint is a 404 problem', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/nothing/here' });
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('NOT_FOUND');
  });

  it('a tampered credential is 400 NOT_VERIFIED with its verdict and errors', async () => {
    const { vc } = await issue('eddsa', plainCredential(service.ed.controller));
    vc.credentialSubject.grade = 'A+';
    const response = await post('/credentials/verify', {
      verifiableCredential: vc,
      options: { checks: ['proof'] },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'NOT_VERIFIED', verified: false, verdict: 'invalid' });
    expect(response.json().errors.map((e: { code: string }) => e.code)).toContain('PROOF_SIGNATURE_INVALID');
  });
});

describe('status', () => {
  it('allocates with options.credentialStatus, revokes through POST /credentials/status, and the verifier sees it', async () => {
    const { vc } = await issue('eddsa', plainCredential(service.ed.controller), {
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' },
    });
    expect(vc.credentialStatus.statusListCredential).toBe(`${BASE}/status/eddsa/revocation`);
    expect((await post('/credentials/verify', { verifiableCredential: vc })).statusCode).toBe(200);
    const list = await service.app.inject({ method: 'GET', url: '/status/eddsa/revocation' });
    const revoke = await post('/credentials/status', {
      credentialId: vc.id,
      credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
    });
    expect(revoke.statusCode).toBe(200);
    expect(revoke.json().credentialStatus[0]).toMatchObject({ statusPurpose: 'revocation', status: true });
    // even when the caller names only the proof check: verified includes "not revoked"
    const after = await post('/credentials/verify', {
      verifiableCredential: vc,
      options: { checks: ['proof'] },
    });
    expect(after.statusCode).toBe(400);
    expect(after.json().verdict).toBe('revoked');
    const listAfter = await service.app.inject({ method: 'GET', url: '/status/eddsa/revocation' });
    expect(listAfter.headers.etag).not.toBe(list.headers.etag);
  });

  it('suspends and reinstates (statusPurpose + status form)', async () => {
    const { vc } = await issue('ecdsa', plainCredential(service.p256.controller), {
      credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'suspension' },
    });
    const set = (value: boolean) =>
      post('/credentials/status', {
        credentialId: vc.id,
        credentialStatus: { statusPurpose: 'suspension' },
        status: value,
      });
    expect((await set(true)).statusCode).toBe(200);
    expect((await post('/credentials/verify', { verifiableCredential: vc })).json().verdict).toBe(
      'suspended',
    );
    expect((await set(false)).statusCode).toBe(200);
    expect((await post('/credentials/verify', { verifiableCredential: vc })).statusCode).toBe(200);
  });

  it('an unknown credential is 404, a bad status 400', async () => {
    const unknown = await post('/credentials/status', {
      credentialId: 'urn:uuid:nobody',
      credentialStatus: [{ status: 'revoked' }],
    });
    expect(unknown.statusCode).toBe(404);
    const bad = await post('/credentials/status', {
      credentialId: 'urn:uuid:nobody',
      credentialStatus: [{ status: 'deleted' }],
    });
    expect(bad.statusCode).toBe(400);
  });

  it('serves the signed lists with an ETag, Cache-Control from the ttl, and 304 on If-None-Match', async () => {
    const response = await service.app.inject({ method: 'GET', url: '/status/ecdsa/suspension' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/vc/);
    expect(response.headers['cache-control']).toBe('public, max-age=300');
    const list = response.json();
    expect(list.type).toContain('BitstringStatusListCredential');
    expect(list.issuer).toBe(service.p256.controller);
    const again = await service.app.inject({
      method: 'GET',
      url: '/status/ecdsa/suspension',
      headers: { 'if-none-match': response.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    expect((await service.app.inject({ method: 'GET', url: '/status/eddsa/other' })).statusCode).toBe(404);
  });
});

describe('POST /presentations/verify', () => {
  it('verifies a holder-signed presentation with the challenge and domain, and refuses another challenge', async () => {
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const { vc } = await issue('eddsa', {
      ...plainCredential(service.ed.controller),
      credentialSubject: { id: holder.controller, name: 'Ana' },
    });
    const vp = await createPresentation([vc], { key: holder, challenge: 'c-123', domain: 'verifier.test' });
    const ok = await post('/presentations/verify', {
      verifiablePresentation: vp,
      options: { challenge: 'c-123', domain: 'verifier.test' },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ verified: true, holder: holder.controller });
    expect(ok.json().credentials[0].verified).toBe(true);
    const replay = await post('/presentations/verify', {
      verifiablePresentation: vp,
      options: { challenge: 'c-456', domain: 'verifier.test' },
    });
    expect(replay.statusCode).toBe(400);
    expect(replay.json().verified).toBe(false);
    const noChallenge = await post('/presentations/verify', {
      verifiablePresentation: vp,
      options: { domain: 'verifier.test' },
    });
    expect(noChallenge.statusCode).toBe(400);
  });
});

describe('service endpoints', () => {
  it('GET /issuers lists { id, cryptosuite, endpoint } per instance', async () => {
    const list = (await service.app.inject({ method: 'GET', url: '/issuers' })).json();
    expect(list).toHaveLength(4);
    expect(list[0]).toMatchObject({
      id: service.ed.controller,
      cryptosuite: 'eddsa-rdfc-2022',
      endpoint: `${BASE}/eddsa/credentials/issue`,
    });
    expect(list.map((i: { cryptosuite: string }) => i.cryptosuite)).toEqual([
      'eddsa-rdfc-2022',
      'ecdsa-rdfc-2019',
      'ecdsa-sd-2023',
      'vc-jwt',
    ]);
  });

  it('GET /health answers ok while the stores answer', async () => {
    const health = await service.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json().status).toBe('ok');
  });

  it('GET /openapi.json describes every route', async () => {
    const spec = (await service.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    expect(spec.openapi).toBe('3.1.0');
    for (const path of [
      '/credentials/verify',
      '/presentations/verify',
      '/credentials/derive',
      '/credentials/status',
      '/eddsa/credentials/issue',
      '/issuers',
      '/health',
    ])
      expect(Object.keys(spec.paths), path).toContain(path);
    expect(
      spec.paths['/credentials/verify'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['verifiableCredential']);
  });
});
