// The input types catch what a developer gets wrong before anything runs: a misspelt member, an
// email address where a URI goes, a forgotten await. `tsc --noEmit` (CI's typecheck) checks that every
// expect-error directive below marks an error, or the build fails. The runtime checks JS callers
// get are asserted as well.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type AchievementInput,
  createAchievement,
  createOpenBadgeCredential,
  createProfile,
  generateKey,
  type IssuedCredential,
  issueCredential,
  type OpenBadgeCredential,
  type OpenBadgeCredentialInput,
  type ProfileInput,
  type RecipientInput,
} from '../../src/index.js';

const achievement = createAchievement({
  id: 'https://school.example/a/1',
  name: 'Welding I',
  description: 'Basic welding.',
  criteria: 'Pass the practical.',
});

describe('input types', () => {
  it('a misspelt member is a type error; extension terms go in `extensions`', () => {
    const typo: AchievementInput = {
      name: 'A',
      description: 'd',
      criteria: 'c',
      // @ts-expect-error achievmentType is not a member (achievementType is)
      achievmentType: 'Course',
    };
    expect(typo).toBeDefined();
    const profile: ProfileInput = {
      id: 'did:example:1',
      url: 'https://x.example',
      extensions: { 'ext:tag': 1 },
    };
    expect(createProfile(profile)).toMatchObject({ url: 'https://x.example', 'ext:tag': 1 });
    // Every named OB member is still accepted.
    expectTypeOf<AchievementInput>().toHaveProperty('creditsAvailable');
    expectTypeOf<AchievementInput>().toHaveProperty('tag');
    expectTypeOf<ProfileInput>().toHaveProperty('parentOrg');
    expectTypeOf<OpenBadgeCredentialInput>().toHaveProperty('credentialStatus');
  });

  it('an email address as a string recipient is refused at build time and at run time, naming { email }', async () => {
    // @ts-expect-error a recipient string must be a URI: an address goes in { email }
    const wrong: RecipientInput = 'ana@example.org';
    const right: RecipientInput[] = [
      'did:example:ana',
      'mailto:ana@example.org',
      { email: 'ana@example.org' },
    ];
    expect(right).toHaveLength(3);
    await expect(
      createOpenBadgeCredential({ issuer: 'did:example:school', achievement, recipient: wrong }),
    ).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      message: expect.stringContaining('{ email: "ana@example.org" }'),
    });
    await expect(
      createOpenBadgeCredential({
        issuer: 'did:example:school',
        achievement,
        recipient: { id: 'ana@example.org' },
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT', message: expect.stringContaining('{ email:') });
  });

  it('an un-awaited credential is a type error; the issued credential keeps its OB type', async () => {
    const key = await generateKey();
    const pending = createOpenBadgeCredential({
      issuer: key.controller,
      achievement,
      recipient: 'did:example:ana',
    });
    // @ts-expect-error createOpenBadgeCredential is async: await it first
    await expect(issueCredential(pending, { key })).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });

    const signed = await issueCredential(await pending, { key });
    expectTypeOf(signed).toMatchTypeOf<OpenBadgeCredential>();
    expectTypeOf(signed.credentialSubject.achievement.name).toEqualTypeOf<string>();
    expect(signed.credentialSubject.achievement.name).toBe('Welding I'); // no cast needed
    expect(signed.proof).toBeDefined();
    const jwt = await issueCredential(await pending, { key, format: 'vc-jwt', onWarning: () => {} });
    expectTypeOf(jwt).toEqualTypeOf<string>();
    expectTypeOf<IssuedCredential<'vc-jwt'>>().toEqualTypeOf<string>();
  });
});
