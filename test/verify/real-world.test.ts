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
import { describe, expect, it } from 'vitest';
import type { Verdict, VerifyOptions } from '../../src/verify/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { referenceDocumentLoader } from '../interop/reference-stack.js';
import { codes, expectFailure, publishedKeys, TEST_KEY, vectorBytes, vectorJson } from './helpers.js';

// Every credential here is judged at one date: after all were issued, before any may expire.
const NOW = '2026-12-01T00:00:00Z';

const OIDF_DID = 'did:web:digitalcredentials.github.io:vc-test-fixtures:dids:oidf';
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
  /** The reference stack's `verified`, run below; undefined where it has no suite for the proof. */
  reference?: boolean;
  /** The issuer's own published documents (DID document, status list), when obtainable. */
  documents?: () => Record<string, unknown>;
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
  },
];

const options = (c: Case, strict: boolean): VerifyOptions => ({
  now: NOW,
  strict,
  ...(c.documents ? { documents: c.documents() } : {}),
});
const load = (file: string) =>
  JSON.parse(readFileSync(new URL(`../vectors/real-world/${file}`, import.meta.url), 'utf8'));

/** @digitalbazaar/vc with the suites it ships for these proofs and an offline loader. */
async function referenceVerified(
  credential: unknown,
  documents: Record<string, unknown> = {},
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
    now: new Date(NOW),
    checkStatus: async () => ({ verified: true }),
  });
  return result.verified === true;
}

describe('real-world corpus: genuine published credentials', () => {
  it.each(
    CASES.map((c, i) => [`${c.file}${c.documents ? ' (with its published documents)' : ''}`, i] as const),
  )('%s', async (_, i) => {
    const c = CASES[i]!;
    const credential = load(c.file);
    const own = await verifyCredential(credential, options(c, false));
    expect(own.verdict, JSON.stringify(own.checks.filter((k) => k.status !== 'passed'))).toBe(c.verdict);
    expect(codes(own, 'failed').sort()).toEqual([...(c.failed ?? [])].sort());
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
      expect(await referenceVerified(credential, c.documents?.() ?? {})).toBe(c.reference);
    }
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
