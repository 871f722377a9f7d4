// The key file format: reading (with every consistency check) and stripping private parts.
// importKeyFile is the one gate for key files: generateKey's output goes through it too, so what
// is written and what is read are the same normalised shape.

import { hasUriScheme } from '../lib/uri.js';
import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { parseDidKey } from './did-key.js';
import {
  isKeyAlgorithm,
  jwsAlgorithm,
  publicJwk,
  readPrivateJwk,
  readPublicJwk,
  suggestKeyAlgorithm,
} from './jwk.js';
import { parseSecretKeyMultibase, publicKeyMultibaseFromJwk, secretKeyMultibaseFromJwk } from './multikey.js';
import type { Jwk, KeyFile } from './types.js';

function invalid(path: string, message: string): CredstackError {
  return new CredstackError('ERR_KEY_INVALID', `Invalid key file: ${path}: ${message}`, { path });
}

function uri(value: unknown, path: string): string {
  if (typeof value !== 'string' || !hasUriScheme(value)) {
    throw invalid(path, `expected an absolute URI (a DID or an https URL), got ${describeValue(value)}`);
  }
  return value;
}

// A key file records the key type, never its JWS name: "ES256" there is refused, with the name meant.
function hint(algorithm: unknown): string {
  const meant = suggestKeyAlgorithm(algorithm);
  return meant ? `; did you mean "${meant}"?` : '';
}

/**
 * Reads a key file (an object, or its JSON text) and checks it: known algorithm, `type` fitting
 * the algorithm, JWKs valid for it (RSA ≥ 2048 bits, P-256 point on the curve), private key
 * matching the public key, multibase forms matching the JWKs, and for did:key the DID matching
 * the key. Missing derived members (`kid`, `alg`, multibase forms) are filled in.
 * Errors: ERR_KEY_INVALID, ERR_KEY_UNSUPPORTED (unknown algorithm or curve), ERR_JSON_PARSE.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises'
 * import { importKeyFile, createSigner } from 'credstack'
 * const key = importKeyFile(await readFile('key.json', 'utf8'))
 * const signer = await createSigner(key)
 * ```
 */
export function importKeyFile(json: unknown): KeyFile {
  if (typeof json === 'string') {
    try {
      json = JSON.parse(json);
    } catch (cause) {
      throw new CredstackError('ERR_JSON_PARSE', 'Invalid key file: not valid JSON', { cause });
    }
  }
  if (!isObject(json)) throw invalid('(root)', `expected an object, got ${describeValue(json)}`);
  const { algorithm } = json;
  if (algorithm === undefined) throw invalid('algorithm', 'missing; expected "Ed25519", "P-256" or "RSA"');
  if (!isKeyAlgorithm(algorithm)) {
    throw new CredstackError(
      'ERR_KEY_UNSUPPORTED',
      `Invalid key file: algorithm: expected "Ed25519", "P-256" or "RSA", got ${describeValue(algorithm)}${hint(algorithm)}`,
      { path: 'algorithm' },
    );
  }
  const id = uri(json.id, 'id');
  const controller = uri(json.controller, 'controller');
  const type = algorithm === 'RSA' ? 'JsonWebKey' : 'Multikey';
  if (json.type !== type)
    throw invalid('type', `expected "${type}" for a ${algorithm} key, got ${describeValue(json.type)}`);

  const pub = readPublicJwk(json.publicKeyJwk, 'publicKeyJwk');
  if (pub.algorithm !== algorithm)
    throw invalid('publicKeyJwk', `is a ${pub.algorithm} key, but algorithm is ${algorithm}`);
  const publicKeyMultibase = publicKeyMultibaseFromJwk(pub.jwk);
  checkIdentifiers(id, controller, publicKeyMultibase);
  if (pub.jwk.kid !== undefined && pub.jwk.kid !== id) {
    throw invalid(
      'publicKeyJwk.kid',
      `expected the key id ${JSON.stringify(id)}, got ${JSON.stringify(pub.jwk.kid)}`,
    );
  }
  const publicKeyJwk: Jwk = { ...pub.jwk, kid: id, alg: jwsAlgorithm(algorithm) };

  const key: KeyFile = { id, controller, type, algorithm, publicKeyJwk };
  if (json.publicKeyMultibase !== undefined && json.publicKeyMultibase !== publicKeyMultibase) {
    throw invalid('publicKeyMultibase', 'does not match publicKeyJwk');
  }
  if (publicKeyMultibase !== undefined) key.publicKeyMultibase = publicKeyMultibase;

  let privateKeyJwk: Jwk | undefined;
  if (json.privateKeyJwk !== undefined) {
    privateKeyJwk = readPrivateJwk(json.privateKeyJwk, publicKeyJwk, 'privateKeyJwk');
  }
  if (json.secretKeyMultibase !== undefined) {
    if (algorithm === 'RSA')
      throw invalid('secretKeyMultibase', 'RSA keys have no Multikey form; use privateKeyJwk');
    const { kty, d } = parseSecretKeyMultibase(String(json.secretKeyMultibase), 'secretKeyMultibase');
    if (kty !== publicKeyJwk.kty) throw invalid('secretKeyMultibase', `is not a ${algorithm} secret key`);
    if (privateKeyJwk !== undefined && privateKeyJwk.d !== d) {
      throw invalid('secretKeyMultibase', 'does not match privateKeyJwk.d');
    }
    privateKeyJwk ??= { ...publicKeyJwk, d };
  }
  if (privateKeyJwk !== undefined) {
    key.privateKeyJwk = { ...privateKeyJwk, kid: id, alg: jwsAlgorithm(algorithm) };
    const secretKeyMultibase = secretKeyMultibaseFromJwk(privateKeyJwk);
    if (secretKeyMultibase !== undefined) key.secretKeyMultibase = secretKeyMultibase;
  }
  return key;
}

/** The id/controller rules of the DID methods: a did:key is its key; a DID's key ids live under it. */
function checkIdentifiers(id: string, controller: string, publicKeyMultibase: string | undefined): void {
  if (controller.includes('#')) throw invalid('controller', 'must not contain a fragment');
  if (controller.startsWith('did:key:') || id.startsWith('did:key:')) {
    if (publicKeyMultibase === undefined)
      throw invalid('controller', 'RSA keys have no did:key; use did:web or https');
    const did = parseDidKey(controller.startsWith('did:key:') ? controller : id);
    if (did.publicKeyMultibase !== publicKeyMultibase) {
      throw invalid(
        'controller',
        `the did:key ${did.did} does not encode this key (expected did:key:${publicKeyMultibase})`,
      );
    }
    if (controller !== did.did)
      throw invalid('controller', `expected ${did.did} for this did:key, got ${controller}`);
    if (id !== did.verificationMethodId) {
      throw invalid('id', `expected ${did.verificationMethodId} for this did:key, got ${id}`);
    }
    return;
  }
  if (controller.startsWith('did:') && !id.startsWith(`${controller}#`)) {
    throw invalid('id', `expected a DID URL under the controller (${controller}#…), got ${id}`);
  }
}

/**
 * A copy of a key file without private parts, safe to publish or to hand to a verifier.
 *
 * @example
 * ```ts
 * import { publicKeyFile } from 'credstack'
 * const shareable = publicKeyFile(key) // no privateKeyJwk, no secretKeyMultibase
 * ```
 */
export function publicKeyFile(key: KeyFile): KeyFile {
  const { privateKeyJwk: _private, secretKeyMultibase: _secret, ...rest } = key;
  return { ...rest, publicKeyJwk: publicJwk(rest.publicKeyJwk) };
}
