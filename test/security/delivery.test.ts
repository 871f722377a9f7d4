// Attacks on wallet delivery (OpenID4VCI): forged key proofs, replayed nonces, stolen or reused
// tokens, oversized bodies. Nothing is issued twice and nothing to a key that was not proven.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importJWK, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPresentation, generateKey, issueCredential, type KeyFile } from '../../src/index.js';
import { type RunningServer, startServer } from '../../src/serve/index.js';
import { badgeOf } from '../serve/helpers.js';
import { referenceHolder } from '../serve/wallet-helpers.js';

let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'credstack-delivery-attacks-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent', limits: { ratePerMinute: false } });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const json = async (response: Response) => ({ status: response.status, body: await response.json() });
async function tokenFor() {
  const credential = await badgeOf({ controller: server.issuers[0]!.id } as never);
  const created = await json(
    await fetch(`${server.url}/offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ credential }),
    }),
  );
  const id = created.body.id as string;
  const offer = await (await fetch(`${server.url}/oid4vci/offers/${id}`)).json();
  const code = offer.grants['urn:ietf:params:oauth:grant-type:pre-authorized_code']['pre-authorized_code'];
  const token = await json(
    await fetch(`${server.url}/oid4vci/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
      }),
    }),
  );
  expect(token.status).toBe(200);
  return { id, accessToken: token.body.access_token as string, nonce: token.body.c_nonce as string };
}

async function proof(signWith: KeyFile, options: { kid?: string; nonce: string; aud?: string }) {
  const alg = signWith.algorithm === 'Ed25519' ? 'EdDSA' : 'ES256';
  return new SignJWT({ nonce: options.nonce, aud: options.aud ?? server.url })
    .setProtectedHeader({ alg, typ: 'openid4vci-proof+jwt', kid: options.kid ?? signWith.id })
    .setIssuedAt()
    .sign(await importJWK(signWith.privateKeyJwk as never, alg));
}

const credentialRequest = (accessToken: string, jwt: string) =>
  fetch(`${server.url}/oid4vci/credential`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
    body: JSON.stringify({
      credential_configuration_id: 'OpenBadgeCredential_ldp_vc',
      proof: { proof_type: 'jwt', jwt },
    }),
  }).then(json);

