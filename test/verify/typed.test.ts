// verifiedBadge / verifiedEndorsement / verifiedClr hand out the OB types only for what was
// verified and conforms to its JSON Schema: never a forgery, a key file, or a badge that breaks
// a rule (a conformance warning by default, so `credential` itself stays plain JSON).
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type ClrCredential,
  createAchievement,
  createClrCredential,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  type OpenBadgeCredential,
  verifiedBadge,
  verifiedClr,
  verifiedEndorsement,
  verifyCredential,
} from '../../src/index.js';
import { publishedKeys, TEST_KEY, vectorJson } from './helpers.js';

const NOW = '2026-12-01T00:00:00Z';

describe('typed verified credentials', () => {
  it('a verified, conforming badge comes out typed; achievement reached without a cast', async () => {
    const credential = vectorJson('spec/ob-v3p0/test-vector-eddsa-rdfc-2022/credential.signed.json');
    const documents = publishedKeys([`https://example.edu/issuers/565049#${TEST_KEY}`]);
    const result = await verifyCredential(credential, { now: NOW, documents });
    expect(result.verified).toBe(true);
    const badge = verifiedBadge(result);
    expectTypeOf(badge).toEqualTypeOf<OpenBadgeCredential | undefined>();
    expect(badge?.credentialSubject.achievement.name).toBe(
      (credential.credentialSubject as { achievement: { name: string } }).achievement.name,
    );
    expect(verifiedClr(result)).toBeUndefined(); // another type
    expect(verifiedEndorsement(result)).toBeUndefined();
  });

  it('nothing for a forgery, a badge that breaks a rule, or a skipped schema check', async () => {
    const tampered = vectorJson('real-world/dcc-tampered.json');
    expect(verifiedBadge(await verifyCredential(tampered, { now: NOW }))).toBeUndefined();
    const noSubjectId = await verifyCredential(vectorJson('real-world/dcc-lcw-experience-badge.json'), {
      now: NOW,
    });
    expect(noSubjectId.verified).toBe(true); // authentic …
    expect(verifiedBadge(noSubjectId)).toBeUndefined(); // … but not of the shape the type promises
    const basic = vectorJson('real-world/dcc-basic-obv3-eddsa-rdfc-2022.json');
    expect(verifiedBadge(await verifyCredential(basic, { now: NOW }))).toBeDefined();
    expect(verifiedBadge(await verifyCredential(basic, { now: NOW, checkSchema: false }))).toBeUndefined();
  });

  it('a verified CLR comes out as a ClrCredential; one that could not be checked does not', async () => {
    const key = await generateKey();
    const badge = await issueCredential(
      await createOpenBadgeCredential({
        issuer: { id: key.controller, name: 'Example School' },
        achievement: createAchievement({
          id: 'https://school.example/a/1',
          name: 'Welding I',
          description: 'Basic welding.',
          criteria: 'Pass the practical.',
        }),
        recipient: 'did:example:learner',
      }),
      { key },
    );
    const clr = await issueCredential(
      await createClrCredential({
        issuer: { id: key.controller, name: 'Example School' },
        name: 'Transcript',
        learner: 'did:example:learner',
        credentials: [badge],
      }),
      { key },
    );
    const result = await verifyCredential(clr);
    expect(result.verified).toBe(true);
    const typed = verifiedClr(result);
    expectTypeOf(typed).toEqualTypeOf<ClrCredential | undefined>();
    expect([typed?.credentialSubject.verifiableCredential].flat()).toHaveLength(1);
    expect(verifiedBadge(result)).toBeUndefined();

    // The 1EdTech CLR vector without its issuer's key: indeterminate, so nothing typed.
    const vector = vectorJson('spec/clr-v2p0/test-vector-eddsa-rdfc-2022/clrcredential.signed.json');
    const offline = await verifyCredential(vector, { now: NOW });
    expect(offline.verified).toBe(false);
    expect(verifiedClr(offline)).toBeUndefined();
  });
});
