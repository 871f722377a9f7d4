// The VC-API exchange with a holder that builds its DIDAuthentication presentation with
// @digitalbazaar/vc (the reference stack), not with credstack.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyCredential } from '../../src/index.js';
import { type RunningServer, startServer } from '../../src/serve/index.js';
import { badgeOf } from './helpers.js';
import { referenceHolder } from './wallet-helpers.js';

let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'credstack-exchange-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent', limits: { ratePerMinute: false } });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const post = async (url: string, body: unknown) => {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};

async function newOffer(extra: object = {}) {
  const issuer = server.issuers.find((i) => i.name === 'eddsa')!.id;
  const created = await post(`${server.url}/offers`, {
    credential: await badgeOf({ controller: issuer } as never),
    ...extra,
  });
  expect(created.status).toBe(201);
  const interaction = await (await fetch(created.body.interactionUrl)).json();
  return { links: created.body, exchange: interaction.protocols.vcapi as string };
}

describe('VC-API exchange (DIDAuthentication), holder = @digitalbazaar/vc', () => {
  it('asks for DIDAuthentication, then issues to the proven DID; the credential verifies', async () => {
    const holder = await referenceHolder();
    const { exchange } = await newOffer({ credentialStatus: { statusPurpose: 'revocation' } });
    const step1 = await post(exchange, {});
    expect(step1.status).toBe(200);
    const request = step1.body.verifiablePresentationRequest;
    expect(request.query[0].type).toBe('DIDAuthentication');
    const vp = await holder.didAuth(request.challenge, request.domain);
    const step2 = await post(exchange, { verifiablePresentation: vp });
    expect(step2.status, JSON.stringify(step2.body)).toBe(200);
    const [credential] = step2.body.verifiablePresentation.verifiableCredential;
    expect(credential.credentialSubject.id).toBe(holder.did);
    expect(credential.credentialStatus.statusListCredential).toBe(`${server.url}/status/eddsa/revocation`);
    const verified = await post(`${server.url}/credentials/verify`, { verifiableCredential: credential });
    expect(verified.status).toBe(200);
    // offline too, with the list the service publishes
    const list = await (await fetch(credential.credentialStatus.statusListCredential)).json();
    const result = await verifyCredential(credential, {
      documents: { [credential.credentialStatus.statusListCredential]: list },
    });
    expect(result.verdict).toBe('verified');
  });

  it('refuses a wrong challenge, another domain, an unsigned presentation, and a replay; nothing is issued twice', async () => {
    const holder = await referenceHolder();
    const { exchange } = await newOffer();
    const { challenge, domain } = (await post(exchange, {})).body.verifiablePresentationRequest;
    for (const vp of [
      await holder.didAuth('another-challenge', domain),
      await holder.didAuth(challenge, 'evil.example'),
      {
        '@context': ['https://www.w3.org/ns/credentials/v2'],
        type: ['VerifiablePresentation'],
        holder: holder.did,
      },
    ]) {
      const refused = await post(exchange, { verifiablePresentation: vp });
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('NOT_VERIFIED');
    }
    const good = await holder.didAuth(challenge, domain);
    expect((await post(exchange, { verifiablePresentation: good })).status).toBe(200);
    const replay = await post(exchange, { verifiablePresentation: good });
    expect(replay.status).toBe(404);
    expect((await post(exchange, {})).status).toBe(404);
  });

  it('an expired or unknown exchange is 404; an offer with a PIN is OpenID4VCI only', async () => {
    expect((await post(`${server.url}/exchanges/00000000-0000-4000-8000-000000000000`, {})).status).toBe(404);
    expect((await post(`${server.url}/exchanges/not-a-uuid`, {})).status).toBe(404);
    const { exchange } = await newOffer({ txCode: true });
    expect((await post(exchange, {})).status).toBe(403);
  });
});