describe('the OpenID4VCI credential endpoint is not fooled', () => {
  it('by a key proof naming the victim’s did:key but signed by the attacker', async () => {
    const victim = await generateKey({ algorithm: 'Ed25519' });
    const attacker = await generateKey({ algorithm: 'Ed25519' });
    const { accessToken, nonce } = await tokenFor();
    const answer = await credentialRequest(accessToken, await proof(attacker, { kid: victim.id, nonce }));
    expect(answer.status).toBe(400);
    expect(answer.body.error).toBe('invalid_proof');
    // the offer is still redeemable by its rightful holder
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const ok = await credentialRequest(accessToken, await proof(holder, { nonce }));
    expect(ok.status).toBe(200);
    expect(JSON.stringify(ok.body)).toContain(holder.controller);
  });

  it('by a proof with another nonce, a replayed nonce, or for another audience', async () => {
    const holder = await generateKey({ algorithm: 'P-256' });
    const { accessToken, nonce } = await tokenFor();
    expect((await credentialRequest(accessToken, await proof(holder, { nonce: 'made-up' }))).body.error).toBe(
      'invalid_nonce',
    );
    expect(
      (await credentialRequest(accessToken, await proof(holder, { nonce, aud: 'https://other.example' })))
        .body.error,
    ).toBe('invalid_proof');
    const fresh = (await json(await fetch(`${server.url}/oid4vci/nonce`, { method: 'POST' }))).body.c_nonce;
    const first = await credentialRequest(accessToken, await proof(holder, { nonce: fresh }));
    expect(first.status).toBe(200);
    // the token is spent with the offer; a second request (even with a new nonce) gets nothing
    const again = await credentialRequest(accessToken, await proof(holder, { nonce: fresh }));
    expect(again.status).toBe(401);
  });

  it('without a token, with a made-up token, or with no proof', async () => {
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const { accessToken, nonce } = await tokenFor();
    const jwt = await proof(holder, { nonce });
    const none = await json(
      await fetch(`${server.url}/oid4vci/credential`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    );
    expect(none.status).toBe(401);
    expect((await credentialRequest('A'.repeat(43), jwt)).status).toBe(401);
    const noProof = await json(
      await fetch(`${server.url}/oid4vci/credential`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
        body: JSON.stringify({ credential_configuration_id: 'OpenBadgeCredential_ldp_vc' }),
      }),
    );
    expect(noProof.status).toBe(400);
    expect((await credentialRequest(accessToken, jwt)).status).toBe(200);
  });

  it('an oversized request is refused before anything is parsed', async () => {
    const { accessToken } = await tokenFor();
    const big = await fetch(`${server.url}/oid4vci/credential`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ pad: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(big.status).toBe(413);
  });
});

describe('a di_vp key proof (a Data Integrity presentation) is not fooled', () => {
  const diVpRequest = (accessToken: string, presentation: unknown) =>
    fetch(`${server.url}/oid4vci/credential`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({
        credential_configuration_id: 'OpenBadgeCredential_ldp_vc',
        proofs: { di_vp: [presentation] },
      }),
    }).then(json);

  it('by a presentation naming the victim as holder but signed by the attacker, or edited after signing', async () => {
    const victim = await referenceHolder();
    const attacker = await referenceHolder();
    const { accessToken, nonce } = await tokenFor();
    const claimed = await diVpRequest(accessToken, await attacker.didAuth(nonce, server.url, victim.did));
    expect(claimed.status).toBe(400);
    expect(claimed.body.error).toBe('invalid_proof');
    expect(claimed.body.error_description).toContain('HOLDER');
    const edited = { ...(await attacker.didAuth(nonce, server.url)), holder: victim.did };
    expect((await diVpRequest(accessToken, edited)).body.error).toBe('invalid_proof');
    // nothing was issued: the offer is still redeemable, by a proof of the holder's own key
    const ok = await diVpRequest(accessToken, await attacker.didAuth(nonce, server.url));
    expect(ok.status).toBe(200);
    expect(ok.body.credentials[0].credential.credentialSubject.id).toBe(attacker.did);
    expect(JSON.stringify(ok.body)).not.toContain(victim.did);
  });

  it('by a presentation that carries a credential: a key proof proves a key, nothing more', async () => {
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const carried = await issueCredential(await badgeOf(holder), { key: holder });
    const { accessToken, nonce } = await tokenFor();
    const vp = await createPresentation([carried], { key: holder, challenge: nonce, domain: server.url });
    const refused = await diVpRequest(accessToken, vp);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe('invalid_proof');
    expect(refused.body.error_description).toContain('CREDENTIALS_UNEXPECTED');
  });

  it('by another issuer’s domain, a made-up or replayed nonce, a presentation with no proof', async () => {
    const holder = await referenceHolder();
    const { accessToken, nonce } = await tokenFor();
    const elsewhere = await diVpRequest(accessToken, await holder.didAuth(nonce, 'https://other.example'));
    expect(elsewhere.body.error).toBe('invalid_proof');
    expect(elsewhere.body.error_description).toContain('DOMAIN');
    expect((await diVpRequest(accessToken, await holder.didAuth('made-up', server.url))).body.error).toBe(
      'invalid_nonce',
    );
    const { proof: _dropped, ...unsigned } = await holder.didAuth(nonce, server.url);
    expect((await diVpRequest(accessToken, unsigned)).body.error).toBe('invalid_nonce');
    expect((await diVpRequest(accessToken, 'not a presentation')).status).toBe(400);
    // a nonce from the nonce endpoint is used once: its replay on another offer is refused
    const fresh = (await json(await fetch(`${server.url}/oid4vci/nonce`, { method: 'POST' }))).body.c_nonce;
    const first = await diVpRequest(accessToken, await holder.didAuth(fresh, server.url));
    expect(first.status).toBe(200);
    const other = await tokenFor();
    const replay = await diVpRequest(other.accessToken, await holder.didAuth(fresh, server.url));
    expect(replay.body.error).toBe('invalid_nonce');
  });
});

