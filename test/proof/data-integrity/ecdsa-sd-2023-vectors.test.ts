// The W3C vc-di-ecdsa ecdsa-sd-2023 test vectors (TestVectors/ecdsa-sd-2023 of w3c/vc-di-ecdsa; see
// test/vectors/w3c-vc-di-ecdsa-sd/SOURCE.md): an employment authorization document and a
// permanent resident card, each signed with a base proof, then derived with selective pointers.
//
// What is deterministic is compared byte for byte:
// - deriving: the holder's disclosure proof reuses the issuer's signatures and HMAC key and adds
//   no randomness, so credstack's derived document from the vector's base document must be the
//   vector's derived document exactly (the JSON text, the proofValue, the labelMap and the
//   mandatory indexes);
// - the key material: credstack's Multikey encodings of the vector's P-256 keys;
// - the proof options and the mandatory/non-mandatory split of a base proof credstack signs.
//
// What is not: the base proofValue. The vector's base signature is deterministic (RFC 6979, checked
// below with @noble/curves), but the ecdsa-sd-2023 base proof signs with a one-time P-256 key and
// relabels blank nodes with an HMAC key, both drawn at random when signing (the reference suite
// credstack runs takes neither as an input), and credstack's P-256 signer (node:crypto / WebCrypto)
// uses a random nonce. So a base proof credstack signs differs from the vector's in its signatures,
// one-time key and HMAC key (and a credential derived from it in its label values and mandatory
// indexes, which follow the HMAC'd blank node labels); the tests compare its structure instead.
//
// The vectors' `issuer` is not the controller of the signing did:key (issuer did:key:zDnaegE6… and
// did:key:zDnaeTHx…, key did:key:zDnaepBu…): credstack verifies the signature and fails the issuer
// binding, as it must.
import { readFileSync } from 'node:fs';
import { p256 } from '@noble/curves/nist.js';
import * as base58 from 'base58-universal';
import { describe, expect, it } from 'vitest';
import {
  createDocumentLoader,
  createVerifier,
  deriveCredential,
  importKeyFile,
  issueCredential,
  parseDidKey,
  type VerificationResult,
  verifyCredential,
} from '../../../src/index.js';
import { readVector } from '../../helpers/vectors.js';

type Json = Record<string, any>;

const DIR = 'w3c-vc-di-ecdsa-sd';
const CITIZENSHIP_V4RC1 = 'https://w3id.org/citizenship/v4rc1';
// Not bundled with credstack: supplied as a document, as a verifier configured for it would.
const documents = {
  [CITIZENSHIP_V4RC1]: JSON.parse(
    readVector(`${DIR}/documents`, 'citizenship-v4rc1.jsonld') as string,
  ) as Json,
};
const documentLoader = createDocumentLoader({ documents });
// Inside both vectors' validity periods (the permanent resident card's ends 2025-12-16).
const NOW = new Date('2025-06-01T00:00:00Z');
const keyMaterial = readVector(DIR, 'SDKeyMaterial.json') as Record<
  'baseKeyPair' | 'proofKeyPair',
  Record<'publicKeyMultibase' | 'secretKeyMultibase', string>
> & { hmacKeyString: string };

const cases = [
  {
    name: 'employment authorization document',
    dir: 'employ',
    unsigned: 'employmentAuth.json',
    mandatory: 'employMandatory.json',
    selective: 'employSelective.json',
    signedDiffers: {},
  },
  {
    name: 'permanent resident card',
    dir: 'prc',
    unsigned: 'prCredUnsigned.json',
    mandatory: 'prCredMandatory.json',
    selective: 'prCredSelective.json',
    // Upstream, commit e11e92c reworded the card's description in addSignedSDBase.json (and the
    // intermediate files) but not in the input prCredUnsigned.json: the signed document is the
    // input with this one member changed. The derived document does not reveal it.
    signedDiffers: { description: 'Permanent Resident Card from Government of Utopia.' },
  },
];

// ---------------------------------------------------------------------------------------------
// Reading proofValues: a minimal CBOR decoder for what ecdsa-sd-2023 puts there (unsigned
// integers, byte and text strings, arrays, maps, tags).

