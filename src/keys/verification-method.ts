// Finding a verification method in a DID document or controller document, and reading its key.

import { CredstackError, describeValue } from '../errors.js';
import { asArray, isObject, type JsonObject } from '../lib/json.js';
import { readPublicJwk } from './jwk.js';
import { parsePublicKeyMultibase, publicKeyMultibaseFromJwk } from './multikey.js';
import type { PublicKeyInfo, VerificationMethod } from './types.js';

/** Verification relationships (DID Core §5.3) where a method may be embedded or referenced. */
const RELATIONSHIPS = [
  'verificationMethod',
  'assertionMethod',
  'authentication',
  'capabilityInvocation',
  'capabilityDelegation',
] as const;

/**
 * Options of {@link verificationMethodFromDocument}.
 * @example
 * ```ts
 * import { type FindVerificationMethodOptions, verificationMethodFromDocument } from 'credstack'
 * const options: FindVerificationMethodOptions = { purpose: 'assertionMethod' }
 * const vm = verificationMethodFromDocument(didDocument, 'did:web:example.org#key-1', options)
 * ```
 */
export type FindVerificationMethodOptions = {
  /**
   * Only return the method when the document authorises it for this relationship (lists it,
   * by reference or embedded, in e.g. `assertionMethod`, the proof purpose of credentials).
   * A document that is itself the method authorises nothing.
   */
  purpose?: 'assertionMethod' | 'authentication' | 'capabilityInvocation' | 'capabilityDelegation';
};

function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash === -1 ? url : url.slice(0, hash);
}

/**
 * Finds the verification method `id` in a DID document or controller document: embedded in
 * `verificationMethod`, `assertionMethod`, `authentication`, … (arrays or single objects), or
 * the document itself being the method. Relative ids (`#key-1`) are resolved against the
 * document id. Returns `undefined` when the document does not contain (or, with `purpose`, does
 * not authorise) the method.
 *
 * @example
 * ```ts
 * import { verificationMethodFromDocument } from 'credstack'
 * const vm = verificationMethodFromDocument(didDocument, 'did:web:example.edu#key-1', { purpose: 'assertionMethod' })
 * ```
 */
export function verificationMethodFromDocument(
  doc: unknown,
  id: string,
  options: FindVerificationMethodOptions = {},
): VerificationMethod | undefined {
  if (!isObject(doc)) return undefined;
  const base = typeof doc.id === 'string' ? withoutFragment(doc.id) : undefined;
  const resolve = (ref: string): string => (ref.startsWith('#') && base !== undefined ? base + ref : ref);
  const target = resolve(id);

  if (typeof doc.id === 'string' && resolve(doc.id) === target && typeof doc.type === 'string') {
    return options.purpose === undefined ? normalise(doc, target, undefined, resolve) : undefined;
  }
  let found: JsonObject | undefined;
  for (const relation of RELATIONSHIPS) {
    for (const entry of asArray(doc[relation])) {
      if (isObject(entry) && typeof entry.id === 'string' && resolve(entry.id) === target) found ??= entry;
    }
  }
  if (found === undefined) return undefined;
  if (options.purpose !== undefined && !authorizesMethod(doc, id, options.purpose)) return undefined;
  return normalise(found, target, base, resolve);
}

/**
 * Whether a DID document or controller document lists the verification method `id` under the
 * relationship `purpose` (DID Core §5.3), by reference or embedded; relative references (`#key-1`)
 * are resolved against the document id. This is the controller's own statement that the key is
 * theirs for that purpose (jsonld-signatures' ControllerProofPurpose checks the same list): a
 * key's `controller` claim proves nothing until the controller's document says so. Used by
 * {@link verificationMethodFromDocument} and by the verifier's JWT key binding, so both read the
 * list the same way. Internal.
 *
 * @example
 * ```ts
 * authorizesMethod({ id: 'did:web:a.example', assertionMethod: ['#key-1'] }, 'did:web:a.example#key-1', 'assertionMethod') // true
 * ```
 */
