// Which well-known verifiers will accept a credential's format, from their published rules. A
// badge that verifies here can still be refused by the verifier an employer or a wallet uses: the
// 1EdTech validator takes only some proof suites and JWT algorithms, DCC verifier-core (behind the
// Learner Credential Wallet) no ECDSA and no JWT, the Learning Mobility Collaborative interop
// profile only two suites and two DID methods. This says so before anyone finds out the hard way.
// Rules, not runs: a note says the format is acceptable, not that the signature or data are.

import type { AcceptanceNote } from './result.js';

/**
 * What a verifier's rules look at: the proof kinds (`type` or `DataIntegrityProof/<cryptosuite>`,
 * as in ACCEPTED_PROOF_SUITES), the JWS algorithm of a VC-JWT, and the issuer id.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * const shape: CredentialShape = { format: 'data-integrity', proofKinds: ['DataIntegrityProof/ecdsa-rdfc-2019'], issuer: 'did:web:school.example' }
 * ```
 */
export interface CredentialShape {
  format: 'data-integrity' | 'vc-jwt' | 'unsecured' | 'unknown';
  /** Embedded proof kinds (a VC-JWT may carry some too). */
  proofKinds: readonly string[];
  /** The JWS `alg`, for a VC-JWT. */
  alg?: string | undefined;
  issuer?: string | undefined;
}

interface VerifierRules {
  verifier: AcceptanceNote['verifier'];
  name: string;
  suites: readonly string[];
  /** JWS algorithms taken for VC-JWT; empty: no VC-JWT at all. */
  jwtAlgorithms: readonly string[];
  /** DID methods (and `https`) the issuer may use; undefined: any. */
  issuerMethods?: readonly string[];
}

// Published rules, as of their current releases:
// - 1EdTech digital-credentials-public-validator (inspector-vc): DataIntegrityProof eddsa-rdfc-2022,
//   eddsa-2022, ecdsa-sd-2023 and Ed25519Signature2020; VC-JWT with RS256 or ES256.
// - DCC verifier-core (Learner Credential Wallet, VerifierPlus): eddsa-rdfc-2022 and
//   Ed25519Signature2020; no ECDSA, no VC-JWT.
// - Learning Mobility Collaborative interop profile: eddsa-rdfc-2022 or ecdsa-rdfc-2019, issuers
//   identified by did:key or did:web.
const VERIFIERS: readonly VerifierRules[] = [
  {
    verifier: 'onedtech-validator',
    name: '1EdTech validator',
    suites: [
      'DataIntegrityProof/eddsa-rdfc-2022',
      'DataIntegrityProof/eddsa-2022',
      'DataIntegrityProof/ecdsa-sd-2023',
      'Ed25519Signature2020',
    ],
    jwtAlgorithms: ['RS256', 'ES256'],
  },
  {
    verifier: 'dcc-verifier-core',
    name: 'DCC verifier-core / Learner Credential Wallet',
    suites: ['DataIntegrityProof/eddsa-rdfc-2022', 'Ed25519Signature2020'],
    jwtAlgorithms: [],
  },
  {
    verifier: 'lmc-interop-profile',
    name: 'Learning Mobility Collaborative interop profile',
    suites: ['DataIntegrityProof/eddsa-rdfc-2022', 'DataIntegrityProof/ecdsa-rdfc-2019'],
    jwtAlgorithms: [],
    issuerMethods: ['did:key', 'did:web'],
  },
];

/** The proof kinds the 1EdTech validator verifies (OB 3.0 §8: what its conformance suite supports). */
export const ONEDTECH_PROOF_SUITES: readonly string[] = VERIFIERS[0]!.suites;
/** The JWS algorithms the 1EdTech validator verifies for VC-JWT. */
export const ONEDTECH_JWT_ALGORITHMS: readonly string[] = VERIFIERS[0]!.jwtAlgorithms;

/**
 * One note per well-known verifier: whether its published rules take a credential of this shape.
 *
 * Exported from `credstack` and `credstack/verify`.
 * @example
 * ```ts
 * import { acceptanceOf } from 'credstack'
 * acceptanceOf({ format: 'vc-jwt', proofKinds: [], alg: 'EdDSA' }).filter((n) => !n.accepts)
 * // 1EdTech validator: VC-JWT with EdDSA is refused (it takes RS256, ES256); DCC: no VC-JWT; …
 * ```
 */
export function acceptanceOf(shape: CredentialShape): AcceptanceNote[] {
  return VERIFIERS.map((rules) => noteFor(rules, shape));
}

function noteFor(rules: VerifierRules, shape: CredentialShape): AcceptanceNote {
  const note = (accepts: boolean, reason: string): AcceptanceNote => ({
    verifier: rules.verifier,
    name: rules.name,
    accepts,
    reason,
  });
  if (shape.format === 'unsecured' || shape.format === 'unknown') return note(false, 'no proof to verify');
  if (shape.format === 'vc-jwt') {
    if (rules.jwtAlgorithms.length === 0) return note(false, 'VC-JWT is not supported');
    if (!rules.jwtAlgorithms.includes(String(shape.alg))) {
      return note(
        false,
        `VC-JWT signed with ${String(shape.alg)} is refused (it takes ${rules.jwtAlgorithms.join(', ')})`,
      );
    }
  }
  const refused = shape.proofKinds.filter((kind) => !rules.suites.includes(kind));
  if (refused.length > 0) {
    return note(
      false,
      `${refused.map(suiteName).join(', ')} is not supported (it takes ${rules.suites.map(suiteName).join(', ')})`,
    );
  }
  if (rules.issuerMethods && shape.issuer !== undefined) {
    const method = shape.issuer.split(':').slice(0, 2).join(':');
    if (!rules.issuerMethods.includes(method)) {
      return note(false, `issuers must use ${rules.issuerMethods.join(' or ')}, not ${method || 'this id'}`);
    }
  }
  const what =
    shape.format === 'vc-jwt'
      ? `VC-JWT ${String(shape.alg)}${shape.proofKinds.length ? ` with ${shape.proofKinds.map(suiteName).join(', ')}` : ''}`
      : shape.proofKinds.map(suiteName).join(', ');
  return note(true, `${what} is supported`);
}

function suiteName(kind: string): string {
  return kind.startsWith('DataIntegrityProof/') ? kind.slice('DataIntegrityProof/'.length) : kind;
}
