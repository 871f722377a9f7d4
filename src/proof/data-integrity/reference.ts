// The @digitalbazaar suite objects, for what the fast path does not cover: the legacy suites
// (eddsa-2022, Ed25519Signature2020) and unusual verification methods. Imported on demand only:
// jsonld-signatures and @digitalbazaar/vc cost ~250 ms to import, which a verifier that only meets
// eddsa-rdfc-2022 / ecdsa-rdfc-2019 proofs never pays.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as ecdsaRdfc2019 } from '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite';
import { createVerifyCryptosuite as ecdsaSd2023Verify } from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import jsigs from 'jsonld-signatures';
import { referenceCanonize } from '../../jsonld/reference.js';
import type { CanonicalizationBudget } from '../../jsonld/rdfc/budget.js';
import type { Cryptosuite } from './suites.js';
import type { ProofCheck, VerifyDataIntegrityProofOptions } from './verify.js';
import type { JsonObject } from '../../lib/json.js';
import { failedCheck, findCredstackError } from './common.js';

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

type Canonize = (input: unknown, options: Record<string, unknown>) => Promise<string>;

// The cryptosuites' and LinkedDataSignature's own canonicalization options (their canonize.js):
// RDFC-1.0 in safe mode, no base IRI, N-Quads; what the caller passes comes on top.
const SUITE_CANONIZE_OPTIONS = {
  algorithm: 'RDFC-1.0',
  format: 'application/n-quads',
  base: null,
  safe: true,
};

/**
 * The suite's canonicalization, spending `budget`: the cryptosuites and Ed25519Signature2020 all
 * canonicalize as jsonld.js toRDF + rdf-canonize RDFC-1.0 with these options, which
 * `referenceCanonize` does with the RDFC-1.0 step metered (rdf-canonize's own `canonize` takes no
 * budget that spans calls).
 */
function meteredCanonize(budget: CanonicalizationBudget): Canonize {
  return (input, options) => {
    budget.trace.ran('canonicalize', 'reference');
    return referenceCanonize(input, { ...SUITE_CANONIZE_OPTIONS, ...options }, budget);
  };
}

function withBudget<T extends object>(cryptosuite: T, budget: CanonicalizationBudget | undefined): T {
  return budget === undefined ? cryptosuite : { ...cryptosuite, canonize: meteredCanonize(budget) };
}

/**
 * Suite instances for verifying one proof of the given kind, or undefined when not accepted.
 * With a `budget`, every canonicalization the suite runs spends it.
 */
export function verifyingSuite(
  proof: { type?: unknown; cryptosuite?: unknown },
  budget?: CanonicalizationBudget,
): unknown | undefined {
  if (proof.type === 'DataIntegrityProof') {
    if (proof.cryptosuite === 'eddsa-rdfc-2022')
      return new DataIntegrityProof({ cryptosuite: withBudget(eddsaRdfc2022, budget) });
    if (proof.cryptosuite === 'ecdsa-rdfc-2019')
      return new DataIntegrityProof({ cryptosuite: withBudget(ecdsaRdfc2019, budget) });
    // ecdsa-sd-2023 canonicalizes through @digitalbazaar/di-sd-primitives (rdf-canonize with its
    // own work limit), not through the cryptosuite's `canonize`: the budget does not reach it.
    if (proof.cryptosuite === 'ecdsa-sd-2023')
      return new DataIntegrityProof({ cryptosuite: ecdsaSd2023Verify() });
    if (proof.cryptosuite === 'eddsa-2022') {
      return new DataIntegrityProof({ cryptosuite: withBudget(eddsa2022, budget), legacyContext: true });
    }
    return undefined;
  }
  if (proof.type === 'Ed25519Signature2020') {
    const suite = new Ed25519Signature2020();
    if (budget !== undefined) {
      // LinkedDataSignature.canonize(input, { documentLoader, skipExpansion }) → the same toRDF + RDFC-1.0
      const canonize = meteredCanonize(budget);
      (suite as unknown as { canonize: Canonize }).canonize = (input, { documentLoader, skipExpansion }) =>
        canonize(input, { documentLoader, skipExpansion });
    }
    return suite;
  }
  return undefined;
}

/** The reference stack (jsonld-signatures + @digitalbazaar suites), for what the fast path leaves. */
export async function verifyWithReference(
  rest: JsonObject,
  proof: JsonObject,
  options: VerifyDataIntegrityProofOptions,
): Promise<ProofCheck> {
  const suite = verifyingSuite(proof, options.budget);
  if (!suite) return { verified: false, message: 'proof type or cryptosuite is not accepted' };
  try {
    const result = await jsigs.verify(
      { ...rest, proof },
      {
        suite,
        purpose: options.purpose ?? new jsigs.purposes.AssertionProofPurpose(),
        documentLoader: options.documentLoader,
      },
    );
    if (result.verified) return { verified: true };
    const error = result.results?.find((r) => r.error)?.error ?? result.error;
    // jsonld-signatures wraps what a suite throws: a spent budget keeps its own code
    const limit = findCredstackError(error);
    if (limit?.code === 'ERR_CANONICALIZATION_LIMIT')
      return { verified: false, message: limit.message, error: limit };
    return failedCheck(error);
  } catch (error) {
    return failedCheck(error);
  }
}
