// VC-JWT and VP-JWT key binding ("Verified means authentic"). A JWT names its key with `kid`; the
// key is the issuer's (or the presenting holder's) only when the issuer's OWN document lists it for
// the purpose: for a DID, its DID document (`assertionMethod` for credentials, `authentication` for
// presentations, as Data Integrity requires); for an https issuer, its profile or the JWKS at its
// own origin (OB 3.0 §Dereferencing the Public Key, IMPL §Key provenance). A key document that
// merely names the victim as its `controller` binds nothing: anyone can publish one. Every fetch
// here is a fake mapping URLs to documents; nothing touches the real network.
import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import {
  createSigner,
  didWebDocument,
  generateKey,
  issuerProfileWithKeys,
  type KeyFile,
  publicKeyFile,
} from '../../src/keys/index.js';
import { createPresentation, verifyPresentation } from '../../src/presentation/index.js';
import { jwtClaims } from '../../src/proof/vc-jwt/sign.js';
import {
  type NetworkOptions,
  type VerificationResult,
  type VerifyOptions,
  verifyCredential,
} from '../../src/verify/index.js';
import { explain } from './arbitraries.js';
import { plainBadge } from '../helpers/badge.js';

type Json = Record<string, any>;
type Fetch = NonNullable<NetworkOptions['fetch']>;
const NOW = '2026-01-01T00:00:00Z';
const VC2 = 'https://www.w3.org/ns/credentials/v2';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';

const VICTIM = 'did:web:university.example';
const VICTIM_DID_URL = 'https://university.example/.well-known/did.json';
const ATTACKER_KEY_URL = 'https://attacker.example/keys/1';
const ATTACKER_DID = 'did:web:attacker.example';
const ATTACKER_DID_URL = 'https://attacker.example/.well-known/did.json';
const HTTPS_ISSUER = 'https://university.example/issuer';
const LEARNER = 'did:web:learner.example';
const LEARNER_DID_URL = 'https://learner.example/.well-known/did.json';
const challenge = 'nonce-4711';
const domain = 'verifier.example';

function badge(issuer: string, subject = 'did:example:learner-1'): Json {
  return plainBadge(issuer, {
    id: 'urn:uuid:5a1c3e2d-7b9f-4c1a-8d2e-3f4a5b6c7d8e',
    issuerName: 'University',
    name: 'Doctorate',
    subject,
    achievementId: 'https://university.example/achievements/phd',
    description: 'A doctorate.',
    narrative: 'Wrote a thesis.',
  });
}

const enc = (v: unknown) => base64url.encode(JSON.stringify(v));

