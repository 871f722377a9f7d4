// The badge the selective-disclosure tests issue: a result (the grade a learner may hide), an
// achievement with criteria, and an issuer profile with a name.

export function sdBadge(issuer: string): Record<string, any> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: 'urn:uuid:6b1e2a9c-1f53-4c5e-9b8a-3e0f2d1c4b5a',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Example School' },
    validFrom: '2026-01-01T00:00:00Z',
    name: 'Teamwork Badge',
    credentialSubject: {
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.com/achievements/teamwork',
        type: ['Achievement'],
        criteria: { narrative: 'Nominated by peers.' },
        description: 'Collaborates within a group.',
        name: 'Teamwork',
      },
      result: [{ type: ['Result'], value: 'A' }],
    },
  };
}
