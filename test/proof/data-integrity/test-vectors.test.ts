// The 1EdTech implementation-guide eddsa-rdfc-2022 test vectors (OB 3.0 and CLR 2.0):
// Open Badges 3.0 Implementation Guide, "Linked Data Proof Test Vector" (see test/vectors/SOURCES.md).
// credstack must reproduce the canonical N-Quads, both hashes and the proofValue byte for byte.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, importKeyFile, issueCredential } from '../../../src/index.js';
import { toHex } from '../../../src/lib/bytes.js';
import { asArray } from '../../../src/lib/json.js';
import { proofHashData } from '../../../src/proof/data-integrity/hash-data.js';
import { keyFileFromVector, readVector } from '../../helpers/vectors.js';

const cases = [
  {
    name: 'Open Badges 3.0',
    dir: 'ob-test-vector',
    unsigned: 'credential.unsigned.json',
    signed: 'credential.signed.json',
  },
  {
    name: 'CLR 2.0',
    dir: 'clr-test-vector',
    unsigned: 'clrcredential.unsigned.json',
    signed: 'clrcredential.signed.json',
  },
];

describe.each(cases)('$name eddsa-rdfc-2022 test vector', ({ dir, unsigned, signed }) => {
  const vector = readVector(dir, 'test-vector.json') as {
    keyPair: Record<string, string>;
    proofOptions: Record<string, any>;
    [k: string]: any;
  };
  const credential = readVector(dir, unsigned) as Record<string, unknown>;
  const expected = readVector(dir, signed) as Record<string, any>;
  const documentLoader = createDocumentLoader();

  it('reproduces the canonical N-Quads and both hashes', async () => {
    const { documentCanon, proofCanon, hashData } = await proofHashData(
      credential,
      vector.proofOptions,
      documentLoader,
    );
    expect(documentCanon).toBe(
      readFileSync(new URL(`../../vectors/${dir}/document-canon.nq`, import.meta.url), 'utf8'),
    );
    expect(proofCanon).toBe(
      readFileSync(new URL(`../../vectors/${dir}/proof-canon.nq`, import.meta.url), 'utf8'),
    );
    expect(toHex(hashData)).toBe(vector.dataToSignHex);
    expect(toHex(hashData.slice(0, 32))).toBe(vector.proofHashHex);
    expect(toHex(hashData.slice(32))).toBe(vector.documentHashHex);
  });

  it('issues the published proof byte for byte', async () => {
    const key = importKeyFile(keyFileFromVector(vector));
    const out = (await issueCredential(credential, { key, created: vector.proofOptions.created })) as Record<
      string,
      any
    >;
    // The published files differ only in serialising a single proof as an object (OB) or an
    // array of one (CLR); both are allowed (OB 3.0 §Compacted document form).
    expect(asArray(out.proof)).toEqual(asArray(expected.proof));
    expect(asArray(out.proof)[0].proofValue).toBe(vector.proofValue);
    const { proof: _p, ...rest } = out;
    expect(rest).toEqual(credential);
  });
});