/** Signs a compact JWS over any header and payload with the key's real private key. */
async function signCompact(key: KeyFile, header: Json, payload: Json): Promise<string> {
  const signer = await createSigner(key);
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${base64url.encode(await signer.sign({ data: new TextEncoder().encode(input) }))}`;
}

/** A fake fetch serving JSON documents by URL (404 otherwise); records every URL asked for. */
function fakeFetch(routes: Record<string, unknown>): { fetch: Fetch; calls: string[] } {
  const calls: string[] = [];
  const fetch: Fetch = async (url) => {
    calls.push(url);
    if (!Object.hasOwn(routes, url)) return new Response('not found', { status: 404 });
    return new Response(JSON.stringify(routes[url]), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { fetch, calls };
}

const verify = (input: unknown, options: VerifyOptions = {}) =>
  verifyCredential(input, { now: NOW, ...options });

/** A key document the attacker publishes, naming the victim as its controller. */
function keyDocumentClaiming(
  id: string,
  controller: string,
  key: KeyFile,
  type: 'JsonWebKey' | 'Multikey',
): Json {
  const pub = publicKeyFile(key);
  return type === 'JsonWebKey'
    ? {
        id,
        type,
        controller,
        publicKeyJwk: pub.publicKeyJwk,
      }
    : {
        '@context': 'https://w3id.org/security/multikey/v1',
        id,
        type,
        controller,
        publicKeyMultibase: pub.publicKeyMultibase,
      };
}

function failedCheck(result: { checks: VerificationResult['checks'] }, id: string, code: string) {
  return result.checks.find((c) => c.status === 'failed' && c.id === id && c.code === code);
}

/** Not verified, with this verdict and a failed check of this id and code; never ISSUER_BOUND. */
function expectRefused(
  result: VerificationResult,
  verdict: 'invalid' | 'indeterminate',
  id: string,
  code: string,
): void {
  expect(result.verified, explain(result)).toBe(false);
  expect(result.verdict, explain(result)).toBe(verdict);
  expect(failedCheck(result, id, code), `no failed ${id}/${code}: ${explain(result)}`).toBeDefined();
  expect(
    result.checks.some((c) => c.code === 'ISSUER_BOUND'),
    explain(result),
  ).toBe(false);
}

function expectVerified(result: VerificationResult): void {
  expect(result.verdict, explain(result)).toBe('verified');
  expect(result.checks).toContainEqual(
    expect.objectContaining({ id: 'issuer', status: 'passed', code: 'ISSUER_BOUND' }),
  );
}

let victimKey: KeyFile;
let victimDocument: Json;
let attacker: KeyFile;

beforeAll(async () => {
  victimKey = await generateKey({ did: { web: 'university.example' } });
  victimDocument = didWebDocument([victimKey]);
  attacker = await generateKey();
});

describe('VC-JWT: a key document claiming the victim as controller does not bind', () => {
  it.each([
    ['JsonWebKey', 'network'],
    ['Multikey', 'network'],
    ['JsonWebKey', 'documents'],
    ['Multikey', 'documents'],
  ] as const)(
    'kid = an https %s document of the attacker (%s), iss = the victim did:web → invalid ISSUER_KEY_MISMATCH',
    async (type, via) => {
      const attackerDocument = keyDocumentClaiming(ATTACKER_KEY_URL, VICTIM, attacker, type);
      const jwt = await signCompact(
        attacker,
        { alg: 'EdDSA', kid: ATTACKER_KEY_URL, typ: 'JWT' },
        jwtClaims(badge(VICTIM)),
      );
      const routes = { [ATTACKER_KEY_URL]: attackerDocument, [VICTIM_DID_URL]: victimDocument };
      const options: VerifyOptions =
        via === 'network' ? { network: fakeFetch(routes) } : { documents: routes };
      const result = await verify(jwt, options);
      expectRefused(result, 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH');
      expect(failedCheck(result, 'issuer', 'ISSUER_KEY_MISMATCH')!.message).toContain(VICTIM);
    },
  );

  it('kid = a did:web DID URL of the attacker whose method claims the victim as controller → invalid', async () => {
    const kid = `${ATTACKER_DID}#key-1`;
    const attackerDidDocument = {
      '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
      id: ATTACKER_DID,
      verificationMethod: [keyDocumentClaiming(kid, VICTIM, attacker, 'Multikey')],
      assertionMethod: [kid],
    };
    const jwt = await signCompact(attacker, { alg: 'EdDSA', kid, typ: 'JWT' }, jwtClaims(badge(VICTIM)));
    const { fetch } = fakeFetch({
      [ATTACKER_DID_URL]: attackerDidDocument,
      [VICTIM_DID_URL]: victimDocument,
    });
    expectRefused(await verify(jwt, { network: { fetch } }), 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH');
  });

  it('kid = a did:key of the attacker, iss = the victim → invalid', async () => {
    const jwt = await signCompact(
      attacker,
      { alg: 'EdDSA', kid: attacker.id, typ: 'JWT' },
      jwtClaims(badge(VICTIM)),
    );
    const { fetch } = fakeFetch({ [VICTIM_DID_URL]: victimDocument });
    expectRefused(await verify(jwt, { network: { fetch } }), 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH');
  });
});

