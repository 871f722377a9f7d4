// Bitstring encoding per W3C Bitstring Status List v1.0 §Bitstring Encoding, checked against the
// 1EdTech validator fixture (test/vectors/status, see SOURCES.md).
import { gzipSync } from 'fflate';
import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createBitstring,
  decodeList,
  encodeList,
  getBit,
  MIN_LIST_SIZE,
  setBit,
} from '../../src/status/index.js';
import listCredential from '../vectors/status/testlist.bitstring-status-list-credential.json' with {
  type: 'json',
};
import revokedCredential from '../vectors/status/credential-status-revoked.json' with { type: 'json' };

describe('encodeList / decodeList', () => {
  it('round-trips a bitstring with scattered bits', () => {
    const bits = createBitstring();
    for (const i of [0, 7, 8, 23, 94567, MIN_LIST_SIZE - 1]) setBit(bits, i, true);
    const encoded = encodeList(bits);
    expect(encoded.startsWith('uH4sI')).toBe(true);
    expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
    expect(decodeList(encoded)).toEqual(bits);
  });

  it('is deterministic (gzip mtime is zeroed)', () => {
    const bits = createBitstring();
    setBit(bits, 42, true);
    expect(encodeList(bits)).toBe(encodeList(bits.slice()));
    expect(base64url.decode(encodeList(bits).slice(1)).subarray(4, 8)).toEqual(new Uint8Array(4));
  });

  it('decodes the 1EdTech validator fixture list: 131,072 entries, only the revoked index set', () => {
    const bits = decodeList(listCredential.credentialSubject.encodedList);
    expect(bits.length * 8).toBe(MIN_LIST_SIZE);
    const index = revokedCredential.credentialStatus.statusListIndex;
    expect(index).toBe(23);
    expect(getBit(bits, index)).toBe(true);
    const set: number[] = [];
    for (let i = 0; i < bits.length * 8; i++) if (getBit(bits, i)) set.push(i);
    expect(set).toEqual([23]);
  });

  it('re-encodes the fixture list to an encoding that decodes to the same bits', () => {
    const bits = decodeList(listCredential.credentialSubject.encodedList);
    expect(decodeList(encodeList(bits))).toEqual(bits);
  });

  it('accepts the StatusList2021 form without the multibase prefix', () => {
    const bits = createBitstring();
    setBit(bits, 5, true);
    const plain = base64url.encode(gzipSync(bits));
    expect(getBit(decodeList(plain), 5)).toBe(true);
  });
});

describe('bit order', () => {
  it('puts index 0 in the most significant bit of byte 0', () => {
    const bits = createBitstring(16, { allowSmallLists: true });
    setBit(bits, 0, true);
    expect(bits[0]).toBe(0b1000_0000);
    setBit(bits, 7, true);
    expect(bits[0]).toBe(0b1000_0001);
    setBit(bits, 9, true);
    expect(bits[1]).toBe(0b0100_0000);
    setBit(bits, 0, false);
    expect(bits[0]).toBe(0b0000_0001);
    expect(getBit(bits, 7)).toBe(true);
    expect(getBit(bits, 6)).toBe(false);
  });
});

describe('negative cases', () => {
  it('rejects out-of-range and non-integer indexes with ERR_STATUS_INDEX', () => {
    const bits = createBitstring(16, { allowSmallLists: true });
    for (const bad of [-1, 16, 1.5, Number.NaN]) {
      expect(() => getBit(bits, bad)).toThrow(expect.objectContaining({ code: 'ERR_STATUS_INDEX' }));
      expect(() => setBit(bits, bad, true)).toThrow(expect.objectContaining({ code: 'ERR_STATUS_INDEX' }));
    }
    expect(getBit(bits, 15)).toBe(false);
  });

  it('refuses lists below the minimum size unless allowSmallLists', () => {
    expect(() => createBitstring(1024)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => createBitstring(12, { allowSmallLists: true })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(createBitstring().length).toBe(16384);
  });

  it('stops a gzip bomb with ERR_LIMIT_EXCEEDED', () => {
    // 17 MiB of zeros compresses to ~17 KB; the default cap is 16 MiB.
    const bomb = `u${base64url.encode(gzipSync(new Uint8Array(17 * 1024 * 1024), { level: 1 }))}`;
    expect(bomb.length).toBeLessThan(30_000);
    expect(() => decodeList(bomb)).toThrow(expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }));
    const small = encodeList(createBitstring());
    expect(() => decodeList(small, { maxBytes: 1024 })).toThrow(
      expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }),
    );
  });

  it('rejects malformed input with ERR_INVALID_INPUT', () => {
    const notGzip = `u${base64url.encode(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))}`;
    const truncated = encodeList(createBitstring()).slice(0, 30);
    for (const bad of ['', 'u', 'u!!!!', 'zQmFoo', notGzip, truncated, 42 as unknown as string]) {
      expect(() => decodeList(bad)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    }
  });
});
