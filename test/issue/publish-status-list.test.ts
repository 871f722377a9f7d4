// Issuer side end to end in-process: issueCredential({ statusList }) allocates and embeds the
// entry, publishStatusList signs the list, and the verifier (ours and @digitalbazaar/vc) reads it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { decodeList, encodeList, getBit, setBit } from '../../src/status/index.js';
import { initStatusStore, publishStatusList, type StatusStore } from '../../src/status/store/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { referenceDocumentLoader } from '../interop/reference-stack.js';

const URL1 = 'https://school.example/status/1';
const basic = JSON.parse(
  readFileSync(
    new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url),
    'utf8',
  ),
) as Record<string, any>;

function badge(issuer: string, id: string): Record<string, any> {
  return { ...structuredClone(basic), id, issuer: { ...basic.issuer, id: issuer } };
}

let key: KeyFile;
let other: KeyFile;
let dir: string;
beforeAll(async () => {
  key = await generateKey({ algorithm: 'Ed25519' });
  other = await generateKey({ algorithm: 'Ed25519' });
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'credstack-publish-'));
});
const open: StatusStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
  rmSync(dir, { recursive: true, force: true });
});

async function store(purpose: 'revocation' | 'suspension' = 'revocation'): Promise<StatusStore> {
  const s = await initStatusStore(join(dir, `${purpose}.sqlite`), {
    url: URL1,
    purpose,
    issuer: key.controller,
  });
  open.push(s);
  return s;
}

async function published(s: StatusStore, signer: KeyFile = key) {
  const [list] = await publishStatusList(s, {
    key: signer,
    ...(signer === key ? {} : { issuer: signer.controller }),
  });
  return list!.credential;
}

const failedStatus = (r: Awaited<ReturnType<typeof verifyCredential>>) =>
  r.checks.filter((c) => c.id === 'status' && c.status === 'failed');

