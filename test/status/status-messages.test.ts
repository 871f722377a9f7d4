// Bitstring Status List v1.0 beyond one bit: statusSize > 1 with statusMessage and
// statusReference (purpose `message`), `refresh`, `ttl` on the list, and the ETag publish gives.
// End to end: store → issueCredential → publishStatusList → verifyCredential / checkStatusEntry.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { checkStatusEntry, createStatusEntry, decodeList, getBit } from '../../src/status/index.js';
import { createMemoryStatusStore, publishStatusList } from '../../src/status/store/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { runCli } from '../cli/run-cli.js';

const URL1 = 'https://school.example/messages/1';
const basic = JSON.parse(
  readFileSync(
    new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url),
    'utf8',
  ),
) as Record<string, any>;
const badge = (issuer: string, id: string): Record<string, any> => ({
  ...structuredClone(basic),
  id,
  issuer: { ...basic.issuer, id: issuer },
});
const MESSAGES = [
  { status: '0x0', message: 'valid' },
  { status: '0x1', message: 'under review' },
  { status: '0x2', message: 'withdrawn by the learner' },
  { status: '0x3', message: 'superseded' },
];

let key: KeyFile;
beforeAll(async () => {
  key = await generateKey({ algorithm: 'Ed25519' });
});

describe('statusSize > 1 with statusMessage (purpose message)', () => {
  it('issues the entry, publishes 2-bit values, and the verifier reads the message', async () => {
    const store = createMemoryStatusStore({
      url: URL1,
      purpose: 'message',
      issuer: key.controller,
      statusSize: 2,
      statusMessages: MESSAGES,
      statusReference: 'https://school.example/status-codes',
      ttl: 300_000,
    });
    const a = await issueCredential(badge(key.controller, 'urn:uuid:m-a'), { key, statusList: store });
    const b = await issueCredential(badge(key.controller, 'urn:uuid:m-b'), { key, statusList: store });
    expect(a.credentialStatus).toMatchObject({
      type: 'BitstringStatusListEntry',
      statusPurpose: 'message',
      statusSize: 2,
      statusMessage: MESSAGES,
      statusReference: 'https://school.example/status-codes',
    });
    await store.set('urn:uuid:m-a', 2);
    await expect(store.set('urn:uuid:m-b', 4)).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    expect(await store.read('urn:uuid:m-a')).toBe(2);

    const [list] = await publishStatusList(store, { key });
    const subject = (list!.credential as any).credentialSubject;
    expect(subject.ttl).toBe(300_000);
    // Entry i holds bits 2i and 2i+1, most significant first: value 2 = 0b10.
    const bits = decodeList(subject.encodedList);
    expect(bits.length * 8).toBe(131072 * 2);
    const index = Number((a.credentialStatus as any).statusListIndex);
    expect([getBit(bits, index * 2), getBit(bits, index * 2 + 1)]).toEqual([true, false]);

    const read = checkStatusEntry(a.credentialStatus, list!.credential);
    expect(read).toMatchObject({
      status: 'ok',
      code: 'STATUS_MESSAGE',
      value: 2,
      statusMessage: 'withdrawn by the learner',
    });
    expect(checkStatusEntry(b.credentialStatus, list!.credential)).toMatchObject({
      value: 0,
      statusMessage: 'valid',
    });

    // A message is information, not a verdict: the credential still verifies, and says it.
    const r = await verifyCredential(a, { documents: { [URL1]: list!.credential } });
    expect(r.verdict, JSON.stringify(r.checks)).toBe('verified');
    const check = r.checks.find((c) => c.id === 'status');
    expect(check).toMatchObject({ status: 'passed', code: 'STATUS_MESSAGE' });
    expect(check!.message).toContain('withdrawn by the learner');
  });

  it('refuses inconsistent settings and entries with typed errors', () => {
    expect(() => createMemoryStatusStore({ url: URL1, statusSize: 2, statusMessages: MESSAGES })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }), // revocation has one bit
    );
    expect(() =>
      createMemoryStatusStore({
        url: URL1,
        purpose: 'message',
        statusSize: 2,
        statusMessages: MESSAGES.slice(0, 3),
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() =>
      createMemoryStatusStore({
        url: URL1,
        purpose: 'message',
        statusSize: 2,
        statusMessages: [...MESSAGES.slice(0, 3), { status: '0x7', message: 'x' }],
      }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => createMemoryStatusStore({ url: URL1, purpose: 'message', statusSize: 9 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });

  it('the verifier refuses what it cannot read: no statusMessage, a short list, one-bit revocation read wider', async () => {
    const store = createMemoryStatusStore({
      url: URL1,
      purpose: 'message',
      issuer: key.controller,
      statusSize: 2,
      statusMessages: MESSAGES,
    });
    const slot = await store.allocate('urn:x');
    const [list] = await store.listCredentials();
    const { statusMessage: _m, ...noMessages } = slot.entry;
    expect(checkStatusEntry(noMessages, list)).toMatchObject({
      status: 'error',
      code: 'STATUS_ENTRY_INVALID',
    });
    expect(checkStatusEntry({ ...slot.entry, statusMessage: MESSAGES.slice(1) }, list)).toMatchObject({
      code: 'STATUS_ENTRY_INVALID',
    });
    // The last entry of a 2-bit list read as a 4-bit entry runs past the end.
    const four = {
      ...slot.entry,
      statusSize: 4,
      statusListIndex: String(131072 / 2),
      statusMessage: Array.from({ length: 16 }, (_, i) => ({
        status: `0x${i.toString(16)}`,
        message: `m${i}`,
      })),
    };
    expect(checkStatusEntry(four, list)).toMatchObject({ code: 'STATUS_INDEX_OUT_OF_RANGE' });
    // Existing lists keep their behaviour: a revocation entry with statusSize 2 is not guessed at.
    const revocation = {
      ...createStatusEntry({ listCredential: URL1, index: 1, purpose: 'revocation' }),
      statusSize: 2,
    };
    expect(checkStatusEntry(revocation, list)).toMatchObject({ code: 'STATUS_SIZE_UNSUPPORTED' });
  });
});

describe('refresh purpose and publishing', () => {
  it('a set refresh bit says a newer copy exists, and the credential still verifies', async () => {
    const store = createMemoryStatusStore({ url: URL1, purpose: 'refresh', issuer: key.controller });
    const c = await issueCredential(badge(key.controller, 'urn:uuid:r'), { key, statusList: store });
    await store.set('urn:uuid:r', true);
    const [list] = await publishStatusList(store, { key });
    expect(checkStatusEntry(c.credentialStatus, list!.credential)).toMatchObject({
      status: 'ok',
      code: 'STATUS_REFRESH',
      value: 1,
    });
    expect((await verifyCredential(c, { documents: { [URL1]: list!.credential } })).verdict).toBe('verified');
  });

  it('publish returns the body to serve, its content type and a strong ETag of it', async () => {
    const store = createMemoryStatusStore({ url: URL1, issuer: key.controller });
    await store.allocate('urn:e');
    const [di] = await publishStatusList(store, { key, validFrom: '2026-01-01T00:00:00Z' });
    expect(di!.contentType).toBe('application/vc');
    expect(JSON.parse(di!.body)).toEqual(di!.credential);
    const digest = createHash('sha256').update(di!.body).digest('base64url');
    expect(di!.etag).toBe(`"${digest}"`);
    const [jwt] = await publishStatusList(store, { key, format: 'vc-jwt' });
    expect(jwt!.contentType).toBe('application/vc+jwt');
    expect(jwt!.body).toBe(jwt!.credential);
    // A change to the list is a new ETag.
    await store.revoke('urn:e');
    const [after] = await publishStatusList(store, { key, validFrom: '2026-01-01T00:00:00Z' });
    expect(after!.etag).not.toBe(di!.etag);
  });
});

describe('credstack status with status messages', () => {
  it('create --purpose message --status-size 2, issue, set --value, show and publish with an ETag', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'credstack-messages-'));
    const at = (f: string) => join(dir, f);
    const ok = (args: string[]) => {
      const r = runCli(args);
      expect(r.code, `${args.join(' ')}\n${r.stderr}`).toBe(0);
      return r;
    };
    try {
      writeFileSync(at('key.json'), JSON.stringify(key));
      const { issuer: _i, ...rest } = basic;
      writeFileSync(at('a.json'), JSON.stringify({ ...rest, id: 'urn:uuid:cli-m' }));
      const messages = MESSAGES.flatMap((m) => ['--status-message', m.message]);
      ok([
        'status',
        'create',
        '--key',
        at('key.json'),
        '--url',
        URL1,
        '--purpose',
        'message',
        '--status-size',
        '2',
        ...messages,
        '--ttl',
        '60000',
        '--out',
        at('m.sqlite'),
      ]);
      ok([
        'issue',
        '--key',
        at('key.json'),
        '--in',
        at('a.json'),
        '--status',
        at('m.sqlite'),
        '--out',
        at('a.signed.json'),
      ]);
      const set = JSON.parse(
        ok(['status', 'set', at('m.sqlite'), '--id', 'urn:uuid:cli-m', '--value', '3', '--json']).stdout,
      );
      expect(set).toMatchObject({ action: 'set', value: 3, set: true });
      const show = JSON.parse(ok(['status', 'show', at('m.sqlite'), '--json']).stdout);
      expect(show).toMatchObject({ purpose: 'message', statusSize: 2, statusMessages: MESSAGES });
      expect(show.allocations).toEqual([
        expect.objectContaining({ credentialId: 'urn:uuid:cli-m', purpose: 'message', set: true, value: 3 }),
      ]);
      const [written] = JSON.parse(
        ok(['status', 'publish', at('m.sqlite'), '--key', at('key.json'), '--out', at('list.json'), '--json'])
          .stdout,
      );
      const bytes = readFileSync(at('list.json'));
      expect(written.etag).toBe(`"${createHash('sha256').update(bytes).digest('base64url')}"`);
      const list = JSON.parse(bytes.toString('utf8'));
      const signed = JSON.parse(readFileSync(at('a.signed.json'), 'utf8'));
      expect(checkStatusEntry(signed.credentialStatus, list)).toMatchObject({
        value: 3,
        statusMessage: 'superseded',
      });
      const bad = runCli(['status', 'set', at('m.sqlite'), '--id', 'urn:uuid:cli-m', '--value', '4']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('ERR_INVALID_INPUT');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
