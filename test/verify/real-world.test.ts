// Genuine signed credentials others published (test/vectors/real-world/SOURCES.md), each with the
// verdict the reference stack (@digitalbazaar/vc, run here on the same file) and DCC verifier-core
// (from its published rules and tests, see SOURCES.md) give, asserted in credstack's default mode
// (authenticity) and under `strict` (as the 1EdTech validator: a broken rule of the text fails).
// Tampered copies must stay invalid in both.
import { readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { Ed25519Signature2020 } from '@digitalbazaar/ed25519-signature-2020';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { compactVerify, decodeProtectedHeader, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import type { Verdict, VerifyOptions } from '../../src/verify/index.js';
import { verifyDataIntegrityProof } from '../../src/proof/data-integrity/verify.js';
import { verifyCredential } from '../../src/verify/index.js';
import { createResolver } from '../../src/verify/resolve.js';
import { referenceDocumentLoader } from '../interop/reference-stack.js';
import { codes, expectFailure, publishedKeys, TEST_KEY, vectorBytes, vectorJson } from './helpers.js';

// Every credential here is judged at one date: after all were issued, before any may expire.
const NOW = '2026-12-01T00:00:00Z';

const OIDF_DID = 'did:web:digitalcredentials.github.io:vc-test-fixtures:dids:oidf';
const LEGACY_DID = 'did:web:digitalcredentials.github.io:vc-test-fixtures:dids:legacy';
const PLUGFEST_1_CONTEXT =
  'https://w3c-ccg.github.io/vc-ed/plugfest-1-2022/jff-vc-edu-plugfest-1-context.json';
const SHARED_LIST =
  'https://raw.githubusercontent.com/digitalcredentials/verifier-core/refs/heads/main/src/test-fixtures/status/e5WK8CbZ1GjycuPombrj';
const published = (name: string) => vectorJson(`real-world/documents/${name}`);

interface Case {
  file: string;
  /** What credstack answers by default: authenticity only. */
  verdict: Verdict;
  /** What credstack answers under strict (the 1EdTech validator's rules). */
  strict: Verdict;
  /** Conformance findings expected by default (warnings), by code. */
  conformance?: string[];
  /** The codes of the failed checks, by default. */
  failed?: string[];
  /** Codes that must be among the passed checks, by default (e.g. the signature itself). */
  passed?: string[];
  /**
   * The reference stack's `verified`, run below; undefined where it has no suite for the proof.
   * For a VC-JWT (which @digitalbazaar/vc does not verify) it is jose's answer on the JWS with the
   * key its header carries: whether the signature matches the payload, not whose key it is.
   */
  reference?: boolean;
  /** The issuer's own published documents (DID document, status list), when obtainable. */
  documents?: () => Record<string, unknown>;
  /** Another verification time than NOW, e.g. while a credential that has since expired was valid. */
  now?: string;
}

const CASES: Case[] = [
  // DCC / LCW badge: a subject with a name and neither id nor identifier.
  {
    file: 'dcc-lcw-experience-badge.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    reference: true,
  },
  { file: 'dcc-basic-obv3-eddsa-rdfc-2022.json', verdict: 'verified', strict: 'verified', reference: true },
  // issuer.image as a URL string (context 3.0.1 era): the JSON Schema wants an Image object.
  {
    file: 'dcc-v1-issuer-image-url.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SCHEMA_INVALID', 'SUBJECT_NO_ID'],
    reference: true,
  },
  // The same, and expired: only expired, not "invalid", unless strict.
  {
    file: 'dcc-v1-issuer-image-url-expired.json',
    verdict: 'expired',
    strict: 'invalid',
    conformance: ['SCHEMA_INVALID', 'SUBJECT_NO_ID'],
    failed: ['EXPIRED'],
    reference: false,
  },
  { file: 'dcc-expired.json', verdict: 'expired', strict: 'expired', failed: ['EXPIRED'], reference: false },
  // did:web issuer with the DID document it publishes (vc-test-fixtures/dids/oidf/did.json).
  {
    file: 'dcc-did-web-eddsa-rdfc-2022.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    reference: true,
    documents: () => ({ [OIDF_DID]: published('did-web-vc-test-fixtures-oidf.json') }),
  },
  // The same credential without its DID document: could not be checked.
  {
    file: 'dcc-did-web-eddsa-rdfc-2022.json',
    verdict: 'indeterminate',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    failed: ['PROOF_KEY_UNRESOLVED'],
  },
  // A did:web that does not resolve (DCC: "The signature could not be checked").
  {
    file: 'dcc-did-web-unresolvable.json',
    verdict: 'indeterminate',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    failed: ['PROOF_KEY_UNRESOLVED'],
  },
  // DCC's own tampered badge (DCC: invalid_signature).
  {
    file: 'dcc-tampered.json',
    verdict: 'invalid',
    strict: 'invalid',
    failed: ['PROOF_SIGNATURE_INVALID'],
    reference: false,
  },
  // Revoked on a status list signed by another key than the credential's issuer. DCC reads the
  // bit (revoked); credstack does not take a list from anyone but the issuer (a third party could
  // otherwise revoke or reinstate it), so the status could not be checked: see SOURCES.md.
  {
    file: 'dcc-revoked-shared-status-list.json',
    verdict: 'indeterminate',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    failed: ['STATUS_LIST_ISSUER_MISMATCH'],
    documents: () => ({ [SHARED_LIST]: published('verifier-core-status-e5WK8CbZ1GjycuPombrj.json') }),
  },
  // JFF x VC-EDU plugfest badges.
  {
    file: 'jff-plugfest-2-ed25519signature2020.json',
    verdict: 'verified',
    strict: 'verified',
    reference: true,
  },
  // Ed25519Signature2018: authentic; outside the 1EdTech validator's suites, so invalid under strict.
  {
    file: 'jff-plugfest-3-ed25519signature2018.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['PROOF_FORMAT_NONCONFORMANT'],
  }, // JFF plugfest 1 (2022): written against a draft of OB 3.0, with the plugfest's own context
  // (supplied here as published) in place of the OB 3.0 context. Not an OB 3.0 credential by the
  // final text's context rule, which credstack enforces as authenticity (no reference has the
  // Ed25519Signature2018 suite to say more about the signature): see SOURCES.md.
  {
    file: 'jff-plugfest-1-ed25519signature2018.json',
    verdict: 'invalid',
    strict: 'invalid',
    failed: ['CONTEXT_ORDER'],
    documents: () => ({ [PLUGFEST_1_CONTEXT]: published('jff-vc-edu-plugfest-1-context.json') }),
  },
  // The DCC test issuer's "DCC Test Credential" (VCDM 1.1, OB context 3.0.1, Ed25519Signature2020),
  // expired since 2025-07-26: expired, not invalid; and verified on a day it was valid.
  {
    file: 'dcc-test-issuer-ed25519signature2020.json',
    verdict: 'expired',
    strict: 'invalid',
    conformance: ['SCHEMA_INVALID', 'SUBJECT_NO_ID'],
    failed: ['EXPIRED'],
    reference: false,
  },
  {
    file: 'dcc-test-issuer-ed25519signature2020.json',
    now: '2024-06-01T00:00:00Z',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SCHEMA_INVALID', 'SUBJECT_NO_ID'],
    reference: true,
  },
  // DCC proof sets: an Ed25519Signature2020 and an eddsa-rdfc-2022 proof on one credential.
  {
    file: 'dcc-v1-proof-set-basic-obv3.json',
    verdict: 'verified',
    strict: 'verified',
    reference: true,
  },
  {
    file: 'dcc-v2-proof-set-endorsement.json',
    verdict: 'verified',
    strict: 'verified',
    reference: true,
  },
  {
    file: 'dcc-v2-proof-set-did-web.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    reference: true,
    documents: () => ({ [OIDF_DID]: published('did-web-vc-test-fixtures-oidf.json') }),
  },
  // The other DCC did:web issuer, with the DID document it publishes (dids/legacy/did.json).
  {
    file: 'dcc-v1-ed25519-did-web-legacy.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SCHEMA_INVALID', 'SUBJECT_NO_ID'],
    reference: true,
    documents: () => ({ [LEGACY_DID]: published('did-web-vc-test-fixtures-legacy.json') }),
  },
  { file: 'dcc-v2-string-issuer-id.json', verdict: 'verified', strict: 'verified', reference: true },
  // achievementType outside the OB 3.0 enumeration (and not an ext: term): a schema rule only.
  {
    file: 'dcc-v2-identity-hash.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SCHEMA_INVALID'],
    reference: true,
  },
  // An issuer with many members and an embedded endorsement of its own (expired: a warning).
  {
    file: 'dcc-v2-complex-issuer.json',
    verdict: 'verified',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    reference: true,
  },
  // validFrom 2099: not yet valid, not invalid (the reference refuses it as well).
  {
    file: 'dcc-v2-not-yet-valid.json',
    verdict: 'not-yet-valid',
    strict: 'invalid',
    conformance: ['SUBJECT_NO_ID'],
    failed: ['NOT_YET_VALID'],
    reference: false,
  },
  // DIVERGENCE (see SOURCES.md): an inline @context object ({"issuanceDate": <VC 1.1 IRI>}) after
  // the two context URLs. VCDM 2.0 allows context objects; the reference and DCC verifier-core
  // accept the signature (DCC reports only a schema error). credstack refuses inline contexts.
  {
    file: 'dcc-v2-inline-context.json',
    verdict: 'invalid',
    strict: 'invalid',
    failed: ['CONTEXT_INLINE'],
    reference: true,
  },
  // DIVERGENCE (see SOURCES.md): a plain VerifiableCredential, no OpenBadgeCredential type. A
  // genuine VC, but not an Open Badge; credstack verifies the kinds in `accept` only.
  {
    file: 'dcc-v2-not-an-open-badge.json',
    verdict: 'invalid',
    strict: 'invalid',
    failed: ['TYPE_UNKNOWN'],
    reference: true,
  },
  // The 1EdTech OB 3.0 specification's own VC-JWT examples (RS256, the key only in the `jwk`
  // header, no `nbf`). Each signature matches its payload, but nothing the issuer publishes says
  // the header key is theirs (example.edu publishes nothing): could not be checked, never invalid.
  // `nbf` is required by OB 3.0 §JWT: a conformance warning, invalid under strict.
  ...[
    'basic',
    'sample',
    'endorsement',
    'alignment-case',
    'alignment-credential-engine',
    'skill-assertion-case',
    'skill-assertion-credential-registry',
    'complete',
  ].map((name): Case => {
    // the complete and endorsement examples have validUntil without exp, and a
    // 1EdTechRevocationList at an example URL that serves nothing
    const fuller = name === 'complete' || name === 'endorsement';
    return {
      file: `1edtech-spec-vc-jwt-${name}.jwt`,
      verdict: 'indeterminate',
      strict: 'invalid',
      conformance: fuller ? ['JWT_NBF_MISSING', 'JWT_EXP_MISSING'] : ['JWT_NBF_MISSING'],
      failed: fuller ? ['ISSUER_KEY_UNBOUND', 'STATUS_UNAVAILABLE'] : ['ISSUER_KEY_UNBOUND'],
      passed: ['PROOF_VALID'],
      reference: true,
    };
  }),
];

