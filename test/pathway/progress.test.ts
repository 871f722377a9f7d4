import { describe, expect, it } from 'vitest';
import { pathwayProgress, validatePathway, type VerificationLike } from '../../src/pathway/index.js';
import { fakeJwt, fakeVerify, fixture, hashEmail, issue, type Json, LEARNER } from './helpers.js';

const DISTRICT = 'https://lakeview-usd.example/profile';
const PROVIDER = 'https://alliedhealth-training.example/profile';
const HOSPITAL = 'https://riverside-health.example/profile';
const ACH = {
  'core-1': 'https://lakeview-usd.example/achievements/health-science-foundations',
  'core-2': 'https://lakeview-usd.example/achievements/medical-terminology-anatomy',
  'core-3': 'https://lakeview-usd.example/achievements/infection-control-sterile-technique',
  'core-4': 'https://alliedhealth-training.example/achievements/surgical-procedures-instrumentation',
  'elective-1': 'https://alliedhealth-training.example/achievements/sterile-processing-basics',
  'elective-2': 'https://lakeview-usd.example/achievements/patient-care-vital-signs',
  'elective-3': 'https://alliedhealth-training.example/achievements/surgical-pharmacology',
  'elective-4': 'https://alliedhealth-training.example/achievements/bls-healthcare-providers',
  externship: 'https://riverside-health.example/achievements/surgical-services-externship',
  certification: 'https://alliedhealth-training.example/achievements/surgical-technologist-certification',
} as const;
const PRACTICAL = `${ACH['core-4']}/results/practical`;
const level = (name: string) => `https://alliedhealth-training.example/rubrics/practical/${name}`;

const pathway = validatePathway(fixture());

type Key = keyof typeof ACH;
const ISSUER: Record<Key, string> = {
  'core-1': DISTRICT,
  'core-2': DISTRICT,
  'core-3': DISTRICT,
  'core-4': PROVIDER,
  'elective-1': PROVIDER,
  'elective-2': DISTRICT,
  'elective-3': PROVIDER,
  'elective-4': PROVIDER,
  externship: HOSPITAL,
  certification: PROVIDER,
};
const RESULT: Partial<Record<Key, Json[]>> = {
  'core-4': [{ type: ['Result'], resultDescription: PRACTICAL, achievedLevel: level('proficient') }],
  certification: [{ type: ['Result'], value: '85' }],
};

function earn(key: Key, date: string, over: Partial<Parameters<typeof issue>[0]> = {}): Promise<Json> {
  return issue({
    id: `urn:uuid:${key}`,
    issuer: ISSUER[key],
    achievement: ACH[key],
    validFrom: date,
    ...(RESULT[key] ? { result: RESULT[key] } : {}),
    ...over,
  });
}

async function fullSet(): Promise<Json[]> {
  return Promise.all([
    earn('core-1', '2024-09-15T00:00:00Z'),
    earn('core-2', '2024-12-15T00:00:00Z'),
    earn('core-3', '2025-01-20T00:00:00Z'),
    earn('elective-2', '2025-02-01T00:00:00Z'),
    earn('core-4', '2025-03-10T00:00:00Z'),
    earn('elective-4', '2025-03-20T00:00:00Z'),
    earn('externship', '2025-05-30T00:00:00Z'),
    earn('certification', '2025-06-20T00:00:00Z'),
  ]);
}

