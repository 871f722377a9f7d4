import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  generateKey,
  importKeyFile,
  jwsAlgorithm,
  type KeyAlgorithm,
  type KeyFile,
  publicKeyFile,
} from '../../src/keys/index.js';
import { base58Decode } from '../../src/keys/base58.js';
import { expectCode, importUntyped, type MultikeyModule } from './helpers.js';

const ISSUER = 'https://example.edu/issuers/565049';
const keys = {} as Record<KeyAlgorithm, KeyFile>;

beforeAll(async () => {
  keys.Ed25519 = await generateKey();
  keys['P-256'] = await generateKey({ algorithm: 'P-256' });
  keys.RSA = await generateKey({ algorithm: 'RSA', controller: ISSUER });
});

describe('generateKey', () => {
  it('makes a did:key Multikey for Ed25519 by default', () => {
    const key = keys.Ed25519;
    expect(key.algorithm).toBe('Ed25519');
    expect(key.type).toBe('Multikey');
    expect(key.publicKeyMultibase).toMatch(/^z6Mk/);
    expect(key.secretKeyMultibase).toMatch(/^z3u2/);
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(key.id).toBe(`${key.controller}#${key.publicKeyMultibase}`);
    expect(key.publicKeyJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: key.id, alg: 'EdDSA' });
    expect(key.publicKeyJwk).not.toHaveProperty('d');
    expect(key.privateKeyJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: key.id, alg: 'EdDSA' });
    expect(base64url.decode(key.privateKeyJwk!.d!)).toHaveLength(32);
  });

  it('makes a did:key zDn… Multikey for P-256', () => {
    const key = keys['P-256'];
    expect(key.publicKeyMultibase).toMatch(/^zDn/);
    // multicodec p256-priv (0x1306, varint 0x86 0x26) then the 32-byte scalar. The base58 text
    // starts z42t or z42u depending on the scalar, so the bytes are checked, not the letters.
    const secret = base58Decode(key.secretKeyMultibase!.slice(1))!;
    expect(key.secretKeyMultibase!.startsWith('z')).toBe(true);
    expect([...secret.subarray(0, 2)]).toEqual([0x86, 0x26]);
    expect(secret).toHaveLength(34);
    expect(key.controller).toBe(`did:key:${key.publicKeyMultibase}`);
    expect(key.publicKeyJwk).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
  });

  it('makes an RSA JsonWebKey under an https issuer, kid from the JWK thumbprint', () => {
    const key = keys.RSA;
    expect(key.type).toBe('JsonWebKey');
    expect(key.controller).toBe(ISSUER);
    expect(key.id).toMatch(new RegExp(`^${ISSUER}#[A-Za-z0-9_-]{43}$`));
    expect(key.publicKeyMultibase).toBeUndefined();
    expect(key.secretKeyMultibase).toBeUndefined();
    expect(base64url.decode(key.publicKeyJwk.n!)).toHaveLength(256);
    expect(key.publicKeyJwk.alg).toBe('RS256');
    for (const member of ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const)
      expect(key.privateKeyJwk![member]).toBeTypeOf('string');
  });

  it('makes did:web keys with a relative id', async () => {
    const key = await generateKey({
      algorithm: 'P-256',
      did: { web: 'example.edu:issuers:1' },
      id: '#key-1',
    });
    expect(key.controller).toBe('did:web:example.edu:issuers:1');
    expect(key.id).toBe('did:web:example.edu:issuers:1#key-1');
  });

  it('uses the multibase as fragment for an https Ed25519 issuer, as the 1EdTech test vector does', async () => {
    const key = await generateKey({ controller: ISSUER });
    expect(key.id).toBe(`${ISSUER}#${key.publicKeyMultibase}`);
  });

  it('maps key algorithms to JWS algorithms', () => {
    expect(jwsAlgorithm('Ed25519')).toBe('EdDSA');
    expect(jwsAlgorithm('P-256')).toBe('ES256');
    expect(jwsAlgorithm('RSA')).toBe('RS256');
  });
});

