// Findings 2, 3 and 7 of the outside review ("Verified means authentic"), each performed end to
// end through the public API:
// 2. a ClrCredential that carries a made-up, revoked, expired or forged credential must not
//    verify (nor a presentation of it);
// 3. holder binding reaches the credentials inside a presented CLR;
// 7. an endorsement counts only for the thing its subject names.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createAchievement,
  createClrCredential,
  createEndorsementCredential,
  createOpenBadgeCredential,
  createPresentation,
  generateKey,
  issueCredential,
  type KeyFile,
  verifyCredential,
  verifyPresentation,
} from '../../src/index.js';
import { PATHWAY_CONTEXT_URL } from '../../src/pathway/index.js';
import { createBitstring, createStatusEntry, setBit } from '../../src/status/index.js';
import { publishStatusList } from '../../src/status/store/index.js';
import type { VerificationResult } from '../../src/verify/index.js';

type Json = Record<string, any>;
const NOW = '2026-01-01T00:00:00Z';
const CREATED = '2025-06-01T00:00:00Z';
const challenge = 'nonce-4711';
const domain = 'employer.example';

const achievement = (slug: string, extra: Json = {}) =>
  createAchievement({
    id: `https://school.example/achievements/${slug}`,
    name: slug,
    description: `${slug} module`,
    criteria: { narrative: 'Passed the assessment.' },
    ...extra,
  });

async function badge(issuer: KeyFile, subject: string, slug: string, extra: Json = {}): Promise<Json> {
  const unsigned = await createOpenBadgeCredential({
    issuer: { id: issuer.controller, name: 'Riverside School' },
    achievement: achievement(slug),
    recipient: { id: subject },
    validFrom: '2025-01-01T00:00:00Z',
    ...extra,
  });
  return issueCredential(unsigned, { key: issuer, created: CREATED });
}

async function clrOf(issuer: KeyFile, learner: string, credentials: Json[]): Promise<Json> {
  const unsigned = await createClrCredential({
    issuer: { id: issuer.controller, name: 'Self-published transcript' },
    learner: { id: learner },
    name: 'My record',
    credentials: credentials as never,
    validFrom: '2025-01-01T00:00:00Z',
  });
  return issueCredential(unsigned, { key: issuer, created: CREATED });
}

const failedCodes = (r: { checks: { status: string; code: string }[] }) =>
  r.checks.filter((c) => c.status === 'failed').map((c) => c.code);

function expectNot(result: VerificationResult, verdict: string, code: string): void {
  expect(result.verified, JSON.stringify(result.checks)).toBe(false);
  expect(result.verdict).toBe(verdict);
  expect(failedCodes(result)).toContain(code);
}

let school: KeyFile;
let attacker: KeyFile;
let victim: KeyFile;
beforeAll(async () => {
  [school, attacker, victim] = await Promise.all([generateKey(), generateKey(), generateKey()]);
});

