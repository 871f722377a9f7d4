import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CLR_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT, VC_V2_CONTEXT } from '../../src/contexts/index.js';
import {
  createAchievement,
  createAlignment,
  createAssociation,
  createClrCredential,
  createEndorsementCredential,
  createEvidence,
  createOpenBadgeCredential,
  createProfile,
  createResult,
  createResultDescription,
  matchesRecipient,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  type OpenBadgeCredentialInput,
} from '../../src/model/index.js';
import { validate } from '../../src/schema/index.js';

const NOW = new Date('2026-03-04T05:06:07.891Z');
const UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

const issuer = { id: 'https://example.org/issuers/1', name: 'Example University' };
const achievementInput = {
  id: 'https://example.org/achievements/teamwork',
  name: 'Teamwork',
  description: 'Collaborates within a group.',
  criteria: 'Nominated by peers and confirmed by a mentor.',
  achievementType: 'Competency' as const,
  image: 'https://example.org/achievements/teamwork.png',
  alignment: [
    {
      targetName: 'Teamwork',
      targetUrl: 'https://example.org/framework/teamwork',
      targetType: 'CFItem' as const,
    },
  ],
  resultDescription: [
    {
      id: 'urn:uuid:7f6a0c38-0c5c-4a43-9a9c-2e8f3f3f0a01',
      name: 'Grade',
      resultType: 'LetterGrade' as const,
      allowedValue: ['C', 'B', 'A'],
    },
  ],
};

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => vi.useRealTimers());

describe('createOpenBadgeCredential', () => {
  it('builds a valid credential for a DID recipient with spec defaults', async () => {
    const input: OpenBadgeCredentialInput = deepFreeze({
      issuer,
      achievement: achievementInput,
      recipient: { id: 'did:example:learner' },
      results: [{ resultDescription: 'urn:uuid:7f6a0c38-0c5c-4a43-9a9c-2e8f3f3f0a01', value: 'A' }],
      evidence: [{ id: 'https://example.org/portfolio/42', name: 'Final project' }],
    });
    const before = JSON.stringify(input);
    const vc = await createOpenBadgeCredential(input);
    expect(JSON.stringify(input)).toBe(before);

    expect(vc['@context']).toEqual([VC_V2_CONTEXT, OB_CONTEXT]);
    expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
    expect(vc.id).toMatch(UUID);
    expect(vc.validFrom).toBe('2026-03-04T05:06:07Z');
    expect(vc.name).toBe('Teamwork');
    expect(vc.issuer).toEqual({ id: issuer.id, type: ['Profile'], name: issuer.name });
    expect(vc.credentialSubject).toMatchObject({
      id: 'did:example:learner',
      type: ['AchievementSubject'],
      result: [{ type: ['Result'], value: 'A' }],
    });
    const achievement = vc.credentialSubject.achievement;
    expect(achievement.type).toEqual(['Achievement']);
    expect(achievement.criteria).toEqual({ narrative: achievementInput.criteria });
    expect(achievement.image).toEqual({ id: achievementInput.image, type: 'Image' });
    expect(achievement.alignment).toEqual([{ type: ['Alignment'], ...achievementInput.alignment[0] }]);
    expect(vc.evidence).toEqual([
      { type: ['Evidence'], id: 'https://example.org/portfolio/42', name: 'Final project' },
    ]);
    expect(validate(vc)).toMatchObject({ valid: true, errors: [] });
    // the output does not alias the input
    expect(achievement.resultDescription).not.toBe(input.achievement.resultDescription);
  });

  it('builds a valid credential for a hashed email recipient', async () => {
    const vc = await createOpenBadgeCredential({
      issuer,
      achievement: achievementInput,
      recipient: { email: 'Learner@Example.org' },
    });
    expect(vc.credentialSubject.id).toBeUndefined();
    const [identity] = vc.credentialSubject.identifier as { identityHash: string; salt: string }[];
    expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'emailAddress', hashed: true });
    expect(identity!.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
    expect(JSON.stringify(vc)).not.toContain('Learner@');
    expect(validate(vc).valid).toBe(true);
    expect(await matchesRecipient(vc, { email: 'learner@example.org' })).toMatchObject({
      matched: true,
      by: 'identifier',
    });
    expect((await matchesRecipient(vc, { email: 'other@example.org' })).matched).toBe(false);
  });

  it('takes explicit id, dates, extra types and extra properties, and adds extensions.json when needed', async () => {
    const vc = await createOpenBadgeCredential({
      issuer: 'https://example.org/issuers/1',
      achievement: achievementInput,
      recipient: { email: 'a@example.com', salt: 'Kosher' },
      id: 'https://example.org/credentials/1',
      validFrom: new Date('2025-01-01T00:00:00.500Z'),
      validUntil: '2030-01-01T00:00:00Z',
      awardedDate: '2024-12-20T10:00:00Z',
      type: 'ext:MyCredential',
      credentialSchema: true,
      credentialStatus: { id: 'https://example.org/status/1', type: '1EdTechRevocationList' },
      subject: { activityEndDate: '2024-12-01T00:00:00Z', creditsEarned: 3 },
    });
    expect(vc['@context']).toEqual([VC_V2_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT]);
    expect(vc).toMatchObject({
      id: 'https://example.org/credentials/1',
      type: ['VerifiableCredential', 'OpenBadgeCredential', 'ext:MyCredential'],
      issuer: { id: 'https://example.org/issuers/1', type: ['Profile'] },
      validFrom: '2025-01-01T00:00:00Z',
      validUntil: '2030-01-01T00:00:00Z',
      awardedDate: '2024-12-20T10:00:00Z',
      credentialSchema: [{ id: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA, type: '1EdTechJsonSchemaValidator2019' }],
      credentialStatus: { id: 'https://example.org/status/1', type: '1EdTechRevocationList' },
      credentialSubject: {
        activityEndDate: '2024-12-01T00:00:00Z',
        creditsEarned: 3,
        identifier: [
          { identityHash: 'sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399' },
        ],
      },
    });
    expect(validate(vc).valid).toBe(true);
  });

  describe('negative', () => {
    const ok = { issuer, achievement: achievementInput, recipient: { id: 'did:example:x' } };
    it.each([
      ['no recipient', { ...ok, recipient: {} }],
      ['recipient of the wrong type', { ...ok, recipient: 5 }],
      [
        'validUntil before validFrom',
        { ...ok, validFrom: '2025-01-02T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' },
      ],
      ['a date without time zone', { ...ok, validFrom: '2025-01-02T00:00:00' }],
      ['an achievement without name', { ...ok, achievement: { ...achievementInput, name: '' } }],
      [
        'an unknown achievementType',
        { ...ok, achievement: { ...achievementInput, achievementType: 'Trophy' } },
      ],
      ['empty criteria', { ...ok, achievement: { ...achievementInput, criteria: {} } }],
      ['an issuer without id', { ...ok, issuer: { name: 'x' } }],
      ['a non-array results', { ...ok, results: { value: 'A' } }],
    ])('rejects %s with ERR_INVALID_INPUT', async (_name, input) => {
      await expect(createOpenBadgeCredential(input as OpenBadgeCredentialInput)).rejects.toMatchObject({
        code: 'ERR_INVALID_INPUT',
      });
    });
  });
});

