// The generic Verifiable Credential profile (`profile: 'vc'`): any VCDM 1.1 / 2.0 credential is
// verified — proof, issuer binding, dates, status — with OB rules for OB types only. Credentials
// signed by credstack and by the reference stack; the OB default is unchanged.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, type KeyFile, verifyCredential } from '../../src/index.js';
import { didKeyDriver, Ed25519Multikey, referenceDocumentLoader } from '../interop/reference-stack.js';
import { plainVc } from './plain-vc.js';

describe("verifyCredential({ profile: 'vc' })", () => {
  let key: KeyFile;
  let signed: Record<string, any>;
  beforeAll(async () => {
    key = await generateKey();
    signed = await issueCredential(plainVc(key.controller), { key, profile: 'vc' });
  });

  it('verifies a plain VC credstack signed (no validFrom: VCDM 2.0 makes it optional); the OB default refuses it by type', async () => {
    const result = await verifyCredential(signed, { profile: 'vc' });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
    expect(result.checks).toContainEqual(expect.objectContaining({ code: 'ISSUER_BOUND', status: 'passed' }));
    const ob = await verifyCredential(signed);
    expect(ob.verified).toBe(false);
    expect(ob.checks).toContainEqual(expect.objectContaining({ code: 'TYPE_UNKNOWN' }));
  });

  it('verifies what the reference stack signed, VCDM 1.1 and 2.0, with an inline @vocab context', async () => {
    const keyPair = await Ed25519Multikey.generate();
    const { didDocument } = await didKeyDriver.fromKeyPair({ verificationKeyPair: keyPair });
    keyPair.id = didDocument.verificationMethod[0].id;
    keyPair.controller = didDocument.id;
    const suite = () => new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 });
    const v2 = plainVc(didDocument.id, {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
      ],
    });
    const v1 = {
      ...plainVc(didDocument.id),
      '@context': [
        'https://www.w3.org/2018/credentials/v1',
        { '@vocab': 'https://www.w3.org/ns/credentials/examples#' },
      ],
      issuanceDate: '2024-01-01T00:00:00Z',
    };
    for (const credential of [v2, v1]) {
      const issued = await vc.issue({ credential, suite: suite(), documentLoader: referenceDocumentLoader });
      const result = await verifyCredential(issued, { profile: 'vc' });
      expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
      expect(result.checks).toContainEqual(expect.objectContaining({ code: 'CONTEXT_INLINE_ACCEPTED' }));
      const tampered = structuredClone(issued) as any;
      tampered.credentialSubject.degree.name = 'Doctor of Medicine';
      expect((await verifyCredential(tampered, { profile: 'vc' })).verdict).toBe('invalid');
    }
  });

  it('an OB badge keeps its rules in the generic profile: an inline context is still refused', async () => {
    const badge = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        { '@vocab': 'https://example.org/#' },
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: key.controller, type: ['Profile'] },
      credentialSubject: {},
    };
    const result = await verifyCredential(badge, { profile: 'vc' });
    expect(result.checks).toContainEqual(
      expect.objectContaining({ code: 'CONTEXT_INLINE', status: 'failed' }),
    );
  });
});