describe('a ClrCredential is verified only when everything it carries is', () => {
  it('a made-up "MD" with a garbage proof "by" did:web:harvard.edu is not verified inside a valid CLR (was verified)', async () => {
    const genuine = await badge(school, attacker.controller, 'first-aid');
    // The attacker writes an "MD" badge and dresses it in a proof that names Harvard's key.
    const forged: Json = structuredClone(genuine);
    forged.id = 'urn:uuid:2b0b8f6e-7e0c-4b43-9d59-1c1e6a3f2d10';
    forged.issuer = { id: 'did:web:harvard.edu', type: ['Profile'], name: 'Harvard Medical School' };
    forged.name = 'Doctor of Medicine';
    forged.credentialSubject.achievement = achievement('md', { name: 'Doctor of Medicine' });
    forged.proof = {
      ...forged.proof,
      verificationMethod: 'did:web:harvard.edu#key-1',
      proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKKsxC5gNCYCCbXsMr',
    };
    const clr = await clrOf(attacker, attacker.controller, [genuine, forged]);

    const result = await verifyCredential(clr, { now: NOW });
    // The forged badge alone is indeterminate (its key cannot be had offline)...
    expect(result.embedded?.map((e) => e.verdict)).toEqual(['verified', 'indeterminate']);
    // ...and so is the record that carries it: never verified.
    expectNot(result, 'indeterminate', 'EMBEDDED_INDETERMINATE');
    expect(result.checks.find((c) => c.code === 'EMBEDDED_INDETERMINATE')?.path).toBe(
      '/credentialSubject/verifiableCredential/1',
    );
    // The CLR's own proof is fine: the failure is about its contents, and says so.
    expect(result.checks.filter((c) => c.id === 'proof').every((c) => c.status !== 'failed')).toBe(true);

    // A presentation of that CLR by the attacker does not verify either.
    const vp = await createPresentation([clr], { key: attacker, challenge, domain, created: NOW });
    const presented = await verifyPresentation(vp, { challenge, domain, now: NOW });
    expect(presented.verified).toBe(false);
    expect(failedCodes(presented)).toEqual(['CREDENTIAL_NOT_VERIFIED']);
  });

  it('a revoked credential inside a CLR makes the CLR revoked (was verified with a warning)', async () => {
    const listUrl = 'https://school.example/status/1';
    const revoked = await badge(school, attacker.controller, 'welding', {
      credentialStatus: createStatusEntry({ listCredential: listUrl, purpose: 'revocation', index: 42 }),
    });
    const bits = createBitstring();
    setBit(bits, 42, true);
    const [list] = await publishStatusList(
      { url: listUrl, purpose: 'revocation', bits },
      { key: school, created: CREATED, validFrom: '2025-01-01T00:00:00Z' },
    );
    const documents = { [listUrl]: list!.credential };
    expect((await verifyCredential(revoked, { now: NOW, documents })).verdict).toBe('revoked');

    const clr = await clrOf(attacker, attacker.controller, [revoked]);
    expectNot(await verifyCredential(clr, { now: NOW, documents }), 'revoked', 'EMBEDDED_REVOKED');
  });

  it('an expired credential inside a CLR makes the CLR expired', async () => {
    const old = await badge(school, attacker.controller, 'cpr', { validUntil: '2025-03-01T00:00:00Z' });
    const clr = await clrOf(attacker, attacker.controller, [old]);
    expectNot(await verifyCredential(clr, { now: NOW }), 'expired', 'EMBEDDED_EXPIRED');
  });

  it('a tampered credential inside a CLR makes the CLR invalid, whatever else it carries', async () => {
    const genuine = await badge(school, attacker.controller, 'sutures');
    const tampered: Json = structuredClone(genuine);
    tampered.credentialSubject.achievement.name = 'Neurosurgery';
    const expired = await badge(school, attacker.controller, 'cpr', { validUntil: '2025-03-01T00:00:00Z' });
    const clr = await clrOf(attacker, attacker.controller, [expired, tampered]);
    // The most serious embedded verdict wins.
    expectNot(await verifyCredential(clr, { now: NOW }), 'invalid', 'EMBEDDED_INVALID');
  });

  it('an honest CLR of verified credentials is verified (the harness is sound)', async () => {
    const clr = await clrOf(school, victim.controller, [
      await badge(school, victim.controller, 'a'),
      await badge(school, victim.controller, 'b'),
    ]);
    const result = await verifyCredential(clr, { now: NOW });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
    expect(result.checks.filter((c) => c.id === 'embedded').map((c) => c.code)).toEqual([
      'EMBEDDED_VALID',
      'EMBEDDED_VALID',
    ]);
  });

  it('checkEmbedded: false says the contents were not checked', async () => {
    const clr = await clrOf(school, victim.controller, [await badge(school, victim.controller, 'a')]);
    const result = await verifyCredential(clr, { now: NOW, checkEmbedded: false });
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'embedded', status: 'skipped', code: 'EMBEDDED_NOT_CHECKED' }),
    );
  });
});

