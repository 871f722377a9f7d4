// Key generation through jose (WebCrypto): the same code runs in Node and in browsers.

import { calculateJwkThumbprint } from 'jose/jwk/thumbprint';
import { exportJWK } from 'jose/key/export';
import { generateKeyPair } from 'jose/key/generate/keypair';
import { CredstackError, describeValue } from '../errors.js';
import { didWebUrl } from './did-web.js';
import { jwsAlgorithm, keyAlgorithmFromName, MIN_RSA_BITS } from './jwk.js';
import { importKeyFile } from './key-file.js';
import { publicKeyMultibaseFromJwk } from './multikey.js';
import type { Jwk, JwsAlgorithm, KeyAlgorithm, KeyFile } from './types.js';

/**
 * Options of {@link generateKey}.
 * @example
 * ```ts
 * import { type GenerateKeyOptions, generateKey } from 'credstack'
 * const options: GenerateKeyOptions = { algorithm: 'Ed25519', did: { web: 'example.org' } }
 * const key = await generateKey(options)
 * const same = await generateKey({ algorithm: 'ES256' }) // = 'P-256': the JWS names work too
 * ```
 */
export type GenerateKeyOptions = {
  /**
   * Default `Ed25519`. The key type (`Ed25519`, `P-256`, `RSA`) or its JWS algorithm (`EdDSA`,
   * `ES256`, `RS256`, as `credstack keygen --alg` takes it); the key file records the key type.
   */
  algorithm?: KeyAlgorithm | JwsAlgorithm;
  /**
   * `'key'` (default for Ed25519 / P-256): the issuer is the did:key of the key.
   * `{ web: 'example.edu' }` or `{ web: 'example.edu:issuers:1' }`: the issuer is `did:web:…`.
   */
  did?: 'key' | { web: string };
  /** An https issuer URL (the OB Profile id) that controls the key; instead of `did`. */
  controller?: string;
  /**
   * Verification method id, absolute or `#fragment` relative to the controller. Default fragment:
   * the publicKeyMultibase (Ed25519 / P-256, as in the 1EdTech test vector), the RFC 7638 JWK
   * thumbprint (RSA). Not allowed with did:key, whose id is fixed.
   */
  id?: string;
  /** RSA modulus length, at least 2048 (default 2048). */
  modulusLength?: number;
};

function badOption(message: string): CredstackError {
  return new CredstackError('ERR_INVALID_INPUT', `generateKey: ${message}`);
}

/** The issuer id from the options: did:key (undefined here, it needs the key), did:web or https. */
function controllerFrom(options: GenerateKeyOptions, algorithm: KeyAlgorithm): string | undefined {
  const { did, controller } = options;
  if (
    did !== undefined &&
    did !== 'key' &&
    !(typeof did === 'object' && did !== null && typeof did.web === 'string')
  ) {
    throw badOption(`did: expected 'key' or { web: 'example.edu' }, got ${describeValue(did)}`);
  }
  if (did === 'key' && controller !== undefined) throw badOption('did: "key" and controller are exclusive');
  if (typeof did === 'object') {
    const webDid = `did:web:${did.web}`;
    didWebUrl(webDid); // validates the domain and path
    if (controller !== undefined && controller !== webDid) {
      throw badOption(`controller ${JSON.stringify(controller)} differs from the did:web ${webDid}`);
    }
    return webDid;
  }
  if (controller !== undefined) {
    if (typeof controller === 'string' && controller.startsWith('did:web:')) {
      didWebUrl(controller);
      return controller;
    }
    let url: URL | undefined;
    try {
      url = new URL(String(controller));
    } catch {}
    const local = url?.hostname === 'localhost' || url?.hostname === '127.0.0.1';
    if (
      url === undefined ||
      !(url.protocol === 'https:' || (url.protocol === 'http:' && local)) ||
      url.hash !== ''
    ) {
      throw badOption(
        `controller: expected an https URL without fragment (the issuer id) or a did:web DID, got ${describeValue(controller)}`,
      );
    }
    return String(controller);
  }
  if (did === 'key' || algorithm !== 'RSA') return undefined;
  throw new CredstackError(
    'ERR_KEY_UNSUPPORTED',
    'generateKey: RSA keys have no did:key; pass did: { web: "example.edu" } or controller: "https://example.edu/issuers/1"',
  );
}

/**
 * Generates a key pair and returns it as a {@link KeyFile} (private parts included).
 * Default: Ed25519 with a did:key issuer. RSA needs `did: { web }` or `controller`.
 *
 * @example
 * ```ts
 * import { generateKey } from 'credstack'
 * const edKey = await generateKey() // did:key:z6Mk…
 * const rsaKey = await generateKey({ algorithm: 'RSA', controller: 'https://example.edu/issuers/1' })
 * const webKey = await generateKey({ algorithm: 'P-256', did: { web: 'example.edu' }, id: '#key-1' })
 * ```
 */
export async function generateKey(options: GenerateKeyOptions = {}): Promise<KeyFile> {
  const { modulusLength = MIN_RSA_BITS } = options;
  const algorithm = keyAlgorithmFromName(options.algorithm ?? 'Ed25519', 'generateKey: algorithm');
  if (algorithm === 'RSA' && !(Number.isInteger(modulusLength) && modulusLength >= MIN_RSA_BITS)) {
    throw badOption(
      `modulusLength: expected an integer ≥ ${MIN_RSA_BITS}, got ${describeValue(modulusLength)}`,
    );
  }
  let controller = controllerFrom(options, algorithm);
  if (controller === undefined && options.id !== undefined)
    throw badOption('id cannot be chosen for a did:key');

  const alg = algorithm === 'Ed25519' ? 'Ed25519' : jwsAlgorithm(algorithm);
  const pair = await generateKeyPair(alg, {
    extractable: true,
    ...(algorithm === 'RSA' ? { modulusLength } : {}),
  });
  const privateKeyJwk = (await exportJWK(pair.privateKey)) as Jwk;
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicKeyJwk } = privateKeyJwk;
  const multibase = publicKeyMultibaseFromJwk(publicKeyJwk);

  let id: string;
  if (controller === undefined) {
    controller = `did:key:${multibase}`;
    id = `${controller}#${multibase}`;
  } else if (options.id === undefined) {
    id = `${controller}#${multibase ?? (await calculateJwkThumbprint(publicKeyJwk))}`;
  } else {
    id = options.id.startsWith('#') ? `${controller}${options.id}` : options.id;
  }
  return importKeyFile({
    id,
    controller,
    type: algorithm === 'RSA' ? 'JsonWebKey' : 'Multikey',
    algorithm,
    publicKeyJwk,
    privateKeyJwk,
  });
}
