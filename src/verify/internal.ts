// The verifier's pieces other layers build on, beyond the public entry (index.ts): the
// presentation verifier runs the same parsing, resolution, JSON-LD and proof checks on a
// presentation; the CLI parses input as the verifier does; issuing asks the acceptance rules.
// Not exported from the package. Outside src/verify, import verify/index.ts or this file only
// (.dependency-cruiser.cjs): the rest of the folder can move without touching other layers.
export { acceptanceOf } from './acceptance.js';
export { checkJsonLd } from './checks/envelope.js';
export { checkEmbeddedProofs, type ProofContext } from './checks/proof-di.js';
export { checkJwtHeader, checkJwtSignature } from './checks/proof-jwt.js';
export { explainResult } from './explain.js';
export { checkObject, type ParsedInput, parseFailure, parseInput } from './parse.js';
export { createResolver } from './resolve.js';
export {
  type AcceptanceNote,
  type Check,
  engineOptionInvalid,
  failed,
  passed,
  type VerificationResult,
  type Verdict,
  verdictOf,
} from './result.js';
export { type VerifyOptions, verifyCredential } from './verify-credential.js';
