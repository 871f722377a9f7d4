import { gzipSync } from 'fflate';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  checkStatusEntry,
  createBitstring,
  createStatusEntry,
  createStatusListCredential,
  encodeList,
  setBit,
  type StatusPurpose,
} from '../../src/status/index.js';
import revokedCredential from '../vectors/status/credential-status-revoked.json' with { type: 'json' };
import listCredential from '../vectors/status/testlist.bitstring-status-list-credential.json' with {
  type: 'json',
};

const NOW = new Date('2025-06-01T00:00:00Z');
const URL1 = 'https://example.edu/status/1';

function list(purpose: StatusPurpose, setIndexes: number[] = [], extra: Record<string, unknown> = {}) {
  const bits = createBitstring();
  for (const i of setIndexes) setBit(bits, i, true);
  return {
    ...createStatusListCredential({
      id: URL1,
      issuer: 'did:web:example.edu',
      purpose,
      bits,
      validFrom: '2025-01-01T00:00:00Z',
    }),
    ...extra,
  };
}

describe('createStatusEntry / createStatusListCredential', () => {
  it('builds the BSL v1.0 shapes', () => {
    expect(createStatusEntry({ listCredential: URL1, index: 94567, purpose: 'revocation' })).toEqual({
      id: `${URL1}#94567`,
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '94567',
      statusListCredential: URL1,
    });
    const cred = list('suspension');
    expect(cred['@context']).toEqual(['https://www.w3.org/ns/credentials/v2']);
    expect(cred.type).toEqual(['VerifiableCredential', 'BitstringStatusListCredential']);
    expect(cred.credentialSubject).toEqual({
      id: `${URL1}#list`,
      type: 'BitstringStatusList',
      statusPurpose: 'suspension',
      encodedList: encodeList(createBitstring()),
    });
  });

  it('rejects bad input with typed errors', () => {
    expect(() => createStatusEntry({ listCredential: URL1, index: -1, purpose: 'revocation' })).toThrow(
      expect.objectContaining({ code: 'ERR_STATUS_INDEX' }),
    );
    expect(() => createStatusEntry({ listCredential: 'not a url', index: 1, purpose: 'revocation' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() =>
      createStatusEntry({ listCredential: URL1, index: 1, purpose: 'expiry' as StatusPurpose }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() =>
      createStatusListCredential({ id: URL1, issuer: 'x', purpose: 'revocation', encodedList: 'H4sI' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => createStatusListCredential({ id: URL1, issuer: 'x', purpose: 'revocation' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });
});

describe('checkStatusEntry', () => {
  const entry = (index: number, purpose: StatusPurpose = 'revocation') =>
    createStatusEntry({ listCredential: URL1, index, purpose });

  it('reports ok, revoked and suspended', () => {
    const revocation = list('revocation', [10]);
    expect(checkStatusEntry(entry(11), revocation, { now: NOW })).toMatchObject({
      status: 'ok',
      code: 'STATUS_OK',
      index: 11,
    });
    expect(checkStatusEntry(entry(10), revocation, { now: NOW })).toMatchObject({
      status: 'revoked',
      code: 'STATUS_REVOKED',
      purpose: 'revocation',
      index: 10,
    });
    const suspension = list('suspension', [131071]);
    expect(checkStatusEntry(entry(131071, 'suspension'), suspension, { now: NOW })).toMatchObject({
      status: 'suspended',
      code: 'STATUS_SUSPENDED',
    });
  });

  it('finds the 1EdTech validator fixture credential revoked (index given as a JSON number)', () => {
    const result = checkStatusEntry(revokedCredential.credentialStatus, listCredential, { now: NOW });
    expect(result).toMatchObject({ status: 'revoked', index: 23 });
    const other = { ...revokedCredential.credentialStatus, statusListIndex: '24' };
    expect(checkStatusEntry(other, listCredential, { now: NOW }).status).toBe('ok');
  });

  it('reads a StatusList2021 entry and list (encodedList without multibase prefix)', () => {
    const bits = createBitstring();
    setBit(bits, 3, true);
    const sl2021 = {
      '@context': ['https://www.w3.org/2018/credentials/v1', 'https://w3id.org/vc/status-list/2021/v1'],
      id: URL1,
      type: ['VerifiableCredential', 'StatusList2021Credential'],
      issuer: 'did:example:1',
      issuanceDate: '2021-01-01T00:00:00Z',
      credentialSubject: {
        id: `${URL1}#list`,
        type: 'StatusList2021',
        statusPurpose: 'revocation',
        encodedList: base64url.encode(gzipSync(bits)),
      },
    };
    const e = {
      id: `${URL1}#3`,
      type: 'StatusList2021Entry',
      statusPurpose: 'revocation',
      statusListIndex: '3',
      statusListCredential: URL1,
    };
    expect(checkStatusEntry(e, sl2021, { now: NOW }).status).toBe('revoked');
    expect(checkStatusEntry({ ...e, statusListIndex: '4' }, sl2021, { now: NOW }).status).toBe('ok');
    // A Bitstring entry must not be read from a StatusList2021 list.
    expect(checkStatusEntry(entry(3), sl2021, { now: NOW })).toMatchObject({
      status: 'error',
      code: 'STATUS_LIST_INVALID',
    });
  });
});

describe('checkStatusEntry negative cases', () => {
  const entry = (index: number | string, purpose = 'revocation', extra: Record<string, unknown> = {}) => ({
    id: `${URL1}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: index,
    statusListCredential: URL1,
    ...extra,
  });

  it('reports a purpose mismatch', () => {
    const result = checkStatusEntry(entry(1, 'suspension'), list('revocation', [1]), { now: NOW });
    expect(result).toMatchObject({ status: 'error', code: 'STATUS_PURPOSE_MISMATCH' });
    expect(result.message).toContain("'suspension'");
  });

  it('reports an index outside the list', () => {
    expect(checkStatusEntry(entry('131072'), list('revocation'), { now: NOW })).toMatchObject({
      status: 'error',
      code: 'STATUS_INDEX_OUT_OF_RANGE',
    });
  });

  it('rejects malformed indexes', () => {
    for (const bad of ['-1', '01', '1.5', ' 1', 'abc', '', -1, 1.5, null]) {
      expect(checkStatusEntry(entry(bad as string), list('revocation'), { now: NOW }).code).toBe(
        'STATUS_ENTRY_INVALID',
      );
    }
  });

  it('reports malformed list credentials', () => {
    const good = list('revocation');
    const cases: unknown[] = [
      null,
      'a string',
      { ...good, type: ['VerifiableCredential'] },
      { ...good, credentialSubject: undefined },
      { ...good, credentialSubject: [good.credentialSubject, good.credentialSubject] },
      { ...good, credentialSubject: { ...good.credentialSubject, type: 'StatusList2021' } },
      { ...good, credentialSubject: { ...good.credentialSubject, statusPurpose: 7 } },
      { ...good, credentialSubject: { ...good.credentialSubject, encodedList: undefined } },
      { ...good, credentialSubject: { ...good.credentialSubject, encodedList: 'u%%%' } },
      { ...good, credentialSubject: { ...good.credentialSubject, encodedList: 'uAAAAAAAAAAAAAAA' } },
    ];
    for (const bad of cases) {
      expect(checkStatusEntry(entry(1), bad, { now: NOW })).toMatchObject({
        status: 'error',
        code: 'STATUS_LIST_INVALID',
      });
    }
  });

  it('refuses a list shorter than the minimum (and accepts it when the caller lowers it)', () => {
    const bits = createBitstring(64, { allowSmallLists: true });
    setBit(bits, 1, true);
    const small = createStatusListCredential({ id: URL1, issuer: 'x', purpose: 'revocation', bits });
    expect(checkStatusEntry(entry(1), small, { now: NOW }).code).toBe('STATUS_LIST_TOO_SHORT');
    expect(checkStatusEntry(entry(1), small, { now: NOW, minimumEntries: 64 }).status).toBe('revoked');
  });

  it('reports an oversized list as STATUS_LIST_TOO_LARGE', () => {
    const big = list('revocation', [], {});
    big.credentialSubject = {
      ...big.credentialSubject,
      encodedList: encodeList(createBitstring(8 * 70_000)),
    };
    expect(checkStatusEntry(entry(1), big, { now: NOW, maxBytes: 65_536 }).code).toBe(
      'STATUS_LIST_TOO_LARGE',
    );
  });

  it('reports statusSize other than 1 as unsupported', () => {
    expect(
      checkStatusEntry(entry(1, 'revocation', { statusSize: 2 }), list('revocation'), { now: NOW }).code,
    ).toBe('STATUS_SIZE_UNSUPPORTED');
    expect(
      checkStatusEntry(entry(1, 'revocation', { statusSize: 0 }), list('revocation'), { now: NOW }).code,
    ).toBe('STATUS_ENTRY_INVALID');
    expect(
      checkStatusEntry(entry(1, 'revocation', { statusSize: 1 }), list('revocation', [1]), { now: NOW })
        .status,
    ).toBe('revoked');
  });

  it('reports unsupported entry types and purposes', () => {
    expect(checkStatusEntry({ ...entry(1), type: '1EdTechRevocationList' }, list('revocation')).code).toBe(
      'STATUS_TYPE_UNSUPPORTED',
    );
    expect(checkStatusEntry({ ...entry(1), statusPurpose: 'expiry' }, list('revocation')).code).toBe(
      'STATUS_PURPOSE_UNSUPPORTED',
    );
    // `message` is a BSL purpose now, but not one a revocation list declares.
    expect(checkStatusEntry(entry(1, 'message'), list('revocation')).code).toBe('STATUS_PURPOSE_MISMATCH');
    expect(checkStatusEntry('nope', list('revocation')).code).toBe('STATUS_ENTRY_INVALID');
  });

  it('reports an expired or not-yet-valid list', () => {
    const expired = list('revocation', [], { validUntil: '2025-02-01T00:00:00Z' });
    expect(checkStatusEntry(entry(1), expired, { now: NOW }).code).toBe('STATUS_LIST_EXPIRED');
    const future = list('revocation', [], { validFrom: '2026-01-01T00:00:00Z' });
    expect(checkStatusEntry(entry(1), future, { now: NOW }).code).toBe('STATUS_LIST_NOT_YET_VALID');
  });
});
