// The @digitalbazaar suite objects, for what the fast path does not cover: the legacy suites
// (eddsa-2022, Ed25519Signature2020) and unusual verification methods. Imported on demand only:
// jsonld-signatures and @digitalbazaar/vc cost ~250 ms to import, which a verifier that only meets
// eddsa-rdfc-2022 / ecdsa-rdfc-2019 proofs never pays.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import jsigs from 'jsonld-signatures';
import type { Cryptosuite } from './suites.js';

export { jsigs };

const CRYPTOSUITES = { 'eddsa-rdfc-2022': eddsaRdfc2022, 'ecdsa-rdfc-2019': ecdsaRdfc2019 } as const;

// eddsa-2022 is the pre-standard name of eddsa-rdfc-2022: same canonicalization (URDNA2015 =
// RDFC-1.0), same hashing and signature; only the name in the proof differs.
const eddsa2022 = { ...eddsaRdfc2022, name: 'eddsa-2022' };

export function cryptosuiteFor(name: Cryptosuite): unknown {
  return CRYPTOSUITES[name];
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
