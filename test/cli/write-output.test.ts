// `--out` as a user points it: at a new file, an existing one, a symlink, a FIFO, a directory.
// A rename would replace a device or a FIFO with a regular file (`--out /dev/null` run as root
// replaced the machine's /dev/null), so those are written in place; keys are owner-only.
import { spawn, spawnSync } from 'node:child_process';
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

describe('--out', { timeout: 120_000 }, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-out-'));
  });

  it('keygen writes the private key with mode 0600, also over an existing 0644 file', () => {
    const fresh = join(dir, 'fresh-key.json');
    const r = runCli(['keygen', '--out', fresh]);
    expect(r.code, r.stderr).toBe(0);
    expect(statSync(fresh).mode & 0o777).toBe(0o600);

    const existing = join(dir, 'existing-key.json');
    writeFileSync(existing, 'old', { mode: 0o644 });
    expect(runCli(['keygen', '--out', existing]).code).toBe(0);
    expect(statSync(existing).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(existing, 'utf8')).privateKeyJwk.d).toBeTypeOf('string');
    // No temp file is left beside it.
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('follows a symlink and writes its target, leaving the link in place', () => {
    const target = join(dir, 'target.json');
    writeFileSync(target, 'old');
    const link = join(dir, 'link.json');
    symlinkSync(target, link);
    expect(runCli(['keygen', '--out', link]).code).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).id).toMatch(/^did:key:/);
    expect(statSync(target).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['a FIFO', false],
    ['a symlink to a FIFO', true],
  ])('writes %s in place instead of replacing it with a regular file', async (_, viaLink) => {
    const fifo = join(dir, `out-${viaLink}.fifo`);
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const out = viaLink ? join(dir, 'fifo-link') : fifo;
    if (viaLink) symlinkSync(fifo, out);
    // A reader on the FIFO, as `--out /dev/stdout | …` or a process substitution would have.
    const reader = spawn('cat', [fifo]);
    let read = '';
    reader.stdout.on('data', (chunk: Buffer) => {
      read += chunk.toString();
    });
    const closed = new Promise<void>((resolve) => reader.on('close', () => resolve()));
    const r = runCli(['keygen', '--out', out]);
    await closed;
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(out).isSymbolicLink()).toBe(viaLink);
    expect(JSON.parse(read).privateKeyJwk.d).toBeTypeOf('string');
  });

  describe('negative', () => {
    it('refuses a directory, a socket and a dangling symlink with ERR_FILE_WRITE, exit 2', () => {
      // The child's stdout is a socket (how Node connects child processes): nothing to open.
      const socket = runCli(['keygen', '--out', '/dev/stdout']);
      expect(socket.code).toBe(2);
      expect(socket.stderr).toContain('it is not a regular file [ERR_FILE_WRITE]');

      const sub = join(dir, 'a-directory');
      mkdirSync(sub);
      const d = runCli(['keygen', '--out', sub]);
      expect(d.code).toBe(2);
      expect(d.stderr).toContain('it is a directory [ERR_FILE_WRITE]');
      expect(statSync(sub).isDirectory()).toBe(true);

      const dangling = join(dir, 'dangling.json');
      symlinkSync(join(dir, 'missing', 'nowhere.json'), dangling);
      const s = runCli(['keygen', '--out', dangling]);
      expect(s.code).toBe(2);
      expect(s.stderr).toContain('symlink to a missing file [ERR_FILE_WRITE]');
      expect(lstatSync(dangling).isSymbolicLink()).toBe(true);
    });
  });
});