export function authorizesMethod(
  doc: unknown,
  id: string,
  purpose: NonNullable<FindVerificationMethodOptions['purpose']>,
): boolean {
  if (!isObject(doc)) return false;
  const base = typeof doc.id === 'string' ? withoutFragment(doc.id) : undefined;
  const resolve = (ref: string): string => (ref.startsWith('#') && base !== undefined ? base + ref : ref);
  const target = resolve(id);
  return asArray(doc[purpose]).some(
    (entry) =>
      (typeof entry === 'string' ? resolve(entry) : isObject(entry) ? resolve(String(entry.id)) : '') ===
      target,
  );
}

function normalise(
  entry: JsonObject,
  id: string,
  base: string | undefined,
  resolve: (ref: string) => string,
): VerificationMethod {
  const controller = typeof entry.controller === 'string' ? resolve(entry.controller) : base;
  if (typeof entry.type !== 'string' || controller === undefined) {
    throw new CredstackError(
      'ERR_KEY_INVALID',
      `Verification method ${id}: expected string "type" and "controller", got type ${describeValue(entry.type)} and controller ${describeValue(entry.controller)}`,
    );
  }
  const vm: VerificationMethod = { id, type: entry.type, controller };
  if (entry.publicKeyMultibase !== undefined) vm.publicKeyMultibase = entry.publicKeyMultibase as string;
  if (entry.publicKeyJwk !== undefined)
    vm.publicKeyJwk = entry.publicKeyJwk as VerificationMethod['publicKeyJwk'];
  return vm;
}

/**
 * Reads the public key of a verification method: Multikey (Ed25519 `z6Mk…`, P-256 `zDn…`),
 * Ed25519VerificationKey2020, JsonWebKey / JsonWebKey2020 (OKP Ed25519, EC P-256, RSA ≥ 2048).
 * Errors: ERR_KEY_INVALID (malformed), ERR_KEY_UNSUPPORTED (other types, curves or codecs).
 *
 * @example
 * ```ts
 * import { keyFromVerificationMethod } from 'credstack'
 * const { algorithm, publicKeyJwk } = await keyFromVerificationMethod(vm)
 * ```
 */
export async function keyFromVerificationMethod(vm: unknown): Promise<PublicKeyInfo> {
  if (!isObject(vm)) {
    throw new CredstackError(
      'ERR_KEY_INVALID',
      `Expected a verification method object, got ${describeValue(vm)}`,
    );
  }
  const { type } = vm;
  const where = `verification method ${typeof vm.id === 'string' ? vm.id : '(no id)'}`;
  if (type === 'Multikey' || type === 'Ed25519VerificationKey2020') {
    if (typeof vm.publicKeyMultibase !== 'string') {
      throw new CredstackError(
        'ERR_KEY_INVALID',
        `${where}: a ${type} needs a publicKeyMultibase string, got ${describeValue(vm.publicKeyMultibase)}`,
      );
    }
    const info = parsePublicKeyMultibase(vm.publicKeyMultibase, `${where}: publicKeyMultibase`);
    if (type === 'Ed25519VerificationKey2020' && info.algorithm !== 'Ed25519') {
      throw new CredstackError(
        'ERR_KEY_INVALID',
        `${where}: an Ed25519VerificationKey2020 must hold an Ed25519 key`,
      );
    }
    return info;
  }
  if (type === 'JsonWebKey' || type === 'JsonWebKey2020') {
    const { algorithm, jwk } = readPublicJwk(vm.publicKeyJwk, `${where}: publicKeyJwk`);
    const multibase = publicKeyMultibaseFromJwk(jwk);
    return multibase === undefined
      ? { algorithm, publicKeyJwk: jwk }
      : { algorithm, publicKeyJwk: jwk, publicKeyMultibase: multibase };
  }
  throw new CredstackError(
    'ERR_KEY_UNSUPPORTED',
    `${where}: unsupported type ${describeValue(type)}; supported: Multikey, Ed25519VerificationKey2020, JsonWebKey, JsonWebKey2020`,
  );
}