const options = (c: Case, strict: boolean): VerifyOptions => ({
  now: c.now ?? NOW,
  strict,
  ...(c.documents ? { documents: c.documents() } : {}),
});
const load = (file: string) => {
  const text = readFileSync(new URL(`../vectors/real-world/${file}`, import.meta.url), 'utf8');
  return file.endsWith('.jwt') ? text : JSON.parse(text);
};

/** jose on a compact JWS with the key its own header carries (the only key such a JWT names). */
async function joseVerified(jwt: string): Promise<boolean> {
  const { alg, jwk } = decodeProtectedHeader(jwt);
  try {
    await compactVerify(jwt, await importJWK(jwk!, alg));
    return true;
  } catch {
    return false;
  }
}

/** @digitalbazaar/vc with the suites it ships for these proofs and an offline loader. */
async function referenceVerified(
  credential: unknown,
  documents: Record<string, unknown> = {},
  now = NOW,
): Promise<boolean> {
  const documentLoader = async (url: string) => {
    const [base, fragment] = url.split('#') as [string, string | undefined];
    const supplied = documents[base] as Record<string, unknown> | undefined;
    if (!supplied) return referenceDocumentLoader(url);
    if (fragment === undefined) return { contextUrl: null, documentUrl: url, document: supplied };
    const methods = [supplied.verificationMethod, supplied.assertionMethod].flat() as unknown[];
    const method = methods.find((m) => typeof m === 'object' && (m as { id?: string }).id === url);
    // A DID resolver hands out a verification method in its own type's context (as did-io does):
    // the reference's Multikey class refuses one in the DID document's context.
    const type = (method as { type?: string } | undefined)?.type;
    const context = type === 'Multikey' ? 'https://w3id.org/security/multikey/v1' : supplied['@context'];
    return { contextUrl: null, documentUrl: url, document: { '@context': context, ...(method as object) } };
  };
  const result = await vc.verifyCredential({
    credential,
    suite: [new Ed25519Signature2020(), new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 })],
    documentLoader,
    now: new Date(now),
    checkStatus: async () => ({ verified: true }),
  });
  return result.verified === true;
}

