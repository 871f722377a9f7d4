// Learner matching. A small internal matcher: src/model's `matchesRecipient` covers the same
// ground for single credentials; this one also compares IdentityObjects copied from other
// credentials (same type, hash and salt), which pathways need when no plaintext is known.
// TODO(lead): de-duplicate with src/model's matchesRecipient once both exist.

import { sha256, toHex } from '../lib/bytes.js';
import { asArray, isObject } from '../lib/json.js';
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

/** Does the IdentityObject hold `value`? `sha256$<hex>` over value + salt when hashed (md5 is not supported). */
async function identityHolds(identity: Json, value: string): Promise<boolean> {
  const hash = identity.identityHash;
  if (typeof hash !== 'string') return false;
  if (identity.hashed !== true) return hash === value;
  const m = /^sha256\$([0-9a-fA-F]{64})$/.exec(hash);
  if (!m) return false;
  const salt = typeof identity.salt === 'string' ? identity.salt : '';
  return toHex(await sha256(value + salt)) === m[1]!.toLowerCase();
}

/**
 * Whether a credential subject is the learner: equal `id`; an IdentityObject that hashes the
 * plaintext email (identityType `emailAddress`) or identifier (any other identityType); or an
 * IdentityObject identical to one of the reference's. @internal
 */
export async function subjectMatches(subject: Json | undefined, ref: LearnerRef): Promise<boolean> {
  if (!subject) return false;
  if (ref.id !== undefined && subject.id === ref.id) return true;
  for (const identity of identityObjects(subject)) {
    const value = identity.identityType === 'emailAddress' ? ref.email : ref.identifier;
    if (value !== undefined && (await identityHolds(identity, value))) return true;
    if (ref.identityObjects?.some((o) => sameIdentity(o, identity))) return true;
  }
  return false;
}