describe('createEndorsementCredential', () => {
  it('builds a valid endorsement with VC 2.0 and OB 3.0.3 contexts', () => {
    const input = deepFreeze({
      issuer: { id: 'https://state.example.gov/issuers/1', name: 'State Department of Education' },
      subjectId: 'https://example.org/issuers/1',
      name: 'SDE endorsement',
      endorsementComment: 'Example University is in good standing',
    });
    const vc = createEndorsementCredential(input);
    expect(vc['@context']).toEqual([VC_V2_CONTEXT, OB_CONTEXT]);
    expect(vc.type).toEqual(['VerifiableCredential', 'EndorsementCredential']);
    expect(vc.credentialSubject).toEqual({
      id: 'https://example.org/issuers/1',
      type: ['EndorsementSubject'],
      endorsementComment: 'Example University is in good standing',
    });
    expect(vc.validFrom).toBe('2026-03-04T05:06:07Z');
    expect(validate(vc)).toMatchObject({ valid: true, errors: [] });
  });

  it('adds extensions.json when it uses 1EdTech extension types, like the spec example', () => {
    const vc = createEndorsementCredential({
      issuer: { id: 'https://state.example.gov/issuers/1' },
      subjectId: 'https://example.org/issuers/1',
      name: 'SDE endorsement',
      credentialSchema: true,
      refreshService: { id: 'https://state.example.gov/credentials/1', type: '1EdTechCredentialRefresh' },
    });
    expect(vc['@context']).toEqual([VC_V2_CONTEXT, OB_CONTEXT, OB_EXTENSIONS_CONTEXT]);
    expect(vc.refreshService).toEqual({
      id: 'https://state.example.gov/credentials/1',
      type: '1EdTechCredentialRefresh',
    });
    expect(validate(vc).valid).toBe(true);
  });

  it('rejects a missing name or subjectId', () => {
    expect(() => createEndorsementCredential({ issuer, subjectId: 'https://x', name: '' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() =>
      createEndorsementCredential({ issuer, name: 'n' } as unknown as Parameters<
        typeof createEndorsementCredential
      >[0]),
    ).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT', message: expect.stringContaining('subjectId') }),
    );
  });
});

describe('createClrCredential', () => {
  it('builds a valid CLR with associations and leaves the embedded credentials untouched', async () => {
    const course = await createOpenBadgeCredential({
      issuer,
      achievement: { ...achievementInput, id: 'https://example.org/achievements/course-1' },
      recipient: { id: 'did:example:learner' },
    });
    const signed = deepFreeze({
      ...course,
      proof: [
        {
          type: 'DataIntegrityProof',
          cryptosuite: 'eddsa-rdfc-2022',
          proofPurpose: 'assertionMethod',
          proofValue: 'z1',
        },
      ],
    });
    const program = createAchievement({
      id: 'https://example.org/achievements/program',
      name: 'Program',
      description: 'The whole program.',
      criteria: { id: 'https://example.org/achievements/program/criteria' },
      achievementType: 'LearningProgram',
    });
    const input = deepFreeze({
      issuer,
      learner: { id: 'did:example:learner' },
      name: 'Transcript',
      credentials: [signed],
      achievements: [program],
      associations: [createAssociation('isPartOf', 'https://example.org/achievements/course-1', program.id)],
      partial: true,
    });
    const clr = await createClrCredential(input);
    expect(clr['@context']).toEqual([VC_V2_CONTEXT, CLR_CONTEXT, OB_CONTEXT]);
    expect(clr.type).toEqual(['VerifiableCredential', 'ClrCredential']);
    expect(clr.partial).toBe(true);
    expect(clr.credentialSubject).toMatchObject({ id: 'did:example:learner', type: ['ClrSubject'] });
    expect(clr.credentialSubject.verifiableCredential).toEqual([signed]);
    expect((clr.credentialSubject.verifiableCredential as unknown[])[0]).not.toBe(signed);
    expect(clr.credentialSubject.association).toEqual([
      {
        type: 'Association',
        associationType: 'isPartOf',
        sourceId: 'https://example.org/achievements/course-1',
        targetId: 'https://example.org/achievements/program',
      },
    ]);
    expect(validate(clr)).toMatchObject({ valid: true, errors: [] });
  });

  it('identifies the learner by hashed email', async () => {
    const badge = await createOpenBadgeCredential({
      issuer,
      achievement: achievementInput,
      recipient: { email: 'l@example.org' },
    });
    const clr = await createClrCredential({
      issuer,
      learner: { email: 'l@example.org' },
      name: 'Record',
      credentials: [badge],
    });
    expect(clr.credentialSubject.id).toBeUndefined();
    expect(validate(clr).valid).toBe(true);
    expect((await matchesRecipient(clr, { email: 'l@example.org' })).matched).toBe(true);
  });

  it('rejects no credentials and unknown association types', async () => {
    await expect(
      createClrCredential({ issuer, learner: 'did:example:x', name: 'R', credentials: [] }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    expect(() => createAssociation('isCousinOf' as 'isPartOf', 'a', 'b')).toThrow(
      expect.objectContaining({
        code: 'ERR_INVALID_INPUT',
        message: expect.stringContaining('exactMatchOf'),
      }),
    );
  });
});

describe('small builders', () => {
  it('give every class its type and keep extra properties', () => {
    expect(
      createProfile({
        id: 'did:example:1',
        name: 'A',
        image: 'https://x/logo.png',
        extensions: { 'ext:tag': 1 },
      }),
    ).toEqual({
      id: 'did:example:1',
      type: ['Profile'],
      name: 'A',
      'ext:tag': 1,
      image: { id: 'https://x/logo.png', type: 'Image' },
    });
    expect(createAlignment({ targetName: 'N', targetUrl: 'https://x', targetType: 'ext:Mine' })).toEqual({
      type: ['Alignment'],
      targetName: 'N',
      targetUrl: 'https://x',
      targetType: 'ext:Mine',
    });
    expect(createResult({ status: 'Completed' })).toEqual({ type: ['Result'], status: 'Completed' });
    expect(createEvidence({ narrative: 'n' })).toEqual({ type: ['Evidence'], narrative: 'n' });
    expect(createResultDescription({ name: 'S', resultType: 'Status' })).toMatchObject({
      id: expect.stringMatching(UUID),
      type: ['ResultDescription'],
    });
    const a = createAchievement({
      name: 'N',
      description: 'D',
      criteria: { id: 'https://x/criteria' },
      type: ['Achievement', 'ext:Extra'],
    });
    expect(a.id).toMatch(UUID);
    expect(a.type).toEqual(['Achievement', 'ext:Extra']);
  });

  it('reject invalid enumerations', () => {
    expect(() => createResult({ status: 'Done' as 'Completed' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() =>
      createAlignment({ targetName: 'N', targetUrl: 'https://x', targetType: 'Skill' as 'CFItem' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => createResultDescription({ name: 'S', resultType: 'Grade' as 'Status' })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
    expect(() => createProfile(null as unknown as { id: string })).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });
});
