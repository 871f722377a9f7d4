// What the delivery routes (VC-API exchanges, OpenID4VCI) share: the offers, the issuer
// instances, and binding an offered credential to the holder who proved a key.
import { CredstackError } from '../../errors.js';
import { isObject, type JsonObject } from '../../lib/json.js';
import type { IssuerInstance } from '../issuing.js';
import type { StatusKeeper } from '../status.js';
import type { OfferStore } from './offers.js';

export interface DeliveryContext {
  baseUrl: string;
  offers: OfferStore;
  issuers: readonly IssuerInstance[];
  status: StatusKeeper;
}

/** The instance that signs `controller`'s credentials as Data Integrity (`di`) or VC-JWT (`jwt`). */
export function instanceFor(
  issuers: readonly IssuerInstance[],
  controller: string,
  kind: 'di' | 'jwt',
): IssuerInstance | undefined {
  return issuers.find(
    (i) =>
      i.key.controller === controller &&
      (kind === 'jwt'
        ? i.format === 'vc-jwt'
        : i.format === 'eddsa-rdfc-2022' || i.format === 'ecdsa-rdfc-2019'),
  );
}

/** The credential with its subject's id set to the holder who proved control of `holder`. */
export function bindToHolder(credential: JsonObject, holder: string): JsonObject {
  const subject = credential.credentialSubject;
  if (Array.isArray(subject)) {
    if (!isObject(subject[0]))
      throw new CredstackError('ERR_INVALID_INPUT', 'credentialSubject[0]: expected an object');
    return { ...credential, credentialSubject: [{ ...subject[0], id: holder }, ...subject.slice(1)] };
  }
  if (!isObject(subject))
    throw new CredstackError('ERR_INVALID_INPUT', 'credentialSubject: expected an object');
  return { ...credential, credentialSubject: { ...subject, id: holder } };
}

/** `did:jwk` of a public JWK (its members in a canonical order, RFC 7638 style). */
export function didJwkOf(jwk: Record<string, unknown>): string {
  const members = ['crv', 'e', 'kty', 'n', 'x', 'y'].filter((m) => jwk[m] !== undefined);
  const canonical = Object.fromEntries(members.map((m) => [m, jwk[m]]));
  return `did:jwk:${Buffer.from(JSON.stringify(canonical)).toString('base64url')}`;
}

/**
 * The links of an offer, as `POST /offers` (and `credstack offer --json`) returns them.
 * @example
 * ```ts
 * const { interactionUrl, credentialOfferUri, lcwDeepLink } = offerLinks(base, offer, issuer)
 * ```
 */
export interface OfferLinks {
  id: string;
  /** VCALM interaction URL: GET it for `{ protocols: { vcapi, OID4VCI } }`. Put this one in the QR code. */
  interactionUrl: string;
  /** `openid-credential-offer://?credential_offer_uri=…` for OpenID4VCI wallets. */
  credentialOfferUri: string;
  /** The Learner Credential Wallet's deep link (its request URL is the VC-API exchange). */
  lcwDeepLink: string;
  /** ISO 8601. */
  expiresAt: string;
  /** The transaction code (PIN), when the offer needs one: deliver it apart from the link. */
  txCode?: string;
}

export function offerLinks(base: string, id: string, issuer: string, challenge: string, expiresAt: number) {
  const exchange = `${base}/exchanges/${id}`;
  return {
    id,
    interactionUrl: `${base}/interactions/${id}?iuv=1`,
    credentialOfferUri: `openid-credential-offer://?credential_offer_uri=${encodeURIComponent(`${base}/oid4vci/offers/${id}`)}`,
    lcwDeepLink: `https://lcw.app/request.html?${new URLSearchParams({ issuer, auth_type: 'bearer', challenge, vc_request_url: exchange })}`,
    expiresAt: new Date(expiresAt).toISOString(),
  };
}