describe('importKeyFile', () => {
  it.each(['Ed25519', 'P-256', 'RSA'] as const)('round-trips a generated %s key through JSON', (alg) => {
    const json = JSON.stringify(keys[alg]);
    expect(importKeyFile(JSON.parse(json))).toEqual(keys[alg]);
    expect(importKeyFile(json)).toEqual(keys[alg]);
  });

  it('fills in kid, alg and the multibase forms of a minimal file', () => {
    const { kid: _kid, alg: _alg, ...publicKeyJwk } = keys.Ed25519.publicKeyJwk;
    const { kid: _k, alg: _a, ...privateKeyJwk } = keys.Ed25519.privateKeyJwk!;
    const minimal = { ...keys.Ed25519, publicKeyJwk, privateKeyJwk };
    delete (minimal as Partial<KeyFile>).publicKeyMultibase;
    delete (minimal as Partial<KeyFile>).secretKeyMultibase;
    expect(importKeyFile(minimal)).toEqual(keys.Ed25519);
  });

  it('rebuilds the private JWK from secretKeyMultibase alone', () => {
    const { privateKeyJwk: _p, ...rest } = keys['P-256'];
    expect(importKeyFile(rest)).toEqual(keys['P-256']);
  });

  it('reads multibase forms compatible with @digitalbazaar/ed25519-multikey and ecdsa-multikey', async () => {
    const ed = await importUntyped<MultikeyModule>('@digitalbazaar/ed25519-multikey');
    const ec = await importUntyped<MultikeyModule>('@digitalbazaar/ecdsa-multikey');
    for (const [module, key] of [
      [ed, keys.Ed25519],
      [ec, keys['P-256']],
    ] as const) {
      const pair = await module.fromJwk({ jwk: key.privateKeyJwk!, secretKey: true });
      const exported = await pair.export({ publicKey: true, secretKey: true });
      expect(exported.publicKeyMultibase).toBe(key.publicKeyMultibase);
      expect(exported.secretKeyMultibase).toBe(key.secretKeyMultibase);
    }
  });

  it('strips private parts with publicKeyFile', () => {
    for (const key of Object.values(keys)) {
      const pub = publicKeyFile(key);
      expect(pub).not.toHaveProperty('privateKeyJwk');
      expect(pub).not.toHaveProperty('secretKeyMultibase');
      expect(pub.publicKeyJwk).toEqual(key.publicKeyJwk);
      expect(importKeyFile(JSON.parse(JSON.stringify(pub)))).toEqual(pub);
    }
  });
});

