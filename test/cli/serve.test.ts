import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_BUNDLE } from '../global-setup.js';
import { runCli } from './run-cli.js';

const source = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'credstack-cli-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credstack serve', () => {
  it('prints its base URL once listening, serves, and stops cleanly on SIGTERM', async () => {
    const argv = existsSync(CLI_BUNDLE) ? [CLI_BUNDLE] : ['--import', 'tsx', source];
    const child = spawn(
      process.execPath,
      [...argv, 'serve', '--port', '0', '--data-dir', join(dir, 'data')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    const url: string = await new Promise((done, fail) => {
      let out = '';
      child.stdout.on('data', (chunk) => {
        out += chunk;
        if (out.includes('\n')) done(out.split('\n')[0]!);
      });
      child.once('exit', (code) => fail(new Error(`exited ${code}: ${stderr}`)));
    });
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const issuers = await (await fetch(`${url}/issuers`)).json();
    expect(issuers[0].endpoint).toBe(`${url}/eddsa/credentials/issue`);
    expect(stderr).toContain('issuer eddsa: eddsa-rdfc-2022 did:key:z6Mk');
    const exit = new Promise<number | null>((done) => child.once('exit', done));
    child.kill('SIGTERM');
    expect(await exit).toBe(0);
  }, 60_000);

  it('usage errors exit 2 with one line', () => {
    const mismatched = runCli(['serve', '--tls-cert', 'cert.pem']);
    expect(mismatched.code).toBe(2);
    expect(mismatched.stderr).toMatch(/--tls-cert and --tls-key go together/);
    const port = runCli(['serve', '--port', 'http']);
    expect(port.code).toBe(2);
    const config = runCli(['serve', '--config', join(dir, 'missing.json')]);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/missing\.json/);
  }, 60_000);
});
