// Pathways over credentials shown in part (ecdsa-sd-2023): a derived credential counts when what
// it reveals suffices for the rule (subject, achievement, the result a minimum is judged on), is
// rejected as `not-disclosed` naming the pointer to reveal when it does not, and a pathway proof
// composed from derived credentials verifies. Real keys, the real verifier.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  composePathwayProof,
  createIdentityObject,
  deriveCredential,
  generateKey,
  issueCredential,
  type KeyFile,
  pathwayProgress,
  validatePathway,
  verifyCredential,
  verifyPathwayProof,
} from '../../src/index.js';
import { sdBadge } from '../proof/sd-badge.js';

const NOW = new Date('2030-01-01T00:00:00Z');
const LEARNER = 'did:example:learner';
const TEAMWORK = 'https://example.com/achievements/teamwork';
const SAFETY = 'https://example.com/achievements/safety';

describe('pathways over selectively disclosed credentials', () => {
  let school: KeyFile;
  let wallet: KeyFile;
  let teamwork: Record<string, unknown>;
  let safety: Record<string, unknown>;
  const verify = (c: unknown) => verifyCredential(c as never, { now: NOW });
  const pathway = (minimum: boolean) =>
    validatePathway({
      id: 'https://employer.example/pathways/crew-lead',
      type: 'Pathway',
      name: 'Crew lead',
      components: [
        {
          id: 'teamwork',
          achievement: TEAMWORK,
          ...(minimum ? { minimumResult: { value: 'B', valueOrder: ['C', 'B', 'A'] } } : {}),
        },
        { id: 'safety', achievement: SAFETY },
      ],
      completion: { allOf: ['teamwork', 'safety'] },
    });

  beforeAll(async () => {
    [school, wallet] = await Promise.all([generateKey({ algorithm: 'P-256' }), generateKey()]);
    teamwork = await issueCredential(sdBadge(school.controller), { key: school, format: 'ecdsa-sd-2023' });
    const s = sdBadge(school.controller);
    s.id = 'urn:uuid:0d4b3c1e-5a7f-4e2b-9c8d-1f2e3a4b5c6d';
    s.credentialSubject.achievement.id = SAFETY;
    s.credentialSubject.achievement.name = 'Site Safety';
    safety = await issueCredential(s, { key: school, format: 'ecdsa-sd-2023' });
  });

  it('count when the subject is revealed; a hidden grade is fine where no minimum is set', async () => {
    const shown = await Promise.all(
      [teamwork, safety].map((c) => deriveCredential(c, { reveal: ['/credentialSubject/id'] })),
    );
    expect(JSON.stringify(shown)).not.toContain('"value":"A"');
    const progress = await pathwayProgress(pathway(false), shown, { verify, learner: { id: LEARNER } });
    expect(progress.rejected).toEqual([]);
    expect(progress.complete).toBe(true);

    const proof = await composePathwayProof(pathway(false), shown, {
      issuer: { id: wallet.controller, type: ['Profile'], name: 'Learner wallet' },
      learner: { id: LEARNER },
      verify,
      sign: (clr) => issueCredential(clr, { key: wallet }),
      now: NOW,
    });
    const result = await verifyPathwayProof(proof, {
      pathway: pathway(false),
      learner: { id: LEARNER },
      now: NOW,
    });
    expect(
      result.checks.filter((c) => c.status === 'failed'),
      JSON.stringify(result.checks),
    ).toEqual([]);
    expect(result.verified).toBe(true);
    expect(result.complete).toBe(true);
  });

  it('a minimum result needs the result revealed: hidden is not-disclosed, revealed is judged', async () => {
    const hidden = await deriveCredential(teamwork, { reveal: ['/credentialSubject/id'] });
    const p1 = await pathwayProgress(pathway(true), [hidden], { verify, learner: { id: LEARNER } });
    expect(p1.rejected).toEqual([
      expect.objectContaining({ reason: 'not-disclosed', component: 'teamwork' }),
    ]);
    expect(p1.rejected[0]!.message).toContain('/credentialSubject/result');

    const revealed = await deriveCredential(teamwork, {
      reveal: ['/credentialSubject/id', '/credentialSubject/result'],
    });
    const p2 = await pathwayProgress(pathway(true), [revealed], { verify, learner: { id: LEARNER } });
    expect(p2.rejected).toEqual([]);
    expect(p2.components.find((c) => c.id === 'teamwork')?.state).toBe('earned');
  });

  it('a hidden subject is not-disclosed (not "another learner"); a hidden achievement id likewise', async () => {
    // The subject's id names its node, so it is revealed with any member of the subject: a learner
    // who stays anonymous is named by an IdentityObject, which can be hidden.
    const byEmail = sdBadge(school.controller);
    delete byEmail.credentialSubject.id;
    byEmail.credentialSubject.identifier = [
      await createIdentityObject({ identifier: 'ana@example.org', salt: 'pepper' }),
    ];
    const base = await issueCredential(byEmail, { key: school, format: 'ecdsa-sd-2023' });
    const learner = { email: 'ana@example.org' };
    const anonymous = await deriveCredential(base, { reveal: [] });
    expect((anonymous.credentialSubject as Record<string, unknown>).identifier).toBeUndefined();
    const p1 = await pathwayProgress(pathway(false), [anonymous], { verify, learner });
    expect(p1.rejected).toEqual([expect.objectContaining({ reason: 'not-disclosed' })]);
    expect(p1.rejected[0]!.message).toContain('/credentialSubject/id');
    const named = await deriveCredential(base, { reveal: ['/credentialSubject/identifier'] });
    const p2 = await pathwayProgress(pathway(false), [named], { verify, learner });
    expect(p2.rejected).toEqual([]);

    const noAchievement = await issueCredential(sdBadge(school.controller), {
      key: school,
      format: 'ecdsa-sd-2023',
      mandatoryPointers: ['/issuer', '/validFrom'],
    });
    const shown = await deriveCredential(noAchievement, { reveal: ['/credentialSubject/id'] });
    const p3 = await pathwayProgress(pathway(false), [shown], { verify, learner: { id: LEARNER } });
    expect(p3.rejected).toEqual([expect.objectContaining({ reason: 'not-disclosed' })]);
    expect(p3.rejected[0]!.message).toContain('/credentialSubject/achievement/id');
  });

  it('a derived credential edited after derivation is rejected as invalid, in progress and in a proof', async () => {
    const shown = await deriveCredential(teamwork, {
      reveal: ['/credentialSubject/id', '/credentialSubject/result'],
    });
    const edited = structuredClone(shown) as any;
    edited.credentialSubject.result[0].value = 'A+';
    const progress = await pathwayProgress(pathway(false), [edited], { verify, learner: { id: LEARNER } });
    expect(progress.rejected).toEqual([expect.objectContaining({ reason: 'invalid' })]);
    expect(progress.complete).toBe(false);
  });
});
