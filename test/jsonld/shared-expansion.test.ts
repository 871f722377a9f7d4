// One JSON-LD expansion per verification: the verifier's JSON-LD check expands the whole
// credential, and the expanded form of the credential without its proof (what a Data Integrity
// proof canonicalizes) is derived from it instead of expanded a second time
// (`expandWithUnsecured`). The derived form must be the direct expansion of the unsecured
// document — on every test vector and generated credential — and nothing may reach the
// signature's blind spot through it: a second spelling of sec:proof next to `proof` (whose
// values deleting sec:proof would drop unsigned) is not derived, and such a credential fails.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREATED, createFixture, NOW, realisticCredentialWith } from '../../bench/fixtures.js';
import { jsonFiles } from '../../scripts/context-snapshot.js';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { Fallback } from '../../src/jsonld/engine.js';
import { expandFast, expandWithUnsecured } from '../../src/jsonld/fast/fast-path.js';
import { canonize } from '../../src/jsonld/canonize.js';
import { budgetFor } from '../../src/jsonld/rdfc/budget.js';
import { verifyCredential } from '../../src/verify/index.js';
import { clrCredential, openBadgeCredential } from '../proof/arbitraries.js';

const documentLoader = createDocumentLoader();
const SEC_PROOF = 'https://w3id.org/security#proof';

const PROOF = {
  type: 'DataIntegrityProof',
  cryptosuite: 'eddsa-rdfc-2022',
  created: '2025-01-01T00:00:00Z',
  verificationMethod:
    'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
  proofPurpose: 'assertionMethod',
  proofValue: 'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UAUL5n2Brbx',
};

/** Whether the derived unsecured expansion of `doc`, when there is one, is the direct one. */
async function derivedIsDirect(doc: Record<string, unknown>): Promise<boolean> {
  const { unsecured } = await expandWithUnsecured(structuredClone(doc), documentLoader);
  if (unsecured === undefined) return false;
  const { proof: _proof, ...rest } = doc;
  expect(unsecured).toEqual(await expandFast(structuredClone(rest), documentLoader));
  return true;
}

const vectorsDir = fileURLToPath(new URL('../vectors/', import.meta.url));
const corpus = jsonFiles(vectorsDir)
  .map((path) => JSON.parse(readFileSync(path, 'utf8')) as unknown)
  .filter(
    (doc): doc is Record<string, unknown> => typeof doc === 'object' && doc !== null && '@context' in doc,
  );

describe('shared expansion: the unsecured document derived from the whole credential', () => {
  it('is the direct expansion of the unsecured document on every test vector (with its proof, or one added)', async () => {
    let derived = 0;
    for (const doc of corpus) {
      if (await derivedIsDirect(doc.proof === undefined ? { ...doc, proof: PROOF } : doc)) derived++;
    }
    expect(derived).toBeGreaterThan(corpus.length / 4);
  });

  it('is the direct expansion on generated credentials and on the realistic badge', async () => {
    let derived = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(openBadgeCredential, clrCredential), async (doc) => {
        if (await derivedIsDirect({ ...doc, proof: [PROOF, { ...PROOF, created: '2025-02-01T00:00:00Z' }] }))
          derived++;
      }),
      { seed: 20261203, numRuns: 80 },
    );
    expect(derived).toBeGreaterThan(20);
    for (const n of [1, 10]) {
      expect(
        await derivedIsDirect({ ...realisticCredentialWith(n, 'did:example:issuer'), proof: PROOF }),
      ).toBe(true);
    }
  });

  it('is not derived when another key also expands to sec:proof, or without a proof', async () => {
    const doc = { ...realisticCredentialWith(1, 'did:example:issuer'), proof: PROOF };
    const twice = { ...doc, [SEC_PROOF]: { id: 'https://example.com/smuggled', name: 'Doctorate' } };
    const shared = await expandWithUnsecured(twice, documentLoader);
    expect(shared.expanded, 'the fast path takes it').not.toBeInstanceOf(Fallback);
    expect(shared.unsecured).toBeUndefined();
    const { proof: _proof, ...none } = doc;
    expect((await expandWithUnsecured(none, documentLoader)).unsecured).toBeUndefined();
  });
});

describe('shared expansion: verification', () => {
  it('verifies a signed badge, and refuses claims smuggled under a second spelling of sec:proof or into the proof', async () => {
    const fx = await createFixture();
    const signed = await issueCredential(realisticCredentialWith(10, fx.key.controller), {
      signer: fx.signer,
      format: 'eddsa-rdfc-2022',
      created: CREATED,
    });
    const options = { now: NOW, checkSchema: false, checkStatus: false };
    expect((await verifyCredential(signed, options)).verified).toBe(true);
    // a claim under the full IRI of `proof`: expanded under sec:proof with the proof's values, so
    // deleting sec:proof to get the unsecured document would drop it from what the signature covers
    const smuggled = {
      ...signed,
      [SEC_PROOF]: { id: 'https://example.com/claim', name: 'Doctorate' },
    };
    expect((await expandWithUnsecured(smuggled, createDocumentLoader())).expanded).not.toBeInstanceOf(
      Fallback,
    );
    expect((await verifyCredential(smuggled, options)).verified).toBe(false);
    // a claim inside the proof is signed by the proof configuration: changing it breaks the proof
    const inProof = { ...signed, proof: { ...(signed.proof as object), name: 'Doctorate' } };
    expect((await verifyCredential(inProof, options)).verified).toBe(false);
    // the subject changed after signing: the shared expansion is of the changed document
    const changed = structuredClone(signed) as Record<string, Record<string, unknown>>;
    (changed.credentialSubject as Record<string, unknown>).id = 'did:example:someone-else';
    expect((await verifyCredential(changed, options)).verified).toBe(false);
  });
});

describe('shared expansion: the hand-off to the canonicalization', () => {
  const doc = (name: string) => ({
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential'],
    issuer: 'did:example:issuer',
    credentialSubject: { id: 'did:example:learner', name },
  });
  const budget = () => budgetFor({}, { canonicalizationWorkFactor: 64, maxBlankNodes: 1000 });

  it('is used for the document handed over and for a shallow copy of it, nothing else', async () => {
    const given = doc('Alice');
    // handed over with the expansion of another document, to see which one a canonicalization uses
    const other = (await expandFast(doc('Mallory'), documentLoader))!;
    const viaOther = await canonize(doc('Mallory'), documentLoader);
    const own = await canonize(structuredClone(given), documentLoader);
    expect(viaOther).not.toBe(own);

    const shared = budget();
    shared.provideExpansion(given, other);
    expect(await canonize(given, documentLoader, shared)).toBe(viaOther);
    expect(await canonize({ ...given }, documentLoader, shared)).toBe(viaOther);

    // equal JSON but another object under a key, another key order, a key more or less: its own
    for (const lookalike of [
      { ...given, credentialSubject: { ...given.credentialSubject } },
      {
        type: given.type,
        '@context': given['@context'],
        issuer: given.issuer,
        credentialSubject: given.credentialSubject,
      },
      { ...given, name: 'x' },
      (({ issuer: _issuer, ...rest }) => rest)(given),
    ]) {
      const fresh = budget();
      fresh.provideExpansion(given, other);
      expect(await canonize(lookalike as Record<string, unknown>, documentLoader, fresh)).toBe(
        await canonize(structuredClone(lookalike) as Record<string, unknown>, documentLoader),
      );
    }
  });
});
