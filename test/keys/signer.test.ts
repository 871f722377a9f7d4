import { base64url, compactVerify, importJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createSigner,
  createVerifier,
  didWebDocument,
  generateKey,
  jwsAlgorithm,
  type KeyAlgorithm,
  type KeyFile,
  publicKeyFile,
} from '../../src/keys/index.js';
import { signerForKey } from '../../src/keys/signer.js';
import { utf8 } from '../../src/lib/bytes.js';
import { expectCode, importUntyped, type MultikeyModule } from './helpers.js';

const ALGORITHMS = ['Ed25519', 'P-256', 'RSA'] as const;
const keys = {} as Record<KeyAlgorithm, KeyFile>;
const data = utf8('Open Badges 3.0 — data to sign');

beforeAll(async () => {
  keys.Ed25519 = await generateKey();
  keys['P-256'] = await generateKey({ algorithm: 'P-256' });
  keys.RSA = await generateKey({ algorithm: 'RSA', did: { web: 'example.edu' } });
});

describe('createSigner and createVerifier', () => {
  it.each(ALGORITHMS)('%s: a signature verifies, a flipped bit does not', async (alg) => {
    const signer = await createSigner(keys[alg]);
    expect(signer.id).toBe(keys[alg].id);
    expect(signer.algorithm).toBe(alg);
    const signature = await signer.sign({ data });
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(signature.length).toBe(alg === 'RSA' ? 256 : 64);

    const verifier = await createVerifier(publicKeyFile(keys[alg]));
    expect(await verifier.verify({ data, signature })).toBe(true);
    const flipped = signature.slice();
    flipped[10]! ^= 0x01;
    expect(await verifier.verify({ data, signature: flipped })).toBe(false);
    const otherData = data.slice();
    otherData[0]! ^= 0x80;
    expect(await verifier.verify({ data: otherData, signature })).toBe(false);
    expect(await verifier.verify({ data, signature: signature.subarray(0, 5) })).toBe(false);
  });

  it.each(ALGORITHMS)('%s: the raw signature is a valid JWS signature (jose compactVerify)', async (alg) => {
    const key = keys[alg];
    const signer = await createSigner(key);
    const header = base64url.encode(JSON.stringify({ alg: jwsAlgorithm(alg), kid: key.id }));
    const payload = base64url.encode(JSON.stringify({ iss: key.controller, jti: 'urn:uuid:1' }));
    const signature = await signer.sign({ data: utf8(`${header}.${payload}`) });
    const jws = `${header}.${payload}.${base64url.encode(signature)}`;
    const publicKey = await importJWK(key.publicKeyJwk, jwsAlgorithm(alg));
    const { protectedHeader } = await compactVerify(jws, publicKey);
    expect(protectedHeader.kid).toBe(key.id);
  });

  it('verifies with a verification method from a DID document', async () => {
    const doc = didWebDocument([keys.RSA]);
    const verifier = await createVerifier(doc.verificationMethod[0]!);
    expect(verifier.algorithm).toBe('RSA');
    const signature = await (await createSigner(keys.RSA)).sign({ data });
    expect(await verifier.verify({ data, signature })).toBe(true);
  });

  it.each(['Ed25519', 'P-256'] as const)(
    '%s: interoperates with the @digitalbazaar Multikey signer and verifier both ways',
    async (alg) => {
      const module = await importUntyped<MultikeyModule>(
        alg === 'Ed25519' ? '@digitalbazaar/ed25519-multikey' : '@digitalbazaar/ecdsa-multikey',
      );
      const key = keys[alg];
      const pair = await module.from({
        id: key.id,
        controller: key.controller,
        type: 'Multikey',
        publicKeyMultibase: key.publicKeyMultibase,
        secretKeyMultibase: key.secretKeyMultibase,
      });
      expect(pair.signer().algorithm).toBe(alg);
      const theirs = await pair.signer().sign({ data });
      expect(await (await createVerifier(key)).verify({ data, signature: theirs })).toBe(true);
      const ours = await (await createSigner(key)).sign({ data });
      expect(await pair.verifier().verify({ data, signature: ours })).toBe(true);
    },
  );
});

describe('createSigner and createVerifier negative cases', () => {
  it('refuses to sign without a private key', async () => {
    await expectCode(
      () => createSigner(publicKeyFile(keys.Ed25519)),
      'ERR_PRIVATE_KEY_MISSING',
      /no private key/,
    );
  });

  it('refuses an RSA private key whose exponent does not match the public key', async () => {
    const other = await generateKey({ algorithm: 'RSA', did: { web: 'example.edu' } });
    // Same public members, another key's private exponent: the shape checks pass, the pair test fails.
    const { d, p, q, dp, dq, qi } = other.privateKeyJwk!;
    const broken = { ...keys.RSA, privateKeyJwk: { ...keys.RSA.privateKeyJwk!, d, p, q, dp, dq, qi } };
    const error = await expectCode(() => createSigner(broken), 'ERR_KEY_INVALID');
    expect(error.message).toMatch(/does not match|refused/);
  });

  it.each(['Ed25519', 'P-256'] as const)(
    '%s: refuses a private scalar that does not match x',
    async (alg) => {
      const other = await generateKey({ algorithm: alg });
      const broken = {
        ...keys[alg],
        secretKeyMultibase: undefined,
        privateKeyJwk: { ...keys[alg].privateKeyJwk!, d: other.privateKeyJwk!.d },
      };
      await expectCode(() => createSigner(broken), 'ERR_KEY_INVALID');
    },
  );

  it('refuses unsupported verification method types', async () => {
    await expectCode(
      () =>
        createVerifier({
          id: 'did:example:1#k',
          type: 'EcdsaSecp256k1VerificationKey2019',
          controller: 'did:example:1',
        }),
      'ERR_KEY_UNSUPPORTED',
      /unsupported type/,
    );
  });

  it('throws a TypeError for non-byte input (programmer misuse)', async () => {
    const signer = await createSigner(keys.Ed25519);
    await expect(signer.sign({ data: 'text' as unknown as Uint8Array })).rejects.toThrow(TypeError);
  });
});

describe('signerForKey (the { key } option of issuing)', () => {
  it('gives the same signer for the same key object, made once', async () => {
    const key = await generateKey();
    const first = await signerForKey(key);
    expect(await signerForKey(key)).toBe(first);
    // …and a copy of the key is another object: its own signer, signing the same way
    const copy = structuredClone(key);
    const other = await signerForKey(copy);
    expect(other).not.toBe(first);
    expect(other.id).toBe(first.id);
  });

  it('never hands out a stale signer for a key changed in place', async () => {
    const key = await generateKey();
    const before = await signerForKey(key);
    const replacement = await generateKey();
    Object.assign(key, replacement);
    const after = await signerForKey(key);
    expect(after).not.toBe(before);
    const data = new TextEncoder().encode('x');
    const signature = await after.sign({ data });
    const verifier = await createVerifier(replacement);
    expect(await verifier.verify({ data, signature })).toBe(true);
  });

  it('does not keep a failure: a key without its private part fails each time with its code', async () => {
    const key = publicKeyFile(await generateKey());
    for (let i = 0; i < 2; i++) {
      await expect(signerForKey(key as never)).rejects.toMatchObject({ code: 'ERR_PRIVATE_KEY_MISSING' });
    }
  });
});
