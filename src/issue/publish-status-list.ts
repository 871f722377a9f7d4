// Signs BitstringStatusListCredentials (W3C Bitstring Status List v1.0 §2.2) for publication.
// Browser-safe: it takes the list bits (or anything with `lists()`, such as a status store) and
// signs through issueCredential, so a KMS signer works here too. Not in the `credstack/status`
// barrel on purpose: the verifier imports that barrel and must not pull in the issuing code.
import { sha256 } from '@noble/hashes/sha2.js';
import type { DocumentLoader } from '../contexts/index.js';
import { CredstackError, describeValue } from '../errors.js';
import { type IssuedCredential, type IssueFormat, issueCredential } from './issue-credential.js';
import type { KeyFile, Signer } from '../keys/index.js';
import * as base64url from '../lib/base64url.js';
import { isObject } from '../lib/json.js';
import type { Cryptosuite } from '../proof/data-integrity/suites.js';
import {
  assertPurpose,
  type BitstringStatusListCredential,
  createStatusListCredential,
  type StatusPurpose,
} from '../status/status-list.js';

/**
 * One status list to publish: where it will be served, its purpose and its status bits.
 * @example
 * ```ts
 * import { createBitstring, publishStatusList, type StatusListBits } from 'credstack'
 * const list: StatusListBits = { url: 'https://example.org/status/1', purpose: 'revocation', bits: createBitstring() }
 * const [published] = await publishStatusList(list, { key })
 * ```
 */
export interface StatusListBits {
  /** The URL the signed list is served at (what entries name as `statusListCredential`). */
  url: string;
  purpose: StatusPurpose;
  /** 1 = revoked/suspended (statusSize bits per entry when statusSize is above 1). */
  bits: Uint8Array;
  /** BSL v1.0 `ttl` (ms) to put in the list credential: how long verifiers may cache it. */
  ttl?: number;
}

/**
 * Anything that can list its status lists, e.g. a `StatusStore` from `credstack/status/store`.
 * @example
 * ```ts
 * import { publishStatusList, type StatusListSource } from 'credstack'
 * const source: StatusListSource = { lists: async () => [{ url: 'https://example.org/status/1', purpose: 'revocation', bits }] }
 * const published = await publishStatusList(source, { key, issuer: 'did:example:issuer' })
 * ```
 */
export interface StatusListSource {
  /** The issuer recorded with the lists, if any. */
  readonly issuer?: string | undefined;
  /** Every list to publish, with its URL, purpose and current bits. */
  lists(): Promise<readonly StatusListBits[]>;
}

/**
 * Options of {@link publishStatusList}.
 * @example
 * ```ts
 * import { type PublishStatusListOptions, publishStatusList } from 'credstack'
 * const options: PublishStatusListOptions = { key, validUntil: '2030-01-01T00:00:00Z' }
 * const published = await publishStatusList(store, options)
 * ```
 */
export interface PublishStatusListOptions {
  /** The issuer's key file (with its private key). Either `key` or `signer`. */
  key?: KeyFile;
  /** A signer whose private key lives elsewhere (KMS, HSM). Either `key` or `signer`. */
  signer?: Signer;
  /** Default: the store's issuer, else the key's controller. Must be the issuer of the credentials the list covers. */
  issuer?: string;
  /** Default: `eddsa-rdfc-2022` for Ed25519 keys, `ecdsa-rdfc-2019` for P-256; RSA keys need `vc-jwt`. */
  format?: IssueFormat;
  /**
   * ISO 8601 date-time put in the list credential's `validFrom`. Default: now, to the second
   * (verifiers require a `validFrom` on every credential, status lists included).
   */
  validFrom?: string;
  /**
   * ISO 8601 date-time put in `validUntil`. Verifiers refuse the list after it, so a list with
   * `validUntil` must be re-published before then (it also bounds how long a CDN copy is trusted).
   */
  validUntil?: string;
  /** The Data Integrity proof's `created`. Default now. */
  created?: Date | string;
  /** JSON-LD document loader; default: the bundled contexts. */
  documentLoader?: DocumentLoader;
}

/**
 * One signed list, ready to serve at `url`.
 * @example
 * ```ts
 * import { type PublishedStatusList, publishStatusList } from 'credstack'
 * const published: PublishedStatusList[] = await publishStatusList(store, { key })
 * for (const { url, credential } of published) console.log(url, credential)
 * ```
 */
export interface PublishedStatusList<F extends IssueFormat = IssueFormat> {
  url: string;
  purpose: StatusPurpose;
  /** A JSON object with a Data Integrity proof, or a compact JWT. */
  credential: IssuedCredential<F, BitstringStatusListCredential>;
  /** The exact bytes to serve at `url`: the JSON of a Data Integrity list, the compact JWT of a JWT one. */
  body: string;
  /** `application/vc` (Data Integrity, VC 2.0 §6.3) or `application/vc+jwt`. */
  contentType: 'application/vc' | 'application/vc+jwt';
  /**
   * A strong HTTP ETag of `body` (RFC 9110 §8.8.3, quoted base64url SHA-256): serve it with the
   * list so verifiers and CDNs revalidate with If-None-Match instead of downloading it again.
   */
  etag: string;
}

