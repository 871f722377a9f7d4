// Every kind of tampering of credentials credstack issued itself gives `invalid` (or, for a key
// the issuer does not publish, `indeterminate`), with the check that caught it.
import { base64url, CompactSign } from 'jose';
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
import { jwtClaims } from '../../src/proof/index.js';
import { type VerifyOptions, verifyCredential } from '../../src/verify/index.js';
import { codes, expectConformanceWarning, expectFailure, expectVerified } from './helpers.js';
import { plainBadge } from '../helpers/badge.js';

const NOW = '2026-01-01T00:00:00Z';
// Proofs are dated explicitly: the machine clock may be anywhere relative to NOW.
const created = '2025-06-01T00:00:00Z';
type Json = Record<string, any>;

function badge(issuer: string): Json {
  return plainBadge(issuer, {
    id: 'urn:uuid:5a1c7c56-1f33-4a4e-9d8e-2b0d2c3f4e01',
    issuerName: 'Tamper Test University',
    name: 'Teamwork',
    subject: 'did:example:learner-1',
    validUntil: '2030-01-01T00:00:00Z',
    description: 'Works well in a team.',
    narrative: 'Nominated by peers.',
    achievement: {
      resultDescription: [
        {
          id: 'urn:uuid:9d3b7d1e-0000-4000-8000-000000000001',
          type: ['ResultDescription'],
          name: 'Score',
          resultType: 'ScaledScore',
        },
      ],
    },
    credentialSubject: {
      result: [
        { type: ['Result'], resultDescription: 'urn:uuid:9d3b7d1e-0000-4000-8000-000000000001', value: '90' },
      ],
    },
  });
}

const clone = <T>(value: T): T => structuredClone(value);
const verify = (input: unknown, options: VerifyOptions = {}) =>
  verifyCredential(input, { now: NOW, ...options });

/** Signs a compact JWS with any header and payload, with the key's real private key. */
async function signCompact(key: KeyFile, header: Json, payload: Json): Promise<string> {
  const signer = await createSigner(key);
  const input = `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(payload))}`;
  return `${input}.${base64url.encode(await signer.sign({ data: new TextEncoder().encode(input) }))}`;
}

function decode(jwt: string): { header: Json; payload: Json; signature: string } {
  const [h, p, s] = jwt.split('.') as [string, string, string];
  const json = (part: string) => JSON.parse(new TextDecoder().decode(base64url.decode(part)));
  return { header: json(h), payload: json(p), signature: s };
}

const encode = (value: Json) => base64url.encode(JSON.stringify(value));

let ed25519: KeyFile;
let p256: KeyFile;
let other: KeyFile;

beforeAll(async () => {
  [ed25519, p256, other] = await Promise.all([
    generateKey(),
    generateKey({ algorithm: 'P-256' }),
    generateKey(),
  ]);
});

