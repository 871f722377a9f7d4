import { base64url } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  createSigner,
  didKeyDocument,
  didKeyFromPublicKey,
  generateKey,
  importKeyFile,
  parseDidKey,
} from '../../src/keys/index.js';
// Internal encoder, only to build malformed keys that no library would produce.
import { base58Encode } from '../../src/keys/base58.js';
import { fromHex, toHex } from '../../src/lib/bytes.js';
// 1EdTech OB 3.0 Implementation Guide, "Linked Data Proof Test Vector" (published TEST keys);
// copy of shared/spec/examples/ob-v3p0/test-vector-eddsa-rdfc-2022/test-vector.json.
import vector from '../vectors/ob-test-vector/test-vector.json' with { type: 'json' };
import { expectCode, importUntyped, type MultikeyModule } from './helpers.js';

const { publicKeyMultibase, publicKeyHex, privateKeyHex } = vector.keyPair;
const DID = `did:key:${publicKeyMultibase}`;

type DidKeyModule = {
  driver(): {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: unknown }): void;
    get(options: { did?: string; url?: string }): Promise<Record<string, unknown>>;
  };
};

describe('did:key', () => {
  it('parses the 1EdTech test vector key to its raw bytes', () => {
    const parsed = parseDidKey(DID);
    expect(parsed.algorithm).toBe('Ed25519');
    expect(parsed.did).toBe(DID);
    expect(parsed.verificationMethodId).toBe(`${DID}#${publicKeyMultibase}`);
    expect(parsed.publicKeyMultibase).toBe(publicKeyMultibase);
    expect(toHex(base64url.decode(parsed.publicKeyJwk.x!))).toBe(publicKeyHex);
    expect(parseDidKey(`${DID}#${publicKeyMultibase}`).publicKeyJwk).toEqual(parsed.publicKeyJwk);
  });

  it('encodes the test vector key back to the same did:key and imports its key pair', () => {
    const x = base64url.encode(fromHex(publicKeyHex));
    expect(didKeyFromPublicKey({ kty: 'OKP', crv: 'Ed25519', x })).toBe(DID);
    // The vector's 64-byte private key is seed ‖ public key; the JWK `d` is the seed.
    const d = base64url.encode(fromHex(privateKeyHex.slice(0, 64)));
    const key = importKeyFile({
      id: `${DID}#${publicKeyMultibase}`,
      controller: DID,
      type: 'Multikey',
      algorithm: 'Ed25519',
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x },
      privateKeyJwk: { kty: 'OKP', crv: 'Ed25519', x, d },
    });
    expect(key.publicKeyMultibase).toBe(publicKeyMultibase);
  });

  it('signs the test vector data to the published signature, byte for byte', async () => {
    // Ed25519 is deterministic: the vector key must reproduce signatureHex over dataToSignHex.
    const x = base64url.encode(fromHex(publicKeyHex));
    const d = base64url.encode(fromHex(privateKeyHex.slice(0, 64)));
    const key = importKeyFile({
      id: vector.keyPair.verificationMethodId,
      controller: vector.keyPair.controller,
      type: 'Multikey',
      algorithm: 'Ed25519',
      publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x },
      privateKeyJwk: { kty: 'OKP', crv: 'Ed25519', x, d },
    });
    const signature = await (await createSigner(key)).sign({ data: fromHex(vector.dataToSignHex) });
    expect(toHex(signature)).toBe(vector.signatureHex);
    expect(`z${base58Encode(signature)}`).toBe(vector.proofValue);
  });

  it.each(['Ed25519', 'P-256'] as const)(
    '%s: the DID of a generated key is the multibase of its public key',
    async (alg) => {
      const key = await generateKey({ algorithm: alg });
      expect(didKeyFromPublicKey(key)).toBe(key.controller);
      expect(didKeyFromPublicKey(key.publicKeyJwk)).toBe(`did:key:${key.publicKeyMultibase}`);
      const parsed = parseDidKey(key.controller);
      expect(parsed.algorithm).toBe(alg);
      const { kid: _kid, alg: _alg, ...bare } = key.publicKeyJwk;
      expect(parsed.publicKeyJwk).toEqual(bare);
    },
  );

  it('matches @digitalbazaar/ed25519-multikey for the test vector key', async () => {
    const Ed25519Multikey = await importUntyped<MultikeyModule>('@digitalbazaar/ed25519-multikey');
    const pair = await Ed25519Multikey.from({ controller: DID, publicKeyMultibase });
    const exported = await pair.export({ publicKey: true });
    expect(exported.publicKeyMultibase).toBe(didKeyDocument(DID).verificationMethod[0]!.publicKeyMultibase);
  });

  it.each([
    ['Ed25519', 'z6Mk', '@digitalbazaar/ed25519-multikey'],
    ['P-256', 'zDna', '@digitalbazaar/ecdsa-multikey'],
  ] as const)('%s: the DID document matches @digitalbazaar/did-method-key', async (alg, header, module) => {
    const { driver } = await importUntyped<DidKeyModule>('@digitalbazaar/did-method-key');
    const { from } = await importUntyped<MultikeyModule>(module);
    const didKeyDriver = driver();
    didKeyDriver.use({ multibaseMultikeyHeader: header, fromMultibase: from });
    const did = alg === 'Ed25519' ? DID : (await generateKey({ algorithm: 'P-256' })).controller;
    const theirs = await didKeyDriver.get({ did });
    const ours = didKeyDocument(did);
    expect(ours.id).toBe(theirs.id);
    const [theirVm] = theirs.verificationMethod as Record<string, unknown>[];
    const [ourVm] = ours.verificationMethod;
    expect({
      id: ourVm!.id,
      controller: ourVm!.controller,
      publicKeyMultibase: ourVm!.publicKeyMultibase,
    }).toEqual({
      id: theirVm!.id,
      controller: theirVm!.controller,
      publicKeyMultibase: theirVm!.publicKeyMultibase,
    });
    expect(ourVm!.type).toBe('Multikey');
    expect(ours.assertionMethod).toEqual(theirs.assertionMethod);
    expect(ours['@context']).toEqual([
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
    ]);
  });
});

