// The client side of offers: what a school's own system (or `credstack offer`) calls to make a
// one-time offer on a running `credstack serve`. The learner's address, when given, is written
// into the credential as a salted hash (OB 3.0 IdentityObject), so a badge delivered as a file
// is still tied to its learner, and comes back as a mailto: link to send them.
import { CredstackError, describeValue } from '../../errors.js';
import { isObject, type JsonObject } from '../../lib/json.js';
import { createIdentityObject } from '../../model/index.js';
import type { OfferLinks } from './context.js';

/**
 * Options of {@link createOffer}.
 * @example
 * ```ts
 * const options: CreateOfferOptions = { server: 'https://badges.example.edu', credential, email: 'ana@example.org' }
 * ```
 */
export interface CreateOfferOptions {
  /** The base URL of the `credstack serve` that signs and delivers. */
  server: string | URL;
  /** The unsigned credential; a wallet's proven key becomes its subject id. */
  credential: JsonObject;
  /** The issuer instance (`GET /issuers`); default the service's first. */
  issuer?: string;
  /** Seconds the offer stays valid; default 7 days. */
  expiresIn?: number;
  /** Require a 6-digit transaction code (PIN), returned once: deliver it apart from the link. */
  txCode?: boolean;
  /** Allocate a status slot of this purpose when the credential is signed. */
  statusPurpose?: 'revocation' | 'suspension';
  /** The badge image for direct delivery: a data: URL of a PNG or SVG. */
  image?: string;
  /**
   * The learner's e-mail address: a subject with no `identifier` gains its salted hash, and the
   * answer a `mailto:` link carrying the offer's URL (never the transaction code).
   */
  email?: string;
  /** Bearer token of the service (an API key or an OAuth access token). */
  apiKey?: string;
  /** Milliseconds; default 30 s. */
  timeout?: number;
}

/**
 * An offer made by {@link createOffer}: its links and, with `email`, a mailto: link.
 * @example
 * ```ts
 * const { interactionUrl, emailLink } = await createOffer({ server, credential, email })
 * ```
 */
export interface CreatedOffer extends OfferLinks {
  emailLink?: string;
}

const EMAIL = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/** The credential with the learner's hashed address as its subject's identifier (unless it has one). */
async function withEmail(credential: JsonObject, email: string): Promise<JsonObject> {
  const subject = credential.credentialSubject;
  if (!isObject(subject) || subject.identifier !== undefined) return credential;
  const identity = await createIdentityObject({ identifier: email, identityType: 'emailAddress' });
  return { ...credential, credentialSubject: { ...subject, identifier: [identity] } };
}

function mailto(email: string, links: OfferLinks, what: string): string {
  const body = [
    `Your ${what} is ready.`,
    '',
    `Open this link to put it into your wallet app or download it: ${links.interactionUrl}`,
    '',
    `The link works once and until ${links.expiresAt}.`,
    ...(links.txCode ? ['You will be asked for the transaction code we sent you separately.'] : []),
  ].join('\r\n');
  return `mailto:${encodeURIComponent(email)}?${new URLSearchParams({ subject: `Your ${what}`, body }).toString().replaceAll('+', '%20')}`;
}

/**
 * Makes a one-time offer of `credential` on a running `credstack serve` (`POST /offers`): an
 * interaction URL (for the QR code and the e-mail; in a browser it is the direct-delivery page),
 * the OpenID4VCI offer, the Learner Credential Wallet's deep link, and the transaction code when
 * asked for. Throws `ERR_INVALID_INPUT` for bad options, `ERR_FETCH_FAILED` / `ERR_FETCH_TIMEOUT`
 * when the service does not answer, and `ERR_SERVICE_REFUSED` (details: the status and the
 * problem's code) when it refuses.
 *
 * Exported from `credstack/serve`.
 * @example
 * ```ts
 * import { createOffer } from 'credstack/serve'
 * const offer = await createOffer({ server: 'https://badges.example.edu', credential, txCode: true, apiKey })
 * console.log(offer.interactionUrl, offer.txCode)
 * ```
 */
export async function createOffer(options: CreateOfferOptions): Promise<CreatedOffer> {
  if (!isObject(options)) throw new CredstackError('ERR_INVALID_INPUT', 'options: expected an object');
  const { credential, email } = options;
  if (!isObject(credential))
    throw new CredstackError('ERR_INVALID_INPUT', 'credential: expected a JSON object', {
      path: 'credential',
    });
  if (email !== undefined && (typeof email !== 'string' || !EMAIL.test(email)))
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `email: expected an e-mail address, got ${describeValue(email)}`,
      {
        path: 'email',
      },
    );
  const { timeout = 30_000 } = options;
  if (!Number.isInteger(timeout) || timeout <= 0)
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `timeout: expected milliseconds, got ${describeValue(timeout)}`,
      {
        path: 'timeout',
      },
    );
  let base: URL;
  try {
    base = new URL(options.server instanceof URL ? options.server.href : (options.server as string));
  } catch {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `server: expected a URL, got ${describeValue(options.server)}`,
      {
        path: 'server',
      },
    );
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:')
    throw new CredstackError('ERR_INVALID_INPUT', `server: expected an http(s) URL, got ${base.href}`, {
      path: 'server',
    });
  const endpoint = new URL('offers', base.href.endsWith('/') ? base : `${base.href}/`);
  const offered = email === undefined ? credential : await withEmail(credential, email);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      },
      body: JSON.stringify({
        credential: offered,
        ...(options.issuer !== undefined ? { issuer: options.issuer } : {}),
        ...(options.expiresIn !== undefined ? { expiresIn: options.expiresIn } : {}),
        ...(options.txCode ? { txCode: true } : {}),
        ...(options.image !== undefined ? { image: options.image } : {}),
        ...(options.statusPurpose ? { credentialStatus: { statusPurpose: options.statusPurpose } } : {}),
      }),
      signal: AbortSignal.timeout(timeout),
    });
  } catch (cause) {
    const timedOut = (cause as Error).name === 'TimeoutError';
    throw new CredstackError(
      timedOut ? 'ERR_FETCH_TIMEOUT' : 'ERR_FETCH_FAILED',
      `${endpoint.origin} does not answer: ${(cause as Error).message}`,
      { cause },
    );
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (response.status !== 201)
    throw new CredstackError(
      'ERR_SERVICE_REFUSED',
      `The service refused the offer (${response.status} ${String(body.code ?? '')}): ${String(body.detail ?? '')}`,
      { details: { status: response.status, code: body.code } },
    );
  const links = body as unknown as OfferLinks;
  if (email === undefined) return links;
  const subject = offered.credentialSubject as JsonObject;
  const achievement = isObject(subject.achievement) ? subject.achievement.name : undefined;
  return {
    ...links,
    emailLink: mailto(email, links, typeof achievement === 'string' ? achievement : 'badge'),
  };
}
