// verifyPresentation({ profile: 'vc' }): VCDM 2.0's defaults — a holder is optional, a
// presentation may carry no credential, a holder need not be the subject — while the proof, the
// challenge and domain, and every credential carried are still checked. The OB default is unchanged.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createPresentation,
  generateKey,
  issueCredential,
  type KeyFile,
  verifyPresentation,
} from '../../src/index.js';
import { didKeyDriver, Ed25519Multikey, referenceDocumentLoader } from '../interop/reference-stack.js';
import { plainVc } from '../verify/plain-vc.js';

const challenge = 'u-challenge-1';
const domain = 'verifier.example';

describe("verifyPresentation({ profile: 'vc' })", () => {
  let issuer: KeyFile;
  let credential: Record<string, unknown>;
  let holderKey: any;
  let holderDid: string;
  const sign = (presentation: Record<string, unknown>) =>
    vc.signPresentation({
      presentation,
      suite: new DataIntegrityProof({ signer: holderKey.signer(), cryptosuite: eddsaRdfc2022 }),
      challenge,
      domain,
      documentLoader: referenceDocumentLoader,
    });

  beforeAll(async () => {
    issuer = await generateKey();
    credential = await issueCredential(plainVc(issuer.controller), { key: issuer, profile: 'vc' });
    holderKey = await Ed25519Multikey.generate();
    const { didDocument } = await didKeyDriver.fromKeyPair({ verificationKeyPair: holderKey });
    holderKey.id = didDocument.verificationMethod[0].id;
    holderKey.controller = didDocument.id;
    holderDid = didDocument.id;
  });

  it('a presentation without holder, with no credential, or by a holder who is not the subject verifies', async () => {
    const base = { '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiablePresentation'] };
    for (const presentation of [
      { ...base },
      { ...base, verifiableCredential: [credential] },
      { ...base, holder: holderDid, verifiableCredential: [credential] },
    ]) {
      const vp = await sign(presentation);
      const result = await verifyPresentation(vp, { profile: 'vc', challenge, domain });
      expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
      // the OB default asks for a holder, a credential, and the holder as subject
      expect((await verifyPresentation(vp, { challenge, domain })).verified).toBe(false);
    }
  });

  it('holderIsSubject: true asks for the binding again', async () => {
    const vp = await sign({
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      holder: holderDid,
      verifiableCredential: [credential],
    });
    const result = await verifyPresentation(vp, { profile: 'vc', challenge, domain, holderIsSubject: true });
    expect(result.checks).toContainEqual(expect.objectContaining({ code: 'HOLDER_NOT_SUBJECT' }));
  });

  it('still refuses an unsigned presentation, another challenge, a tampered credential, and a holder that did not sign', async () => {
    const unsigned = {
      '@context': ['https://www.w3.org/ns/credentials/v2'],
      type: ['VerifiablePresentation'],
      verifiableCredential: [credential],
    };
    const none = await verifyPresentation(unsigned, { profile: 'vc', challenge, domain });
    expect(none.checks).toContainEqual(expect.objectContaining({ code: 'PROOF_MISSING' }));
    const vp = await sign(unsigned);
    expect((await verifyPresentation(vp, { profile: 'vc', challenge: 'another', domain })).verified).toBe(
      false,
    );
    const tampered = structuredClone(credential) as any;
    tampered.credentialSubject.degree.name = 'Doctor of Medicine';
    const carrying = await sign({ ...unsigned, verifiableCredential: [tampered] });
    const result = await verifyPresentation(carrying, { profile: 'vc', challenge, domain });
    expect(result.checks).toContainEqual(expect.objectContaining({ code: 'CREDENTIAL_NOT_VERIFIED' }));
    const other = await generateKey();
    const claimed = await createPresentation([credential], {
      key: other,
      holder: holderDid,
      challenge,
      domain,
    });
    const mismatch = await verifyPresentation(claimed, { profile: 'vc', challenge, domain });
    expect(mismatch.verified).toBe(false);
  });
});