describe('publishStatusList', () => {
  it('signs a BitstringStatusListCredential that credstack verifies (JSON-LD safe mode included)', async () => {
    const s = await store();
    await s.allocate('urn:uuid:a');
    await s.revoke('urn:uuid:a');
    const out = await publishStatusList(s, { key, validFrom: '2025-01-01T00:00:00Z' });
    expect(out.map((p) => [p.url, p.purpose])).toEqual([[URL1, 'revocation']]);
    const list = out[0]!.credential as any;
    expect(list).toMatchObject({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      id: URL1,
      type: ['VerifiableCredential', 'BitstringStatusListCredential'],
      issuer: key.controller,
      validFrom: '2025-01-01T00:00:00Z',
      credentialSubject: { type: 'BitstringStatusList', statusPurpose: 'revocation' },
      proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    });
    const bits = decodeList(list.credentialSubject.encodedList);
    expect(bits.length * 8).toBe(131072);
    expect(getBit(bits, (await s.lookup('urn:uuid:a'))!.index)).toBe(true);

    const result = await verifyCredential(list, { accept: ['BitstringStatusListCredential'] });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
    expect(result.checks.find((c) => c.id === 'jsonld')?.status).toBe('passed');
  });

  it('signs a list the reference stack (@digitalbazaar/vc) verifies', async () => {
    const s = await store('suspension');
    await s.allocate('urn:uuid:a');
    const list = await published(s);
    const result = await vc.verifyCredential({
      credential: list,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: referenceDocumentLoader,
      checkStatus: async () => ({ verified: true }),
    });
    expect(result.verified, JSON.stringify(result.error ?? result.results)).toBe(true);
  });

  it('signs as VC-JWT, and the JWT list serves a verifier as well', async () => {
    const s = await store();
    const [list] = await publishStatusList(s, { key, format: 'vc-jwt' });
    expect(list!.credential).toMatch(/^ey[\w-]+\.ey[\w-]+\.[\w-]+$/);
    const result = await verifyCredential(list!.credential, { accept: ['BitstringStatusListCredential'] });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');

    const signed = await issueCredential(badge(key.controller, 'urn:uuid:jwt-list'), { key, statusList: s });
    await s.revoke('urn:uuid:jwt-list');
    const [revokedList] = await publishStatusList(s, { key, format: 'vc-jwt' });
    const r = await verifyCredential(signed, { documents: { [URL1]: revokedList!.credential } });
    expect(r.verdict, JSON.stringify(r.checks)).toBe('revoked');
  });

  it('publishes every list of a store that rolled over (url, url-2), and bare lists too', async () => {
    const s = await initStatusStore(join(dir, 'small.sqlite'), {
      url: URL1,
      issuer: key.controller,
      size: 16,
      allowSmallLists: true,
    });
    open.push(s);
    for (let i = 0; i < 20; i++) await s.allocate(`urn:c:${i}`);
    const out = await publishStatusList(s, { key });
    expect(out.map((p) => p.url)).toEqual([URL1, `${URL1}-2`]);
    expect(out.map((p) => (p.credential as { id: string }).id)).toEqual([URL1, `${URL1}-2`]);

    const bits = new Uint8Array(131072 / 8);
    setBit(bits, 5, true);
    const [bare] = await publishStatusList({ url: URL1, purpose: 'suspension', bits }, { key });
    expect((bare!.credential as any).credentialSubject.encodedList).toBe(encodeList(bits));
    expect((bare!.credential as any).issuer).toBe(key.controller);
  });

  it('refuses bad input with coded errors', async () => {
    const s = await store();
    await expect(publishStatusList(s, {} as never)).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(publishStatusList([], { key })).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    await expect(publishStatusList(42 as never, { key })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(
      publishStatusList({ url: URL1, purpose: 'expiry', bits: new Uint8Array(16) } as never, { key }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    // The store's issuer is not this key's controller: a verifier would not trust the list.
    await expect(publishStatusList(s, { key: other })).rejects.toMatchObject({ code: 'ERR_ISSUER_MISMATCH' });
  });
});

describe('issueCredential({ statusList })', () => {
  it('allocates a slot and embeds the BitstringStatusListEntry (DI and JWT)', async () => {
    const s = await store();
    const signed = (await issueCredential(badge(key.controller, 'urn:uuid:1'), {
      key,
      statusList: s,
    })) as any;
    const slot = (await s.lookup('urn:uuid:1'))!;
    expect(signed.credentialStatus).toEqual({
      id: `${URL1}#${slot.index}`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: String(slot.index),
      statusListCredential: URL1,
    });
    const jwt = await issueCredential(badge(key.controller, 'urn:uuid:2'), {
      key,
      format: 'vc-jwt',
      statusList: s,
    });
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString());
    expect(payload.credentialStatus.statusListIndex).toBe(String((await s.lookup('urn:uuid:2'))!.index));
    expect((await s.lists())[0]!.count).toBe(2);
  });

  it('takes any allocator with allocate(credentialId)', async () => {
    const seen: string[] = [];
    const entry = {
      id: `${URL1}#7`,
      type: 'BitstringStatusListEntry' as const,
      statusPurpose: 'revocation' as const,
      statusListIndex: '7',
      statusListCredential: URL1,
    };
    const signed = (await issueCredential(badge(key.controller, 'urn:uuid:db'), {
      key,
      statusList: {
        allocate: async (id) => {
          seen.push(id);
          return { entry };
        },
      },
    })) as any;
    expect(seen).toEqual(['urn:uuid:db']);
    expect(signed.credentialStatus).toEqual(entry);
  });

  it('verdicts follow the published list: revoked, suspended, reinstated', async () => {
    const rev = await store();
    const a = await issueCredential(badge(key.controller, 'urn:uuid:a'), { key, statusList: rev });
    const aJwt = await issueCredential(badge(key.controller, 'urn:uuid:a-jwt'), {
      key,
      format: 'vc-jwt',
      statusList: rev,
    });
    const verdicts = async (list: unknown) =>
      Promise.all(
        [a, aJwt].map(async (c) => (await verifyCredential(c, { documents: { [URL1]: list } })).verdict),
      );
    expect(await verdicts(await published(rev))).toEqual(['verified', 'verified']);
    await rev.revoke('urn:uuid:a');
    await rev.revoke('urn:uuid:a-jwt');
    expect(await verdicts(await published(rev))).toEqual(['revoked', 'revoked']);

    const sus = await store('suspension');
    const b = await issueCredential(badge(key.controller, 'urn:uuid:b'), { key, statusList: sus });
    await sus.suspend('urn:uuid:b');
    const r1 = await verifyCredential(b, { documents: { [URL1]: await published(sus) } });
    expect(r1.verdict).toBe('suspended');
    expect(failedStatus(r1)[0]?.code).toBe('STATUS_SUSPENDED');
    await sus.reinstate('urn:uuid:b');
    expect((await verifyCredential(b, { documents: { [URL1]: await published(sus) } })).verdict).toBe(
      'verified',
    );
  });

  it('refuses a credential without id, with a credentialStatus, or under another issuer', async () => {
    const s = await store();
    const noId = badge(key.controller, 'x');
    delete noId.id;
    await expect(issueCredential(noId, { key, statusList: s })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      path: '/id',
    });
    const withStatus = {
      ...badge(key.controller, 'urn:uuid:s'),
      credentialStatus: { id: 'https://x', type: '1EdTechRevocationList' },
    };
    await expect(issueCredential(withStatus, { key, statusList: s })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      path: '/credentialStatus',
    });
    await expect(
      issueCredential(badge(other.controller, 'urn:uuid:o'), { key: other, statusList: s }),
    ).rejects.toMatchObject({ code: 'ERR_ISSUER_MISMATCH' });
    await expect(
      issueCredential(badge(key.controller, 'urn:uuid:z'), { key, statusList: {} as never }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    // Nothing was allocated by the refused calls.
    expect((await s.lists())[0]!.count).toBe(0);
  });
});

describe('a status list that cannot be trusted is never verified', () => {
  let s: StatusStore;
  let credential: unknown;
  beforeEach(async () => {
    s = await store();
    credential = await issueCredential(badge(key.controller, 'urn:uuid:t'), { key, statusList: s });
    await s.revoke('urn:uuid:t');
  });

  it('tampered list (the revoked bit cleared after signing) → indeterminate, proof failure named', async () => {
    const list = (await published(s)) as any;
    const bits = decodeList(list.credentialSubject.encodedList);
    setBit(bits, (await s.lookup('urn:uuid:t'))!.index, false);
    list.credentialSubject.encodedList = encodeList(bits);
    const r = await verifyCredential(credential, { documents: { [URL1]: list } });
    expect(r.verified).toBe(false);
    expect(r.verdict).toBe('indeterminate');
    const [check] = failedStatus(r);
    expect(check?.code).toBe('STATUS_LIST_UNVERIFIED');
    expect(check?.message).toContain(URL1);
  });

  it('list signed by another issuer → indeterminate, issuer mismatch named', async () => {
    const r = await verifyCredential(credential, { documents: { [URL1]: await published(s, other) } });
    expect(r.verdict).toBe('indeterminate');
    const [check] = failedStatus(r);
    expect(check?.code).toBe('STATUS_LIST_ISSUER_MISMATCH');
    expect(check?.message).toContain(other.controller);
  });

  it('list missing from documents (and no network) → indeterminate, unavailable named', async () => {
    const r = await verifyCredential(credential);
    expect(r.verdict).toBe('indeterminate');
    const [check] = failedStatus(r);
    expect(check?.code).toBe('STATUS_UNAVAILABLE');
    expect(check?.message).toContain(URL1);
  });
});
