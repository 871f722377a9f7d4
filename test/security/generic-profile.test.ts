// Attacks on the generic profile (`profile: 'vc'`), end to end: it accepts more credentials than
// the OB default, and must not accept more forgeries.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, type KeyFile, verifyCredential } from '../../src/index.js';
import { unsignedBadge } from '../issue/helpers.js';
import { didKeyDriver, Ed25519Multikey, referenceDocumentLoader } from '../interop/reference-stack.js';
import { plainVc } from '../verify/plain-vc.js';

describe('generic profile: forgeries stay forgeries', () => {
  let key: KeyFile;
  let keyPair: any;
  let did: string;
  beforeAll(async () => {
    key = await generateKey();
    keyPair = await Ed25519Multikey.generate();
    const { didDocument } = await didKeyDriver.fromKeyPair({ verificationKeyPair: keyPair });
    keyPair.id = didDocument.verificationMethod[0].id;
    keyPair.controller = didDocument.id;
    did = didDocument.id;
  });

  it('swapping two inline term definitions and their values keeps the signature valid, so inline terms are refused', async () => {
    // Signed by the reference stack, which accepts inline contexts: the same RDF under other JSON names.
    const credential = plainVc(did, {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        { grade: 'https://example.org/#grade', rank: 'https://example.org/#rank' },
      ],
      type: ['VerifiableCredential'],
      credentialSubject: { id: 'did:example:learner', grade: 'C', rank: '1' },
    });
    const signed = await vc.issue({
      credential,
      suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
      documentLoader: referenceDocumentLoader,
    });
    const swapped = structuredClone(signed) as any;
    swapped['@context'][1] = { grade: 'https://example.org/#rank', rank: 'https://example.org/#grade' };
    swapped.credentialSubject.grade = '1';
    swapped.credentialSubject.rank = 'C';
    // The reference verifier is fooled: "grade" now reads 1.
    const reference = await vc.verifyCredential({
      credential: swapped,
      suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
      documentLoader: referenceDocumentLoader,
    });
    expect(reference.verified).toBe(true);
    for (const doc of [signed, swapped]) {
      const result = await verifyCredential(doc, { profile: 'vc' });
      expect(result.verified).toBe(false);
      expect(result.checks).toContainEqual(
        expect.objectContaining({ code: 'CONTEXT_INLINE', status: 'failed' }),
      );
    }
  });

  it('removing the OB type from a signed badge to escape its rules breaks the proof', async () => {
    const badge = await issueCredential(await unsignedBadge(key), { key });
    const stripped = { ...badge, type: ['VerifiableCredential'] };
    const result = await verifyCredential(stripped, { profile: 'vc' });
    expect(result.verdict).toBe('invalid');
    expect(result.checks).toContainEqual(expect.objectContaining({ id: 'proof', status: 'failed' }));
  });

  it('another issuer, an edited claim, a JSON string, a dropped proof: never verified', async () => {
    const signed = await issueCredential(plainVc(key.controller), { key, profile: 'vc' });
    const other = await generateKey();
    const cases: unknown[] = [
      { ...signed, issuer: other.controller },
      { ...signed, credentialSubject: { ...signed.credentialSubject, id: 'did:example:mallory' } },
      { ...signed, proof: null },
      (({ proof: _p, ...rest }) => rest)(signed),
      JSON.stringify(JSON.stringify(signed)),
    ];
    for (const forged of cases) {
      const result = await verifyCredential(forged as never, { profile: 'vc' });
      expect(result.verified, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(false);
    }
  });
});
