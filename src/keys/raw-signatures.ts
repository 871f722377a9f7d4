// Raw signatures over bytes, in the JWS formats (RFC 8037 Ed25519, RFC 7518 §3.4 ECDSA as r||s,
// §3.3 RSASSA-PKCS1-v1_5): what signers, verifiers and the Data Integrity fast path share.
//
// WebCrypto everywhere, except on Node: Node runs every WebCrypto operation as a job on its libuv
// thread pool (a thread hop, plus WebIDL argument conversion), ~110–140 µs for an Ed25519
// verification on the benchmark machine against ~70 µs for the same check through node:crypto,
// which signs and verifies synchronously with the same OpenSSL. So on Node the keys become
// node:crypto KeyObjects. node:crypto comes from src/lib/node-builtin.ts, which browser bundlers
// neither resolve nor include: `credstack/verify` stays free of Node built-ins.

import { nodeCrypto } from '../lib/node-builtin.js';
import type { Jwk, KeyAlgorithm } from './types.js';

/** Verifies `signature` over `data`; false for a wrong or malformed signature. */
export type RawVerify = (data: Uint8Array, signature: Uint8Array) => Promise<boolean>;
/** Signs `data`. */
export type RawSign = (data: Uint8Array) => Promise<Uint8Array>;

const WEBCRYPTO: Record<
  KeyAlgorithm,
  { import: Algorithm | EcKeyImportParams | RsaHashedImportParams; use: Algorithm | EcdsaParams }
> = {
  Ed25519: { import: { name: 'Ed25519' }, use: { name: 'Ed25519' } },
  'P-256': { import: { name: 'ECDSA', namedCurve: 'P-256' }, use: { name: 'ECDSA', hash: 'SHA-256' } },
  RSA: { import: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, use: { name: 'RSASSA-PKCS1-v1_5' } },
};

// node:crypto's digest argument (Ed25519 takes none) and signature encoding per algorithm.
const NODE: Record<KeyAlgorithm, { hash: string | null; dsaEncoding?: 'ieee-p1363' }> = {
  Ed25519: { hash: null },
  'P-256': { hash: 'sha256', dsaEncoding: 'ieee-p1363' },
  RSA: { hash: 'sha256' },
};

/** Which backend the imports below use here (tests, diagnostics). */
export async function rawSignatureBackend(): Promise<'node:crypto' | 'webcrypto'> {
  return nodeCrypto() ? 'node:crypto' : 'webcrypto';
}

/** Options of the raw-signature key imports. */
export interface RawKeyOptions {
  /** Use WebCrypto even where node:crypto exists (tests compare the two). */
  webcrypto?: boolean;
}

/**
 * A verification function for a public JWK. Throws when the runtime refuses the key (invalid
 * point, wrong type): callers turn that into their own coded error.
 */
export async function importRawVerify(
  algorithm: KeyAlgorithm,
  jwk: Jwk,
  options: RawKeyOptions = {},
): Promise<RawVerify> {
  const node = options.webcrypto ? undefined : nodeCrypto();
  if (node) {
    const key = node.createPublicKey({ key: jwk as never, format: 'jwk' });
    const { hash, dsaEncoding } = NODE[algorithm];
    const keyInput = dsaEncoding ? { key, dsaEncoding } : key;
    return async (data, signature) => {
      try {
        return node.verify(hash, data, keyInput, signature);
      } catch {
        return false; // malformed signature bytes
      }
    };
  }
  const params = WEBCRYPTO[algorithm];
  const key = await crypto.subtle.importKey('jwk', jwk as JsonWebKey, params.import, false, ['verify']);
  return async (data, signature) => {
    try {
      return await crypto.subtle.verify(
        params.use,
        key,
        signature as Uint8Array<ArrayBuffer>,
        data as Uint8Array<ArrayBuffer>,
      );
    } catch {
      return false; // runtimes differ: some reject malformed signature bytes instead of returning false
    }
  };
}

/** A signing function for a private JWK. Throws when the runtime refuses the key. */
export async function importRawSign(
  algorithm: KeyAlgorithm,
  jwk: Jwk,
  options: RawKeyOptions = {},
): Promise<RawSign> {
  const node = options.webcrypto ? undefined : nodeCrypto();
  if (node) {
    const key = node.createPrivateKey({ key: jwk as never, format: 'jwk' });
    const { hash, dsaEncoding } = NODE[algorithm];
    const keyInput = dsaEncoding ? { key, dsaEncoding } : key;
    return async (data) => new Uint8Array(node.sign(hash, data, keyInput));
  }
  const params = WEBCRYPTO[algorithm];
  const key = await crypto.subtle.importKey('jwk', jwk as JsonWebKey, params.import, false, ['sign']);
  return async (data) =>
    new Uint8Array(await crypto.subtle.sign(params.use, key, data as Uint8Array<ArrayBuffer>));
}
