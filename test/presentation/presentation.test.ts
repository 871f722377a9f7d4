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
        // Named for what it is, once: not also as a failing signature.
        const failedOf = (r: typeof replayed) =>
          r.checks.filter((c) => c.status === 'failed').map((c) => c.code);
        expect(failedOf(replayed)).toEqual(['CHALLENGE_MISMATCH']);
        const elsewhere = await verifyPresentation(vp, { challenge, domain: 'evil.example' });
        expect(elsewhere.verified).toBe(false);
        expect(failedOf(elsewhere)).toEqual(['DOMAIN_MISMATCH']);
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

  // verifyPresentation parses through the verifier's parseInput: the same limits, checks and
  // messages as verifyCredential, and still a result (never a throw).
  describe('input: text, bytes and the verifier limits', () => {
    const failedChecks = (result: { checks: Array<{ status: string }> }) =>
      JSON.stringify(result.checks.filter((c) => c.status === 'failed'));
    const deepJson = (levels: number) => `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
    const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

    it.each(['data-integrity', 'vp-jwt'] as const)(
      '%s: JSON text, UTF-8 bytes and padded text verify like the object',
      async (format) => {
        const vp = await createPresentation([badge], { key: learner, challenge, domain, format });
        const text = typeof vp === 'string' ? vp : JSON.stringify(vp);
        for (const input of [text, new TextEncoder().encode(text), `\n ${text}\n`]) {
          const result = await verifyPresentation(input, { challenge, domain });
          expect(result.verdict, failedChecks(result)).toBe('verified');
          expect(result.format).toBe(format);
          expect(result.holder).toBe(learner.controller);
        }
      },
    );

    it('JSON text nested deeper than the depth limit → a failed limits check naming it', async () => {
      const result = await verifyPresentation(deepJson(100), { challenge, domain });
      expect(result.verified).toBe(false);
      expect(result.verdict).toBe('invalid');
      expect(result.checks).toEqual([
        expect.objectContaining({ id: 'limits', status: 'failed', code: 'LIMIT_EXCEEDED' }),
      ]);
      expect(result.checks[0]!.message).toMatch(/deeper than 64 levels/);
      // A caller's lower limit applies to a real presentation too.
      const vp = JSON.stringify(await createPresentation([badge], { key: learner, challenge, domain }));
      const low = await verifyPresentation(vp, { challenge, domain, limits: { maxDepth: 3 } });
      expect(low.verified).toBe(false);
      expect(low.checks[0]).toMatchObject({ id: 'limits', code: 'LIMIT_EXCEEDED' });
      expect(low.checks[0]!.message).toMatch(/deeper than 3 levels/);
    });

    it('an over-deep object → the same limits check', async () => {
      const result = await verifyPresentation(JSON.parse(deepJson(70)), { challenge, domain });
      expect(result.verified).toBe(false);
      expect(result.checks[0]).toMatchObject({ id: 'limits', code: 'LIMIT_EXCEEDED' });
      expect(result.checks[0]!.message).toMatch(/deeper than 64 levels/);
    });

    it('text over the size limit → a failed limits check naming it (JSON or VP-JWT)', async () => {
      const huge = `{${' '.repeat(5 * 1024 * 1024)}}`;
      const result = await verifyPresentation(huge, { challenge, domain });
      expect(result.verified).toBe(false);
      expect(result.checks).toEqual([
        expect.objectContaining({ id: 'limits', status: 'failed', code: 'LIMIT_EXCEEDED' }),
      ]);
      expect(result.checks[0]!.message).toMatch(/more than 5242880/);
      for (const format of ['data-integrity', 'vp-jwt'] as const) {
        const vp = await createPresentation([badge], { key: learner, challenge, domain, format });
        const text = typeof vp === 'string' ? vp : JSON.stringify(vp);
        const small = await verifyPresentation(text, { challenge, domain, limits: { maxBytes: 1000 } });
        expect(small.verified).toBe(false);
        expect(small.checks[0]).toMatchObject({ id: 'limits', code: 'LIMIT_EXCEEDED' });
        expect(small.checks[0]!.message).toMatch(/more than 1000/);
      }
    });

    it('a VP-JWT whose claims break the limits → a limits check before any signature work', async () => {
      const jwt = `${b64url({ alg: 'EdDSA', kid: `${learner.controller}#x` })}.${b64url({
        iss: learner.controller,
        vp: JSON.parse(deepJson(70)),
      })}.c2ln`;
      const result = await verifyPresentation(jwt, { challenge, domain });
      expect(result.verified).toBe(false);
      expect(result.format).toBe('vp-jwt');
      expect(result.checks).toEqual([expect.objectContaining({ id: 'limits', code: 'LIMIT_EXCEEDED' })]);
    });

    it('images are refused: a presentation is never baked', async () => {
      const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
      const svg = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>';
      for (const input of [png, svg, new TextEncoder().encode(svg)]) {
        const result = await verifyPresentation(input, { challenge, domain });
        expect(result.verified).toBe(false);
        expect(result.checks).toEqual([expect.objectContaining({ id: 'parse', code: 'PARSE_FAILED' })]);
        expect(result.checks[0]!.message).toMatch(/image/);
      }
    });

    it('malformed input and bad limits are failed checks, not internal errors', async () => {
      for (const input of ['{', 'nope', 42, null, new Uint8Array([0xff, 0xfe, 0xfd])]) {
        const result = await verifyPresentation(input, { challenge, domain });
        expect(result.verified).toBe(false);
        expect(result.checks).toEqual([expect.objectContaining({ id: 'parse', code: 'PARSE_FAILED' })]);
      }
      const bad = await verifyPresentation('{}', { challenge, domain, limits: { maxDepth: -1 } });
      expect(bad.checks).toEqual([expect.objectContaining({ id: 'parse', code: 'OPTION_INVALID' })]);
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