// The same tampering for both Data Integrity cryptosuites.
describe.each([
  ['eddsa-rdfc-2022', () => ed25519],
  ['ecdsa-rdfc-2019', () => p256],
] as const)('Data Integrity %s', (cryptosuite, keyOf) => {
  let signed: Json;
  let key: KeyFile;

  beforeAll(async () => {
    key = keyOf();
    signed = await issueCredential(badge(key.controller), {
      key,
      format: cryptosuite,
      created: '2025-01-01T00:00:00Z',
    });
  });

  it('verifies as issued (did:key, offline)', async () => {
    const result = await verify(signed);
    expectVerified(result);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'issuer', status: 'passed', code: 'ISSUER_BOUND' }),
    );
    expect(signed.proof.cryptosuite).toBe(cryptosuite);
  });

  const contentChanges: Array<[string, (c: Json) => void]> = [
    [
      'name',
      (c) => {
        c.name = 'Leadership';
      },
    ],
    [
      'achievement name',
      (c) => {
        c.credentialSubject.achievement.name = 'Leadership';
      },
    ],
    [
      'achievement id',
      (c) => {
        c.credentialSubject.achievement.id = 'https://example.edu/achievements/leadership';
      },
    ],
    [
      'subject id',
      (c) => {
        c.credentialSubject.id = 'did:example:someone-else';
      },
    ],
    [
      'result value',
      (c) => {
        c.credentialSubject.result[0].value = '100';
      },
    ],
    [
      'issuer id',
      (c) => {
        c.issuer.id = other.controller;
      },
    ],
    [
      'issuer name',
      (c) => {
        c.issuer.name = 'Another University';
      },
    ],
    [
      'validFrom',
      (c) => {
        c.validFrom = '2024-01-01T00:00:00Z';
      },
    ],
    [
      'validUntil (extended)',
      (c) => {
        c.validUntil = '2099-01-01T00:00:00Z';
      },
    ],
    [
      'validUntil (removed)',
      (c) => {
        delete c.validUntil;
      },
    ],
    [
      'credential id',
      (c) => {
        c.id = 'urn:uuid:00000000-0000-4000-8000-000000000000';
      },
    ],
    [
      'proofValue',
      (c) => {
        c.proof.proofValue = `${c.proof.proofValue.slice(0, -4)}${c.proof.proofValue.endsWith('aaaa') ? 'bbbb' : 'aaaa'}`;
      },
    ],
    [
      'proof.created (past)',
      (c) => {
        c.proof.created = '2020-01-01T00:00:00Z';
      },
    ],
    [
      'cryptosuite renamed to the other accepted name of the same algorithm',
      (c) => {
        c.proof.cryptosuite = cryptosuite === 'eddsa-rdfc-2022' ? 'eddsa-2022' : 'eddsa-rdfc-2022';
      },
    ],
  ];
  it.each(contentChanges)('%s changed → invalid (signature)', async (_, change) => {
    const tampered = clone(signed);
    change(tampered);
    const result = await verify(tampered);
    expect(result.verdict).toBe('invalid');
    expect(result.checks.some((c) => c.status === 'failed' && c.id === 'proof')).toBe(true);
  });

  it('a credentialStatus entry added → invalid (signature), whatever the status says', async () => {
    const tampered = clone(signed);
    tampered.credentialStatus = { id: 'https://example.edu/revocations', type: '1EdTechRevocationList' };
    const list = { id: 'https://example.edu/revocations', issuer: key.controller, revokedCredentials: [] };
    const result = await verify(tampered, { documents: { 'https://example.edu/revocations': list } });
    expectFailure(result, 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID');
    // A BitstringStatusListEntry (a term of the VC 2.0 context): only the signature can catch it.
    const bitstring = clone(signed);
    bitstring.credentialStatus = {
      id: 'https://example.edu/status/1#5',
      type: 'BitstringStatusListEntry',
      statusPurpose: 'revocation',
      statusListIndex: '5',
      statusListCredential: 'https://example.edu/status/1',
    };
    const second = await verify(bitstring);
    expectFailure(second, 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID');
    expect(second.checks.find((c) => c.id === 'jsonld')?.status).toBe('passed');
  });

  it.each([
    [
      'at the top level',
      (c: Json) => {
        c.foo = 'bar';
      },
    ],
    [
      'inside the achievement',
      (c: Json) => {
        c.credentialSubject.achievement.foo = 'bar';
      },
    ],
    [
      'inside the proof',
      (c: Json) => {
        c.proof.foo = 'bar';
      },
    ],
  ])('an undefined property %s → invalid (JSON-LD safe mode)', async (_, change) => {
    const tampered = clone(signed);
    change(tampered);
    const result = await verify(tampered);
    const check = expectFailure(result, 'invalid', 'jsonld', 'JSONLD_UNDEFINED_TERM');
    expect(check.message).toContain('foo');
  });

  it('the proof removed → invalid: no proof', async () => {
    const { proof: _proof, ...bare } = clone(signed);
    const result = await verify(bare);
    expect(result.format).toBe('unsecured');
    expectFailure(result, 'invalid', 'proof', 'PROOF_MISSING');
  });

  it('an empty proof array → invalid: no proof', async () => {
    expectFailure(await verify({ ...clone(signed), proof: [] }), 'invalid', 'proof', 'PROOF_MISSING');
  });

  // A suite credstack does not verify cannot be told from a forgery or from a genuine proof of a
  // suite it lacks: never verified, "could not be checked" (issue 20), and `invalid` under strict
  // (the 1EdTech validator refuses a proof outside its suites).
  it('cryptosuite renamed to an unknown one → indeterminate: suite not checked; invalid under strict', async () => {
    const tampered = clone(signed);
    tampered.proof.cryptosuite = 'rot13-2024';
    expectFailure(await verify(tampered), 'indeterminate', 'proof', 'PROOF_SUITE_UNSUPPORTED', '/proof');
    expectFailure(await verify(tampered, { strict: true }), 'invalid', 'proof', 'PROOF_FORMAT_NONCONFORMANT');
  });

  it('a proof type renamed → invalid: its terms become undefined; to a supported suite of another shape → invalid', async () => {
    const tampered = clone(signed);
    tampered.proof.type = 'Ed25519Signature2017';
    // The proof's terms (created, proofPurpose…) are scoped to its type: under an unknown type they
    // are undefined, unsigned content, which is a failure and not "could not be checked".
    const renamed = await verify(tampered);
    expectFailure(renamed, 'invalid', 'jsonld', 'JSONLD_UNDEFINED_TERM');
    expect(codes(renamed, 'failed')).toContain('PROOF_SUITE_UNSUPPORTED');
    // Ed25519Signature2018 is verified: a proofValue where its detached JWS belongs is malformed.
    tampered.proof.type = 'Ed25519Signature2018';
    expectFailure(await verify(tampered), 'invalid', 'proof', 'PROOF_MALFORMED');
  });

  it('proof.created moved into the future → invalid', async () => {
    const tampered = clone(signed);
    tampered.proof.created = '2027-01-01T00:00:00Z';
    expectFailure(await verify(tampered), 'invalid', 'proof', 'PROOF_CREATED_IN_FUTURE', '/proof/created');
  });

  it('a proof genuinely created in the future → invalid; fine once that time has come', async () => {
    const future = await issueCredential(badge(key.controller), {
      key,
      format: cryptosuite,
      created: '2027-06-01T00:00:00Z',
    });
    expectFailure(await verify(future), 'invalid', 'proof', 'PROOF_CREATED_IN_FUTURE');
    expectVerified(await verify(future, { now: '2027-06-02T00:00:00Z' }));
  });

  it('proofPurpose changed → invalid', async () => {
    const tampered = clone(signed);
    tampered.proof.proofPurpose = 'authentication';
    expectFailure(await verify(tampered), 'invalid', 'proof', 'PROOF_PURPOSE', '/proof/proofPurpose');
  });

  it('verificationMethod swapped to a key of another issuer → invalid', async () => {
    const tampered = clone(signed);
    tampered.proof.verificationMethod = other.id;
    expectFailure(await verify(tampered), 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID');
  });

  it('verificationMethod given as an object instead of a string → still checked against the signature', async () => {
    const tampered = clone(signed);
    tampered.proof.verificationMethod = { id: other.id };
    const result = await verify(tampered);
    expect(result.verdict).toBe('invalid');
  });

  it('an unknown @context appended → indeterminate (never fetched; supply it); supplied, the signature says invalid', async () => {
    const tampered = clone(signed);
    const url = 'https://evil.example/context.json';
    tampered['@context'].push(url);
    expectFailure(await verify(tampered), 'indeterminate', 'context', 'CONTEXT_UNKNOWN', '/@context/2');
    // Once the context is at hand, what it lets an attacker add is provably unsigned.
    const documents = { [url]: { '@context': { extra: 'https://evil.example/vocab#extra' } } };
    tampered.credentialSubject.extra = 'added';
    expectFailure(await verify(tampered, { documents }), 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID');
  });

  it('an inline @context object with @vocab → invalid', async () => {
    const tampered = clone(signed);
    tampered['@context'].push({ '@vocab': 'https://evil.example/vocab#' });
    tampered.foo = 'bar';
    expectFailure(await verify(tampered), 'invalid', 'context', 'CONTEXT_INLINE', '/@context/2');
  });

  it('the OB context replaced by an older one → invalid (signature: the terms resolve differently)', async () => {
    const tampered = clone(signed);
    tampered['@context'][1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
    expect((await verify(tampered)).verdict).toBe('invalid');
  });
});

describe('issuer binding (Data Integrity)', () => {
  it('a credential naming issuer A, signed by B with a valid proof → invalid: ISSUER_KEY_MISMATCH', async () => {
    const a = await generateKey();
    const b = await generateKey();
    // B claims to be A: issueCredential is told the controller is A so it does not refuse.
    const forged = await issueCredential(badge(a.controller), { key: b, controller: a.controller, created });
    const result = await verify(forged);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'proof', status: 'passed', code: 'PROOF_VALID' }),
    );
    expectFailure(result, 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH', '/issuer');
  });

  it('an https issuer whose profile does not list the key as assertionMethod → invalid: not authorized', async () => {
    const key = await generateKey({ controller: 'https://issuer.example/profile' });
    const signed = await issueCredential(badge(key.controller), { key, created });
    const { profile, documents } = issuerProfileWithKeys(key, { id: key.controller, name: 'Issuer' });
    expectVerified(await verify(signed, { documents }));
    const unlisted = { ...profile, assertionMethod: [] };
    const result = await verify(signed, { documents: { [key.controller]: unlisted } });
    expectFailure(result, 'invalid', 'proof', 'PROOF_KEY_NOT_AUTHORIZED');
  });

  // The https profile above is framed by jsonld-signatures, whose refusal is coded where its error
  // is caught; a DID document is read by credstack's own verification, which codes it itself.
  it('a did:web issuer whose DID document lists the key but not as assertionMethod → invalid: not authorized', async () => {
    const key = await generateKey({ did: { web: 'unlisted.example' }, id: '#key-1' });
    const signed = await issueCredential(badge(key.controller), { key, created });
    const listed = didWebDocument([key]);
    expectVerified(await verify(signed, { documents: { [key.controller]: listed } }));
    const unlisted = { ...listed, assertionMethod: [] };
    const result = await verify(signed, { documents: { [key.controller]: unlisted } });
    expectFailure(result, 'invalid', 'proof', 'PROOF_KEY_NOT_AUTHORIZED');
  });
});

describe('proof sets', () => {
  let first: KeyFile;
  let second: KeyFile;
  let twice: Json;
  let didDocument: Json;

  beforeAll(async () => {
    first = await generateKey({ did: { web: 'two-keys.example' }, id: '#key-1' });
    second = await generateKey({ algorithm: 'P-256', did: { web: 'two-keys.example' }, id: '#key-2' });
    didDocument = didWebDocument([first, second]);
    const once = await issueCredential(badge(first.controller), { key: first, created });
    twice = await issueCredential(once, { key: second, created });
  });

  it('two valid proofs by two keys of the same did:web issuer → verified, both checked', async () => {
    expect(twice.proof).toHaveLength(2);
    const result = await verify(twice, { documents: { [first.controller]: didDocument } });
    expectVerified(result);
    expect(result.checks.filter((c) => c.id === 'proof' && c.status === 'passed').map((c) => c.path)).toEqual(
      ['/proof/0', '/proof/1'],
    );
  });

  it.each([0, 1])('proof %i of the two broken → invalid', async (i) => {
    const tampered = clone(twice);
    tampered.proof[i].proofValue =
      `${tampered.proof[i].proofValue.slice(0, -3)}${tampered.proof[i].proofValue.endsWith('xyz') ? 'abc' : 'xyz'}`;
    const result = await verify(tampered, { documents: { [first.controller]: didDocument } });
    expectFailure(result, 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID', `/proof/${i}`);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ status: 'passed', code: 'PROOF_VALID', path: `/proof/${1 - i}` }),
    );
  });

  it('one of the two proofs by a key of another issuer → invalid', async () => {
    const intruder = await generateKey();
    const once = await issueCredential(badge(first.controller), { key: first, created });
    const mixed = await issueCredential(once, { key: intruder, controller: first.controller, created });
    const result = await verify(mixed, { documents: { [first.controller]: didDocument } });
    expectFailure(result, 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH');
  });

  it('a proof dropped from the set still verifies (each proof stands alone), a duplicated one too', async () => {
    const options = { documents: { [first.controller]: didDocument } };
    expectVerified(await verify({ ...clone(twice), proof: [twice.proof[1]] }, options));
    expectVerified(await verify({ ...clone(twice), proof: [twice.proof[0], twice.proof[0]] }, options));
  });

  it('more proofs than the limit → invalid', async () => {
    const many = { ...clone(twice), proof: Array.from({ length: 9 }, () => twice.proof[0]) };
    expectFailure(
      await verify(many, { documents: { [first.controller]: didDocument } }),
      'invalid',
      'proof',
      'PROOF_TOO_MANY',
    );
  });
});

describe('VC-JWT', () => {
  let rsa: KeyFile;
  let rsaDid: Json;
  let rsaJwt: string;
  let es256Jwt: string;
  let rsaOptions: VerifyOptions;

  beforeAll(async () => {
    rsa = await generateKey({ algorithm: 'RSA', did: { web: 'rsa-issuer.example' } });
    rsaDid = didWebDocument([rsa]);
    rsaOptions = { documents: { [rsa.controller]: rsaDid } };
    rsaJwt = await issueCredential(badge(rsa.controller), { key: rsa, format: 'vc-jwt' });
    es256Jwt = await issueCredential(badge(p256.controller), { key: p256, format: 'vc-jwt' });
  });

  it('RS256 with a did:web issuer (DID document supplied) verifies', async () => {
    const result = await verify(rsaJwt, rsaOptions);
    expectVerified(result);
    expect(result.format).toBe('vc-jwt');
    expect(decode(rsaJwt).header).toMatchObject({ alg: 'RS256', kid: rsa.id });
    expect(result.checks).toContainEqual(expect.objectContaining({ id: 'issuer', code: 'ISSUER_BOUND' }));
  });

  it('RS256 without the DID document → indeterminate (the network is off)', async () => {
    expectFailure(await verify(rsaJwt), 'indeterminate', 'proof', 'PROOF_KEY_UNRESOLVED');
  });

  it('ES256 with a did:key issuer verifies offline', async () => {
    expectVerified(await verify(es256Jwt));
    expect(decode(es256Jwt).header.alg).toBe('ES256');
  });

  it('alg none (built by hand) → invalid', async () => {
    const { payload } = decode(rsaJwt);
    const none = `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`;
    const result = await verify(none, rsaOptions);
    expectFailure(result, 'invalid', 'jwt-header', 'JWT_ALG_REJECTED');
    expect(result.checks.some((c) => c.code === 'PROOF_VALID')).toBe(false);
  });

  it('alg none with the original signature kept → invalid', async () => {
    const { header, payload, signature } = decode(rsaJwt);
    const none = `${encode({ ...header, alg: 'none' })}.${encode(payload)}.${signature}`;
    expectFailure(await verify(none, rsaOptions), 'invalid', 'jwt-header', 'JWT_ALG_REJECTED');
  });

  it('HS256 signed with the public key as the HMAC secret → invalid', async () => {
    const { payload } = decode(rsaJwt);
    const publicJwk = publicKeyFile(rsa).publicKeyJwk;
    for (const secret of [JSON.stringify(publicJwk), publicJwk.n as string]) {
      const forged = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
        .setProtectedHeader({ alg: 'HS256', kid: rsa.id, typ: 'JWT' })
        .sign(new TextEncoder().encode(secret));
      const result = await verify(forged, rsaOptions);
      expectFailure(result, 'invalid', 'jwt-header', 'JWT_ALG_REJECTED');
    }
  });

  it('an algorithm removed from the allowlist by the caller is refused', async () => {
    expectFailure(
      await verify(rsaJwt, { ...rsaOptions, algorithms: ['ES256'] }),
      'invalid',
      'jwt-header',
      'JWT_ALG_REJECTED',
    );
    // Asking for HS256 does not enable it: only asymmetric algorithms are ever accepted.
    const { payload } = decode(rsaJwt);
    const hs = await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader({ alg: 'HS256', kid: rsa.id })
      .sign(new TextEncoder().encode('secret'));
    expectFailure(
      await verify(hs, { ...rsaOptions, algorithms: ['HS256', 'RS256'] }),
      'invalid',
      'jwt-header',
      'JWT_ALG_REJECTED',
    );
  });

  it.each([
    ['jku', 'https://evil.example/jwks.json'],
    ['x5u', 'https://evil.example/cert.pem'],
    ['crit', ['exp']],
    ['x5c', ['MIIB']],
  ])('header %s added (signed with the real key) → invalid', async (name, value) => {
    const { header, payload } = decode(rsaJwt);
    const jwt = await signCompact(rsa, { ...header, [name]: value }, payload);
    const check = expectFailure(
      await verify(jwt, rsaOptions),
      'invalid',
      'jwt-header',
      'JWT_HEADER_FORBIDDEN',
    );
    expect(check.message).toContain(name);
  });

  it('typ other than JWT → invalid', async () => {
    const { header, payload } = decode(rsaJwt);
    const jwt = await signCompact(rsa, { ...header, typ: 'vc+ld+jwt' }, payload);
    expectFailure(await verify(jwt, rsaOptions), 'invalid', 'jwt-header', 'JWT_TYP');
  });

  it('a private key in the jwk header → invalid', async () => {
    const { payload } = decode(rsaJwt);
    const jwt = await signCompact(rsa, { alg: 'RS256', jwk: rsa.privateKeyJwk }, payload);
    expectFailure(await verify(jwt, rsaOptions), 'invalid', 'jwt-header', 'JWT_PRIVATE_JWK');
  });

  it.each([
    [
      'name',
      (p: Json) => {
        p.name = 'Leadership';
      },
    ],
    [
      'achievement',
      (p: Json) => {
        p.credentialSubject.achievement.name = 'Leadership';
      },
    ],
    [
      'subject id and sub',
      (p: Json) => {
        p.credentialSubject.id = 'did:example:x';
        p.sub = 'did:example:x';
      },
    ],
    [
      'validUntil and exp',
      (p: Json) => {
        p.validUntil = '2099-01-01T00:00:00Z';
        p.exp = 4070908800;
      },
    ],
    [
      'issuer',
      (p: Json) => {
        p.issuer.id = 'did:web:evil.example';
        p.iss = 'did:web:evil.example';
      },
    ],
  ])('payload changed (%s), signature kept → invalid', async (_, change) => {
    const { header, payload, signature } = decode(rsaJwt);
    change(payload);
    const jwt = `${encode(header)}.${encode(payload)}.${signature}`;
    expectFailure(await verify(jwt, rsaOptions), 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID');
  });

  it('the kid swapped to a key of another issuer → invalid', async () => {
    const { header, payload, signature } = decode(es256Jwt);
    const swapped = `${encode({ ...header, kid: other.id })}.${encode(payload)}.${signature}`;
    expect((await verify(swapped)).verdict).toBe('invalid');
    // Signed for real by the other issuer's key, while claiming our issuer → issuer mismatch.
    const forged = await signCompact(other, { alg: 'EdDSA', kid: other.id, typ: 'JWT' }, payload);
    expectFailure(await verify(forged), 'invalid', 'issuer', 'ISSUER_KEY_MISMATCH');
  });

  // Each registered claim disagreeing with the credential, signed with the real key, so that only
  // the claim check can catch it.
  it.each([
    [
      'iss',
      'JWT_ISS_MISMATCH',
      (p: Json) => {
        p.iss = 'did:web:other.example';
      },
    ],
    [
      'iss missing',
      'JWT_ISS_MISMATCH',
      (p: Json) => {
        delete p.iss;
      },
    ],
    [
      'jti',
      'JWT_JTI_MISMATCH',
      (p: Json) => {
        p.jti = 'urn:uuid:00000000-0000-4000-8000-00000000abcd';
      },
    ],
    [
      'nbf',
      'JWT_NBF_MISMATCH',
      (p: Json) => {
        p.nbf += 3600;
      },
    ],
    [
      'nbf missing (conformance)',
      'JWT_NBF_MISSING',
      (p: Json) => {
        delete p.nbf;
      },
    ],
    [
      'sub',
      'JWT_SUB_MISMATCH',
      (p: Json) => {
        p.sub = 'did:example:someone-else';
      },
    ],
    [
      'exp',
      'JWT_EXP_MISMATCH',
      (p: Json) => {
        p.exp += 86400;
      },
    ],
    [
      'exp missing (conformance)',
      'JWT_EXP_MISSING',
      (p: Json) => {
        delete p.exp;
      },
    ],
    [
      'exp not a number',
      'JWT_EXP_INVALID',
      (p: Json) => {
        p.exp = '2030-01-01';
      },
    ],
  ])('%s, re-signed → %s (invalid; a missing claim is conformance)', async (_, code, change) => {
    const { header, payload } = decode(rsaJwt);
    change(payload);
    const result = await verify(await signCompact(rsa, header, payload), rsaOptions);
    expect(result.checks).toContainEqual(expect.objectContaining({ id: 'proof', status: 'passed' }));
    // A claim that is missing says nothing false: the credential's own dates still decide
    // validity. Conformance (OB 3.0 §JWT), invalid only under strict.
    if (code.endsWith('_MISSING')) {
      expectConformanceWarning(result, code);
      expect(result.verdict).toBe('verified');
      expectFailure(
        await verify(await signCompact(rsa, header, payload), { ...rsaOptions, strict: true }),
        'invalid',
        'jwt-claims',
        code,
      );
    } else expectFailure(result, 'invalid', 'jwt-claims', code);
  });

  it('claims built from the credential by jwtClaims, re-signed by hand, verify (the harness is sound)', async () => {
    const payload = jwtClaims(badge(rsa.controller));
    expectVerified(
      await verify(await signCompact(rsa, { alg: 'RS256', kid: rsa.id, typ: 'JWT' }, payload), rsaOptions),
    );
  });

  it('a JWT whose key is only in its jwk header → indeterminate until the issuer publishes it (JWKS)', async () => {
    const key = await generateKey({ algorithm: 'RSA', controller: 'https://badges.example/issuers/1' });
    const jwt = await issueCredential(badge(key.controller), { key, format: 'vc-jwt', embedJwk: true });
    expect(decode(jwt).header.jwk).toBeDefined();
    expect(decode(jwt).header.kid).toBeUndefined();

    const unbound = await verify(jwt);
    expect(unbound.checks).toContainEqual(
      expect.objectContaining({ id: 'proof', status: 'passed', code: 'PROOF_VALID' }),
    );
    expectFailure(unbound, 'indeterminate', 'issuer', 'ISSUER_KEY_UNBOUND');

    const { jwks, jwksUrl } = issuerProfileWithKeys(key, { id: key.controller, name: 'Badges' });
    expect(jwksUrl).toBe('https://badges.example/.well-known/jwks.json');
    expectVerified(await verify(jwt, { documents: { [jwksUrl]: jwks } }));

    // A JWKS that publishes another key does not bind it.
    const stranger = await generateKey({ algorithm: 'RSA', controller: 'https://badges.example/issuers/1' });
    const wrong = issuerProfileWithKeys(stranger, { id: key.controller }).jwks;
    expectFailure(
      await verify(jwt, { documents: { [jwksUrl]: wrong } }),
      'indeterminate',
      'issuer',
      'ISSUER_KEY_UNBOUND',
    );
  });

  it('a jwk header with a key of its own, claiming a did:web issuer that does not list it → indeterminate', async () => {
    const { payload } = decode(rsaJwt);
    const attacker = await generateKey({ algorithm: 'RSA', did: { web: 'attacker.example' } });
    const jwt = await signCompact(
      attacker,
      { alg: 'RS256', jwk: publicKeyFile(attacker).publicKeyJwk },
      payload,
    );
    const result = await verify(jwt, rsaOptions);
    expectFailure(result, 'indeterminate', 'issuer', 'ISSUER_KEY_UNBOUND');
    expect(codes(result, 'failed')).toEqual(['ISSUER_KEY_UNBOUND']);
  });

  it('a JWT with neither kid nor jwk → invalid', async () => {
    const { payload } = decode(rsaJwt);
    expectFailure(
      await verify(await signCompact(rsa, { alg: 'RS256' }, payload), rsaOptions),
      'invalid',
      'jwt-header',
      'JWT_NO_KEY',
    );
  });

  it('a truncated or re-assembled JWT → never verified', async () => {
    const [h, p] = rsaJwt.split('.');
    for (const jwt of [
      `${h}.${p}`,
      `${h}.${p}.`,
      `${h}..${rsaJwt.split('.')[2]}`,
      `${p}.${h}.${rsaJwt.split('.')[2]}`,
    ]) {
      const result = await verify(jwt, rsaOptions);
      expect(result.verified, jwt.slice(0, 20)).toBe(false);
    }
  });
});