describe('real-world corpus: genuine published credentials', () => {
  it.each(
    CASES.map(
      (c, i) =>
        [
          `${c.file}${c.documents ? ' (with its published documents)' : ''}${c.now ? ` (at ${c.now})` : ''}`,
          i,
        ] as const,
    ),
  )('%s', async (_, i) => {
    const c = CASES[i]!;
    const credential = load(c.file);
    const own = await verifyCredential(credential, options(c, false));
    expect(own.verdict, JSON.stringify(own.checks.filter((k) => k.status !== 'passed'))).toBe(c.verdict);
    expect(codes(own, 'failed').sort()).toEqual([...(c.failed ?? [])].sort());
    for (const code of c.passed ?? []) expect(codes(own, 'passed')).toContain(code);
    for (const code of c.conformance ?? []) {
      expect(own.conformance?.violations.map((k) => k.code)).toContain(code);
    }
    if (!c.conformance?.length) expect(own.conformance?.violations ?? []).toEqual([]);
    // "authentic, but does not follow rule X" never reads as a forgery
    if (c.verdict !== 'invalid') expect(own.verdict).not.toBe('invalid');

    const strict = await verifyCredential(credential, options(c, true));
    expect(strict.verdict).toBe(c.strict);
    expect(strict.conformance?.strict).toBe(true);

    if (c.reference !== undefined) {
      const reference =
        typeof credential === 'string'
          ? await joseVerified(credential)
          : await referenceVerified(credential, c.documents?.() ?? {}, c.now);
      expect(reference).toBe(c.reference);
    }
  });

  it('the JFF plugfest 1 badge: the signature itself verifies; only the envelope rule refuses it', async () => {
    const credential = load('jff-plugfest-1-ed25519signature2018.json');
    const resolver = createResolver({
      documents: { [PLUGFEST_1_CONTEXT]: published('jff-vc-edu-plugfest-1-context.json') },
    });
    resolver.allowKeyUrl(credential.proof.verificationMethod);
    const check = (c: Record<string, any>) =>
      verifyDataIntegrityProof(c, c.proof, { documentLoader: resolver.documentLoader });
    expect(await check(credential)).toEqual({ verified: true });
    credential.credentialSubject.achievement.name = 'Something else';
    expect((await check(credential)).verified).toBe(false);
  });

  it('the 1EdTech specification test vector (eddsa-rdfc-2022) verifies with its published key, both modes', async () => {
    const credential = vectorJson('spec/ob-v3p0/test-vector-eddsa-rdfc-2022/credential.signed.json');
    const documents = publishedKeys([`https://example.edu/issuers/565049#${TEST_KEY}`]);
    for (const strict of [false, true]) {
      expect((await verifyCredential(credential, { now: NOW, strict, documents })).verdict).toBe('verified');
    }
    // without the issuer's document the key cannot be had: could not be checked, not invalid
    expectFailure(
      await verifyCredential(credential, { now: NOW }),
      'indeterminate',
      'proof',
      'PROOF_KEY_UNRESOLVED',
    );
  });

  it('the 1EdTech validator’s baked VC-JWT (RS256, key only in the jwk header) → indeterminate, not invalid', async () => {
    const result = await verifyCredential(vectorBytes('baked/simple-jwt.png'), { now: NOW });
    // the signature matches the header key; nothing the issuer publishes says the key is theirs
    expect(result.checks).toContainEqual(expect.objectContaining({ id: 'proof', code: 'PROOF_VALID' }));
    expectFailure(result, 'indeterminate', 'issuer', 'ISSUER_KEY_UNBOUND');
    expect(
      (await verifyCredential(vectorBytes('baked/simple-jwt.png'), { now: NOW, strict: true })).verified,
    ).toBe(false);
  });
});

