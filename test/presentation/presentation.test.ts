import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAchievement,
  createClrCredential,
  createOpenBadgeCredential,
  createPresentation,
  generateKey,
  issueCredential,
  type KeyFile,
  verifyPresentation,
} from '../../src/index.js';
import { Ed25519Multikey, didKeyDriver, referenceDocumentLoader } from '../interop/reference-stack.js';

const challenge = 'c0ffee-4711';
const domain = 'hospital.example';

async function badgeFor(
  issuer: KeyFile,
  recipient: { id: string } | { email: string },
  name = 'Sterile Technique',
) {
  const achievement = createAchievement({
    id: `https://school.example/achievements/${encodeURIComponent(name)}`,
    name,
    description: `${name} module`,
    criteria: { narrative: 'Passed the practical.' },
  });
  const unsigned = await createOpenBadgeCredential({
    issuer: { id: issuer.controller, name: 'Riverside School' },
    achievement,
    recipient,
  });
  return issueCredential(unsigned, { key: issuer });
}

describe('verifiable presentations', () => {
  let school: KeyFile;
  let learner: KeyFile;
  let other: KeyFile;
  let badge: Record<string, unknown>;
  beforeAll(async () => {
    [school, learner, other] = await Promise.all([generateKey(), generateKey(), generateKey()]);
    badge = await badgeFor(school, { id: learner.controller });
  });

  it.each(['data-integrity', 'vp-jwt'] as const)(
    '%s: the learner presents, the employer verifies',
    async (format) => {
      const jwtBadge = await issueCredential(
        await createOpenBadgeCredential({
          issuer: { id: school.controller, name: 'Riverside School' },
          achievement: createAchievement({
            id: 'https://school.example/a/2',
            name: 'Suturing',
            description: 'd',
            criteria: { narrative: 'n' },
          }),
          recipient: { id: learner.controller },
        }),
        { key: school, format: 'vc-jwt' },
      );
      const vp = await createPresentation([badge, jwtBadge], { key: learner, challenge, domain, format });
      const result = await verifyPresentation(vp, { challenge, domain });
      expect(result.verdict, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(
        'verified',
      );
      expect(result.holder).toBe(learner.controller);
      expect(result.credentials).toHaveLength(2);
      expect(result.credentials.every((c) => c.verified)).toBe(true);
    },
  );

  describe('negative', () => {
    it.each(['data-integrity', 'vp-jwt'] as const)(
      '%s: a wrong or missing challenge, or another domain, fails',
      async (format) => {
        const vp = await createPresentation([badge], { key: learner, challenge, domain, format });
        const replayed = await verifyPresentation(vp, { challenge: 'a-new-nonce', domain });
        expect(replayed.verified).toBe(false);
        expect(replayed.checks.some((c) => c.id === 'challenge' && c.status === 'failed')).toBe(true);
        const elsewhere = await verifyPresentation(vp, { challenge, domain: 'evil.example' });
        expect(elsewhere.verified).toBe(false);
        expect(elsewhere.checks.some((c) => c.id === 'domain' && c.status === 'failed')).toBe(true);
        const missing = await verifyPresentation(vp, { challenge: '', domain } as never);
        expect(missing.checks[0]?.code).toBe('CHALLENGE_REQUIRED');
      },
    );

    it.each(['data-integrity', 'vp-jwt'] as const)(
      '%s: someone other than the subject cannot present the badge',
      async (format) => {
        const vp = await createPresentation([badge], { key: other, challenge, domain, format });
        const result = await verifyPresentation(vp, { challenge, domain });
        expect(result.verified).toBe(false);
        expect(result.checks.find((c) => c.code === 'HOLDER_NOT_SUBJECT')).toBeDefined();
      },
    );

    it('credentials of two different learners in one presentation fail', async () => {
      const othersBadge = await badgeFor(school, { id: other.controller }, 'Anatomy');
      const vp = await createPresentation([badge, othersBadge], { key: learner, challenge, domain });
      const result = await verifyPresentation(vp, { challenge, domain });
      expect(result.verified).toBe(false);
      expect(result.checks.filter((c) => c.code === 'HOLDER_NOT_SUBJECT')).toHaveLength(1);
    });

    it.each(['data-integrity', 'vp-jwt'] as const)(
      '%s: an expired or stale presentation fails',
      async (format) => {
        const past = new Date(Date.now() - 3600_000);
        const expired = await createPresentation([badge], {
          key: learner,
          challenge,
          domain,
          format,
          created: past,
          expires: new Date(past.getTime() + 60_000),
        });
        const result = await verifyPresentation(expired, { challenge, domain });
        expect(result.verified).toBe(false);
        expect(result.checks.map((c) => c.code)).toContain('PRESENTATION_EXPIRED');
        const stale = await createPresentation([badge], {
          key: learner,
          challenge,
          domain,
          format,
          created: past,
        });
        expect((await verifyPresentation(stale, { challenge, domain })).checks.map((c) => c.code)).toContain(
          'PRESENTATION_TOO_OLD',
        );
      },
    );

    it('a presentation altered after signing fails', async () => {
      const vp = (await createPresentation([badge], { key: learner, challenge, domain })) as Record<
        string,
        any
      >;
      vp.verifiableCredential.push(await badgeFor(school, { id: learner.controller }, 'Extra'));
      const result = await verifyPresentation(vp, { challenge, domain });
      expect(result.verified).toBe(false);
      expect(result.checks.find((c) => c.id === 'proof')?.code).toBe('PROOF_SIGNATURE_INVALID');
    });

    it('a forged credential inside a validly signed presentation fails', async () => {
      const forged = structuredClone(badge) as Record<string, any>;
      forged.credentialSubject.achievement.name = 'Chief Surgeon';
      const vp = await createPresentation([forged], { key: learner, challenge, domain });
      const result = await verifyPresentation(vp, { challenge, domain });
      expect(result.verified).toBe(false);
      expect(result.checks.find((c) => c.code === 'CREDENTIAL_NOT_VERIFIED')).toBeDefined();
    });

    it('garbage never throws', async () => {
      for (const input of [
        null,
        42,
        'nope',
        '{',
        {},
        { type: 'VerifiablePresentation' },
        new Uint8Array([1, 2, 3]),
      ]) {
        const result = await verifyPresentation(input, { challenge, domain });
        expect(result.verified).toBe(false);
      }
    });
  });

  it('a hashed-email badge verifies when the holder reveals the email', async () => {
    const hashed = await badgeFor(school, { email: 'ana@example.org' }, 'Hashed');
    const vp = await createPresentation([hashed], { key: learner, challenge, domain });
    const hidden = await verifyPresentation(vp, { challenge, domain });
    expect(hidden.checks.map((c) => c.code)).toContain('HOLDER_NOT_SUBJECT');
    const revealed = await verifyPresentation(vp, {
      challenge,
      domain,
      holderIdentifiers: { email: 'ana@example.org' },
    });
    expect(revealed.verdict).toBe('verified');
  });

  it('a CLR pathway record can be presented', async () => {
    const clr = await issueCredential(
      await createClrCredential({
        issuer: { id: learner.controller, name: 'Ana' },
        learner: { id: learner.controller },
        credentials: [badge as never],
        name: 'Surgical technologist pathway (partial)',
        partial: true,
      }),
      { key: learner },
    );
    const vp = await createPresentation([clr], { key: learner, challenge, domain });
    const result = await verifyPresentation(vp, { challenge, domain });
    expect(result.verdict, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(
      'verified',
    );
  });

  describe('interop with @digitalbazaar/vc', () => {
    it('a presentation signed by credstack verifies with the reference stack', async () => {
      const vp = await createPresentation([badge], { key: learner, challenge, domain });
      const result = await vc.verify({
        presentation: vp,
        challenge,
        domain,
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        documentLoader: referenceDocumentLoader,
        checkStatus: async () => ({ verified: true }),
      });
      expect(result.verified, JSON.stringify(result.error ?? result.presentationResult)).toBe(true);
    });

    it('a presentation signed by the reference stack verifies with credstack', async () => {
      const keyPair = await Ed25519Multikey.generate();
      const { didDocument } = await didKeyDriver.fromKeyPair({ verificationKeyPair: keyPair });
      keyPair.id = didDocument.verificationMethod[0].id;
      keyPair.controller = didDocument.id;
      const own = await badgeFor(school, { id: didDocument.id }, 'Reference holder');
      const presentation = vc.createPresentation({ verifiableCredential: [own], holder: didDocument.id });
      presentation['@context'] = ['https://www.w3.org/ns/credentials/v2'];
      const signed = await vc.signPresentation({
        presentation,
        suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
        challenge,
        domain,
        documentLoader: referenceDocumentLoader,
      });
      const result = await verifyPresentation(signed, { challenge, domain });
      expect(result.verdict, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(
        'verified',
      );
    });
  });
});