describe('did:key negative cases', () => {
  it('refuses other DID methods and non-DIDs', async () => {
    await expectCode(() => parseDidKey('did:example:123'), 'ERR_DID_UNSUPPORTED');
    await expectCode(() => parseDidKey('https://example.edu/issuers/1'), 'ERR_KEY_INVALID');
    await expectCode(() => didKeyDocument(42 as unknown as string), 'ERR_KEY_INVALID');
  });

  it('refuses an unknown multicodec with ERR_DID_UNSUPPORTED', async () => {
    // secp256k1-pub (0xe7) did:key from the did:key spec examples.
    await expectCode(
      () => parseDidKey('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme'),
      'ERR_DID_UNSUPPORTED',
      /multicodec/,
    );
  });

  it('refuses malformed keys and foreign fragments', async () => {
    await expectCode(
      () => parseDidKey('did:key:6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi'),
      'ERR_KEY_INVALID',
    );
    await expectCode(
      () => parseDidKey('did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hw0'),
      'ERR_KEY_INVALID',
    );
    const short = `did:key:z${base58Encode(Uint8Array.from([0xed, 0x01, ...new Uint8Array(31).fill(7)]))}`;
    await expectCode(() => parseDidKey(short), 'ERR_KEY_INVALID', /32 bytes, got 31/);
    const offCurve = `did:key:z${base58Encode(Uint8Array.from([0x80, 0x24, 0x02, ...new Uint8Array(32).fill(0xff)]))}`;
    await expectCode(() => parseDidKey(offCurve), 'ERR_KEY_INVALID', /P-256 point/);
    await expectCode(() => parseDidKey(`${DID}#key-1`), 'ERR_KEY_INVALID', /fragment/);
  });

  it('has no did:key for RSA', async () => {
    const rsa = await generateKey({ algorithm: 'RSA', controller: 'https://example.edu/issuers/1' });
    await expectCode(() => didKeyFromPublicKey(rsa), 'ERR_KEY_UNSUPPORTED', /did:web/);
  });
});