describe('real-world corpus: tampered copies stay invalid in both modes', () => {
  const tamper: Array<[string, (c: Record<string, any>) => void, Case['documents']?]> = [
    [
      'dcc-lcw-experience-badge.json',
      (c) => {
        c.credentialSubject.name = 'Mallory';
      },
    ],
    [
      'dcc-basic-obv3-eddsa-rdfc-2022.json',
      (c) => {
        c.credentialSubject.achievement.name = 'PhD';
      },
    ],
    [
      'dcc-v1-issuer-image-url.json',
      (c) => {
        c.issuer.image = 'https://evil.example/logo.png';
      },
    ],
    [
      'dcc-did-web-eddsa-rdfc-2022.json',
      (c) => {
        c.validFrom = '2020-01-01T00:00:00Z';
      },
      () => ({ [OIDF_DID]: published('did-web-vc-test-fixtures-oidf.json') }),
    ],
    [
      'jff-plugfest-2-ed25519signature2020.json',
      (c) => {
        c.credentialSubject.id = 'did:key:z6MkAttacker';
      },
    ],
    [
      'jff-plugfest-3-ed25519signature2018.json',
      (c) => {
        c.credentialSubject.achievement.name = 'Something else';
      },
    ],
    [
      'jff-plugfest-3-ed25519signature2018.json',
      (c) => {
        c.proof.created = '2023-10-02T13:13:58.148Z';
      },
    ],
    [
      'jff-plugfest-3-ed25519signature2018.json',
      (c) => {
        // the signature of another document (the plugfest 2 badge's key) under this one's JWS header
        c.proof.jws = `${c.proof.jws.split('..')[0]}..${'A'.repeat(86)}`;
      },
    ],
    [
      'dcc-test-issuer-ed25519signature2020.json',
      (c) => {
        // prolonged: the expired credential made current again
        c.expirationDate = '2030-01-01T00:00:00.000Z';
      },
    ],
    [
      'dcc-v1-proof-set-basic-obv3.json',
      (c) => {
        c.credentialSubject.achievement.name = 'Something else';
      },
    ],
    [
      'dcc-v1-proof-set-basic-obv3.json',
      (c) => {
        // one proof of the set broken, the other intact: every proof must verify
        const proof = c.proof.find((p: { type: string }) => p.type === 'DataIntegrityProof');
        proof.proofValue = `z${'1'.repeat(87)}`;
      },
    ],
    [
      'dcc-v2-proof-set-endorsement.json',
      (c) => {
        c.credentialSubject.endorsementComment = '1EdTech University is not in good standing';
      },
    ],
    [
      'dcc-v2-proof-set-did-web.json',
      (c) => {
        c.credentialSubject.achievement.name = 'Doctorate';
      },
      () => ({ [OIDF_DID]: published('did-web-vc-test-fixtures-oidf.json') }),
    ],
    [
      'dcc-v1-ed25519-did-web-legacy.json',
      (c) => {
        c.issuer.name = 'Another University';
      },
      () => ({ [LEGACY_DID]: published('did-web-vc-test-fixtures-legacy.json') }),
    ],
    [
      'dcc-v2-string-issuer-id.json',
      (c) => {
        c.credentialSubject.id = 'did:example:attacker';
      },
    ],
    [
      'dcc-v2-identity-hash.json',
      (c) => {
        c.credentialSubject.identifier.identityHash = 'Mallory';
      },
    ],
    [
      'dcc-v2-complex-issuer.json',
      (c) => {
        c.issuer.url = 'https://evil.example';
      },
    ],
    [
      'dcc-v2-not-yet-valid.json',
      (c) => {
        c.validFrom = '2020-01-01T00:00:00Z';
      },
    ],
  ];
  it.each(tamper.map(([file, change, documents], i) => [file, i, change, documents] as const))(
    '%s (change %#)',
    async (file, _i, change, documents) => {
      const credential = load(file);
      change(credential);
      for (const strict of [false, true]) {
        const result = await verifyCredential(credential, {
          now: NOW,
          strict,
          ...(documents ? { documents: documents() } : {}),
        });
        expect(result.verified).toBe(false);
        expect(result.verdict, JSON.stringify(result.checks.filter((k) => k.status === 'failed'))).toBe(
          'invalid',
        );
        expect(codes(result, 'failed')).toContain('PROOF_SIGNATURE_INVALID');
      }
    },
  );
});

