/**
 * Data Integrity cryptosuites credstack signs with.
 * @example
 * ```ts
 * import type { Cryptosuite } from 'credstack'
 * const cryptosuite: Cryptosuite = 'ecdsa-rdfc-2019'
 * ```
 */
export type Cryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019';

/**
 * Every embedded proof kind the verifier accepts (the allowlist; anything else fails before any
 * crypto). `verifyCredential`'s `suites` option can only narrow it.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { ACCEPTED_PROOF_SUITES, verifyCredential } from 'credstack'
 * ACCEPTED_PROOF_SUITES // ['DataIntegrityProof/eddsa-rdfc-2022', 'DataIntegrityProof/ecdsa-rdfc-2019', …]
 * await verifyCredential(credential, { suites: ['DataIntegrityProof/eddsa-rdfc-2022'] })
 * ```
 */
export const ACCEPTED_PROOF_SUITES: readonly string[] = Object.freeze([
  'DataIntegrityProof/eddsa-rdfc-2022',
  'DataIntegrityProof/ecdsa-rdfc-2019',
  'DataIntegrityProof/ecdsa-sd-2023',
  'DataIntegrityProof/eddsa-2022',
  'Ed25519Signature2020',
  'Ed25519Signature2018',
]);

/**
 * Suites that verify but are deprecated: a passing proof gets a warning.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { DEPRECATED_PROOF_SUITES } from 'credstack'
 * DEPRECATED_PROOF_SUITES.includes('Ed25519Signature2020') // true
 * ```
 */
export const DEPRECATED_PROOF_SUITES: readonly string[] = Object.freeze([
  'DataIntegrityProof/eddsa-2022',
  'Ed25519Signature2020',
  'Ed25519Signature2018',
]);

/**
 * The suite a key algorithm signs Data Integrity proofs with by default (`undefined` for RSA,
 * which signs VC-JWTs only).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { defaultCryptosuite } from 'credstack'
 * defaultCryptosuite('P-256') // 'ecdsa-rdfc-2019'
 * ```
 */
export function defaultCryptosuite(algorithm: string): Cryptosuite | undefined {
  if (algorithm === 'Ed25519') return 'eddsa-rdfc-2022';
  if (algorithm === 'P-256') return 'ecdsa-rdfc-2019';
  return undefined;
}

/** `type` or `type/cryptosuite` of a proof, as used in the allowlist. */
export function proofKind(proof: { type?: unknown; cryptosuite?: unknown }): string {
  // JSON.stringify(undefined) is undefined: a proof without a type is still named.
  const type = typeof proof.type === 'string' ? proof.type : (JSON.stringify(proof.type) ?? '(no type)');
  return type === 'DataIntegrityProof' ? `${type}/${String(proof.cryptosuite)}` : type;
}
