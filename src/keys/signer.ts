// Signers and verifiers. The key is imported once per signer and kept: re-importing a JWK on every
// signature measured ~10% of issuing time. src/keys/raw-signatures.ts picks the backend (WebCrypto,
// or node:crypto on Node) and produces the JWS signature formats.

import { CredstackError } from '../errors.js';
import { isObject } from '../lib/json.js';
import { importKeyFile } from './key-file.js';
import { importRawSign, importRawVerify } from './raw-signatures.js';
import type { Jwk, KeyAlgorithm, KeyFile, Signer, VerificationMethod, Verifier } from './types.js';
import { keyFromVerificationMethod } from './verification-method.js';

const PAIRWISE_TEST = new TextEncoder().encode('credstack pairwise consistency test');

async function importKey<T>(load: () => Promise<T>, algorithm: KeyAlgorithm, id: string): Promise<T> {
  try {
    return await load();
  } catch (cause) {
    throw new CredstackError(
      'ERR_KEY_INVALID',
      `Key ${id}: the runtime refused to import the ${algorithm} key`,
      {
        cause,
      },
    );
  }
}

function assertBytes(value: unknown, name: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${name} must be a Uint8Array`);
}

/**
 * A {@link Signer} for a key file with a private key. The key is checked (same rules as
 * {@link importKeyFile}) and tested once: a private key that does not produce signatures its
 * public key verifies is refused here rather than producing unverifiable credentials.
 * Errors: ERR_PRIVATE_KEY_MISSING, ERR_KEY_INVALID; `sign` throws ERR_SIGNING_FAILED.
 *
 * @example
 * ```ts
 * import { createSigner, generateKey } from 'credstack'
 * const signer = await createSigner(await generateKey())
 * const signature = await signer.sign({ data: new TextEncoder().encode('hello') }) // 64 bytes
 * ```
 */
export async function createSigner(key: KeyFile): Promise<Signer> {
  const checked = importKeyFile(key);
  const { id, algorithm, privateKeyJwk } = checked;
  if (privateKeyJwk === undefined) {
    throw new CredstackError(
      'ERR_PRIVATE_KEY_MISSING',
      `Key ${id} has no private key (privateKeyJwk / secretKeyMultibase); it can verify but not sign`,
    );
  }
  const sign = await importKey(() => importRawSign(algorithm, withoutAlg(privateKeyJwk)), algorithm, id);
  const verify = await importKey(
    () => importRawVerify(algorithm, withoutAlg(checked.publicKeyJwk)),
    algorithm,
    id,
  );

  const test = await sign(PAIRWISE_TEST);
  if (!(await verify(PAIRWISE_TEST, test))) {
    throw new CredstackError('ERR_KEY_INVALID', `Key ${id}: the private key does not match the public key`);
  }
  return {
    id,
    algorithm,
    async sign({ data }) {
      assertBytes(data, 'sign({ data })');
      try {
        return await sign(data);
      } catch (cause) {
        throw new CredstackError('ERR_SIGNING_FAILED', `Signing with ${id} failed`, { cause });
      }
    },
  };
}

// Signers made for `{ key }` options, per key object: importing the key and its pairwise test cost
// about as much as the signature itself, so issuing with `{ key }` in a loop ran at half the speed
// of passing a signer. Weak: the cache never keeps a key alive. The key's own fields are compared
// on each use, so a key object changed in place gets a new signer, never a stale one.
const signers = new WeakMap<KeyFile, { fields: string; signer: Promise<Signer> }>();

/**
 * {@link createSigner} for the `{ key }` option of issuing and presenting: the same key object
 * gives the same signer (made once), unless its fields changed. A failure is not kept. Internal.
 *
 * @example
 * ```ts
 * const signer = await signerForKey(key) // again for the same key: no second import
 * ```
 */
export function signerForKey(key: KeyFile): Promise<Signer> {
  if (!isObject(key)) return createSigner(key);
  const fields = JSON.stringify([
    key.id,
    key.controller,
    key.algorithm,
    key.privateKeyJwk,
    key.secretKeyMultibase,
    key.publicKeyJwk,
    key.publicKeyMultibase,
  ]);
  const known = signers.get(key);
  if (known && known.fields === fields) return known.signer;
  const signer = createSigner(key);
  signers.set(key, { fields, signer });
  signer.catch(() => {
    if (signers.get(key)?.signer === signer) signers.delete(key);
  });
  return signer;
}

/**
 * A {@link Verifier} for a key file or a verification method (Multikey, Ed25519VerificationKey2020,
 * JsonWebKey, JsonWebKey2020). `verify` returns false for a wrong or malformed signature, never throws
 * on bad signature bytes.
 *
 * @example
 * ```ts
 * import { createVerifier } from 'credstack'
 * const verifier = await createVerifier(verificationMethod)
 * const ok = await verifier.verify({ data, signature })
 * ```
 */
export async function createVerifier(key: KeyFile | VerificationMethod): Promise<Verifier> {
  let id: string;
  let algorithm: KeyAlgorithm;
  let jwk: Jwk;
  if (isObject(key) && 'algorithm' in key) {
    const checked = importKeyFile(key);
    ({ id, algorithm } = checked);
    jwk = checked.publicKeyJwk;
  } else {
    const info = await keyFromVerificationMethod(key);
    id = isObject(key) && typeof key.id === 'string' ? key.id : '(no id)';
    algorithm = info.algorithm;
    jwk = info.publicKeyJwk;
  }
  const verify = await importKey(() => importRawVerify(algorithm, withoutAlg(jwk)), algorithm, id);
  return {
    id,
    algorithm,
    async verify({ data, signature }) {
      assertBytes(data, 'verify({ data })');
      assertBytes(signature, 'verify({ signature })');
      return verify(data, signature);
    },
  };
}

// A JWK read from a document or a key file may carry a foreign `alg` (or `key_ops`); the key type
// decides the algorithm and the use.
function withoutAlg(jwk: Jwk): Jwk {
  const { alg: _alg, key_ops: _ops, ...bare } = jwk as Jwk & { key_ops?: unknown };
  return bare as Jwk;
}
