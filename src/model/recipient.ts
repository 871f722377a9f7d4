import { hasUriScheme } from '../lib/uri.js';
import { describeValue } from '../errors.js';
import { asArray, clone, isObject } from '../lib/json.js';
import { createIdentityObject } from './identity.js';
import type { IdentityObject, OneOrMany } from './types/common.js';
import { invalid, requireString } from './util.js';

/**
 * Who a credential is for: a URI (`{ id: 'did:…' }`), an email address (hashed with a random salt unless
 * `hashed: false`), one or more ready IdentityObjects, or a combination of `id` and identifiers.
 * @example
 * ```ts
 * import type { RecipientInput } from 'credstack'
 * const byEmail: RecipientInput = { email: 'learner@example.org', hashed: true }
 * const byDid: RecipientInput = 'did:example:learner'
 * ```
 */
export type RecipientInput =
  | RecipientUri
  | IdentityObject
  | { id: string; identifier?: OneOrMany<IdentityObject> }
  | { email: string; salt?: string; hashed?: boolean; id?: string }
  | { identifier: OneOrMany<IdentityObject>; id?: string };

/**
 * A recipient's URI (`did:…`, `https://…`, `mailto:…`): a string with a scheme, so that an email
 * address given as a string (`'ana@example.org'`) is a type error: it goes in `{ email }`, hashed.
 * @example
 * ```ts
 * import type { RecipientUri } from 'credstack'
 * const learner: RecipientUri = 'did:example:learner'
 * ```
 */
export type RecipientUri = `${string}:${string}`;

/** A subject id must be a URI: an address given as one would be published unhashed, as the id. */
function recipientId(value: unknown, name: string): string {
  const id = requireString(value, name);
  if (hasUriScheme(id)) return id;
  throw invalid(
    name,
    id.includes('@')
      ? `{ email: ${JSON.stringify(id)} } for an email address (hashed with a salt)`
      : 'a URI (did:…, https://…) or { email } / { identifier }',
    JSON.stringify(id),
  );
}

function isIdentityObject(value: unknown): value is IdentityObject {
  return isObject(value) && value.type === 'IdentityObject' && typeof value.identityHash === 'string';
}

/** `{ id?, identifier? }` of a credentialSubject; "either id or at least one identifier MUST be supplied". */
export async function recipientFields(
  value: unknown,
  name: string,
): Promise<{ id?: string; identifier?: IdentityObject[] }> {
  if (typeof value === 'string') return { id: recipientId(value, name) };
  if (isIdentityObject(value)) return { identifier: [clone(value)] };
  if (!isObject(value)) {
    throw invalid(name, '{ id } or { email } or an IdentityObject', describeValue(value));
  }
  const out: { id?: string; identifier?: IdentityObject[] } = {};
  if (value.id !== undefined) out.id = recipientId(value.id, `${name}.id`);
  const identifier: IdentityObject[] = [];
  if (value.email !== undefined) {
    const options: Parameters<typeof createIdentityObject>[0] = {
      identifier: requireString(value.email, `${name}.email`),
      identityType: 'emailAddress',
    };
    if (value.hashed !== undefined) options.hashed = value.hashed !== false;
    if (value.salt !== undefined) options.salt = requireString(value.salt, `${name}.salt`);
    identifier.push(await createIdentityObject(options));
  }
  for (const entry of asArray(value.identifier)) {
    if (!isIdentityObject(entry)) {
      throw invalid(
        `${name}.identifier`,
        'IdentityObject { type: "IdentityObject", identityHash, ... }',
        describeValue(entry),
      );
    }
    identifier.push(clone(entry));
  }
  if (identifier.length > 0) out.identifier = identifier;
  if (out.id === undefined && out.identifier === undefined) {
    throw invalid(name, 'an object with id, email or identifier', 'none of them');
  }
  return out;
}
