import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, type KeyFile } from '../../src/index.js';
import { unsignedBadge } from './helpers.js';

describe('issueCredential', () => {
  let key: KeyFile;
  let unsigned: Record<string, any>;
  beforeAll(async () => {
    key = await generateKey();
    unsigned = await unsignedBadge(key);
  });

  it('never mutates its input', async () => {
    const before = structuredClone(unsigned);
    await issueCredential(unsigned, { key });
    await issueCredential(unsigned, { key, format: 'vc-jwt' });
    expect(unsigned).toEqual(before);
  });

  describe('negative', () => {
    it('refuses a schema-invalid credential, signing nothing', async () => {
      const bad = structuredClone(unsigned);
      delete bad.credentialSubject.achievement.name;
      await expect(issueCredential(bad, { key })).rejects.toMatchObject({
        code: 'ERR_SCHEMA_INVALID',
        path: '/credentialSubject/achievement/name',
      });
    });

    it('refuses an issuer that is not the key controller', async () => {
      await expect(
        issueCredential({ ...unsigned, issuer: 'did:web:other.example' }, { key }),
      ).rejects.toMatchObject({
        code: 'ERR_ISSUER_MISMATCH',
      });
    });

    it('refuses text that would not sign faithfully (lone surrogates, __proto__)', async () => {
      const surrogate = structuredClone(unsigned);
      surrogate.name = 'broken \uD800 text';
      await expect(issueCredential(surrogate, { key })).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
        path: '/name',
      });
      const proto = JSON.parse(JSON.stringify(unsigned).replace('"name"', '"__proto__":{"id":"x"},"name"'));
      await expect(issueCredential(proto, { key })).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    });

    it('refuses unsupported formats, missing keys and private keys', async () => {
      await expect(issueCredential(unsigned, { key, format: 'ps256' as never })).rejects.toMatchObject({
        code: 'ERR_FORMAT_UNSUPPORTED',
      });
      await expect(issueCredential(unsigned, {} as never)).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
      });
      const { privateKeyJwk: _p, secretKeyMultibase: _s, ...publicOnly } = key;
      await expect(issueCredential(unsigned, { key: publicOnly as KeyFile })).rejects.toMatchObject({
        code: 'ERR_PRIVATE_KEY_MISSING',
      });
      const rsa = await generateKey({ algorithm: 'RSA', did: { web: 'school.example' } });
      await expect(
        issueCredential({ ...unsigned, issuer: rsa.controller }, { key: rsa }),
      ).rejects.toMatchObject({
        code: 'ERR_FORMAT_UNSUPPORTED',
      });
      await expect(issueCredential(42 as never, { key })).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
      });
    });
  });
});
