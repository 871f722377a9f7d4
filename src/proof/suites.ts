import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';

/** Data Integrity cryptosuites credstack signs with. */
export type Cryptosuite = 'eddsa-rdfc-2022' | 'ecdsa-rdfc-2019';

/** Every embedded proof kind the verifier accepts (the allowlist; anything else fails before any crypto). */
export const ACCEPTED_PROOF_SUITES: readonly string[] = Object.freeze([
  'DataIntegrityProof/eddsa-rdfc-2022',
  'DataIntegrityProof/ecdsa-rdfc-2019',
  'DataIntegrityProof/eddsa-2022',
  'Ed25519Signature2020',
]);

/** Suites that verify but are deprecated: a passing proof gets a warning. */
export const DEPRECATED_PROOF_SUITES: readonly string[] = Object.freeze([
  'DataIntegrityProof/eddsa-2022',
  'Ed25519Signature2020',
]);

const CRYPTOSUITES = { 'eddsa-rdfc-2022': eddsaRdfc2022, 'ecdsa-rdfc-2019': ecdsaRdfc2019 } as const;

// eddsa-2022 is the pre-standard name of eddsa-rdfc-2022: same canonicalization (URDNA2015 =
// RDFC-1.0), same hashing and signature; only the name in the proof differs.
const eddsa2022 = { ...eddsaRdfc2022, name: 'eddsa-2022' };

export function cryptosuiteFor(name: Cryptosuite): unknown {
  return CRYPTOSUITES[name];
}

/** The suite a key algorithm signs Data Integrity proofs with by default. */
export function defaultCryptosuite(algorithm: string): Cryptosuite | undefined {
  if (algorithm === 'Ed25519') return 'eddsa-rdfc-2022';
  if (algorithm === 'P-256') return 'ecdsa-rdfc-2019';
  return undefined;
}

export function signingSuite(name: Cryptosuite, signer: unknown, created?: Date | string): unknown {
  return new DataIntegrityProof({
    signer,
    cryptosuite: CRYPTOSUITES[name],
    ...(created ? { date: created } : {}),
  });
}

/** Suite instances for verifying one proof of the given kind, or undefined when not accepted. */
export function verifyingSuite(proof: { type?: unknown; cryptosuite?: unknown }): unknown | undefined {
  if (proof.type === 'DataIntegrityProof') {
    if (proof.cryptosuite === 'eddsa-rdfc-2022')
      return new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 });
    if (proof.cryptosuite === 'ecdsa-rdfc-2019')
      return new DataIntegrityProof({ cryptosuite: ecdsaRdfc2019 });
    if (proof.cryptosuite === 'eddsa-2022') {
      return new DataIntegrityProof({ cryptosuite: eddsa2022, legacyContext: true });
    }
    return undefined;
  }
  if (proof.type === 'Ed25519Signature2020') return new Ed25519Signature2020();
  return undefined;
}

/** `type` or `type/cryptosuite` of a proof, as used in the allowlist. */
export function proofKind(proof: { type?: unknown; cryptosuite?: unknown }): string {
  const type = typeof proof.type === 'string' ? proof.type : JSON.stringify(proof.type);
  return type === 'DataIntegrityProof' ? `${type}/${String(proof.cryptosuite)}` : type;
}
