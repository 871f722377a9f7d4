// Reading the few fields pathways need from a credential (JSON-LD compacted, so single values
// may stand where arrays are meant) and decoding VC-JWTs when the verifier did not.

import { decodeJwt } from 'jose/jwt/decode';
import { asArray, isObject } from '../lib/json.js';
import { subjectOf } from './learner.js';

type Json = Record<string, unknown>;

/** The credential object inside a compact VC-JWT: VC-JOSE-COSE payload, or VCDM 1.1 `vc` claim. @internal */
export function decodeJwtCredential(jwt: string): Json | undefined {
  try {
    const payload = decodeJwt(jwt) as Json;
    if (isObject(payload.vc)) {
      const vc: Json = { ...payload.vc };
      if (vc.id === undefined && typeof payload.jti === 'string') vc.id = payload.jti;
      return vc;
    }
    return payload;
  } catch {
    return undefined;
  }
}

/** @internal */
export function credentialId(credential: Json | undefined): string | undefined {
  return typeof credential?.id === 'string' ? credential.id : undefined;
}

/** @internal */
export function issuerId(credential: Json | undefined): string | undefined {
  const issuer = credential?.issuer;
  if (typeof issuer === 'string') return issuer;
  return isObject(issuer) && typeof issuer.id === 'string' ? issuer.id : undefined;
}

/** `validFrom`, or VCDM 1.1 `issuanceDate`. @internal */
export function validFromOf(credential: Json | undefined): string | undefined {
  const v = credential?.validFrom ?? credential?.issuanceDate;
  return typeof v === 'string' ? v : undefined;
}

/** The AchievementSubject's achievement (object or id). @internal */
export function achievementOf(credential: Json | undefined): { id?: string; achievement?: Json } {
  const a = subjectOf(credential)?.achievement;
  if (typeof a === 'string') return { id: a };
  if (isObject(a)) return { ...(typeof a.id === 'string' ? { id: a.id } : {}), achievement: a };
  return {};
}

/** The subject's results. @internal */
export function resultsOf(credential: Json | undefined): Json[] {
  return asArray(subjectOf(credential)?.result as unknown).filter(isObject);
}