function decodeCbor(bytes: Uint8Array): unknown {
  let i = 0;
  const argument = (info: number): number => {
    if (info < 24) return info;
    const length = { 24: 1, 25: 2, 26: 4 }[info];
    if (length === undefined) throw new Error(`unsupported CBOR additional information ${info}`);
    let value = 0;
    for (let k = 0; k < length; k++) value = value * 256 + bytes[i++]!;
    return value;
  };
  const item = (): unknown => {
    const initial = bytes[i++]!;
    const major = initial >> 5;
    const value = argument(initial & 31);
    switch (major) {
      case 0:
        return value;
      case 2:
      case 3: {
        const data = bytes.slice(i, i + value);
        i += value;
        return major === 2 ? data : new TextDecoder().decode(data);
      }
      case 4:
        return Array.from({ length: value }, () => item());
      case 5: {
        const map = new Map<unknown, unknown>();
        for (let k = 0; k < value; k++) map.set(item(), item());
        return map;
      }
      case 6:
        return { tag: value, value: item() };
      default:
        throw new Error(`unsupported CBOR major type ${major}`);
    }
  };
  const value = item();
  if (i !== bytes.length) throw new Error('trailing bytes after the CBOR item');
  return value;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const fromHex = (text: string) => new Uint8Array(Buffer.from(text, 'hex'));
const multibase58 = (bytes: Uint8Array) => `z${base58.encode(bytes)}`;

function proofValueItem(proofValue: string, tag: number): unknown[] {
  expect(proofValue.startsWith('u')).toBe(true);
  const item = decodeCbor(Buffer.from(proofValue.slice(1), 'base64url')) as { tag: number; value: unknown[] };
  expect(item.tag).toBe(tag);
  return item.value;
}

/** The members of an ecdsa-sd-2023 base proofValue (CBOR tag 0x5d00). */
function parseBaseProofValue(proofValue: string) {
  const [baseSignature, publicKey, hmacKey, signatures, mandatoryPointers] = proofValueItem(
    proofValue,
    0x5d00,
  ) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array[], string[]];
  return {
    baseSignature: hex(baseSignature),
    publicKey: multibase58(publicKey),
    hmacKey: hex(hmacKey),
    signatures: signatures.map(hex),
    mandatoryPointers,
  };
}

/** The members of an ecdsa-sd-2023 disclosure (derived) proofValue (CBOR tag 0x5d01). */
function parseDerivedProofValue(proofValue: string) {
  const [baseSignature, publicKey, signatures, labelMap, mandatoryIndexes] = proofValueItem(
    proofValue,
    0x5d01,
  ) as [Uint8Array, Uint8Array, Uint8Array[], Map<number, Uint8Array>, number[]];
  return {
    baseSignature: hex(baseSignature),
    publicKey: multibase58(publicKey),
    signatures: signatures.map(hex),
    // The compressed label map: c14n<n> → u<base64url of the HMAC'd label>.
    labelMap: [...labelMap].map(([n, label]) => [`c14n${n}`, `u${Buffer.from(label).toString('base64url')}`]),
    mandatoryIndexes,
  };
}

/** A credstack key file for a vector key pair (the JWK comes from the did:key). */
function keyFile(pair: Record<'publicKeyMultibase' | 'secretKeyMultibase', string>) {
  const did = parseDidKey(`did:key:${pair.publicKeyMultibase}`);
  return importKeyFile({
    id: did.verificationMethodId,
    controller: did.did,
    type: 'Multikey',
    algorithm: 'P-256',
    publicKeyJwk: did.publicKeyJwk,
    secretKeyMultibase: pair.secretKeyMultibase,
  });
}

function check(result: VerificationResult, id: string) {
  const found = result.checks.filter((c) => c.id === id);
  expect(found, `one ${id} check in ${JSON.stringify(result.checks)}`).toHaveLength(1);
  return found[0]!;
}

