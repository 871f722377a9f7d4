// Direct delivery: the interaction URL opened in a browser is a page with the wallets' links,
// the QR code and downloads of the signed badge, as JSON and baked into its image.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey, unbake, verifyCredential } from '../../src/index.js';
import { type RunningServer, startServer } from '../../src/serve/index.js';
import { badgeImage } from '../../src/serve/delivery/page.js';
import { badgeOf } from './helpers.js';
import { walletFor } from './wallet-helpers.js';

let server: RunningServer;
let dataDir: string;
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'credstack-direct-'));
  server = await startServer({ port: 0, dataDir, logLevel: 'silent', limits: { ratePerMinute: false } });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const BROWSER = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
async function offer(extra: object = {}, issuer = 'eddsa') {
  const controller = server.issuers.find((i) => i.name === issuer)!.id;
  const response = await fetch(`${server.url}/offers`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credential: await badgeOf({ controller } as never), issuer, ...extra }),
  });
  expect(response.status).toBe(201);
  return (await response.json()) as {
    id: string;
    interactionUrl: string;
    credentialOfferUri: string;
    txCode?: string;
  };
}
const download = (id: string, form: Record<string, string>) =>
  fetch(`${server.url}/offers/${id}/download`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form),
  });

describe('the offer page (direct delivery)', () => {
  it('a browser gets a page with the QR code, both wallet links and the download buttons; nothing is consumed', async () => {
    const links = await offer();
    const response = await fetch(links.interactionUrl, { headers: BROWSER });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await response.text();
    expect(html).toContain('<h1>Forklift Safety</h1>');
    expect(html).toContain('Offered by Example School');
    expect(html).toContain('<svg class="qr"');
    expect(html).toContain(links.credentialOfferUri.replaceAll('&', '&amp;'));
    expect(html).toContain('lcw.app/request.html');
    expect(html).toContain(`action="${server.url}/offers/${links.id}/download"`);
    // Mail scanners open every link: the page changes nothing, a wallet still gets the credential.
    await fetch(links.interactionUrl, { headers: BROWSER });
    const interaction = await fetch(links.interactionUrl);
    expect((await interaction.json()).protocols.OID4VCI).toBe(links.credentialOfferUri);
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const { response: received } = await walletFor(holder).receive(links.credentialOfferUri, {
      configuration: 'OpenBadgeCredential_ldp_vc',
    });
    expect(received.credentialResponse.credentials).toHaveLength(1);
    // received into a wallet: the page says so
    expect((await fetch(links.interactionUrl, { headers: BROWSER })).status).toBe(404);
  });

  it('downloads the signed JSON and the baked PNG, both the same credential, as often as wanted; wallets then get nothing', async () => {
    const png = await QRCode.toBuffer('badge', { type: 'png' });
    const links = await offer({
      image: `data:image/png;base64,${png.toString('base64')}`,
      credentialStatus: { statusPurpose: 'revocation' },
    });
    const json = await download(links.id, { format: 'json' });
    expect(json.status).toBe(200);
    expect(json.headers.get('content-disposition')).toBe('attachment; filename="badge.json"');
    const credential = await json.json();
    expect(credential.credentialSubject.id).toBe('did:example:learner');
    expect(credential.credentialStatus.statusPurpose).toBe('revocation');
    // verified by the service, which reads its own status list
    const verified = await fetch(`${server.url}/credentials/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ verifiableCredential: credential }),
    });
    expect(verified.status).toBe(200);
    expect((await verified.json()).verified).toBe(true);
    const image = await download(links.id, { format: 'image' });
    expect(image.headers.get('content-type')).toBe('image/png');
    const baked = unbake(new Uint8Array(await image.arrayBuffer()));
    expect(baked.format === 'json' && baked.credential).toEqual(credential);
    // again: the same credential, not a second one (no second status slot)
    expect(await (await download(links.id, { format: 'json' })).json()).toEqual(credential);
    // the wallets' protocols are closed
    expect((await fetch(links.interactionUrl)).status).toBe(404);
    expect((await fetch(`${server.url}/oid4vci/offers/${links.id}`)).status).toBe(404);
    const page = await (await fetch(links.interactionUrl, { headers: BROWSER })).text();
    expect(page).toContain('You downloaded this badge already');
    expect(page).not.toContain('<svg class="qr"');
  });

  it('without an image, bakes a drawn SVG; an issuer key with both formats delivers Data Integrity', async () => {
    const links = await offer();
    const image = await download(links.id, { format: 'image' });
    expect(image.headers.get('content-type')).toBe('image/svg+xml');
    const svg = await image.text();
    expect(svg).toContain('Forklift Safety');
    const baked = unbake(svg);
    expect(baked.format).toBe('json');
    expect((await verifyCredential(baked.format === 'json' ? baked.credential : {})).verdict).toBe(
      'verified',
    );
    // offered through the VC-JWT instance: the same key's ecdsa-rdfc-2019 instance signs the file
    const jwtOffer = await offer({}, 'jwt');
    const file = await (await download(jwtOffer.id, { format: 'json' })).json();
    expect(file.proof.cryptosuite).toBe('ecdsa-rdfc-2019');
    expect((await verifyCredential(file)).verdict).toBe('verified');
  });

  it('an offer with a transaction code asks for it on every download', async () => {
    const links = await offer({ txCode: true });
    const page = await (await fetch(links.interactionUrl, { headers: BROWSER })).text();
    expect(page).toContain('name="txCode"');
    expect((await download(links.id, { format: 'json' })).status).toBe(403);
    expect((await download(links.id, { format: 'json', txCode: '000000x' })).status).toBe(403);
    const ok = await download(links.id, { format: 'json', txCode: links.txCode! });
    expect(ok.status).toBe(200);
    expect((await download(links.id, { format: 'image' })).status).toBe(403);
    expect((await download(links.id, { format: 'image', txCode: links.txCode! })).status).toBe(200);
  });

  it('refuses unknown, malformed and expired offers with problem details', async () => {
    const unknown = await download(crypto.randomUUID(), { format: 'json' });
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await download('not-an-id', { format: 'json' })).status).toBe(404);
    const links = await offer();
    expect((await download(links.id, { format: 'pdf' })).status).toBe(400);
    const missing = await fetch(`${server.url}/interactions/${crypto.randomUUID()}?iuv=1`, {
      headers: BROWSER,
    });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('This offer is not available');
  });

  it('a credential image that does not decode falls back to the drawn badge, never an error', () => {
    const credential = {
      credentialSubject: {
        achievement: { name: 'Welding <1>', image: { id: 'data:image/svg+xml,%E0%A4%A' } },
      },
    };
    const image = badgeImage({ credential } as never);
    expect(image.type).toBe('svg');
    expect(image.bytes).toContain('Welding &lt;1&gt;');
  });
});
