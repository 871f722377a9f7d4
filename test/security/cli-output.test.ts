// CLI output (issue "Verified means authentic", finding 12), run as a user runs `credstack`:
// - names and messages were printed raw, so a badge whose name holds CR / ESC sequences redrew
//   the NOT VERIFIED report as a clean VERIFIED one in a terminal;
// - `credstack verify … --json | head -1` died with an EPIPE stack trace and exit 1;
// - `credstack verify` exited 1, not the documented 2, for bad JSON or a corrupt image.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bake, generateKey, issueCredential } from '../../src/index.js';
import { samplePng } from '../bake/fixtures.js';
import { runCli } from '../cli/run-cli.js';
import { CLI_BUNDLE } from '../global-setup.js';

/** What a terminal acts on: C0 but newline, DEL, C1, and the bidi embedding/override/isolate controls. */
const RAW_CONTROL = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

// A name that, printed raw, returns the cursor, erases the line, sets the window title, and
// writes a fake verdict in its place; plus a C1 CSI and a right-to-left override.
const SPOOF =
  '\r\x1b[2KVERIFIED "Registered Nurse" (data-integrity)\x1b]0;credstack: VERIFIED\x07\u009b2K\u202edetsurt\x7f';

let dir: string;
const path = (name: string) => join(dir, name);

function badge(name: string, issuer: string, subject = 'did:example:learner'): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:2f7f1c0e-2c59-4a44-9c8f-7d7b0e0f4d11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: `Nursing Board${SPOOF}` },
    validFrom: '2025-01-01T00:00:00Z',
    name,
    credentialSubject: {
      id: subject,
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://nursing.example/achievements/rn',
        type: ['Achievement'],
        name,
        description: 'Licensed.',
        criteria: { narrative: 'Passed the board exam.' },
      },
    },
  };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-cli-output-'));
  const key = await generateKey();
  writeFileSync(
    path('spoof.json'),
    JSON.stringify(badge(`Fake${SPOOF}`, key.controller, `did:example:learner${SPOOF}`)),
  );
  const signed = await issueCredential(badge('Registered Nurse', key.controller), {
    key,
    created: '2025-06-01T00:00:00Z',
  });
  writeFileSync(path('signed.json'), JSON.stringify(signed));
  // Big enough (~300 KB of --json output) that the output cannot sit in a pipe buffer.
  const big = await issueCredential(
    { ...badge('Registered Nurse', key.controller), description: 'x'.repeat(300_000) },
    { key, created: '2025-06-01T00:00:00Z' },
  );
  writeFileSync(path('big.json'), JSON.stringify(big));
  writeFileSync(path('bad.json'), '{"@context": ["https://www.w3.org/ns/credentials/v2"], "name": ');
  const baked = bake(samplePng(), signed);
  const corrupt = baked.slice();
  corrupt[40] = corrupt[40]! ^ 0xff; // inside IHDR: its CRC no longer matches
  writeFileSync(path('corrupt.png'), corrupt);
  writeFileSync(path('truncated.png'), baked.slice(0, 60));
  writeFileSync(path('plain.png'), samplePng());
  writeFileSync(path('registry.json'), JSON.stringify([`did:web:x${SPOOF}`]));
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function expectNoRawControls(output: string) {
  const found = RAW_CONTROL.exec(output);
  expect(found, `raw U+${found?.[0].codePointAt(0)?.toString(16)} at ${found?.index}`).toBeNull();
}

