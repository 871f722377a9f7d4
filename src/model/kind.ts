import { asArray, isObject } from '../lib/json.js';

/**
 * The credential kinds credstack understands.
 * @example
 * ```ts
 * import { type CredentialKind, credentialKind } from 'credstack'
 * const kind: CredentialKind | undefined = credentialKind(document); // 'OpenBadgeCredential'
 * ```
 */
export type CredentialKind = 'OpenBadgeCredential' | 'EndorsementCredential' | 'ClrCredential';

/**
 * Which kind of credential a document is, from its `type` (`AchievementCredential`, the alias, counts as
 * OpenBadgeCredential); `undefined` for anything else (including non-objects).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * credentialKind({ type: ['VerifiableCredential', 'AchievementCredential'] }) // 'OpenBadgeCredential'
 * ```
 */
export function credentialKind(doc: unknown): CredentialKind | undefined {
  if (!isObject(doc)) return undefined;
  const types = asArray(doc.type);
  if (types.includes('ClrCredential')) return 'ClrCredential';
  if (types.includes('EndorsementCredential')) return 'EndorsementCredential';
  if (types.includes('OpenBadgeCredential') || types.includes('AchievementCredential'))
    return 'OpenBadgeCredential';
  return undefined;
}
