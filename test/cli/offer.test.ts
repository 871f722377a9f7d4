import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/index.js';
import { type RunningServer, startServer } from '../../src/serve/index.js';
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
});