describe('real-world corpus: the 1EdTech specification VC-JWTs, tampered, stay invalid in both modes', () => {
  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const parts = (jwt: string) => {
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    return {
      header: JSON.parse(Buffer.from(header, 'base64url').toString()),
      payload: JSON.parse(Buffer.from(payload, 'base64url').toString()),
      raw: { header, payload, signature },
    };
  };
  const basic = () => load('1edtech-spec-vc-jwt-basic.jwt') as string;
  const tamper: Array<[string, () => string]> = [
    [
      'another achievement name in the payload',
      () => {
        const { payload, raw } = parts(basic());
        payload.credentialSubject.achievement.name = 'PhD';
        return `${raw.header}.${b64(payload)}.${raw.signature}`;
      },
    ],
    [
      'an nbf claim added (what strict asks for, but not signed)',
      () => {
        const { payload, raw } = parts(basic());
        payload.nbf = 1262304000;
        return `${raw.header}.${b64(payload)}.${raw.signature}`;
      },
    ],
    [
      'the header key of another specification example',
      () => {
        const { header, raw } = parts(basic());
        header.jwk = parts(load('1edtech-spec-vc-jwt-sample.jwt') as string).header.jwk;
        return `${b64(header)}.${raw.payload}.${raw.signature}`;
      },
    ],
  ];
  it.each(tamper)('%s', async (_, make) => {
    const jwt = make();
    expect(await joseVerified(jwt)).toBe(false);
    for (const strict of [false, true]) {
      const result = await verifyCredential(jwt, { now: NOW, strict });
      expect(result.verdict, JSON.stringify(result.checks.filter((k) => k.status === 'failed'))).toBe(
        'invalid',
      );
      expect(codes(result, 'failed')).toContain('PROOF_SIGNATURE_INVALID');
    }
  });
});