describe('pathwayProgress', () => {
  it('reports a complete pathway with milestone dates', async () => {
    const report = await pathwayProgress(pathway, await fullSet(), {
      learner: { id: LEARNER },
      verify: fakeVerify(),
    });
    expect(report.rejected).toEqual([]);
    expect(report.complete).toBe(true);
    expect(report.completion).toMatchObject({
      reached: true,
      reachedAt: '2025-06-20T00:00:00Z',
      explanation: 'satisfied',
    });
    expect(report.milestones).toEqual([
      expect.objectContaining({
        id: 'externship-ready',
        reached: true,
        reachedAt: '2025-03-10T00:00:00Z',
        satisfiedBy: ['core-1', 'core-2', 'core-3', 'core-4'],
      }),
      expect.objectContaining({ id: 'job-ready', reached: true, reachedAt: '2025-06-20T00:00:00Z' }),
    ]);
    const byId = Object.fromEntries(report.components.map((c) => [c.id, c]));
    expect(byId['core-4']).toMatchObject({
      state: 'earned',
      earnedBy: { credentialId: 'urn:uuid:core-4', issuer: PROVIDER, validFrom: '2025-03-10T00:00:00Z' },
    });
    expect(byId['elective-1']!.state).toBe('available');
    expect(byId['elective-3']!.state).toBe('available');
    expect(report.warnings).toEqual([]);
    expect(report.verifications).toHaveLength(8);
  });

  it('reports earned, available and locked components and the next steps', async () => {
    const creds = await Promise.all([
      earn('core-1', '2024-09-15T00:00:00Z'),
      earn('core-2', '2024-12-15T00:00:00Z'),
    ]);
    const report = await pathwayProgress(pathway, creds, { learner: { id: LEARNER }, verify: fakeVerify() });
    const state = Object.fromEntries(report.components.map((c) => [c.id, c.state]));
    expect(state).toEqual({
      'core-1': 'earned',
      'core-2': 'earned',
      'core-3': 'available',
      'core-4': 'locked',
      'elective-1': 'available',
      'elective-2': 'available',
      'elective-3': 'available',
      'elective-4': 'available',
      externship: 'locked',
      certification: 'locked',
    });
    const core4 = report.components.find((c) => c.id === 'core-4')!;
    expect(core4.missingPrerequisites).toEqual(['core-3']);
    expect(core4.reason).toBe('needs core-3 first');
    expect(report.components.find((c) => c.id === 'certification')!.reason).toBe('needs externship first');
    // core-3 counts toward both milestones, completion and unlocks core-4 and the externship.
    expect(report.nextSteps[0]).toEqual({
      component: 'core-3',
      name: 'Infection Control and Sterile Technique',
      achievementId: ACH['core-3'],
      unlocks: 5,
    });
    expect(report.nextSteps.slice(1).map((s) => s.unlocks)).toEqual([1, 1, 1, 1]);
    expect(report.milestones[0]).toMatchObject({
      reached: false,
      explanation: 'needs all of: core-3, core-4',
    });
    expect(report.completion.explanation).toBe(
      'needs all of: core-3, core-4, (2 more of: elective-1, elective-2, elective-3, elective-4), externship, certification',
    );
    expect(report.complete).toBe(false);
  });

  it('counts a credential earned before its prerequisites, with a warning', async () => {
    const creds = await Promise.all([
      earn('core-2', '2024-09-01T00:00:00Z'),
      earn('core-1', '2024-10-01T00:00:00Z'),
      earn('elective-3', '2024-10-02T00:00:00Z'),
    ]);
    const report = await pathwayProgress(pathway, creds, { learner: { id: LEARNER }, verify: fakeVerify() });
    expect(report.components.find((c) => c.id === 'core-2')!.state).toBe('earned');
    expect(report.components.find((c) => c.id === 'elective-3')!.state).toBe('earned');
    expect(report.warnings).toEqual([
      {
        component: 'core-2',
        code: 'PREREQUISITE_LATER',
        message: "'core-2' was earned before its prerequisite 'core-1'",
      },
    ]);
  });

  it('counts a credential whose prerequisite is not earned, with a coded warning', async () => {
    const creds = [await earn('core-2', '2024-09-01T00:00:00Z')];
    const report = await pathwayProgress(pathway, creds, { learner: { id: LEARNER }, verify: fakeVerify() });
    expect(report.components.find((c) => c.id === 'core-2')!.state).toBe('earned');
    expect(report.warnings.map((w) => [w.component, w.code])).toEqual([['core-2', 'PREREQUISITE_MISSING']]);
  });

  it('uses the earliest of two credentials for one component', async () => {
    const creds = await Promise.all([
      earn('core-1', '2025-01-01T00:00:00Z', { id: 'urn:uuid:late' }),
      earn('core-1', '2024-01-01T00:00:00Z', { id: 'urn:uuid:early' }),
    ]);
    const report = await pathwayProgress(pathway, creds, { learner: { id: LEARNER }, verify: fakeVerify() });
    expect(report.components[0]!.earnedBy?.credentialId).toBe('urn:uuid:early');
    expect(report.warnings.map((w) => [w.component, w.code])).toEqual([['core-1', 'DUPLICATE_COMPONENT']]);
    expect(report.warnings[0]!.message).toContain('urn:uuid:late also earns');
  });

  it('takes the learner from the first valid credential when none is given', async () => {
    const creds = await Promise.all([
      earn('core-1', '2024-09-15T00:00:00Z', {
        id: 'urn:uuid:forged',
        subject: { id: 'did:example:mallory' },
      }),
      earn('core-2', '2024-12-15T00:00:00Z'),
      earn('core-3', '2025-01-15T00:00:00Z', { subject: { id: 'did:example:mallory' } }),
    ]);
    creds[0] = { ...creds[0], name: 'tampered' };
    const report = await pathwayProgress(pathway, creds, { verify: fakeVerify() });
    expect(report.learner).toEqual({ id: LEARNER });
    expect(report.rejected.map((r) => [r.index, r.reason])).toEqual([
      [0, 'invalid'],
      [2, 'other-learner'],
    ]);
  });

  it('matches hashed identifiers with different salts against the plaintext email', async () => {
    const email = 'ana.learner@example.com';
    const id = (salt: string) => ({
      identifier: [
        {
          type: 'IdentityObject',
          identityType: 'emailAddress',
          hashed: true,
          identityHash: hashEmail(email, salt),
          salt,
        },
      ],
    });
    const creds = await Promise.all([
      earn('core-1', '2024-09-15T00:00:00Z', { subject: id('district-salt') }),
      earn('core-4', '2025-03-10T00:00:00Z', { subject: id('provider-salt') }),
      earn('core-2', '2025-03-10T00:00:00Z', { subject: id('x'), id: 'urn:uuid:bob' }),
    ]);
    (creds[2]!.credentialSubject as Json).identifier = [
      {
        type: 'IdentityObject',
        identityType: 'emailAddress',
        hashed: true,
        identityHash: hashEmail('bob@example.com', 'x'),
        salt: 'x',
      },
    ];
    const report = await pathwayProgress(pathway, creds, {
      learner: { email },
      verify: async (c) => fakeVerify()(c),
    });
    // creds[2] was modified after signing, so it fails first; re-sign to test the learner check.
    expect(report.rejected[0]!.reason).toBe('invalid');
    const bob = await earn('core-2', '2025-03-10T00:00:00Z', {
      id: 'urn:uuid:bob',
      subject: {
        identifier: [
          {
            type: 'IdentityObject',
            identityType: 'emailAddress',
            hashed: true,
            identityHash: hashEmail('bob@example.com', 'x'),
            salt: 'x',
          },
        ],
      },
    });
    const report2 = await pathwayProgress(pathway, [creds[0], creds[1], bob], {
      learner: { email },
      verify: fakeVerify(),
    });
    expect(report2.components.filter((c) => c.state === 'earned').map((c) => c.id)).toEqual([
      'core-1',
      'core-4',
    ]);
    expect(report2.rejected).toEqual([
      expect.objectContaining({ credentialId: 'urn:uuid:bob', reason: 'other-learner', component: 'core-2' }),
    ]);
  });

  it('counts a VC-JWT string, decoding it when the verifier does not return the credential', async () => {
    const { proof: _p, ...body } = await earn('elective-1', '2025-02-02T00:00:00Z');
    const jwt = fakeJwt(body);
    const bare = async (c: unknown): Promise<VerificationLike> => {
      const { credential: _c, ...rest } = await fakeVerify()(c);
      return rest;
    };
    const report = await pathwayProgress(pathway, [jwt], { learner: { id: LEARNER }, verify: bare });
    expect(report.components.find((c) => c.id === 'elective-1')).toMatchObject({
      state: 'earned',
      earnedBy: { credentialId: 'urn:uuid:elective-1', index: 0 },
    });
  });
});