describe('direct delivery (the offer page and its downloads) is not fooled', () => {
  const BROWSER = { accept: 'text/html' };
  const offerOf = async (credential: object, extra: object = {}) =>
    json(
      await fetch(`${server.url}/offers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ credential, ...extra }),
      }),
    );
  const download = (id: string, form: Record<string, string>) =>
    fetch(`${server.url}/offers/${id}/download`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });

  it('by markup in the credential’s names: the page escapes it and allows no script', async () => {
    const credential = await badgeOf({ controller: server.issuers[0]!.id } as never);
    credential.issuer = { ...(credential.issuer as object), name: '"><img src=x onerror=alert(1)>' } as never;
    (credential.credentialSubject as { achievement: { name: string } }).achievement.name =
      '<script>alert(document.cookie)</script>';
    const created = await offerOf(credential);
    expect(created.status).toBe(201);
    const page = await fetch(created.body.interactionUrl, { headers: BROWSER });
    const html = await page.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(document.cookie)&lt;/script&gt;');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src/);
    // the drawn badge image escapes it too (the credential itself is baked as inert CDATA)
    const svg = await (await download(created.body.id, { format: 'image' })).text();
    const outsideCdata = svg.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '');
    expect(outsideCdata).not.toContain('<script>');
    expect(outsideCdata).toContain('&lt;script&gt;');
  });

  it('by racing downloads: one credential is signed, whoever asks', async () => {
    const created = await offerOf(await badgeOf({ controller: server.issuers[0]!.id } as never), {
      credentialStatus: { statusPurpose: 'revocation' },
    });
    const answers = await Promise.all(
      Array.from({ length: 6 }, () => download(created.body.id, { format: 'json' })),
    );
    const bodies = await Promise.all(answers.filter((a) => a.status === 200).map((a) => a.json()));
    expect(bodies.length).toBeGreaterThan(0);
    for (const a of answers) expect([200, 409]).toContain(a.status);
    const proofs = new Set(bodies.map((b) => b.proof.proofValue));
    const slots = new Set(bodies.map((b) => b.credentialStatus.statusListIndex));
    expect(proofs.size).toBe(1);
    expect(slots.size).toBe(1);
  });

  it('by downloading what a wallet is receiving or received, or an image URL to fetch', async () => {
    const { id, accessToken, nonce } = await tokenFor();
    expect((await download(id, { format: 'json' })).status).toBe(409);
    const holder = await generateKey({ algorithm: 'Ed25519' });
    expect((await credentialRequest(accessToken, await proof(holder, { nonce }))).status).toBe(200);
    expect((await download(id, { format: 'json' })).status).toBe(404);
    const remote = await offerOf(await badgeOf({ controller: server.issuers[0]!.id } as never), {
      image: 'https://169.254.169.254/latest/meta-data/badge.png',
    });
    expect(remote.status).toBe(400);
  });

  it('by guessing the transaction code: five wrong codes void the offer for every protocol', async () => {
    const created = await offerOf(await badgeOf({ controller: server.issuers[0]!.id } as never), {
      txCode: true,
    });
    for (let i = 0; i < 5; i++)
      expect((await download(created.body.id, { format: 'json', txCode: `99999${i}` })).status).toBe(403);
    const right = await download(created.body.id, { format: 'json', txCode: created.body.txCode });
    expect(right.status).toBe(404);
    expect((await fetch(`${server.url}/oid4vci/offers/${created.body.id}`)).status).toBe(404);
  });
});
