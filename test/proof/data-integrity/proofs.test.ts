// credstack's own eddsa-rdfc-2022 / ecdsa-rdfc-2019 implementation against the reference stack
// (@digitalbazaar/vc + data-integrity + jsonld-signatures) in the same process:
// - signing: the same key and `created` give the same signed credential, byte for byte;
// - verifying: the fast path reaches the reference's verdict and message in every case below
//   (the reference runs when a proof purpose object is passed explicitly).
import { readdirSync, readFileSync } from 'node:fs';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import fc from 'fast-check';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader, type DocumentLoader } from '../../../src/contexts/index.js';
import {
  createSigner,
  didKeyDocument,
  generateKey,
  issuerProfileWithKeys,
  type KeyFile,
  type Signer,
} from '../../../src/keys/index.js';
import { signDataIntegrity } from '../../../src/proof/data-integrity/sign.js';
import { verifyDataIntegrityProof } from '../../../src/proof/data-integrity/verify.js';
import { referenceSignerOf } from '../../../bench/fixtures.js';
import { controllerDocument } from '../../helpers/vectors.js';
import { credentialWith, openBadgeCredential } from '../arbitraries.js';

const CREATED = '2025-03-01T12:00:00Z';
const specDir = new URL('../../vectors/spec/ob-v3p0/spec/', import.meta.url);
const examples = readdirSync(specDir)
  .filter((f) => f.includes('unsigned') && !f.startsWith('equality'))
  .map((f) => [f, JSON.parse(readFileSync(new URL(f, specDir), 'utf8')) as Record<string, any>] as const);

/** Contexts from the bundle; did:key documents and their verification methods; extra documents. */
function loaderWith(documents: Record<string, unknown> = {}): DocumentLoader {
  const contexts = createDocumentLoader({ documents });
  return async (url) => {
    if (url in documents) return { contextUrl: null, documentUrl: url, document: documents[url] };
    if (typeof url === 'string' && url.startsWith('did:key:')) {
      const [did] = url.split('#');
      const doc = didKeyDocument(did!) as unknown as { verificationMethod: Array<{ id: string }> };
      const document = url.includes('#') ? doc.verificationMethod.find((m) => m.id === url) : doc;
      return { contextUrl: null, documentUrl: url, document };
    }
    return contexts(url);
  };
}

function issuedBy(doc: Record<string, any>, issuer: string): Record<string, any> {
  const copy = structuredClone(doc);
  delete copy.proof;
  copy.issuer = typeof copy.issuer === 'object' ? { ...copy.issuer, id: issuer } : issuer;
  return copy;
}

let key: KeyFile;
let signer: Signer;
let referenceSigner: unknown;
const documentLoader = loaderWith();

beforeAll(async () => {
  key = await generateKey({ algorithm: 'Ed25519' });
  signer = await createSigner(key);
  referenceSigner = await referenceSignerOf(key);
});

async function referenceIssue(credential: Record<string, unknown>): Promise<Record<string, unknown>> {
  const suite = new DataIntegrityProof({
    signer: referenceSigner,
    cryptosuite: eddsaRdfc2022,
    date: CREATED,
  });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader });
}

async function ours(credential: Record<string, unknown>): Promise<Record<string, unknown>> {
  return signDataIntegrity(credential, {
    signer,
    cryptosuite: 'eddsa-rdfc-2022',
    documentLoader,
    created: CREATED,
  });
}

describe('eddsa-rdfc-2022 signing = @digitalbazaar/vc issue, byte for byte', () => {
  it.each(examples)('%s', async (_file, doc) => {
    const credential = issuedBy(doc, key.controller);
    expect(JSON.stringify(await ours(credential))).toBe(JSON.stringify(await referenceIssue(credential)));
  });

  it.each([1, 10, 50])('a credential with %i alignments and results', async (n) => {
    const credential = credentialWith(n, key.controller);
    expect(JSON.stringify(await ours(credential))).toBe(JSON.stringify(await referenceIssue(credential)));
  });

  it('a second proof is appended as the reference does (proof set)', async () => {
    const once = await ours(credentialWith(2, key.controller));
    expect(JSON.stringify(await ours(once))).toBe(JSON.stringify(await referenceIssue(once)));
  });

  it('generated credentials: same output, or both refuse', async () => {
    await fc.assert(
      fc.asyncProperty(openBadgeCredential, async (doc) => {
        const credential = issuedBy(doc, key.controller);
        const [a, b] = await Promise.allSettled([ours(credential), referenceIssue(credential)]);
        expect(a.status).toBe(b.status);
        if (a.status === 'fulfilled' && b.status === 'fulfilled')
          expect(JSON.stringify(a.value)).toBe(JSON.stringify(b.value));
      }),
      { seed: 424242, numRuns: process.env.CREDSTACK_FUZZ === '1' ? 500 : 25 },
    );
  }, 300_000);
});

