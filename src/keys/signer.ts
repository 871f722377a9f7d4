// Signers and verifiers over WebCrypto. The CryptoKey is imported once per signer and kept:
// re-importing a JWK on every signature measured ~10% of issuing time.

import { importJWK } from 'jose/key/import';
import { CredstackError, isCredstackError } from '../errors.js';
import { isObject } from '../lib/json.js';
import { jwsAlgorithm } from './jwk.js';
import { importKeyFile } from './key-file.js';
import type { Jwk, KeyAlgorithm, KeyFile, Signer, VerificationMethod, Verifier } from './types.js';
import { keyFromVerificationMethod } from './verification-method.js';

// WebCrypto parameters producing exactly the JWS signature formats (RFC 7518 §3.3, §3.4, RFC 8037):
// ECDSA in WebCrypto is already IEEE P1363 r||s, not DER.
const PARAMS: Record<KeyAlgorithm, AlgorithmIdentifier | EcdsaParams> = {
  Ed25519: { name: 'Ed25519' },
  'P-256': { name: 'ECDSA', hash: 'SHA-256' },
  RSA: { name: 'RSASSA-PKCS1-v1_5' },
};

const PAIRWISE_TEST = new TextEncoder().encode('credstack pairwise consistency test');

async function importKey(jwk: Jwk, algorithm: KeyAlgorithm, id: string): Promise<CryptoKey> {
  try {
    return (await importJWK(jwk, jwsAlgorithm(algorithm))) as CryptoKey;
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
  const privateKey = await importKey(privateKeyJwk, algorithm, id);
  const publicKey = await importKey(checked.publicKeyJwk, algorithm, id);
  const params = PARAMS[algorithm];
  const sign = async (data: Uint8Array): Promise<Uint8Array> =>
    new Uint8Array(await crypto.subtle.sign(params, privateKey, data as Uint8Array<ArrayBuffer>));

  const test = await sign(PAIRWISE_TEST);
  if (!(await crypto.subtle.verify(params, publicKey, test as Uint8Array<ArrayBuffer>, PAIRWISE_TEST))) {
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
  // The JWK read from a document may carry a foreign alg; the key type decides the algorithm.
  const { alg: _alg, ...bare } = jwk;
  const publicKey = await importKey(bare, algorithm, id);
  const params = PARAMS[algorithm];
  return {
    id,
    algorithm,
    async verify({ data, signature }) {
      assertBytes(data, 'verify({ data })');
      assertBytes(signature, 'verify({ signature })');
      try {
        return await crypto.subtle.verify(
          params,
          publicKey,
          signature as Uint8Array<ArrayBuffer>,
          data as Uint8Array<ArrayBuffer>,
        );
      } catch (error) {
        // Runtimes differ: some reject malformed signature bytes instead of returning false.
        if (isCredstackError(error)) throw error;
        return false;
      }
    },
  };
}
