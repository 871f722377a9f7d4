import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAchievement,
  createEndorsementCredential,
  createOpenBadgeCredential,
  evaluateTrust,
  generateKey,
  issueCredential,
  type KeyFile,
  loadTrustRegistry,
  matchesTrustEntry,
  verifyCredential,
} from '../../src/index.js';

// The Digital Credentials Consortium's legacy registry format, as published at
// digitalcredentials/issuer-registry registry.json (shape only; ids are ours).
const dccRegistry = (id: string) => ({
  meta: { created: '2020-12-02T02:32:16+0000', updated: '2022-05-25T12:40:00+0000' },
  registry: {
    [id]: {
      name: 'Riverside School District',
      location: 'Riverside, CA, USA',
      url: 'https://riverside.example',
    },
  },
});

describe('issuer trust', () => {
  let school: KeyFile;
  let board: KeyFile;
  let badge: Record<string, unknown>;
  beforeAll(async () => {
    [school, board] = await Promise.all([generateKey(), generateKey()]);
    const achievement = createAchievement({
      id: 'https://riverside.example/achievements/emt-basic',
      name: 'EMT Basic',
      description: 'Emergency medical technician, basic level.',
      criteria: { narrative: 'Passed the state practical exam.' },
    });
    const endorsement = await issueCredential(
      createEndorsementCredential({
        issuer: { id: board.controller, name: 'State Health Careers Board' },
        subjectId: achievement.id,
        name: 'Board endorsement of EMT Basic',
        endorsementComment: 'Meets the state EMT-B standard.',
      }),
      { key: board },
    );
    const unsigned = await createOpenBadgeCredential({
      issuer: { id: school.controller, name: 'Riverside School District' },
      achievement: { ...achievement, endorsement: [endorsement] } as never,
      recipient: { id: 'did:example:learner' },
    });
    badge = await issueCredential(unsigned, { key: school });
  });

  it('is unknown without a policy, and never changes `verified`', async () => {
    const result = await verifyCredential(badge);
    expect(result.verified).toBe(true);
    expect(result.issuerTrust).toBe('unknown');
    const untrusted = await verifyCredential(badge, { trust: ['did:web:someone-else.example'] });
    expect(untrusted.verified).toBe(true);
    expect(untrusted.issuerTrust).toBe('untrusted');
  });

  it('accepts a list of ids, a DCC registry, a credstack registry and a callback', async () => {
    expect((await verifyCredential(badge, { trust: [school.controller] })).issuerTrust).toBe('trusted');
    const dcc = await verifyCredential(badge, { trust: loadTrustRegistry(dccRegistry(school.controller)) });
    expect(dcc.issuerTrust).toBe('trusted');
    expect(dcc.trustEntry?.name).toBe('Riverside School District');
    const own = loadTrustRegistry({
      name: 'Hospital HR',
      issuers: [{ id: school.controller, name: 'Riverside' }],
    });
    expect((await verifyCredential(badge, { trust: own })).trustEntry?.name).toBe('Riverside');
    expect(
      (
        await verifyCredential(badge, {
          trust: async (id) => (id === school.controller ? 'trusted' : 'untrusted'),
        })
      ).issuerTrust,
    ).toBe('trusted');
  });

  it('reports endorsements by trusted organisations', async () => {
    const result = await verifyCredential(badge, { trust: [board.controller] });
    expect(result.issuerTrust).toBe('untrusted');
    const endorsement = result.checks.find((c) => c.id === 'endorsement');
    expect(endorsement?.code).toBe('ENDORSEMENT_TRUSTED');
    expect(result.endorsements?.[0]?.issuerTrust).toBe('trusted');
  });

  it('matches wildcard patterns for DIDs and https origins, and nothing looser', () => {
    expect(matchesTrustEntry('did:web:school.example:issuers:1', 'did:web:school.example*')).toBe(true);
    expect(matchesTrustEntry('https://a.school.example/issuer', 'https://*.school.example/*')).toBe(true);
    expect(matchesTrustEntry('https://school.example.evil.com/issuer', 'https://*.school.example/*')).toBe(
      false,
    );
    expect(matchesTrustEntry('https://school.example/issuer', 'https://school.example')).toBe(false);
    expect(matchesTrustEntry('did:web:schoolXexample', 'did:web:school.example')).toBe(false);
  });

  it('rejects malformed registries with a coded error', () => {
    expect(() => loadTrustRegistry(42)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => loadTrustRegistry({ foo: 1 })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => loadTrustRegistry({ issuers: [{ name: 'no id' }] })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });

  it('evaluateTrust: a missing issuer id is untrusted under any policy', async () => {
    expect((await evaluateTrust(undefined, ['x'])).issuerTrust).toBe('untrusted');
    expect((await evaluateTrust('x', undefined)).issuerTrust).toBe('unknown');
  });
});