describe('importKeyFile negative cases', () => {
  it('refuses non-objects, bad JSON and missing fields', async () => {
    await expectCode(() => importKeyFile(null), 'ERR_KEY_INVALID', /expected an object, got null/);
    await expectCode(() => importKeyFile('{nope'), 'ERR_JSON_PARSE');
    for (const field of ['id', 'controller', 'type', 'algorithm', 'publicKeyJwk'] as const) {
      const { [field]: _omitted, ...rest } = keys.Ed25519;
      const error = await expectCode(() => importKeyFile(rest), 'ERR_KEY_INVALID');
      expect(error.message).toContain(field);
    }
  });

  it('refuses an unknown algorithm', async () => {
    await expectCode(
      () => importKeyFile({ ...keys.Ed25519, algorithm: 'secp256k1' }),
      'ERR_KEY_UNSUPPORTED',
      /secp256k1/,
    );
    await expectCode(() => generateKey({ algorithm: 'Ed448' as KeyAlgorithm }), 'ERR_KEY_UNSUPPORTED');
  });

  it('refuses a type that does not fit the algorithm', async () => {
    await expectCode(() => importKeyFile({ ...keys.RSA, type: 'Multikey' }), 'ERR_KEY_INVALID', /JsonWebKey/);
  });

  it('refuses a private key that does not belong to the public key', async () => {
    const other = await generateKey();
    await expectCode(
      () =>
        importKeyFile({ ...keys.Ed25519, privateKeyJwk: other.privateKeyJwk, secretKeyMultibase: undefined }),
      'ERR_KEY_INVALID',
      /does not match the public key/,
    );
    await expectCode(
      () => importKeyFile({ ...keys.Ed25519, secretKeyMultibase: other.secretKeyMultibase }),
      'ERR_KEY_INVALID',
      /secretKeyMultibase/,
    );
  });

  it('refuses a multibase that does not match the JWK', async () => {
    await expectCode(
      () => importKeyFile({ ...keys.Ed25519, publicKeyMultibase: keys['P-256'].publicKeyMultibase }),
      'ERR_KEY_INVALID',
      /publicKeyMultibase/,
    );
  });

  it('refuses a did:key that is not the key', async () => {
    const other = await generateKey();
    await expectCode(
      () => importKeyFile({ ...keys.Ed25519, controller: other.controller, id: other.id }),
      'ERR_KEY_INVALID',
      /does not encode this key/,
    );
    await expectCode(
      () => importKeyFile({ ...keys.Ed25519, id: `${keys.Ed25519.controller}#key-1` }),
      'ERR_KEY_INVALID',
    );
  });

  it('refuses a did:web key id outside its DID', async () => {
    const key = await generateKey({ did: { web: 'example.edu' } });
    await expectCode(
      () => importKeyFile({ ...key, id: 'did:web:evil.example#key-1' }),
      'ERR_KEY_INVALID',
      /under the controller/,
    );
  });

  it('refuses RSA keys under 2048 bits', async () => {
    const n = base64url.encode(base64url.decode(keys.RSA.publicKeyJwk.n!).subarray(0, 128)); // 1024 bits
    await expectCode(
      () =>
        importKeyFile({
          ...keys.RSA,
          publicKeyJwk: { ...keys.RSA.publicKeyJwk, n },
          privateKeyJwk: undefined,
        }),
      'ERR_KEY_INVALID',
      /1024 bits is too short/,
    );
    await expectCode(
      () => generateKey({ algorithm: 'RSA', controller: ISSUER, modulusLength: 1024 }),
      'ERR_INVALID_INPUT',
    );
  });

  it('refuses a P-256 point off the curve and a wrong key length', async () => {
    const y = keys['P-256'].publicKeyJwk.x!;
    await expectCode(
      () =>
        importKeyFile({
          ...keys['P-256'],
          publicKeyJwk: { ...keys['P-256'].publicKeyJwk, y },
          privateKeyJwk: undefined,
        }),
      'ERR_KEY_INVALID',
      /not on the P-256 curve/,
    );
    await expectCode(
      () => importKeyFile({ ...keys.Ed25519, publicKeyJwk: { ...keys.Ed25519.publicKeyJwk, x: 'AAAA' } }),
      'ERR_KEY_INVALID',
      /32 bytes/,
    );
  });

  it('refuses private members in publicKeyJwk and never echoes a malformed secret', async () => {
    await expectCode(
      () => importKeyFile({ ...keys.Ed25519, publicKeyJwk: keys.Ed25519.privateKeyJwk }),
      'ERR_KEY_INVALID',
      /private member "d"/,
    );
    const error = await expectCode(
      () =>
        importKeyFile({
          ...keys.Ed25519,
          secretKeyMultibase: undefined,
          privateKeyJwk: { ...keys.Ed25519.privateKeyJwk, d: 'secret-value!' },
        }),
      'ERR_KEY_INVALID',
    );
    expect(error.message).not.toContain('secret-value');
    const mb = await expectCode(
      () => importKeyFile({ ...keys.Ed25519, secretKeyMultibase: 'z3u2SecretPart0' }),
      'ERR_KEY_INVALID',
    );
    expect(mb.message).not.toContain('SecretPart');
  });

  it('refuses RSA without an issuer and a did:key with a chosen id', async () => {
    await expectCode(() => generateKey({ algorithm: 'RSA' }), 'ERR_KEY_UNSUPPORTED', /did:web|controller/);
    await expectCode(() => generateKey({ id: '#key-1' }), 'ERR_INVALID_INPUT');
    await expectCode(() => generateKey({ controller: 'http://example.edu/issuers/1' }), 'ERR_INVALID_INPUT');
    await expectCode(() => generateKey({ did: { web: 'exa mple.edu' } }), 'ERR_KEY_INVALID');
  });
});