describe('control characters in what the CLI prints', { timeout: 120_000 }, () => {
  it('verify: the spoofed name is shown escaped and the failing verdict stays visible', () => {
    const r = runCli(['verify', path('spoof.json')]);
    expect(r.code).toBe(1);
    expectNoRawControls(r.stdout);
    expectNoRawControls(r.stderr);
    const [first] = r.stdout.split('\n');
    expect(first).toMatch(/^INVALID "Fake\\u000d\\u001b\[2KVERIFIED /);
    expect(first).toContain('\\u001b]0;credstack: VERIFIED\\u0007\\u009b2K\\u202edetsurt\\u007f"');
    expect(r.stdout).toMatch(/\[FAIL\] proof\s+The credential has no proof/);
    expect(r.stdout).toContain('which calls itself "Nursing Board\\u000d\\u001b[2K');
  });

  it('verify --json: C1, DEL and bidi controls are JSON escapes; the JSON parses to the same values', () => {
    const r = runCli(['verify', path('spoof.json'), '--json']);
    expect(r.code).toBe(1);
    expectNoRawControls(r.stdout);
    const result = JSON.parse(r.stdout);
    expect(result.verified).toBe(false);
    expect(result.credential.name).toBe(`Fake${SPOOF}`);
  });

  it('validate, unbake, a trust registry, usage and error messages print no raw controls either', () => {
    for (const args of [
      ['validate', path('spoof.json')],
      ['unbake', path('spoof.json')],
      ['verify', path('signed.json'), '--trust', path('registry.json')],
      ['verify', `${path('missing')}${SPOOF}.json`],
      ['frobnicate', SPOOF],
    ]) {
      const r = runCli(args);
      expectNoRawControls(r.stdout);
      expectNoRawControls(r.stderr);
    }
  });
});

describe('a pipe closed early', { timeout: 120_000 }, () => {
  /** Runs the CLI with its stdout pipe closed by the reader before the CLI writes anything. */
  function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
    const source = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
    const argv = existsSync(CLI_BUNDLE) ? [CLI_BUNDLE, ...args] : ['--import', 'tsx', source, ...args];
    const child = spawn(process.execPath, argv, { env: { ...process.env, NODE_NO_WARNINGS: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  }

  it('verify --json into a closed pipe: no EPIPE stack trace, the command’s own exit code', async () => {
    const verified = await runWithClosedStdout(['verify', path('big.json'), '--json']);
    expect(verified.stderr).toBe('');
    expect(verified.code).toBe(0);
    const refused = await runWithClosedStdout(['verify', path('spoof.json'), '--json']);
    expect(refused.stderr).toBe('');
    expect(refused.code).toBe(1);
  });

  it('credstack verify … --json | head -1 (a shell pipeline)', () => {
    const r = runCli(['verify', path('big.json'), '--json']);
    expect(r.code).toBe(0);
    const head = spawnShell(
      `"${process.execPath}" ${cliArgs(['verify', path('big.json'), '--json'])} | head -1`,
    );
    expect(head.stdout).toBe('{\n');
    expect(head.stderr).toBe('');
    expect(head.status).toBe('0');
  });
});

describe('verify exit codes for unusable input', { timeout: 120_000 }, () => {
  it('bad JSON and a corrupt or truncated PNG exit 2 with one coded line on stderr', () => {
    for (const [file, code] of [
      ['bad.json', 'ERR_JSON_PARSE'],
      ['corrupt.png', 'ERR_IMAGE_INVALID'],
      ['truncated.png', 'ERR_IMAGE_INVALID'],
    ]) {
      const r = runCli(['verify', path(file!)]);
      expect(r.code, `${file}: ${r.stdout}${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^credstack: .*${file}.*\\[${code}\\]\\n$`));
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(runCli(['verify', path(file!), '--json']).code).toBe(2);
    }
  });

  it('an image without a credential is an answer: exit 1, with the report', () => {
    const r = runCli(['verify', path('plain.png')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^INVALID/);
    expect(r.stdout).toContain('[FAIL] parse');
  });

  it('a readable, verified credential still exits 0', () => {
    expect(runCli(['verify', path('signed.json')]).code).toBe(0);
    expect(readFileSync(path('signed.json'), 'utf8')).toContain('Registered Nurse');
  });
});

function cliArgs(args: string[]): string {
  const source = fileURLToPath(new URL('../../src/cli/bin.ts', import.meta.url));
  const argv = existsSync(CLI_BUNDLE) ? [CLI_BUNDLE, ...args] : ['--import', 'tsx', source, ...args];
  return argv.map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
}

/** Runs a bash pipeline; `status` is the exit code of its first command. */
function spawnShell(pipeline: string): { stdout: string; stderr: string; status: string } {
  const r = spawnSync('bash', ['-c', `${pipeline}; echo "\${PIPESTATUS[0]}" >&3`], {
    encoding: 'utf8',
    env: { ...process.env, NODE_NO_WARNINGS: '1' },
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  return { stdout: r.stdout, stderr: r.stderr, status: (r.output[3] ?? '').trim() };
}