describe('VC-JWT: kid = a DID URL of the victim that its document does not authorise', () => {
  it('the victim’s document lists a different key: the attacker’s signature under the victim’s kid → invalid', async () => {
    const jwt = await signCompact(
      attacker,
      { alg: 'EdDSA', kid: victimKey.id, typ: 'JWT' },
      jwtClaims(badge(VICTIM)),
    );
    const { fetch } = fakeFetch({ [VICTIM_DID_URL]: victimDocument });
    expectRefused(await verify(jwt, { network: { fetch } }), 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID');
  });

  it('a fragment the victim’s document does not have → invalid PROOF_METHOD_NOT_FOUND', async () => {
    const jwt = await signCompact(
      attacker,
      { alg: 'EdDSA', kid: `${VICTIM}#attacker`, typ: 'JWT' },
      jwtClaims(badge(VICTIM)),
    );
    const { fetch } = fakeFetch({ [VICTIM_DID_URL]: victimDocument });
    expectRefused(await verify(jwt, { network: { fetch } }), 'invalid', 'proof', 'PROOF_METHOD_NOT_FOUND');
  });

  it('a key the victim lists only for authentication (a login key) cannot sign its credentials → invalid', async () => {
    const loginKey = await generateKey({ did: { web: 'university.example' }, id: '#login' });
    const both = didWebDocument([victimKey, loginKey]);
    const document = { ...both, assertionMethod: [victimKey.id], authentication: [loginKey.id] };
    const jwt = await issueCredential(badge(VICTIM), { key: loginKey, format: 'vc-jwt' });
    const { fetch } = fakeFetch({ [VICTIM_DID_URL]: document });
    const result = await verify(jwt, { network: { fetch } });
    expectRefused(result, 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH');
    expect(failedCheck(result, 'issuer', 'ISSUER_KEY_MISMATCH')!.message).toContain('assertionMethod');
    // The same document authorises the victim's assertion key: the honest JWT verifies.
    const honest = await issueCredential(badge(VICTIM), { key: victimKey, format: 'vc-jwt' });
    expectVerified(await verify(honest, { network: { fetch } }));
  });
});

describe('VC-JWT: https issuers', () => {
  let issuerKey: KeyFile;
  let published: ReturnType<typeof issuerProfileWithKeys>;

  beforeAll(async () => {
    issuerKey = await generateKey({ controller: HTTPS_ISSUER });
    published = issuerProfileWithKeys(issuerKey, { id: HTTPS_ISSUER, name: 'University' });
  });

  it.each([
    ['on another origin', ATTACKER_KEY_URL],
    [
      'on the issuer’s own origin but listed nowhere (an uploaded file)',
      'https://university.example/uploads/key.json',
    ],
  ])('kid %s, its document claiming the issuer → invalid ISSUER_KEY_MISMATCH', async (_, kid) => {
    const jwt = await signCompact(
      attacker,
      { alg: 'EdDSA', kid, typ: 'JWT' },
      jwtClaims(badge(HTTPS_ISSUER)),
    );
    const { fetch } = fakeFetch({
      [kid]: keyDocumentClaiming(kid, HTTPS_ISSUER, attacker, 'JsonWebKey'),
      [HTTPS_ISSUER]: published.profile,
      [published.jwksUrl]: published.jwks,
    });
    const result = await verify(jwt, { network: { fetch } });
    expectRefused(result, 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH');
    expect(failedCheck(result, 'issuer', 'ISSUER_KEY_MISMATCH')!.message).toContain(HTTPS_ISSUER);
  });

  it('the issuer’s profile cannot be fetched → indeterminate (could not check), never verified', async () => {
    const jwt = await signCompact(
      attacker,
      { alg: 'EdDSA', kid: ATTACKER_KEY_URL, typ: 'JWT' },
      jwtClaims(badge(HTTPS_ISSUER)),
    );
    // Only the attacker's document answers; the issuer's profile is unreachable.
    const { fetch } = fakeFetch({
      [ATTACKER_KEY_URL]: keyDocumentClaiming(ATTACKER_KEY_URL, HTTPS_ISSUER, attacker, 'JsonWebKey'),
    });
    expectRefused(await verify(jwt, { network: { fetch } }), 'indeterminate', 'issuer', 'ISSUER_KEY_UNBOUND');
    // The attacker's document supplied, the network off: the same.
    expectRefused(
      await verify(jwt, {
        documents: {
          [ATTACKER_KEY_URL]: keyDocumentClaiming(ATTACKER_KEY_URL, HTTPS_ISSUER, attacker, 'JsonWebKey'),
        },
      }),
      'indeterminate',
      'issuer',
      'ISSUER_KEY_UNBOUND',
    );
  });

  it('honest: the profile lists the key (supplied or fetched) → verified', async () => {
    const jwt = await issueCredential(badge(HTTPS_ISSUER), { key: issuerKey, format: 'vc-jwt' });
    expectVerified(await verify(jwt, { documents: { [HTTPS_ISSUER]: published.profile } }));
    const { fetch, calls } = fakeFetch({ [HTTPS_ISSUER]: published.profile });
    expectVerified(await verify(jwt, { network: { fetch } }));
    expect(calls).toEqual([HTTPS_ISSUER]);
  });

  it('honest: a kid the JWKS at the issuer’s origin lists (the profile carries no keys) → verified', async () => {
    const kid = 'https://university.example/keys/2026';
    const key = await generateKey({ controller: HTTPS_ISSUER, id: kid });
    const { jwks, jwksUrl } = issuerProfileWithKeys(
      await generateKey({ controller: HTTPS_ISSUER, id: `${HTTPS_ISSUER}#unused` }),
      { id: HTTPS_ISSUER },
    );
    const jwt = await signCompact(key, { alg: 'EdDSA', kid, typ: 'JWT' }, jwtClaims(badge(HTTPS_ISSUER)));
    const plainProfile = { '@context': [VC2, OB], id: HTTPS_ISSUER, type: ['Profile'], name: 'University' };
    const publishing = { keys: [...jwks.keys, publicKeyFile(key).publicKeyJwk] };
    const { fetch } = fakeFetch({ [HTTPS_ISSUER]: plainProfile, [jwksUrl]: publishing });
    expectVerified(await verify(jwt, { network: { fetch } }));
    // The same JWKS without that key, both documents read: invalid.
    const { fetch: without } = fakeFetch({ [HTTPS_ISSUER]: plainProfile, [jwksUrl]: jwks });
    expectRefused(
      await verify(jwt, { network: { fetch: without } }),
      'invalid',
      'issuer',
      'ISSUER_KEY_MISMATCH',
    );
  });
});

describe('VC-JWT: a JWKS entry that names another issuer', () => {
  it('a key at the issuer’s origin whose JWKS entry says iss = someone else does not bind → not verified', async () => {
    const kid = 'https://university.example/keys/shared';
    const key = await generateKey({ controller: HTTPS_ISSUER, id: kid });
    const jwt = await signCompact(key, { alg: 'EdDSA', kid, typ: 'JWT' }, jwtClaims(badge(HTTPS_ISSUER)));
    const plainProfile = { '@context': [VC2, OB], id: HTTPS_ISSUER, type: ['Profile'], name: 'University' };
    const jwksUrl = 'https://university.example/.well-known/jwks.json';
    const entry = { ...publicKeyFile(key).publicKeyJwk, kid };
    // The university's JWKS also serves a department that signs for itself.
    const foreign = { keys: [{ ...entry, iss: 'https://university.example/department' }] };
    const { fetch } = fakeFetch({ [HTTPS_ISSUER]: plainProfile, [jwksUrl]: foreign });
    const refused = await verify(jwt, { network: { fetch } });
    expect(refused.verified, explain(refused)).toBe(false);
    expect(refused.checks.some((c) => c.code === 'ISSUER_BOUND')).toBe(false);
    // The same entry naming this issuer (or no one) binds: the harness is sound.
    for (const keys of [[{ ...entry, iss: HTTPS_ISSUER }], [entry]]) {
      const { fetch: own } = fakeFetch({ [HTTPS_ISSUER]: plainProfile, [jwksUrl]: { keys } });
      expectVerified(await verify(jwt, { network: { fetch: own } }));
    }
  });
});

describe('VC-JWT: honest issuers still verify', () => {
  it('did:key, nothing supplied', async () => {
    const key = await generateKey();
    expectVerified(await verify(await issueCredential(badge(key.controller), { key, format: 'vc-jwt' })));
  });

  it('did:web whose DID document lists the key, supplied or fetched', async () => {
    const jwt = await issueCredential(badge(VICTIM), { key: victimKey, format: 'vc-jwt' });
    expectVerified(await verify(jwt, { documents: { [VICTIM]: victimDocument } }));
    const { fetch } = fakeFetch({ [VICTIM_DID_URL]: victimDocument });
    expectVerified(await verify(jwt, { network: { fetch } }));
  });

  it('did:web whose DID document cannot be had → indeterminate, never verified', async () => {
    const jwt = await issueCredential(badge(VICTIM), { key: victimKey, format: 'vc-jwt' });
    const result = await verify(jwt, { network: fakeFetch({}) });
    expect(result.verdict, explain(result)).toBe('indeterminate');
  });
});

describe('VP-JWT: the holder key must be listed by the holder’s own document', () => {
  let learnerKey: KeyFile;
  let learnerDocument: Json;
  let stolenBadge: Json;

  beforeAll(async () => {
    learnerKey = await generateKey({ did: { web: 'learner.example' } });
    learnerDocument = didWebDocument([learnerKey]);
    const school = await generateKey();
    stolenBadge = await issueCredential(badge(school.controller, LEARNER), { key: school });
  });

  function presentationClaims(holder: string): Json {
    const iat = Math.floor(Date.now() / 1000);
    return {
      iss: holder,
      aud: domain,
      nonce: challenge,
      jti: 'urn:uuid:9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
      iat,
      nbf: iat,
      vp: {
        '@context': [VC2],
        type: ['VerifiablePresentation'],
        holder,
        verifiableCredential: [stolenBadge],
      },
    };
  }

  it.each(['JsonWebKey', 'Multikey'] as const)(
    'holder = the victim, kid = an attacker %s document claiming the victim → invalid HOLDER_KEY_MISMATCH',
    async (type) => {
      const vp = await signCompact(
        attacker,
        { alg: 'EdDSA', kid: ATTACKER_KEY_URL, typ: 'JWT' },
        presentationClaims(LEARNER),
      );
      const { fetch } = fakeFetch({
        [ATTACKER_KEY_URL]: keyDocumentClaiming(ATTACKER_KEY_URL, LEARNER, attacker, type),
        [LEARNER_DID_URL]: learnerDocument,
      });
      const result = await verifyPresentation(vp, { challenge, domain, network: { fetch } });
      expect(result.verified, JSON.stringify(result.checks)).toBe(false);
      expect(result.verdict).toBe('invalid');
      expect(
        failedCheck(result, 'holder', 'HOLDER_KEY_MISMATCH'),
        JSON.stringify(result.checks),
      ).toBeDefined();
      expect(result.checks.some((c) => c.code === 'HOLDER_BOUND' || c.code === 'ISSUER_BOUND')).toBe(false);
    },
  );

  it('a key the holder lists only for assertionMethod cannot authenticate a presentation → invalid', async () => {
    const document = { ...learnerDocument, authentication: [] };
    const vp = await createPresentation([stolenBadge], {
      key: learnerKey,
      challenge,
      domain,
      format: 'vp-jwt',
    });
    const { fetch } = fakeFetch({ [LEARNER_DID_URL]: document });
    const result = await verifyPresentation(vp, { challenge, domain, network: { fetch } });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('invalid');
    expect(failedCheck(result, 'holder', 'HOLDER_KEY_MISMATCH')!.message).toContain('authentication');
  });

  it('honest: the holder’s DID document lists the key → verified', async () => {
    const vp = await createPresentation([stolenBadge], {
      key: learnerKey,
      challenge,
      domain,
      format: 'vp-jwt',
    });
    const { fetch } = fakeFetch({ [LEARNER_DID_URL]: learnerDocument });
    const result = await verifyPresentation(vp, { challenge, domain, network: { fetch } });
    expect(result.verdict, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(
      'verified',
    );
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'holder', status: 'passed', code: 'HOLDER_BOUND' }),
    );
  });
});
