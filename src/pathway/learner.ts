// Learner matching: plaintext values go through src/model's `matchesRecipient`; on top of it,
// IdentityObjects copied from other credentials are compared (same type, hash and salt), which
// pathway proofs need when the verifier knows no plaintext.

import { asArray, isObject } from '../lib/json.js';
import { matchesRecipient } from '../model/identity.js';
import type { LearnerRef } from './types.js';

type Json = Record<string, unknown>;

/** The credential's subject (the first, when `credentialSubject` is an array). @internal */
export function subjectOf(credential: Json | undefined): Json | undefined {
  const subject = asArray(credential?.credentialSubject as unknown)[0];
  return isObject(subject) ? subject : undefined;
}

function identityObjects(subject: Json | undefined): Json[] {
  return asArray(subject?.identifier as unknown).filter(isObject);
}

/** A learner reference for a subject: its id, or its IdentityObjects. @internal */
export function learnerFromSubject(subject: Json | undefined): LearnerRef {
  if (typeof subject?.id === 'string') return { id: subject.id };
  const ids = identityObjects(subject);
  return ids.length > 0 ? { identityObjects: ids } : {};
}

/** Whether the reference names anybody at all. @internal */
export function isEmptyLearner(ref: LearnerRef | undefined): boolean {
  return !ref || (!ref.id && !ref.email && !ref.identifier && (ref.identityObjects?.length ?? 0) === 0);
}

/** Same IdentityObject: type, hash (hex is case-insensitive) and salt. @internal */
export function sameIdentity(a: Json, b: Json): boolean {
  return (
    a.identityType === b.identityType &&
    typeof a.identityHash === 'string' &&
    typeof b.identityHash === 'string' &&
    a.identityHash.toLowerCase() === b.identityHash.toLowerCase() &&
    (a.salt ?? '') === (b.salt ?? '') &&
    Boolean(a.hashed) === Boolean(b.hashed)
  );
}

/**
 * Whether a credential subject is the learner: plaintext id / email / identifier checked with
 * src/model's `matchesRecipient` (ids, `mailto:` ids, hashed or plain IdentityObjects), or an
 * IdentityObject identical to one of the reference's (same type, hash and salt). @internal
 */
export async function subjectMatches(subject: Json | undefined, ref: LearnerRef): Promise<boolean> {
  if (!subject) return false;
  if (ref.id !== undefined || ref.email !== undefined || ref.identifier !== undefined) {
    const query = {
      ...(ref.id === undefined ? {} : { id: ref.id }),
      ...(ref.email === undefined ? {} : { email: ref.email }),
      ...(ref.identifier === undefined ? {} : { identifier: ref.identifier }),
    };
    try {
      if ((await matchesRecipient(subject, query)).matched) return true;
    } catch {
      // A malformed subject or query is simply not this learner.
    }
  }
  const known = ref.identityObjects ?? [];
  return identityObjects(subject).some((identity) => known.some((o) => sameIdentity(o, identity)));
}
