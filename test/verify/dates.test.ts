// Validity dates: VCDM 2.0 validFrom/validUntil, VCDM 1.1 issuanceDate/expirationDate, JWT
// nbf/exp, an injectable clock and its tolerance.
import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { createSigner, generateKey, type KeyFile } from '../../src/keys/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { expectFailure, expectVerified } from './helpers.js';

type Json = Record<string, any>;
const created = '2020-01-01T00:00:00Z';

function badge(issuer: string, dates: Json, model: 1 | 2 = 2): Json {
  return {
    '@context':
      model === 2
        ? [
            'https://www.w3.org/ns/credentials/v2',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
          ]
        : [
            'https://www.w3.org/2018/credentials/v1',
            'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
            'https://w3id.org/security/data-integrity/v2',
          ],
    id: 'urn:uuid:7f9c2a51-5d7e-4c59-9a53-3d4c1c2b0a11',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Dates University' },
    name: 'Punctuality',
    ...dates,
    credentialSubject: {
      id: 'did:example:learner-2',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/punctuality',
        type: ['Achievement'],
        name: 'Punctuality',
        description: 'Always on time.',
        criteria: { narrative: 'Never late.' },
      },
    },
  };
}

let key: KeyFile;
beforeAll(async () => {
  key = await generateKey();
});

const sign = (credential: Json) => issueCredential(credential, { key, created, validate: false });

describe('VCDM 2.0 validFrom / validUntil', () => {
  let signed: Json;
  beforeAll(async () => {
    signed = await sign(
      badge(key.controller, { validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }),
    );
  });

  it('inside the window → verified, the check says until when', async () => {
    const result = await verifyCredential(signed, { now: '2024-06-01T00:00:00Z' });
    expectVerified(result);
    expect(result.checks.find((c) => c.id === 'validity')?.message).toContain('2025-01-01');
  });

  it('before validFrom → not-yet-valid; after validUntil → expired', async () => {
    expectFailure(
      await verifyCredential(signed, { now: '2023-12-31T00:00:00Z' }),
      'not-yet-valid',
      'validity',
      'NOT_YET_VALID',
      '/validFrom',
    );
    expectFailure(
      await verifyCredential(signed, { now: '2025-01-02T00:00:00Z' }),
      'expired',
      'validity',
      'EXPIRED',
      '/validUntil',
    );
  });

  it('now accepts a Date or an ISO string', async () => {
    expectVerified(await verifyCredential(signed, { now: new Date('2024-06-01T00:00:00Z') }));
  });

  it('without now, the real clock is used', async () => {
    // validUntil 2025 is in the past for any machine running this after 2025.
    expect((await verifyCredential(signed)).verdict).toBe('expired');
  });

  it('a time zone offset in validFrom is honoured', async () => {
    const offset = await sign(badge(key.controller, { validFrom: '2024-01-01T00:00:00-08:00' }));
    // 2024-01-01T00:00-08:00 is 08:00Z.
    expectFailure(
      await verifyCredential(offset, { now: '2024-01-01T07:00:00Z' }),
      'not-yet-valid',
      'validity',
      'NOT_YET_VALID',
    );
    expectVerified(await verifyCredential(offset, { now: '2024-01-01T08:00:30Z' }));
  });

  it('an expired credential that is also revoked-or-worse keeps the worst verdict (invalid beats expired)', async () => {
    const tampered = { ...signed, name: 'Changed' };
    const result = await verifyCredential(tampered, { now: '2030-01-01T00:00:00Z' });
    expect(result.verdict).toBe('invalid');
    expect(result.checks).toContainEqual(expect.objectContaining({ code: 'EXPIRED', verdict: 'expired' }));
  });

  it('an unparseable or missing validFrom → invalid', async () => {
    // @digitalbazaar/vc refuses to sign a bad date; a JWT carries whatever its issuer wrote.
    const payload = {
      ...badge(key.controller, { validFrom: 'next tuesday' }),
      iss: key.controller,
      jti: 'urn:uuid:7f9c2a51-5d7e-4c59-9a53-3d4c1c2b0a11',
      nbf: 1704067200,
      sub: 'did:example:learner-2',
    };
    const bad = await signJwtByHand(payload);
    expectFailure(
      await verifyCredential(bad, { now: '2024-06-01T00:00:00Z' }),
      'invalid',
      'validity',
      'DATE_INVALID',
      '/validFrom',
    );
    const none = await sign(badge(key.controller, {}));
    expectFailure(
      await verifyCredential(none, { now: '2024-06-01T00:00:00Z' }),
      'invalid',
      'validity',
      'VALID_FROM_MISSING',
    );
  });
});