describe('holder binding reaches every credential in a presentation', () => {
  it.each(['data-integrity', 'vp-jwt'] as const)(
    '%s: a victim’s badge wrapped in a CLR the attacker issued about themself is refused (was verified)',
    async (format) => {
      const victims = await badge(school, victim.controller, 'surgical-tech');
      // Presented directly, the victim's badge is refused: the holder is not its subject.
      const direct = await createPresentation([victims], {
        key: attacker,
        challenge,
        domain,
        format,
        created: NOW,
      });
      const directResult = await verifyPresentation(direct, { challenge, domain, now: NOW });
      expect(failedCodes(directResult)).toContain('HOLDER_NOT_SUBJECT');

      // Wrapped in the attacker's own CLR about the attacker: the CLR itself is genuine and
      // about the holder, and the victim's badge inside is genuine too.
      const clr = await clrOf(attacker, attacker.controller, [victims]);
      expect((await verifyCredential(clr, { now: NOW })).verdict).toBe('verified');
      const vp = await createPresentation([clr], { key: attacker, challenge, domain, format, created: NOW });
      for (const options of [{}, { checkEmbedded: false }]) {
        const result = await verifyPresentation(vp, { challenge, domain, now: NOW, ...options });
        expect(result.verified, JSON.stringify(result.checks)).toBe(false);
        expect(failedCodes(result)).toEqual(['HOLDER_NOT_SUBJECT']);
        expect(result.checks).toContainEqual(
          expect.objectContaining({
            status: 'failed',
            code: 'HOLDER_NOT_SUBJECT',
            path: '/verifiableCredential/0/credentialSubject/verifiableCredential/0',
          }),
        );
      }
    },
  );

  it('a VC-JWT inside the CLR is bound to the holder too', async () => {
    const jwt = await issueCredential(
      await createOpenBadgeCredential({
        issuer: { id: school.controller, name: 'Riverside School' },
        achievement: achievement('jwt-badge'),
        recipient: { id: victim.controller },
        validFrom: '2025-01-01T00:00:00Z',
      }),
      { key: school, format: 'vc-jwt' },
    );
    const own = await badge(school, attacker.controller, 'own');
    const unsigned = await createClrCredential({
      issuer: { id: attacker.controller, name: 'Me' },
      learner: { id: attacker.controller },
      name: 'My record',
      credentials: [own as never],
      validFrom: '2025-01-01T00:00:00Z',
    });
    // credstack's pathway context defines the `verifiableCredentialJwt` extension term.
    (unsigned['@context'] as string[]).push(PATHWAY_CONTEXT_URL);
    (unsigned.credentialSubject as Json).verifiableCredentialJwt = [jwt];
    const clr = await issueCredential(unsigned, { key: attacker, created: CREATED });
    const vp = await createPresentation([clr], { key: attacker, challenge, domain, created: NOW });
    const result = await verifyPresentation(vp, { challenge, domain, now: NOW });
    expect(result.verified).toBe(false);
    expect(failedCodes(result)).toEqual(['HOLDER_NOT_SUBJECT']);
    expect(result.checks).toContainEqual(
      expect.objectContaining({
        code: 'HOLDER_NOT_SUBJECT',
        path: '/verifiableCredential/0/credentialSubject/verifiableCredentialJwt/0',
      }),
    );
  });

  it('the learner presenting their own CLR of their own badges verifies (the harness is sound)', async () => {
    const clr = await clrOf(school, victim.controller, [await badge(school, victim.controller, 'own')]);
    const vp = await createPresentation([clr], { key: victim, challenge, domain, created: NOW });
    const result = await verifyPresentation(vp, { challenge, domain, now: NOW });
    expect(result.verdict, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(
      'verified',
    );
  });
});

describe('an endorsement counts only for what its subject names', () => {
  let employer: KeyFile;
  let realAchievementId: string;
  let endorsement: Json;
  beforeAll(async () => {
    employer = await generateKey();
    realAchievementId = 'https://school.example/achievements/welding-level-2';
    endorsement = await issueCredential(
      await createEndorsementCredential({
        issuer: { id: employer.controller, name: 'Acme Fabrication' },
        subjectId: realAchievementId,
        name: 'Acme endorses Welding Level 2',
        validFrom: '2025-01-01T00:00:00Z',
      }),
      { key: employer, created: CREATED },
    );
  });

  it('pasted into a throwaway issuer’s badge for another achievement, it is not trusted (was ENDORSEMENT_TRUSTED)', async () => {
    const throwaway = await generateKey();
    const unsigned = await createOpenBadgeCredential({
      issuer: { id: throwaway.controller, name: 'QuickCerts Online' },
      achievement: achievement('instant-welding', { endorsement: [endorsement] }),
      recipient: { id: attacker.controller },
      validFrom: '2025-01-01T00:00:00Z',
    });
    const forged = await issueCredential(unsigned, { key: throwaway, created: CREATED });
    const result = await verifyCredential(forged, { now: NOW, trust: [employer.controller] });
    const check = result.checks.find((c) => c.id === 'endorsement');
    expect(check).toMatchObject({ status: 'warning', code: 'ENDORSEMENT_SUBJECT_MISMATCH' });
    expect(
      result.checks.some((c) => c.code === 'ENDORSEMENT_TRUSTED' || c.code === 'ENDORSEMENT_VALID'),
    ).toBe(false);
    // The nested result can be relied on by itself too.
    expect(result.endorsements?.[0]?.verified).toBe(false);
    expect(failedCodes(result.endorsements![0]!)).toContain('ENDORSEMENT_SUBJECT_MISMATCH');
  });

  it('moved from the achievement to the credential or the issuer, it does not count there either', async () => {
    for (const where of ['credential', 'issuer'] as const) {
      const unsigned = await createOpenBadgeCredential({
        issuer:
          where === 'issuer'
            ? { id: school.controller, name: 'Riverside School', endorsement: [endorsement] }
            : { id: school.controller, name: 'Riverside School' },
        achievement: achievement('welding-level-2'),
        recipient: { id: attacker.controller },
        validFrom: '2025-01-01T00:00:00Z',
        ...(where === 'credential' ? { endorsement: [endorsement] } : {}),
      });
      const signed = await issueCredential(unsigned, { key: school, created: CREATED });
      const result = await verifyCredential(signed, { now: NOW, trust: [employer.controller] });
      expect(result.checks.find((c) => c.id === 'endorsement')?.code, where).toBe(
        'ENDORSEMENT_SUBJECT_MISMATCH',
      );
    }
  });

  it('on the achievement it names, it is trusted (the harness is sound)', async () => {
    const unsigned = await createOpenBadgeCredential({
      issuer: { id: school.controller, name: 'Riverside School' },
      achievement: achievement('welding-level-2', { endorsement: [endorsement] }),
      recipient: { id: attacker.controller },
      validFrom: '2025-01-01T00:00:00Z',
    });
    const signed = await issueCredential(unsigned, { key: school, created: CREATED });
    const result = await verifyCredential(signed, { now: NOW, trust: [employer.controller] });
    expect(result.verdict).toBe('verified');
    expect(result.checks.find((c) => c.id === 'endorsement')?.code).toBe('ENDORSEMENT_TRUSTED');
  });
});
