import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import QRCode from 'qrcode';
import { generateKey, matchesRecipient, unbake } from '../../src/index.js';
import { createOffer, type RunningServer, startServer } from '../../src/serve/index.js';
import { CLI_BUNDLE } from '../global-setup.js';
import { badgeOf } from '../serve/helpers.js';
import { walletFor } from '../serve/wallet-helpers.js';

const source = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'credstack-cli-offer-'));
let server: RunningServer;

// The service runs in this process, so the CLI must not block it (no spawnSync).
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const argv = existsSync(CLI_BUNDLE) ? [CLI_BUNDLE] : ['--import', 'tsx', source];
  return new Promise((done) => {
    const child = spawn(process.execPath, [...argv, ...args], {
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += c;
    });
    child.stderr.on('data', (c) => {
      stderr += c;
    });
    child.on('exit', (code) => done({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  server = await startServer({
    port: 0,
    dataDir: join(dir, 'data'),
    logLevel: 'silent',
    auth: { apiKeys: ['k-1'] },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('credstack offer', () => {
  it('--json prints the stable contract, --qr writes a PNG, and a wallet redeems the offer', async () => {
    const badge = join(dir, 'badge.json');
    writeFileSync(badge, JSON.stringify(await badgeOf({ controller: server.issuers[0]!.id } as never)));
    const qr = join(dir, 'offer.png');
    const run = await cli([
      'offer',
      '--server',
      server.url,
      '--credential',
      badge,
      '--api-key',
      'k-1',
      '--tx-code',
      '--qr',
      qr,
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(Object.keys(out).sort()).toEqual([
      'credentialOfferUri',
      'expiresAt',
      'interactionUrl',
      'lcwDeepLink',
      'qrPng',
      'txCode',
    ]);
    expect(out.qrPng).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    expect(readFileSync(qr).subarray(1, 4).toString()).toBe('PNG');
    const holder = await generateKey({ algorithm: 'Ed25519' });
    const { response } = await walletFor(holder).receive(out.credentialOfferUri, {
      configuration: 'OpenBadgeCredential_ldp_vc',
      txCode: out.txCode,
    });
    expect(JSON.stringify(response.credentialResponse)).toContain(holder.controller);
  }, 60_000);

  it('without the API key the service refuses and the CLI exits 2 with its problem', async () => {
    const badge = join(dir, 'badge2.json');
    writeFileSync(badge, JSON.stringify(await badgeOf({ controller: server.issuers[0]!.id } as never)));
    const run = await cli(['offer', '--server', server.url, '--credential', badge]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/401 UNAUTHORIZED/);
  }, 60_000);

  it('--email hashes the address into the subject and prints a mailto: link; --image is baked on the offer page', async () => {
    const badge = join(dir, 'badge3.json');
    writeFileSync(badge, JSON.stringify(await badgeOf({ controller: server.issuers[0]!.id } as never)));
    const image = join(dir, 'badge.png');
    writeFileSync(image, await QRCode.toBuffer('a badge', { type: 'png' }));
    const run = await cli([
      'offer',
      '--server',
      server.url,
      '--credential',
      badge,
      '--api-key',
      'k-1',
      '--image',
      image,
      '--email',
      'Ana.Lima@Example.org',
      '--json',
    ]);
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    const mail = new URL(out.emailLink);
    expect(mail.protocol).toBe('mailto:');
    expect(decodeURIComponent(mail.pathname)).toBe('Ana.Lima@Example.org');
    expect(mail.searchParams.get('subject')).toBe('Your Forklift Safety');
    expect(mail.searchParams.get('body')).toContain(out.interactionUrl);
    // the learner opens the link and downloads the image: the credential inside names them
    const id = new URL(out.interactionUrl).pathname.split('/').pop()!;
    const png = await fetch(`${server.url}/offers/${id}/download`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ format: 'image' }),
    });
    expect(png.headers.get('content-type')).toBe('image/png');
    const baked = unbake(new Uint8Array(await png.arrayBuffer()));
    if (baked.format !== 'json') throw new Error('expected a JSON credential');
    expect(JSON.stringify(baked.credential)).not.toContain('ana.lima');
    expect((await matchesRecipient(baked.credential, { email: 'ana.lima@example.org' })).matched).toBe(true);
    const wrongImage = await cli(['offer', '--server', server.url, '--credential', badge, '--image', badge]);
    expect(wrongImage.code).toBe(2);
    expect(wrongImage.stderr).toContain('--image must be a .png or .svg file');
  }, 60_000);
});

describe('createOffer', () => {
  it('says why with a code: bad options, a refusal (with its status), a service that does not answer', async () => {
    const credential = await badgeOf({ controller: server.issuers[0]!.id } as never);
    const codeOf = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: { code: string; details?: unknown }) => ({ code: e.code, details: e.details }),
      );
    expect(
      await codeOf(createOffer({ server: server.url, credential, email: 'not-an-address' })),
    ).toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    expect(await codeOf(createOffer({ server: 'ftp://x.example', credential }))).toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    // hostile values are described, never stringified (an object whose toString is not a function)
    const hostile = JSON.parse('{"toString": 1}');
    for (const bad of [{ email: hostile }, { server: hostile }, { timeout: 0 }, { timeout: hostile }]) {
      expect(await codeOf(createOffer({ server: server.url, credential, ...(bad as object) }))).toMatchObject(
        {
          code: 'ERR_INVALID_INPUT',
        },
      );
    }
    expect(await codeOf(createOffer({ server: server.url, credential }))).toEqual({
      code: 'ERR_SERVICE_REFUSED',
      details: { status: 401, code: 'UNAUTHORIZED' },
    });
    expect(await codeOf(createOffer({ server: 'http://127.0.0.1:9', credential }))).toMatchObject({
      code: 'ERR_FETCH_FAILED',
    });
    const made = await createOffer({
      server: server.url,
      credential,
      apiKey: 'k-1',
      email: 'ana@example.org',
    });
    expect(made.interactionUrl).toMatch(/\/interactions\//);
    expect(made.emailLink).toMatch(/^mailto:ana%40example.org\?subject=/);
  });
});