describe('VCDM 1.1 issuanceDate / expirationDate', () => {
  let signed: Json;
  beforeAll(async () => {
    signed = await sign(
      badge(
        key.controller,
        { issuanceDate: '2024-01-01T00:00:00Z', expirationDate: '2025-01-01T00:00:00Z' },
        1,
      ),
    );
  });

  it('is accepted as an older credential: verified with a VCDM 1.1 warning, schema checked as VCDM 2.0', async () => {
    const result = await verifyCredential(signed, { now: '2024-06-01T00:00:00Z' });
    expectVerified(result, ['VCDM_1_1']);
    expect(result.checks).toContainEqual(expect.objectContaining({ id: 'schema', status: 'passed' }));
  });

  it('issuanceDate in the future → not-yet-valid; expirationDate passed → expired', async () => {
    expectFailure(
      await verifyCredential(signed, { now: '2023-06-01T00:00:00Z' }),
      'not-yet-valid',
      'validity',
      'NOT_YET_VALID',
      '/issuanceDate',
    );
    expectFailure(
      await verifyCredential(signed, { now: '2026-01-01T00:00:00Z' }),
      'expired',
      'validity',
      'EXPIRED',
      '/expirationDate',
    );
  });

  it('the dates are signed: moving expirationDate breaks the proof', async () => {
    const extended = { ...signed, expirationDate: '2099-01-01T00:00:00Z' };
    expectFailure(
      await verifyCredential(extended, { now: '2026-01-01T00:00:00Z' }),
      'invalid',
      'proof',
      'PROOF_SIGNATURE_INVALID',
    );
  });

  it('validFrom wins over issuanceDate when a credential carries both', async () => {
    const both = await sign(
      badge(key.controller, { issuanceDate: '2020-01-01T00:00:00Z', validFrom: '2024-01-01T00:00:00Z' }, 1),
    );
    expectFailure(
      await verifyCredential(both, { now: '2023-01-01T00:00:00Z' }),
      'not-yet-valid',
      'validity',
      'NOT_YET_VALID',
      '/validFrom',
    );
  });
});

describe('clock tolerance', () => {
  const now = '2024-06-01T12:00:00Z';
  const at = (seconds: number) => new Date(Date.parse(now) + seconds * 1000).toISOString();

  it('validFrom 30 s ahead of the clock is tolerated by default (60 s); 120 s is not', async () => {
    expectVerified(await verifyCredential(await sign(badge(key.controller, { validFrom: at(30) })), { now }));
    expectFailure(
      await verifyCredential(await sign(badge(key.controller, { validFrom: at(120) })), { now }),
      'not-yet-valid',
      'validity',
      'NOT_YET_VALID',
    );
  });

  it('validUntil 30 s behind the clock is tolerated by default; 120 s is not', async () => {
    const base = { validFrom: '2024-01-01T00:00:00Z' };
    expectVerified(
      await verifyCredential(await sign(badge(key.controller, { ...base, validUntil: at(-30) })), { now }),
    );
    expectFailure(
      await verifyCredential(await sign(badge(key.controller, { ...base, validUntil: at(-120) })), { now }),
      'expired',
      'validity',
      'EXPIRED',
    );
  });

  it('clockTolerance is configurable: 0 is strict, 300 s is lenient', async () => {
    const early = await sign(badge(key.controller, { validFrom: at(30) }));
    expectFailure(
      await verifyCredential(early, { now, clockTolerance: 0 }),
      'not-yet-valid',
      'validity',
      'NOT_YET_VALID',
    );
    const later = await sign(badge(key.controller, { validFrom: at(120) }));
    expectVerified(await verifyCredential(later, { now, clockTolerance: 300 }));
  });

  it('the tolerance applies to proof.created too', async () => {
    const credential = badge(key.controller, { validFrom: '2024-01-01T00:00:00Z' });
    const soon = await issueCredential(credential, { key, created: at(30), validate: false });
    expectVerified(await verifyCredential(soon, { now }));
    expectFailure(
      await verifyCredential(soon, { now, clockTolerance: 0 }),
      'invalid',
      'proof',
      'PROOF_CREATED_IN_FUTURE',
    );
  });
});

async function signJwtByHand(payload: Json): Promise<string> {
  const signer = await createSigner(key);
  const input = `${base64url.encode(JSON.stringify({ alg: 'EdDSA', kid: key.id, typ: 'JWT' }))}.${base64url.encode(JSON.stringify(payload))}`;
  return `${input}.${base64url.encode(await signer.sign({ data: new TextEncoder().encode(input) }))}`;
}

describe('VC-JWT dates', () => {
  const jwt = signJwtByHand;

  it('nbf/exp from validFrom/validUntil: expired after exp', async () => {
    const token = await issueCredential(
      badge(key.controller, { validFrom: '2024-01-01T00:00:00Z', validUntil: '2025-01-01T00:00:00Z' }),
      {
        key,
        format: 'vc-jwt',
      },
    );
    expectVerified(await verifyCredential(token, { now: '2024-06-01T00:00:00Z' }));
    expectFailure(
      await verifyCredential(token, { now: '2025-06-01T00:00:00Z' }),
      'expired',
      'validity',
      'EXPIRED',
    );
  });

  it('a VCDM 1.1 `vc`-claim JWT: nbf/exp become issuanceDate/expirationDate', async () => {
    const credential = badge(key.controller, {}, 1);
    credential['@context'] = credential['@context'].slice(0, 2);
    const { id, issuer, ...vc } = credential;
    const token = await jwt({
      vc,
      iss: issuer.id,
      jti: id,
      sub: vc.credentialSubject.id,
      nbf: Date.parse('2024-01-01T00:00:00Z') / 1000,
      exp: Date.parse('2025-01-01T00:00:00Z') / 1000,
    });
    const result = await verifyCredential(token, { now: '2024-06-01T00:00:00Z' });
    expectVerified(result, ['VCDM_1_1']);
    expect(result.credential).toMatchObject({
      issuanceDate: '2024-01-01T00:00:00Z',
      expirationDate: '2025-01-01T00:00:00Z',
      id,
    });
    expectFailure(
      await verifyCredential(token, { now: '2025-06-01T00:00:00Z' }),
      'expired',
      'validity',
      'EXPIRED',
    );
    expectFailure(
      await verifyCredential(token, { now: '2023-06-01T00:00:00Z' }),
      'not-yet-valid',
      'validity',
      'NOT_YET_VALID',
    );
  });
});