describe('pathwayProgress: negative cases', () => {
  it('rejects each kind of credential that does not count, with the reason', async () => {
    const d = '2025-01-01T00:00:00Z';
    const creds: unknown[] = await Promise.all([
      earn('core-1', d, { id: 'urn:uuid:revoked' }),
      earn('core-2', d, { id: 'urn:uuid:suspended' }),
      earn('core-3', d, { id: 'urn:uuid:expired' }),
      earn('elective-1', d, { id: 'urn:uuid:future' }),
      earn('elective-2', d, { id: 'urn:uuid:indeterminate' }),
      earn('elective-3', d, { id: 'urn:uuid:other', subject: { id: 'did:example:someone-else' } }),
      earn('core-1', d, { id: 'urn:uuid:wrong-issuer', issuer: PROVIDER }),
      earn('externship', d, {
        id: 'urn:uuid:wrong-hospital',
        issuer: 'https://riverside-health.example/profile-evil',
      }),
      earn('core-4', d, {
        id: 'urn:uuid:low-level',
        result: [{ type: ['Result'], resultDescription: PRACTICAL, achievedLevel: level('developing') }],
      }),
      earn('certification', d, { id: 'urn:uuid:low-score', result: [{ type: ['Result'], value: '69.5' }] }),
      earn('certification', d, { id: 'urn:uuid:no-result', result: undefined }),
      issue({
        id: 'urn:uuid:unrelated',
        issuer: DISTRICT,
        achievement: 'https://lakeview-usd.example/achievements/band',
      }),
    ]);
    const tampered = {
      ...(await earn('elective-4', d, { id: 'urn:uuid:tampered' })),
      validFrom: '2020-01-01T00:00:00Z',
    };
    creds.push(tampered, 'not-a-jwt', 42);
    const verify = fakeVerify({
      status: {
        'urn:uuid:revoked': 'revoked',
        'urn:uuid:suspended': 'suspended',
        'urn:uuid:expired': 'expired',
        'urn:uuid:future': 'not-yet-valid',
      },
    });
    const report = await pathwayProgress(pathway, creds, {
      learner: { id: LEARNER },
      verify: async (c) => {
        if (isObj(c) && c.id === 'urn:uuid:indeterminate') throw new Error('status list unreachable');
        if (c === 42) return 'garbage' as never;
        return verify(c);
      },
    });
    expect(report.rejected.map((r) => [r.credentialId ?? `#${r.index}`, r.reason])).toEqual([
      ['urn:uuid:revoked', 'revoked'],
      ['urn:uuid:suspended', 'suspended'],
      ['urn:uuid:expired', 'expired'],
      ['urn:uuid:future', 'not-yet-valid'],
      ['urn:uuid:indeterminate', 'indeterminate'],
      ['urn:uuid:other', 'other-learner'],
      ['urn:uuid:wrong-issuer', 'issuer-not-accepted'],
      ['urn:uuid:wrong-hospital', 'issuer-not-accepted'],
      ['urn:uuid:low-level', 'result-below-minimum'],
      ['urn:uuid:low-score', 'result-below-minimum'],
      ['urn:uuid:no-result', 'result-below-minimum'],
      ['urn:uuid:unrelated', 'not-in-pathway'],
      ['urn:uuid:tampered', 'invalid'],
      // The fake verifier throws on a non-JWT string, and returns garbage for 42.
      ['#13', 'indeterminate'],
      ['#14', 'indeterminate'],
    ]);
    expect(report.rejected.find((r) => r.reason === 'indeterminate')!.message).toContain(
      'status list unreachable',
    );
    expect(report.rejected.find((r) => r.credentialId === 'urn:uuid:revoked')!.message).toContain('revoked');
    expect(report.rejected.find((r) => r.credentialId === 'urn:uuid:wrong-issuer')!.message).toContain(
      'https://lakeview-usd.example/*',
    );
    expect(report.components.every((c) => c.state !== 'earned')).toBe(true);
  });

  it('accepts a higher rubric level and a higher score', async () => {
    const creds = await Promise.all([
      earn('core-4', '2025-01-01T00:00:00Z', {
        result: [
          {
            type: ['Result'],
            resultDescription: 'https://other.example/rd',
            achievedLevel: level('exemplary'),
          },
          { type: ['Result'], resultDescription: PRACTICAL, achievedLevel: level('exemplary') },
        ],
      }),
      earn('certification', '2025-01-01T00:00:00Z', { result: [{ type: ['Result'], value: 70 as never }] }),
    ]);
    const report = await pathwayProgress(pathway, creds, { learner: { id: LEARNER }, verify: fakeVerify() });
    expect(report.rejected).toEqual([]);
  });

  it('throws typed errors for bad arguments', async () => {
    await expect(pathwayProgress(pathway, 'x' as never, { verify: fakeVerify() })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    await expect(pathwayProgress({ id: 'x' } as never, [], { verify: fakeVerify() })).rejects.toMatchObject({
      code: 'ERR_PATHWAY_INVALID',
    });
  });
});

function isObj(v: unknown): v is Json {
  return typeof v === 'object' && v !== null;
}
