import { asArray, isObject, type JsonObject } from '../../lib/json.js';
import { proofKind } from '../../proof/data-integrity/suites.js';
import { ONEDTECH_JWT_ALGORITHMS, ONEDTECH_PROOF_SUITES } from '../acceptance.js';
import { ruleBroken } from '../conformance.js';
import type { Check, CredentialFormat } from '../result.js';

/**
 * OB 3.0 §8: "issuers MUST use a proof mechanism supported by the 1EdTech conformance test
 * suite". A legacy suite (Ed25519Signature2018), ecdsa-rdfc-2019 or an EdDSA VC-JWT can be
 * perfectly authentic; it breaks this rule only, and only `strict` makes that `invalid`.
 */
export function proofFormatConformance(
  credential: JsonObject,
  format: CredentialFormat,
  alg: string | undefined,
): Check[] {
  const checks: Check[] = [];
  if (format === 'vc-jwt' && alg !== undefined && !ONEDTECH_JWT_ALGORITHMS.includes(alg)) {
    checks.push(
      ruleBroken(
        'proof',
        'PROOF_FORMAT_NONCONFORMANT',
        `VC-JWT signed with ${alg}: the 1EdTech conformance suite takes ${ONEDTECH_JWT_ALGORITHMS.join(', ')} (OB 3.0 §8)`,
      ),
    );
  }
  const single = !Array.isArray(credential.proof);
  for (const [i, proof] of asArray(credential.proof).entries()) {
    if (!isObject(proof)) continue;
    const kind = proofKind(proof);
    if (ONEDTECH_PROOF_SUITES.includes(kind)) continue;
    checks.push(
      ruleBroken(
        'proof',
        'PROOF_FORMAT_NONCONFORMANT',
        `${kind} is not a proof the 1EdTech conformance suite supports (OB 3.0 §8)`,
        single ? '/proof' : `/proof/${i}`,
      ),
    );
  }
  return checks;
}