describe('verification: the fast path reaches the reference verdict and message', () => {
  const cases: Array<
    [string, (signed: Record<string, any>) => { doc: Record<string, any>; loader?: DocumentLoader }]
  > = [
    ['a valid credential', (s) => ({ doc: s })],
    ['a changed name', (s) => ({ doc: { ...s, name: 'Changed' } })],
    [
      'a changed proof date',
      (s) => ({ doc: { ...s, proof: { ...s.proof, created: '2025-03-02T12:00:00Z' } } }),
    ],
    [
      'proofPurpose authentication',
      (s) => ({ doc: { ...s, proof: { ...s.proof, proofPurpose: 'authentication' } } }),
    ],
    [
      'a created date that is not a date',
      (s) => ({ doc: { ...s, proof: { ...s.proof, created: 'yesterday' } } }),
    ],
    [
      'no verificationMethod',
      (s) => ({ doc: { ...s, proof: { ...s.proof, verificationMethod: undefined } } }),
    ],
    [
      'a controller that does not list the key',
      (s) => {
        const did = String(s.proof.verificationMethod).split('#')[0]!;
        return { doc: s, loader: loaderWith({ [did]: { ...didKeyDocument(did), assertionMethod: [] } }) };
      },
    ],
    [
      'a verification method that does not resolve',
      (s) => ({
        doc: s,
        loader: async (url: string) =>
          url.startsWith('did:') ? Promise.reject(new Error(`no ${url}`)) : documentLoader(url),
      }),
    ],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const signed = await ours(credentialWith(3, key.controller));
    const { doc, loader = documentLoader } = make(signed as Record<string, any>);
    const fast = await verifyDataIntegrityProof(doc, doc.proof, { documentLoader: loader });
    const reference = await verifyDataIntegrityProof(doc, doc.proof, {
      documentLoader: loader,
      purpose: new jsigs.purposes.AssertionProofPurpose(),
    });
    expect({ verified: fast.verified, message: fast.message }).toEqual({
      verified: reference.verified,
      message: reference.message,
    });
  });

  it('challenge and domain are signed with the proof: the reference verifies them, and a changed one fails on both', async () => {
    const signed = (await signDataIntegrity(credentialWith(1, key.controller), {
      signer,
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader,
      created: CREATED,
      challenge: 'c-1',
      domain: ['a.example', 'b.example'],
    })) as Record<string, any>;
    expect(signed.proof).toMatchObject({ challenge: 'c-1', domain: ['a.example', 'b.example'] });
    const reference = await vc.verifyCredential({
      credential: signed,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader,
    });
    expect(reference.verified).toBe(true);
    expect((await verifyDataIntegrityProof(signed, signed.proof, { documentLoader })).verified).toBe(true);
    const moved = { ...signed, proof: { ...signed.proof, challenge: 'c-2' } };
    expect((await verifyDataIntegrityProof(moved, moved.proof, { documentLoader })).verified).toBe(false);
    const movedReference = await vc.verifyCredential({
      credential: moved,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader,
    });
    expect(movedReference.verified).toBe(false);
    for (const bad of [{ challenge: '' }, { domain: [] }, { domain: [''] }, { domain: 7 }]) {
      await expect(
        signDataIntegrity(credentialWith(1, key.controller), {
          signer,
          cryptosuite: 'eddsa-rdfc-2022',
          documentLoader,
          ...(bad as object),
        }),
      ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT' });
    }
  });

  it('https controllers: a DID-style document authorizes its key; an OB profile is framed as jsonld-signatures does', async () => {
    const issuer = 'https://issuer.example/profile';
    const https = await generateKey({ algorithm: 'Ed25519', controller: issuer });
    const { profile, documents } = issuerProfileWithKeys(https, { id: issuer, name: 'Issuer' });
    const signed = await signDataIntegrity(credentialWith(1, issuer), {
      signer: await createSigner(https),
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader: loaderWith(documents),
    });
    const didStyle = controllerDocument(issuer, https.id, https.publicKeyMultibase!);
    const variants: Array<[string, Record<string, unknown>]> = [
      ['DID-style, listed', { ...documents, [issuer]: didStyle }],
      ['DID-style, unlisted', { ...documents, [issuer]: { ...didStyle, assertionMethod: [] } }],
      // an OB Profile does not define `assertionMethod` in safe mode: both stacks refuse it alike
      ['OB profile, listed', documents],
      ['OB profile, unlisted', { ...documents, [issuer]: { ...profile, assertionMethod: [] } }],
    ];
    const outcomes: Record<string, unknown> = {};
    for (const [name, docs] of variants) {
      const loader = loaderWith(docs);
      const fast = await verifyDataIntegrityProof(signed, signed.proof as never, { documentLoader: loader });
      const reference = await verifyDataIntegrityProof(signed, signed.proof as never, {
        documentLoader: loader,
        purpose: new jsigs.purposes.AssertionProofPurpose(),
      });
      expect([fast.verified, fast.message], name).toEqual([reference.verified, reference.message]);
      outcomes[name] = fast.verified;
    }
    expect(outcomes['DID-style, listed']).toBe(true);
    expect(outcomes['DID-style, unlisted']).toBe(false);
  });

  it('a key its controller does not list carries ERR_KEY_NOT_AUTHORIZED on both stacks; a bad signature no code', async () => {
    // The verifier's verdict reads this code, never the message: the fast path sets it itself,
    // the reference stack's English is coded once where its error is caught.
    const issuer = 'https://issuer.example/profile';
    const https = await generateKey({ algorithm: 'Ed25519', controller: issuer });
    const { documents } = issuerProfileWithKeys(https, { id: issuer, name: 'Issuer' });
    const signed = await signDataIntegrity(credentialWith(1, issuer), {
      signer: await createSigner(https),
      cryptosuite: 'eddsa-rdfc-2022',
      documentLoader: loaderWith(documents),
    });
    const didStyle = controllerDocument(issuer, https.id, https.publicKeyMultibase!);
    const codeOf = (error: unknown) => (error as { code?: string } | undefined)?.code;
    const both = async (doc: Record<string, any>, docs: Record<string, unknown>) => {
      const loader = loaderWith(docs);
      const fast = await verifyDataIntegrityProof(doc, doc.proof, { documentLoader: loader });
      const reference = await verifyDataIntegrityProof(doc, doc.proof, {
        documentLoader: loader,
        purpose: new jsigs.purposes.AssertionProofPurpose(),
      });
      return [codeOf(fast.error), codeOf(reference.error)];
    };
    const unlisted = { ...documents, [issuer]: { ...didStyle, assertionMethod: [] } };
    expect(await both(signed, unlisted)).toEqual(['ERR_KEY_NOT_AUTHORIZED', 'ERR_KEY_NOT_AUTHORIZED']);
    // the reference's own error is kept as the cause
    const reference = await verifyDataIntegrityProof(signed, signed.proof as never, {
      documentLoader: loaderWith(unlisted),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
    });
    expect((reference.error as Error).cause).toBeInstanceOf(Error);
    const altered = { ...signed, name: 'Altered' };
    expect(await both(altered, { ...documents, [issuer]: didStyle })).toEqual([undefined, undefined]);
  });

  it('ecdsa-rdfc-2019 (P-256): signed here, verified by the reference and here', async () => {
    const p256 = await generateKey({ algorithm: 'P-256' });
    const signed = await signDataIntegrity(credentialWith(5, p256.controller), {
      signer: await createSigner(p256),
      cryptosuite: 'ecdsa-rdfc-2019',
      documentLoader,
    });
    const fast = await verifyDataIntegrityProof(signed, signed.proof as never, { documentLoader });
    const reference = await verifyDataIntegrityProof(signed, signed.proof as never, {
      documentLoader,
      purpose: new jsigs.purposes.AssertionProofPurpose(),
    });
    expect([fast.verified, reference.verified]).toEqual([true, true]);
    const altered = { ...signed, name: 'Altered' };
    expect((await verifyDataIntegrityProof(altered, signed.proof as never, { documentLoader })).message).toBe(
      'signature does not match the document',
    );
  });

  it('refuses a signer whose key does not fit the cryptosuite, with a coded error', async () => {
    const p256 = await createSigner(await generateKey({ algorithm: 'P-256' }));
    await expect(
      signDataIntegrity(credentialWith(1), { signer: p256, cryptosuite: 'eddsa-rdfc-2022', documentLoader }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_UNSUPPORTED' });
  });
});
