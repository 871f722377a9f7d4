import { createDocumentLoader, type DocumentLoader, VC_V2_CONTEXT } from '../contexts/index.js';
import { CredstackError, describeValue } from '../errors.js';
import type { KeyFile, Signer } from '../keys/index.js';
import { signerForKey } from '../keys/signer.js';
import { clone, isObject, type JsonObject } from '../lib/json.js';
import { defaultCryptosuite } from '../proof/data-integrity/suites.js';
import { isCompactJws } from '../proof/vc-jwt/decode.js';
import { signJwt } from '../proof/vc-jwt/sign.js';

/**
 * How a presentation is secured.
 * @example
 * ```ts
 * import type { PresentationFormat } from 'credstack'
 * const format: PresentationFormat = 'vp-jwt'
 * ```
 */
export type PresentationFormat = 'data-integrity' | 'vp-jwt';

/**
 * Options for {@link createPresentation}.
 * @example
 * ```ts
 * import { type CreatePresentationOptions, createPresentation } from 'credstack'
 * const options: CreatePresentationOptions = { key, challenge: 'n-0S6_WzA2Mj', domain: 'verifier.example.org' }
 * const vp = await createPresentation([jwt], options)
 * ```
 */
export interface CreatePresentationOptions {
  /** The holder's key (usually the learner's did:key). Either `key` or `signer`. */
  key?: KeyFile;
  signer?: Signer;
  /** The holder id; default the key's controller. */
  holder?: string;
  /** The verifier's nonce: binds the presentation to one verification (replay protection). */
  challenge: string;
  /** The verifier's domain (the audience). */
  domain: string;
  /** Default `data-integrity` (eddsa-rdfc-2022 / ecdsa-rdfc-2019 by key type). */
  format?: PresentationFormat;
  /** Presentation id; default a `urn:uuid:`. */
  id?: string;
  /** Expiry of the presentation (JWT `exp`; Data Integrity proof `expires`). */
  expires?: Date | string;
  /** The proof's creation time. Default now. */
  created?: Date | string;
  documentLoader?: DocumentLoader;
}

function isoSeconds(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * Wraps credentials (Data Integrity objects or VC-JWTs, including a pathway proof) in a
 * Verifiable Presentation signed by the holder, bound to the verifier's `challenge` and `domain`:
 * as Data Integrity (`authentication` proof purpose) or as a VP-JWT (`aud` = domain, `nonce` =
 * challenge).
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * const vp = await createPresentation([pathwayProof], { key: learnerKey, challenge: nonce, domain: 'hospital.example' })
 * const result = await verifyPresentation(vp, { challenge: nonce, domain: 'hospital.example' })
 * ```
 */
export async function createPresentation(
  credentials: readonly unknown[],
  options: CreatePresentationOptions,
): Promise<JsonObject | string> {
  if (!Array.isArray(credentials) || credentials.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `createPresentation needs a non-empty array of credentials, got ${describeValue(credentials)}`,
    );
  }
  if (!options || (!options.key && !options.signer)) {
    throw new CredstackError('ERR_INVALID_INPUT', 'createPresentation needs the holder `key` or `signer`');
  }
  if (
    typeof options.challenge !== 'string' ||
    options.challenge === '' ||
    typeof options.domain !== 'string' ||
    options.domain === ''
  ) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      'createPresentation needs the verifier `challenge` and `domain` (non-empty strings)',
    );
  }
  const signer = options.signer ?? (await signerForKey(options.key!));
  const holder = options.holder ?? options.key?.controller ?? signer.id.split('#')[0]!;
  const format = options.format ?? 'data-integrity';
  const id = options.id ?? `urn:uuid:${crypto.randomUUID()}`;
  for (const [i, c] of credentials.entries()) {
    if (!isObject(c) && !isCompactJws(c)) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `Credential ${i} must be a credential object or a compact VC-JWT, got ${describeValue(c)}`,
      );
    }
  }
  if (format === 'vp-jwt') {
    const now = options.created ? new Date(options.created) : new Date();
    const payload: JsonObject = {
      iss: holder,
      aud: options.domain,
      nonce: options.challenge,
      jti: id,
      iat: Math.floor(now.getTime() / 1000),
      nbf: Math.floor(now.getTime() / 1000),
      vp: {
        '@context': [VC_V2_CONTEXT],
        type: ['VerifiablePresentation'],
        id,
        holder,
        verifiableCredential: credentials.map((c) => (typeof c === 'string' ? c.trim() : clone(c))),
      },
    };
    if (options.expires) payload.exp = Math.floor(new Date(options.expires).getTime() / 1000);
    return signJwt(payload, { signer });
  }
  if (format !== 'data-integrity') {
    throw new CredstackError(
      'ERR_FORMAT_UNSUPPORTED',
      `Unsupported presentation format ${String(format)}: use data-integrity or vp-jwt`,
    );
  }
  const suiteName = defaultCryptosuite(signer.algorithm);
  if (!suiteName) {
    throw new CredstackError(
      'ERR_KEY_UNSUPPORTED',
      `${signer.algorithm} keys cannot sign Data Integrity presentations: use format 'vp-jwt'`,
    );
  }
  // A VC-JWT travels in a Data Integrity presentation as a VCDM 2.0 EnvelopedVerifiableCredential.
  const verifiableCredential = credentials.map((c) =>
    typeof c === 'string'
      ? {
          '@context': VC_V2_CONTEXT,
          id: `data:application/vc+jwt,${c.trim()}`,
          type: 'EnvelopedVerifiableCredential',
        }
      : clone(c),
  );
  const presentation: JsonObject = {
    '@context': [VC_V2_CONTEXT],
    type: ['VerifiablePresentation'],
    id,
    holder,
    verifiableCredential,
  };
  // The reference stack loads on first use: importing credstack (the root entry) must not pay
  // for jsonld-signatures and @digitalbazaar/vc unless a Data Integrity presentation is signed.
  const [vc, { signingSuite }] = await Promise.all([
    import('@digitalbazaar/vc'),
    import('../proof/data-integrity/reference.js'),
  ]);
  const suite = signingSuite(suiteName, signer, options.created ?? isoSeconds(new Date())) as {
    proof?: JsonObject;
  };
  // DataIntegrityProof copies `suite.proof` into the new proof: the way to add `expires`.
  if (options.expires) suite.proof = { expires: isoSeconds(new Date(options.expires)) };
  try {
    return (await vc.signPresentation({
      presentation,
      suite,
      challenge: options.challenge,
      domain: options.domain,
      documentLoader: options.documentLoader ?? createDocumentLoader(),
    })) as JsonObject;
  } catch (cause) {
    throw new CredstackError(
      'ERR_SIGNING_FAILED',
      `Signing the presentation failed: ${(cause as Error).message}`,
      { cause },
    );
  }
}
