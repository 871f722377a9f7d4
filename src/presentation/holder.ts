// The holder checks: whose the presented credentials are (each subject, and every credential a
// CLR in it embeds, must be the holder, by id or by what the holder revealed), and a VP-JWT's key
// binding reported under the holder's codes.
import { asArray, isObject, type JsonObject } from '../lib/json.js';
import { matchesRecipient } from '../model/index.js';
import { credentialFromJwtPayload, decodeJwt } from '../proof/vc-jwt/decode.js';
import { type Check, failed, passed } from '../verify/internal.js';
import type { VerifyPresentationOptions } from './verify-presentation.js';

// The key-binding checks of a VP-JWT under the codes a Data Integrity presentation's have.
const HOLDER_CODES: Record<string, string> = {
  ISSUER_BOUND: 'HOLDER_BOUND',
  ISSUER_KEY_MISMATCH: 'HOLDER_KEY_MISMATCH',
  ISSUER_KEY_UNBOUND: 'HOLDER_KEY_UNBOUND',
  ISSUER_MISSING: 'HOLDER_MISSING',
};

/**
 * The credentials a ClrCredential carries (CLR 2.0 `verifiableCredential` objects, then
 * credstack's `verifiableCredentialJwt` strings, decoded but not verified: that is
 * verifyCredential's job), each with its JSON pointer inside the CLR.
 */
export function embeddedCredentials(clr: JsonObject): Array<{ credential?: JsonObject; path: string }> {
  if (!asArray(clr.type).includes('ClrCredential')) return [];
  const subject = asArray(clr.credentialSubject)[0];
  if (!isObject(subject)) return [];
  const found: Array<{ credential?: JsonObject; path: string }> = [];
  for (const [j, value] of asArray(subject.verifiableCredential).entries()) {
    const path = `/credentialSubject/verifiableCredential/${j}`;
    found.push(isObject(value) ? { credential: value, path } : { path });
  }
  for (const [j, value] of asArray(subject.verifiableCredentialJwt).entries()) {
    const path = `/credentialSubject/verifiableCredentialJwt/${j}`;
    try {
      found.push({ credential: credentialFromJwtPayload(decodeJwt(String(value)).payload).credential, path });
    } catch {
      found.push({ path });
    }
  }
  return found;
}

export async function subjectCheck(
  credential: JsonObject,
  holder: string,
  options: VerifyPresentationOptions,
  path: string,
): Promise<Check> {
  const subjects = asArray(credential.credentialSubject).filter(isObject);
  if (subjects.length === 0)
    return failed('holder', 'SUBJECT_MISSING', 'The credential has no subject', { path });
  for (const subject of subjects) {
    if (subject.id === holder) continue;
    const revealed = options.holderIdentifiers;
    if (revealed && (revealed.email || revealed.identifier)) {
      const match = await matchesRecipient(subject as never, revealed as never);
      if (match.matched) continue;
    }
    return failed(
      'holder',
      'HOLDER_NOT_SUBJECT',
      `The holder ${holder} is not the subject of this credential (${typeof subject.id === 'string' ? subject.id : 'a hashed identifier the holder did not reveal'})`,
      { path },
    );
  }
  return passed('holder', 'HOLDER_IS_SUBJECT', 'The holder is the subject of this credential', path);
}

export function asHolderCheck(check: Check): Check {
  if (check.id !== 'issuer') return check;
  return { ...check, id: 'holder', code: HOLDER_CODES[check.code] ?? check.code };
}