/** The vector's derived proof verifies; its issuer is not the key's controller. */
function expectSignatureValidIssuerUnbound(result: VerificationResult, issuer: string) {
  expect(check(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' });
  expect(check(result, 'issuer')).toMatchObject({ status: 'failed', code: 'ISSUER_KEY_MISMATCH' });
  expect(check(result, 'issuer').message).toContain(issuer);
  const failedChecks = result.checks.filter((c) => c.status === 'failed').map((c) => c.code);
  expect(failedChecks).toEqual(['ISSUER_KEY_MISMATCH']);
  expect(result.verified).toBe(false);
  expect(result.verdict).toBe('invalid');
}

describe('W3C vc-di-ecdsa ecdsa-sd-2023 key material', () => {
  it('credstack imports both key pairs and encodes them as the vector does', () => {
    for (const pair of [keyMaterial.baseKeyPair, keyMaterial.proofKeyPair]) {
      const key = keyFile(pair);
      expect(key.publicKeyMultibase).toBe(pair.publicKeyMultibase);
      expect(key.secretKeyMultibase).toBe(pair.secretKeyMultibase);
    }
  });
});

describe.each(cases)('W3C vc-di-ecdsa ecdsa-sd-2023 vector: $name', (c) => {
  const read = (file: string) => readVector(`${DIR}/${c.dir}`, file) as Json;
  const base = read('addSignedSDBase.json');
  const unsigned = read(c.unsigned);
  const mandatoryPointers = read(c.mandatory) as unknown as string[];
  const selectivePointers = read(c.selective) as unknown as string[];
  const derivedUnsigned = read('derivedUnsignedReveal.json');
  const derivedExpected = read('derivedRevealDocument.json');
  // The file's text, to compare the JSON credstack writes with it byte for byte.
  const derivedText = readFileSync(
    new URL(`../../vectors/${DIR}/${c.dir}/derivedRevealDocument.json`, import.meta.url),
    'utf8',
  );
  const derivedProofValue = read('verifyDerivedProofValue.json');
  const hashData = read('addHashData.json') as Record<'proofHash' | 'mandatoryHash', string>;
  const baseKey = keyFile(keyMaterial.baseKeyPair);
  const issuer = unsigned.issuer.id as string;
  // What the vector's base proof signs (see signedDiffers).
  const { proof: _baseProof, ...signedDocument } = base;

  it('the vector files agree with each other (and the decoder reads them)', () => {
    const { proof, ...document } = base;
    expect(document).toEqual({ ...unsigned, ...c.signedDiffers });
    expect(proof.verificationMethod).toBe(baseKey.id);
    expect(issuer).not.toBe(baseKey.controller);
    const parsed = parseBaseProofValue(proof.proofValue);
    expect(parsed).toMatchObject({
      publicKey: keyMaterial.proofKeyPair.publicKeyMultibase,
      hmacKey: keyMaterial.hmacKeyString.toLowerCase(),
      mandatoryPointers,
    });
    const { proof: derivedProof, ...derivedDocument } = derivedExpected;
    expect(derivedDocument).toEqual(derivedUnsigned);
    expect(parseDerivedProofValue(derivedProof.proofValue)).toEqual(derivedProofValue);
    expect(derivedProofValue.baseSignature).toBe(parsed.baseSignature);
  });

  it('the base signature is RFC 6979 deterministic, and credstack’s P-256 verifier accepts it', async () => {
    const { baseSignature, publicKey } = parseBaseProofValue(base.proof.proofValue);
    // proofHash ‖ the one-time public key (multicodec header included) ‖ mandatoryHash.
    const toSign = new Uint8Array([
      ...fromHex(hashData.proofHash),
      ...base58.decode(publicKey.slice(1)),
      ...fromHex(hashData.mandatoryHash),
    ]);
    const secret = base58.decode(keyMaterial.baseKeyPair.secretKeyMultibase.slice(1)).slice(2);
    expect(hex(p256.sign(toSign, secret))).toBe(baseSignature);
    const verifier = await createVerifier(baseKey);
    expect(await verifier.verify({ data: toSign, signature: fromHex(baseSignature) })).toBe(true);
    const wrong = fromHex(baseSignature);
    wrong[10]! ^= 1;
    expect(await verifier.verify({ data: toSign, signature: wrong })).toBe(false);
  });

  it('deriveCredential reproduces the vector’s derived document byte for byte', async () => {
    const derived = await deriveCredential(base, { reveal: selectivePointers, documentLoader });
    const { proof, ...document } = derived as Json;
    expect(document).toEqual(derivedUnsigned);
    expect(JSON.stringify(document, null, 2)).toBe(JSON.stringify(derivedUnsigned, null, 2));
    expect(proof).toEqual(derivedExpected.proof);
    expect(proof.proofValue).toBe(derivedExpected.proof.proofValue);
    expect(JSON.stringify(derived, null, 2)).toBe(derivedText);
    // So also the canonical/mandatory split it carries: the selected signatures, the label map of
    // the revealed blank nodes and the indexes of the mandatory statements among the revealed ones.
    expect(parseDerivedProofValue(proof.proofValue)).toEqual(derivedProofValue);

    const result = await verifyCredential(derived, { documents, profile: 'vc', now: NOW });
    expectSignatureValidIssuerUnbound(result, issuer);
  });

  it('the citizenship context is needed: without it credstack neither derives nor verifies', async () => {
    await expect(deriveCredential(base, { reveal: selectivePointers })).rejects.toMatchObject({
      code: 'ERR_DOCUMENT_NOT_FOUND',
    });
    const result = await verifyCredential(derivedExpected, { profile: 'vc', now: NOW });
    expect(result.checks.filter((x) => x.status === 'failed')).toEqual([
      expect.objectContaining({ id: 'context', code: 'CONTEXT_UNKNOWN', path: '/@context/1' }),
    ]);
    expect(result.verdict).toBe('indeterminate');
  });

  it('verifyCredential: the vector’s derived proof verifies, its issuer binding fails', async () => {
    const result = await verifyCredential(derivedExpected, { documents, profile: 'vc', now: NOW });
    expectSignatureValidIssuerUnbound(result, issuer);
    expect(check(result, 'proof').message).toContain('/credentialSubject/birthCountry');
    // The default (Open Badges) profile refuses the credential type before any proof is checked.
    const ob = await verifyCredential(derivedExpected, { documents, now: NOW });
    expect(check(ob, 'type')).toMatchObject({ status: 'failed', code: 'TYPE_UNKNOWN' });
    expect(ob.verified).toBe(false);
  });

  it('the base document is for the holder: verifyCredential says so and does not verify it', async () => {
    const result = await verifyCredential(base, { documents, profile: 'vc', now: NOW });
    expect(check(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_SD_BASE' });
    expect(result.verified).toBe(false);
  });

  it('a tampered derived document (one revealed value changed) is not verified', async () => {
    for (const tamper of [
      (d: Json) => {
        d.credentialSubject.birthCountry = 'Utopia';
      },
      (d: Json) => {
        d.validUntil = '2099-12-31T23:59:59Z';
      },
    ]) {
      const copy = structuredClone(derivedExpected);
      tamper(copy);
      const result = await verifyCredential(copy, { documents, profile: 'vc', now: NOW });
      expect(check(result, 'proof')).toMatchObject({ status: 'failed', code: 'PROOF_SIGNATURE_INVALID' });
      expect(result.verified).toBe(false);
      expect(result.verdict).toBe('invalid');
    }
  });

  it('credstack signs the vector’s credential with the vector’s key: same proof options and split', async () => {
    // credstack refuses to sign for an issuer the key does not speak for.
    await expect(
      issueCredential(signedDocument, {
        key: baseKey,
        format: 'ecdsa-sd-2023',
        profile: 'vc',
        mandatoryPointers,
        documentLoader,
      }),
    ).rejects.toMatchObject({ code: 'ERR_ISSUER_MISMATCH' });

    const rebound = { ...signedDocument, issuer: { ...signedDocument.issuer, id: baseKey.controller } };
    const signed = (await issueCredential(rebound, {
      key: baseKey,
      format: 'ecdsa-sd-2023',
      profile: 'vc',
      mandatoryPointers,
      created: base.proof.created,
      documentLoader,
    })) as Json;
    const { proofValue, ...options } = signed.proof;
    const { proofValue: vectorValue, ...vectorOptions } = base.proof;
    expect(options).toEqual(vectorOptions);
    const ours = parseBaseProofValue(proofValue);
    const theirs = parseBaseProofValue(vectorValue);
    expect(ours.mandatoryPointers).toEqual(theirs.mandatoryPointers);
    // One signature per non-mandatory statement: the same statements are mandatory.
    expect(ours.signatures).toHaveLength(theirs.signatures.length);
    // Random: the one-time key, the HMAC key and so every signature.
    expect(ours.publicKey).not.toBe(theirs.publicKey);
    expect(ours.hmacKey).not.toBe(theirs.hmacKey);

    const derived = await deriveCredential(signed, { reveal: selectivePointers, documentLoader });
    const { proof, ...document } = derived as Json;
    expect(document).toEqual({
      ...derivedUnsigned,
      issuer: { ...derivedUnsigned.issuer, id: baseKey.controller },
    });
    const disclosed = parseDerivedProofValue(proof.proofValue);
    expect(disclosed.signatures).toHaveLength(derivedProofValue.signatures.length);
    expect(disclosed.mandatoryIndexes).toHaveLength(derivedProofValue.mandatoryIndexes.length);
    // The label map's keys are the canonical labels of the revealed blank nodes; its values are HMACs.
    expect(disclosed.labelMap.map(([label]) => label)).toEqual(
      derivedProofValue.labelMap.map(([label]: [string]) => label),
    );

    const result = await verifyCredential(derived, { documents, profile: 'vc', now: NOW });
    expect(result.verdict, JSON.stringify(result.checks)).toBe('verified');
    expect(check(result, 'proof')).toMatchObject({ status: 'passed', code: 'PROOF_VALID' });
    expect(check(result, 'issuer')).toMatchObject({ status: 'passed', code: 'ISSUER_BOUND' });
  });
});
