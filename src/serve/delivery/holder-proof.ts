// The holder's proof of control both wallet protocols ask for before signing a credential to it:
// a VC-API DIDAuthentication response and an OpenID4VCI `di_vp` key proof are both a presentation
// signed with the holder's authentication key, answering this offer's challenge (or nonce), for
// this service's domain. One verification for both, so the two protocols cannot drift apart.
import { verifyPresentation } from '../../presentation/index.js';

/** A failed check of the presentation, as the protocols report it. */
export interface HolderProofError {
  check: string;
  code: string;
  message: string;
}

/** The proven holder, or why the presentation proves none. */
export type HolderProof = { holder: string } | { holder?: undefined; errors: HolderProofError[] };

/**
 * Verifies `presentation` as a holder proof: verified in full (`verifyOptions` plus `challenge`
 * and `domain`), naming its holder, and carrying no credential when `credentials` is `'refuse'`
 * (an OpenID4VCI key proof carries none; a DIDAuthentication response may, and they are
 * verified with it).
 */
export async function verifyHolderProof(
  presentation: unknown,
  options: {
    verifyOptions: Record<string, unknown>;
    challenge: string;
    domain: string;
    credentials: 'verify' | 'refuse';
  },
): Promise<HolderProof> {
  const result = await verifyPresentation(presentation, {
    ...options.verifyOptions,
    profile: 'vc',
    challenge: options.challenge,
    domain: options.domain,
  });
  const errors = result.checks
    .filter((c) => c.status === 'failed')
    .map((c) => ({ check: c.id, code: c.code, message: c.message }));
  if (options.credentials === 'refuse' && result.credentials.length > 0)
    errors.push({
      check: 'credentials',
      code: 'CREDENTIALS_UNEXPECTED',
      message: 'a holder proof carries no credential',
    });
  if (!result.verified || result.holder === undefined || errors.length > 0)
    return {
      errors: errors.length
        ? errors
        : [{ check: 'holder', code: 'HOLDER_MISSING', message: 'the presentation names no holder' }],
    };
  return { holder: result.holder };
}
