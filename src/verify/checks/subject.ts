import { asArray, isObject, type JsonObject } from '../../lib/json.js';
import { type Check, failed, passed } from '../result.js';
import type { CredentialKindName } from './envelope.js';

/** The subject OB 3.0 requires: an id or an identifier (an endorsement: an id, what it endorses). */
export function checkSubject(credential: JsonObject, kind: CredentialKindName): Check {
  const subject = asArray(credential.credentialSubject)[0];
  if (!isObject(subject))
    return failed('subject', 'SUBJECT_MISSING', 'credentialSubject is missing', {
      path: '/credentialSubject',
    });
  if (kind === 'EndorsementCredential') {
    return typeof subject.id === 'string'
      ? passed('subject', 'SUBJECT_OK', `Endorses ${subject.id}`)
      : failed('subject', 'SUBJECT_NO_ID', 'An endorsement subject must have an id', {
          path: '/credentialSubject/id',
        });
  }
  if (typeof subject.id === 'string' || asArray(subject.identifier).length > 0) {
    return passed(
      'subject',
      'SUBJECT_OK',
      typeof subject.id === 'string' ? `Awarded to ${subject.id}` : 'Awarded to an identified recipient',
    );
  }
  return failed('subject', 'SUBJECT_NO_ID', 'credentialSubject needs an id or at least one identifier', {
    path: '/credentialSubject',
  });
}