function isSource(value: unknown): value is StatusListSource {
  return isObject(value) && typeof value.lists === 'function';
}

function assertBits(list: unknown, i: number): asserts list is StatusListBits {
  if (!isObject(list) || typeof list.url !== 'string' || !(list.bits instanceof Uint8Array)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `lists[${i}]: expected { url, purpose, bits: Uint8Array }, got ${describeValue(list)}`,
    );
  }
  assertPurpose(list.purpose, `lists[${i}].purpose`);
}

/**
 * Signs the BitstringStatusListCredential of every list of `source` (a status store, one list,
 * or an array of lists), in list order. Serve each `credential` at its `url` — a static file
 * server or a CDN is enough — and publish again after every revoke/suspend/reinstate.
 *
 * The list credential is not an Open Badge, so it is not validated against the OB schema; its
 * only context is VC v2, which defines every BSL term (JSON-LD safe mode passes).
 *
 * Each result carries the `body` to serve, its `contentType` and a strong `etag`.
 *
 * Exported from `credstack/status/store` (the file is browser-safe; pass `{ url, purpose, bits }`
 * lists when there is no store).
 *
 * @example
 * ```ts
 * import { openStatusStore, publishStatusList } from 'credstack/status/store'
 * const store = await openStatusStore('./status.sqlite')
 * await store.revoke('urn:uuid:3f2a…')
 * for (const { url, body, contentType, etag } of await publishStatusList(store, { key })) {
 *   await upload(url, body, { 'content-type': contentType, etag })
 * }
 * ```
 */
export async function publishStatusList<F extends IssueFormat = Cryptosuite>(
  source: StatusListSource | StatusListBits | readonly StatusListBits[],
  options: PublishStatusListOptions & { format?: F },
): Promise<PublishedStatusList<F>[]> {
  if (
    typeof options !== 'object' ||
    options === null ||
    (options.key === undefined && options.signer === undefined)
  ) {
    throw new CredstackError('ERR_INVALID_INPUT', 'publishStatusList needs a `key` (key file) or a `signer`');
  }
  let lists: readonly unknown[];
  let storeIssuer: string | undefined;
  if (isSource(source)) {
    lists = await source.lists();
    storeIssuer = source.issuer;
  } else if (Array.isArray(source)) {
    lists = source;
  } else if (isObject(source)) {
    lists = [source];
  } else {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `source: expected a status store, a list { url, purpose, bits } or an array of lists, got ${describeValue(source)}`,
    );
  }
  if (lists.length === 0)
    throw new CredstackError('ERR_INVALID_INPUT', 'source: there is no status list to publish');
  const controller =
    options.key?.controller ?? (options.signer ? options.signer.id.split('#')[0] : undefined);
  const issuer = options.issuer ?? storeIssuer ?? controller;
  if (issuer === undefined)
    throw new CredstackError('ERR_INVALID_INPUT', 'issuer: cannot tell the issuer; pass options.issuer');

  const validFrom = options.validFrom ?? new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const published: PublishedStatusList<F>[] = [];
  for (const [i, list] of lists.entries()) {
    assertBits(list, i);
    const unsigned = createStatusListCredential({
      id: list.url,
      issuer,
      purpose: list.purpose,
      bits: list.bits,
      validFrom,
      ...(list.ttl !== undefined ? { ttl: list.ttl } : {}),
      ...(options.validUntil !== undefined ? { validUntil: options.validUntil } : {}),
    });
    const credential = await issueCredential(unsigned, {
      ...(options.key ? { key: options.key } : {}),
      ...(options.signer ? { signer: options.signer } : {}),
      ...(options.format !== undefined ? { format: options.format } : {}),
      ...(options.created !== undefined ? { created: options.created } : {}),
      ...(options.documentLoader ? { documentLoader: options.documentLoader } : {}),
      // Not an Open Badge: the OB schema does not apply (issueCredential still checks the
      // issuer is the key's controller, which verifiers require of a status list).
      validate: false,
    } as Parameters<typeof issueCredential<F>>[1]);
    const body = typeof credential === 'string' ? credential : JSON.stringify(credential);
    published.push({
      url: list.url,
      purpose: list.purpose,
      credential,
      body,
      contentType: typeof credential === 'string' ? 'application/vc+jwt' : 'application/vc',
      etag: etagOf(body),
    });
  }
  return published;
}

/** A strong ETag of `body`: the quoted base64url SHA-256 of its UTF-8 bytes. */
export function etagOf(body: string): string {
  return `"${base64url.encode(sha256(new TextEncoder().encode(body)))}"`;
}
