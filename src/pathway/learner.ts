// Learner matching: plaintext values go through src/model's `matchesRecipient`. For progress
// (`pathwayProgress`), IdentityObjects taken from the learner's own credentials are compared too
// (same type, hash and salt): each side is signed by an issuer. A pathway proof links credentials
// only through `linkSubject`: the ClrSubject is written by whoever signs the proof, and a hashed
// IdentityObject is public in every badge, so identifiers it carries prove nothing about anyone.

import { asArray, isObject } from '../lib/json.js';
import { matchesRecipient } from '../model/identity.js';
import type { Learner, LearnerRef } from './types.js';

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

/**
 * The plaintext part of a learner reference: what a verifier itself knows (an id, an email, an
 * identifier), never IdentityObjects, which anybody can copy from a public badge. @internal
 */
export function plaintextLearner(ref: Learner | LearnerRef | undefined): Learner {
  if (!isObject(ref)) return {};
  return {
    ...(typeof ref.id === 'string' ? { id: ref.id } : {}),
    ...(typeof ref.email === 'string' ? { email: ref.email } : {}),
    ...(typeof ref.identifier === 'string' ? { identifier: ref.identifier } : {}),
  };
}

/**
 * How a credential subject relates to a plaintext learner: `learner` (matched), `other` (checked
 * against a value of the kind the subject names its recipient by, and not matched), `unproven`
 * (named only by what this learner gives nothing to check: an id when the learner has none, hashed
 * IdentityObjects when it has no email or identifier). @internal
 */
export type SubjectLink = 'learner' | 'other' | 'unproven';

/**
 * Links a credential subject to the learner a verifier named, by the subject's own (signed)
 * `id` or IdentityObjects only: `learner` must come from {@link plaintextLearner}. @internal
 */
export async function linkSubject(subject: Json | undefined, learner: Learner): Promise<SubjectLink> {
  if (!subject) return 'other';
  const hasId = typeof subject.id === 'string';
  const hasIdentifiers = identityObjects(subject).length > 0;
  if (!hasId && !hasIdentifiers) return 'other';
  const checksId = learner.id !== undefined || learner.email !== undefined; // email: a mailto: id
  const checksIdentifiers = learner.email !== undefined || learner.identifier !== undefined;
  if ((hasId && checksId) || (hasIdentifiers && checksIdentifiers)) {
    try {
      if ((await matchesRecipient(subject, plaintextLearner(learner))).matched) return 'learner';
    } catch {
      // A malformed subject is simply not this learner.
    }
  }
  if (hasIdentifiers && checksIdentifiers) return 'other';
  if (hasId && learner.id !== undefined) return 'other';
  if (hasId && learner.email !== undefined && /^mailto:/i.test(subject.id as string)) return 'other';
  return 'unproven';
}
