// The revocation/suspension round trip through the CLI, each step a child process as a user
// would run it: status create → issue --status → revoke/suspend/reinstate → status publish →
// verify --documents. Slow (one Node process per step), so each scenario is one test.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKey } from '../../src/keys/index.js';
import { runCli } from '../cli/run-cli.js';

const SLOW = 400_000;
const basic = JSON.parse(
  readFileSync(
    new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

let dir: string;
const at = (name: string) => join(dir, name);

function ok(args: string[]) {
  const r = runCli(args);
  expect(r.code, `${args.join(' ')}\n${r.stdout}${r.stderr}`).toBe(0);
  return r;
}

function verdict(file: string): string {
  const r = runCli(['verify', at(file), '--documents', at('documents.json'), '--json']);
  expect(r.stderr).toBe('');
  const result = JSON.parse(r.stdout);
  expect(r.code).toBe(result.verified ? 0 : 1);
  return result.verdict;
}

function unsigned(name: string, id: string) {
  const { issuer: _issuer, ...rest } = basic; // the CLI sets the key's controller
  writeFileSync(at(name), JSON.stringify({ ...rest, id }));
}

function jwtPayload(file: string) {
  return JSON.parse(
    Buffer.from(readFileSync(at(file), 'utf8').trim().split('.')[1]!, 'base64url').toString(),
  );
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-status-cli-'));
  writeFileSync(at('key.json'), JSON.stringify(await generateKey({ algorithm: 'Ed25519' })));
  unsigned('a.json', 'urn:uuid:7a3c0d2e-0000-4000-8000-00000000000a');
  unsigned('b.json', 'urn:uuid:7a3c0d2e-0000-4000-8000-00000000000b');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('credstack status: CLI round trip', () => {
  it(
    'revocation: a revoked credential (DI or JWT) verifies as revoked, the others stay verified',
    () => {
      const url = 'https://school.example/status/revocation/1';
      ok(['status', 'create', '--key', at('key.json'), '--url', url, '--out', at('rev.sqlite')]);
      const di = ok([
        'issue',
        '--key',
        at('key.json'),
        '--in',
        at('a.json'),
        '--status',
        at('rev.sqlite'),
        '--out',
        at('rev-a.json'),
      ]);
      expect(di.stderr).toMatch(/revocation status: \S+ index \d+/);
      ok([
        'issue',
        '--key',
        at('key.json'),
        '--in',
        at('b.json'),
        '--format',
        'vc-jwt',
        '--status',
        at('rev.sqlite'),
        '--out',
        at('rev-b.jwt'),
      ]);
      const a = JSON.parse(readFileSync(at('rev-a.json'), 'utf8'));
      const b = jwtPayload('rev-b.jwt');
      expect(a.credentialStatus).toMatchObject({
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListCredential: url,
      });
      expect(b.credentialStatus).toMatchObject({
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListCredential: url,
      });
      expect(a.credentialStatus.statusListIndex).not.toBe(b.credentialStatus.statusListIndex);

      const revoked = ok(['status', 'revoke', at('rev.sqlite'), '--credential', at('rev-a.json'), '--json']);
      expect(JSON.parse(revoked.stdout)).toEqual({
        action: 'revoke',
        credentialId: a.id,
        listUrl: url,
        index: Number(a.credentialStatus.statusListIndex),
        set: true,
      });
      ok([
        'status',
        'publish',
        at('rev.sqlite'),
        '--key',
        at('key.json'),
        '--out',
        at('rev-list.json'),
        '--documents-map',
        at('documents.json'),
      ]);
      expect(JSON.parse(readFileSync(at('documents.json'), 'utf8'))).toEqual({ [url]: 'rev-list.json' });
      expect(verdict('rev-a.json')).toBe('revoked');
      expect(verdict('rev-b.jwt')).toBe('verified');

      // The JWT is identified from the JWT file itself.
      ok(['status', 'revoke', at('rev.sqlite'), '--credential', at('rev-b.jwt')]);
      ok(['status', 'publish', at('rev.sqlite'), '--key', at('key.json'), '--out', at('rev-list.json')]);
      expect(verdict('rev-b.jwt')).toBe('revoked');
    },
    SLOW,
  );

  it(
    'suspension: suspended (DI and JWT) → suspended; reinstated → verified',
    () => {
      const url = 'https://school.example/status/suspension/1';
      ok([
        'status',
        'create',
        '--key',
        at('key.json'),
        '--url',
        url,
        '--purpose',
        'suspension',
        '--out',
        at('sus.sqlite'),
      ]);
      ok([
        'issue',
        '--key',
        at('key.json'),
        '--in',
        at('a.json'),
        '--status',
        at('sus.sqlite'),
        '--out',
        at('sus-a.json'),
      ]);
      ok([
        'issue',
        '--key',
        at('key.json'),
        '--in',
        at('b.json'),
        '--format',
        'vc-jwt',
        '--status',
        at('sus.sqlite'),
        '--out',
        at('sus-b.jwt'),
      ]);
      const bIndex = jwtPayload('sus-b.jwt').credentialStatus.statusListIndex;

      ok(['status', 'suspend', at('sus.sqlite'), '--credential', at('sus-a.json')]);
      const byIndex = ok(['status', 'suspend', at('sus.sqlite'), '--index', bIndex]);
      expect(byIndex.stdout).toContain(`index ${bIndex}`);
      const docs = JSON.stringify({ [url]: 'sus-list.json' });
      writeFileSync(at('documents.json'), docs);
      ok(['status', 'publish', at('sus.sqlite'), '--key', at('key.json'), '--out', at('sus-list.json')]);
      expect(verdict('sus-a.json')).toBe('suspended');
      expect(verdict('sus-b.jwt')).toBe('suspended');

      ok(['status', 'reinstate', at('sus.sqlite'), '--id', 'urn:uuid:7a3c0d2e-0000-4000-8000-00000000000a']);
      ok(['status', 'reinstate', at('sus.sqlite'), '--credential', at('sus-b.jwt')]);
      ok(['status', 'publish', at('sus.sqlite'), '--key', at('key.json'), '--out', at('sus-list.json')]);
      expect(verdict('sus-a.json')).toBe('verified');
      expect(verdict('sus-b.jwt')).toBe('verified');

      const show = ok(['status', 'show', at('sus.sqlite'), '--json']);
      expect(JSON.parse(show.stdout)).toMatchObject({
        purpose: 'suspension',
        lists: [{ url, size: 131072, allocated: 2, set: 0 }],
      });
    },
    SLOW,
  );

  it(
    'refuses misuse with exit 2 and a one-line coded message',
    () => {
      ok([
        'status',
        'create',
        '--key',
        at('key.json'),
        '--url',
        'https://school.example/s/1',
        '--purpose',
        'suspension',
        '--out',
        at('misuse.sqlite'),
      ]);
      // Never overwrites a store.
      const again = runCli([
        'status',
        'create',
        '--key',
        at('key.json'),
        '--url',
        'https://school.example/s/1',
        '--out',
        at('misuse.sqlite'),
      ]);
      expect(again.code).toBe(2);
      expect(again.stderr).toContain('ERR_STATUS_STORE');
      // Revoking on a suspension store.
      const wrongPurpose = runCli(['status', 'revoke', at('misuse.sqlite'), '--index', '5']);
      expect(wrongPurpose.code).toBe(2);
      expect(wrongPurpose.stderr).toMatch(/revocation store.*\[ERR_INVALID_INPUT\]/);
      expect(wrongPurpose.stderr).not.toMatch(/\n\s+at /);
      // An index that was never allocated.
      const free = runCli(['status', 'suspend', at('misuse.sqlite'), '--index', '5']);
      expect(free.code).toBe(2);
      expect(free.stderr).toContain('ERR_STATUS_INDEX');
      // A credential without id cannot get a slot.
      const { id: _id, ...noId } = JSON.parse(readFileSync(at('a.json'), 'utf8'));
      writeFileSync(at('no-id.json'), JSON.stringify(noId));
      const issue = runCli([
        'issue',
        '--key',
        at('key.json'),
        '--in',
        at('no-id.json'),
        '--status',
        at('misuse.sqlite'),
      ]);
      expect(issue.code).toBe(2);
      expect(issue.stderr).toMatch(/needs an id.*\[ERR_INVALID_INPUT\]/);
    },
    SLOW,
  );
});
