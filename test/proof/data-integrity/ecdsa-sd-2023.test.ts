// ecdsa-sd-2023 selective disclosure: credstack issues base proofs, derives and verifies
// disclosure proofs, and interoperates with the reference suite in both directions.
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import {
  createDiscloseCryptosuite,
  createSignCryptosuite,
  createVerifyCryptosuite,
} from '@digitalbazaar/ecdsa-sd-2023-cryptosuite';
import jsigs from 'jsonld-signatures';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultMandatoryPointers,
  deriveCredential,
  generateKey,
  issueCredential,
  type KeyFile,
  verifyCredential,
} from '../../../src/index.js';
import { didKeyDriver, EcdsaMultikey, referenceDocumentLoader } from '../../interop/reference-stack.js';
import { sdBadge } from '../sd-badge.js';

const NOW = new Date('2030-01-01T00:00:00Z');

async function referenceVerify(credential: unknown) {
  return vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }),
    documentLoader: referenceDocumentLoader,
    checkStatus: async () => ({ verified: true }),
  });
}

describe('ecdsa-sd-2023', () => {
  let key: KeyFile;
  beforeAll(async () => {
    key = await generateKey({ algorithm: 'P-256' });
  });

  it('default mandatory pointers name what a verifier needs, present members only', () => {
    expect(defaultMandatoryPointers(sdBadge('did:example:x'))).toEqual([
      '/issuer',
      '/validFrom',
      '/type',
      '/credentialSubject/type',
      '/credentialSubject/achievement/id',
      '/credentialSubject/achievement/type',
      '/credentialSubject/achievement/name',
      '/credentialSubject/achievement/description',
      '/credentialSubject/achievement/criteria',
    ]);
  });

  it('issues a base proof; deriving reveals the mandatory and selected members; credstack verifies', async () => {
    const base = await issueCredential(sdBadge(key.controller), { key, format: 'ecdsa-sd-2023' });
    const proof = base.proof as Record<string, any>;
    expect(proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'ecdsa-sd-2023' });
    expect(proof.proofValue.startsWith('u2V0A')).toBe(true);

    const derived = await deriveCredential(base, { reveal: ['/credentialSubject/id'] });
    expect(derived.credentialSubject).toMatchObject({ id: 'did:example:learner' });
    expect((derived.credentialSubject as any).result).toBeUndefined();
    expect(derived.name).toBeUndefined();
    expect((derived as any).issuer).toEqual(base.issuer);
    expect((derived.proof as any).proofValue.startsWith('u2V0B')).toBe(true);

    const result = await verifyCredential(derived, { now: NOW });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
    const valid = result.checks.find((c) => c.code === 'PROOF_VALID')!;
    expect(valid.message).toContain('/credentialSubject/id');
    expect(valid.message).toContain('/issuer/name');
    expect(valid.message).not.toContain('/credentialSubject/result');
    expect(result.disclosed).toContain('/credentialSubject/id');
    expect(result.disclosed).toContain('/credentialSubject/achievement/name');
    expect(result.disclosed!.some((p) => p.startsWith('/credentialSubject/result'))).toBe(false);
    expect(result.disclosed!.some((p) => p.startsWith('/name'))).toBe(false);
    expect(result.checks).toContainEqual(expect.objectContaining({ code: 'ISSUER_BOUND', status: 'passed' }));
  });

  it('a derived credential missing members the schema needs is a conformance warning, not invalid', async () => {
    const base = await issueCredential(sdBadge(key.controller), {
      key,
      format: 'ecdsa-sd-2023',
      mandatoryPointers: ['/issuer', '/validFrom', '/credentialSubject/id'],
    });
    const derived = await deriveCredential(base, { reveal: [] });
    expect((derived.credentialSubject as any).achievement).toBeUndefined();
    const lenient = await verifyCredential(derived, { now: NOW });
    expect(lenient.verdict, JSON.stringify(lenient.checks)).toBe('verified');
    expect(lenient.conformance?.conforms).toBe(false);
    const strict = await verifyCredential(derived, { now: NOW, strict: true });
    expect(strict.verdict).toBe('invalid');
  });

  it('a base proof is indeterminate: derive first', async () => {
    const base = await issueCredential(sdBadge(key.controller), { key, format: 'ecdsa-sd-2023' });
    const result = await verifyCredential(base, { now: NOW });
    expect(result.verdict).toBe('indeterminate');
    expect(result.disclosed).toBeUndefined();
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'proof', code: 'PROOF_SD_BASE', verdict: 'indeterminate' }),
    );
  });

  it('refuses an Ed25519 key, a pointer to nothing, and deriving what has no base proof', async () => {
    const ed = await generateKey({ algorithm: 'Ed25519' });
    await expect(
      issueCredential(sdBadge(ed.controller), { key: ed, format: 'ecdsa-sd-2023' }),
    ).rejects.toMatchObject({ code: 'ERR_KEY_UNSUPPORTED' });
    await expect(
      issueCredential(sdBadge(key.controller), {
        key,
        format: 'ecdsa-sd-2023',
        mandatoryPointers: ['/nothing/here'],
      }),
    ).rejects.toMatchObject({ code: 'ERR_INVALID_INPUT', path: '/nothing/here' });
    const base = await issueCredential(sdBadge(key.controller), { key, format: 'ecdsa-sd-2023' });
    await expect(deriveCredential(base, { reveal: ['/nope'] })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
      path: '/nope',
    });
    const plain = await issueCredential(sdBadge(key.controller), { key });
    await expect(deriveCredential(plain, { reveal: [] })).rejects.toMatchObject({
      code: 'ERR_INVALID_INPUT',
    });
    const derived = await deriveCredential(base, { reveal: [] });
    await expect(deriveCredential(derived, { reveal: [] })).rejects.toThrow(/already derived/);
  });

  it('interop: credstack issues → the reference suite derives → credstack verifies', async () => {
    const base = await issueCredential(sdBadge(key.controller), { key, format: 'ecdsa-sd-2023' });
    const derived = await (vc as any).derive({
      verifiableCredential: base,
      suite: new DataIntegrityProof({
        cryptosuite: createDiscloseCryptosuite({ selectivePointers: ['/credentialSubject/result'] }),
      }),
      documentLoader: referenceDocumentLoader,
    } as never);
    const result = await verifyCredential(derived, { now: NOW });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
    expect(result.checks.find((c) => c.code === 'PROOF_VALID')!.message).toContain(
      '/credentialSubject/result/0/value',
    );
  });

  it('interop: credstack derives → the reference suite verifies', async () => {
    const base = await issueCredential(sdBadge(key.controller), { key, format: 'ecdsa-sd-2023' });
    const derived = await deriveCredential(base, { reveal: ['/name'] });
    const result = await referenceVerify(derived);
    expect(result.verified, JSON.stringify(result.error ?? result.results)).toBe(true);
  });

  it('interop: the reference suite issues and derives → credstack verifies', async () => {
    const keyPair = await EcdsaMultikey.generate({ curve: 'P-256' });
    const { didDocument } = await didKeyDriver.fromKeyPair({ verificationKeyPair: keyPair });
    keyPair.id = didDocument.verificationMethod[0].id;
    keyPair.controller = didDocument.id;
    const base = await vc.issue({
      credential: sdBadge(didDocument.id),
      suite: new DataIntegrityProof({
        signer: keyPair.signer(),
        cryptosuite: createSignCryptosuite({ mandatoryPointers: ['/issuer', '/validFrom'] }),
      }),
      documentLoader: referenceDocumentLoader,
    });
    const derived = await deriveCredential(base as never, {
      reveal: ['/credentialSubject/achievement'],
    });
    const result = await verifyCredential(derived, { now: NOW });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
  });

  it('the credential with its base proof verifies with jsonld-signatures only once derived', async () => {
    // the reference verifier refuses base proofs too
    const base = await issueCredential(sdBadge(key.controller), { key, format: 'ecdsa-sd-2023' });
    const result = await jsigs.verify(base, {
      suite: new DataIntegrityProof({ cryptosuite: createVerifyCryptosuite() }),
      purpose: new jsigs.purposes.AssertionProofPurpose(),
      documentLoader: referenceDocumentLoader,
    });
    expect(result.verified).toBe(false);
  });
});
