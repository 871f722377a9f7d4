// The one builder of the plain unsigned OpenBadgeCredential that tests sign and then attack or
// check: VC 2.0 + OB 3.0.3 contexts, a Profile issuer, one AchievementSubject. Each test names
// what it asserts on (names, ids, the learner); the rest is filler.

export type Json = Record<string, any>;

export const VC2 = 'https://www.w3.org/ns/credentials/v2';
export const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

export interface PlainBadgeOptions {
  /** The credential id. Default: a fresh urn:uuid. */
  id?: string;
  /** The badge and achievement name. Default "Teamwork". */
  name?: string;
  issuerName?: string;
  /** The learner (credentialSubject.id). Default did:example:learner. */
  subject?: string;
  achievementId?: string;
  description?: string;
  narrative?: string;
  validFrom?: string;
  validUntil?: string;
  /** Merged into the achievement. */
  achievement?: Json;
  /** Merged into the credential subject. */
  credentialSubject?: Json;
  /** Merged into the credential. */
  extra?: Json;
}

/** A plain unsigned badge issued by `issuer`. */
export function plainBadge(issuer: string, options: PlainBadgeOptions = {}): Json {
  const name = options.name ?? 'Teamwork';
  return {
    '@context': [VC2, OB],
    id: options.id ?? `urn:uuid:${crypto.randomUUID()}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: options.issuerName ?? 'Example School' },
    validFrom: options.validFrom ?? '2025-01-01T00:00:00Z',
    ...(options.validUntil === undefined ? {} : { validUntil: options.validUntil }),
    name,
    credentialSubject: {
      id: options.subject ?? 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id:
          options.achievementId ??
          `https://example.edu/achievements/${name.toLowerCase().replace(/\W+/g, '-')}`,
        type: ['Achievement'],
        name,
        description: options.description ?? `${name}.`,
        criteria: { narrative: options.narrative ?? 'Passed.' },
        ...options.achievement,
      },
      ...options.credentialSubject,
    },
    ...options.extra,
  };
}
