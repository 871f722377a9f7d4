import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, jwtVerify } from 'jose';
import { generateKey, verifyCredential } from '../../src/index.js';
import { type RunningServer, startServer } from '../../src/serve/index.js';
import { badgeOf } from './helpers.js';
import { referenceHolder, walletFor } from './wallet-helpers.js';

let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'credstack-delivery-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent', limits: { ratePerMinute: false } });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};
const controller = (name: string) => server.issuers.find((i) => i.name === name)!.id;
async function offer(issuer: string, extra: object = {}) {
  const credential = await badgeOf({ controller: controller(issuer) } as never);
  const created = await post('/offers', { credential, issuer, ...extra });
  expect(created.status).toBe(201);
  return created.body as {
    id: string;
    interactionUrl: string;
    credentialOfferUri: string;
    lcwDeepLink: string;
    txCode?: string;
  };
}

describe('offers', () => {
  it('POST /offers returns the interaction URL, the OpenID4VCI offer and the LCW deep link', async () => {
    const links = await offer('eddsa');
    expect(links.interactionUrl).toBe(`${server.url}/interactions/${links.id}?iuv=1`);
    expect(links.credentialOfferUri).toMatch(/^openid-credential-offer:\/\/\?credential_offer_uri=/);
    const lcw = new URL(links.lcwDeepLink);
    expect(lcw.searchParams.get('vc_request_url')).toBe(`${server.url}/exchanges/${links.id}`);
    const interaction = await (await fetch(links.interactionUrl)).json();
    expect(interaction.protocols).toEqual({
      vcapi: `${server.url}/exchanges/${links.id}`,
      OID4VCI: links.credentialOfferUri,
    });
  });
});

describe('OpenID4VCI (pre-authorized code), wallet = @openid4vc/openid4vci client', () => {
  it('issues ldp_vc to the proven did:key; credstack verifies it', async () => {
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const links = await offer('eddsa');
    const { response, issuerMetadata } = await walletFor(holder).receive(links.credentialOfferUri, {
      configuration: 'OpenBadgeCredential_ldp_vc',
    });
    expect(issuerMetadata.credentialIssuer.credential_issuer).toBe(server.url);
    const credential =
      (response.credentialResponse.credentials?.[0] as { credential: unknown } | undefined)?.credential ??
      response.credentialResponse.credential;
    const vc = credential as Record<string, any>;
    expect(vc.credentialSubject.id).toBe(holder.controller);
    expect(vc.proof.cryptosuite).toBe('eddsa-rdfc-2022');
    const result = await verifyCredential(vc);
    expect(result.verdict).toBe('verified');
  });

  it('issues jwt_vc_json bound to the holder; jose verifies its signature', async () => {
    const holder = await generateKey({ algorithm: 'P-256' });
    const links = await offer('ecdsa');
    const { response } = await walletFor(holder).receive(links.credentialOfferUri, {
      configuration: 'OpenBadgeCredential_jwt_vc_json',
      nonceFromEndpoint: true,
    });
    const jwt = ((response.credentialResponse.credentials?.[0] as { credential: unknown } | undefined)
      ?.credential ?? response.credentialResponse.credential) as string;
    expect(typeof jwt).toBe('string');
    const issuerKey = await importJWK(
      (await import('../../src/index.js')).parseDidKey(controller('ecdsa')).publicKeyJwk as never,
      'ES256',
    );
    const { payload } = await jwtVerify(jwt, issuerKey);
    expect(JSON.stringify(payload)).toContain(holder.controller);
    expect((await verifyCredential(jwt)).verdict).toBe('verified');
  });

  it('di_vp: a Data Integrity presentation by @digitalbazaar/vc proves the key, for ldp_vc and jwt_vc_json', async () => {
    const metadata = await (await fetch(`${server.url}/.well-known/openid-credential-issuer`)).json();
    expect(
      metadata.credential_configurations_supported.OpenBadgeCredential_ldp_vc.proof_types_supported.di_vp,
    ).toEqual({ proof_signing_alg_values_supported: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'] });
    for (const [issuer, configuration, nonceFromEndpoint] of [
      ['eddsa', 'OpenBadgeCredential_ldp_vc', false],
      ['jwt', 'OpenBadgeCredential_jwt_vc_json', true],
    ] as const) {
      const holder = await referenceHolder();
      const links = await offer(issuer);
      const { response, presentation } = await walletFor(holder).receive(links.credentialOfferUri, {
        configuration,
        nonceFromEndpoint,
      });
      expect((presentation as { proof: { proofPurpose: string } }).proof.proofPurpose).toBe('authentication');
      const credential = (response.credentialResponse.credentials?.[0] as { credential: unknown } | undefined)
        ?.credential;
      const result = await verifyCredential(credential as never);
      expect(result.verdict, configuration).toBe('verified');
      expect(JSON.stringify(result.credential?.credentialSubject)).toContain(holder.did);
    }
  });

  it('a transaction code is required when the offer has one; a wrong one is refused, five burn the offer', async () => {
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const links = await offer('eddsa', { txCode: true });
    expect(links.txCode).toMatch(/^\d{6}$/);
    const wallet = walletFor(holder);
    await expect(
      wallet.receive(links.credentialOfferUri, {
        configuration: 'OpenBadgeCredential_ldp_vc',
        txCode: '000000' === links.txCode ? '111111' : '000000',
      }),
    ).rejects.toThrow();
    const { response } = await wallet.receive(links.credentialOfferUri, {
      configuration: 'OpenBadgeCredential_ldp_vc',
      txCode: links.txCode!,
    });
    expect(response.credentialResponse).toBeDefined();
    const burnt = await offer('eddsa', { txCode: true });
    const wrong = links.txCode === '123456' ? '654321' : '123456';
    for (let i = 0; i < 5; i++)
      await expect(
        wallet.receive(burnt.credentialOfferUri, {
          configuration: 'OpenBadgeCredential_ldp_vc',
          txCode: wrong,
        }),
      ).rejects.toThrow();
    await expect(
      wallet.receive(burnt.credentialOfferUri, {
        configuration: 'OpenBadgeCredential_ldp_vc',
        txCode: burnt.txCode!,
      }),
    ).rejects.toThrow();
  });

  it('an offer is redeemed once: a second wallet, a reused code or a replayed request get nothing', async () => {
    const links = await offer('eddsa');
    const first = walletFor(await generateKey({ algorithm: 'Ed25519' }));
    const { offer: resolved, response } = await first.receive(links.credentialOfferUri, {
      configuration: 'OpenBadgeCredential_ldp_vc',
    });
    expect(response.credentialResponse).toBeDefined();
    await expect(
      walletFor(await generateKey({ algorithm: 'Ed25519' })).receive(links.credentialOfferUri, {
        configuration: 'OpenBadgeCredential_ldp_vc',
      }),
    ).rejects.toThrow();
    const code = (resolved.grants as Record<string, { 'pre-authorized_code': string }>)[
      'urn:ietf:params:oauth:grant-type:pre-authorized_code'
    ]['pre-authorized_code'];
    const token = await fetch(`${server.url}/oid4vci/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:pre-authorized_code',
        'pre-authorized_code': code,
      }),
    });
    expect(token.status).toBe(400);
    expect((await token.json()).error).toBe('invalid_grant');
    expect((await fetch(links.interactionUrl)).status).toBe(404);
  });
});
