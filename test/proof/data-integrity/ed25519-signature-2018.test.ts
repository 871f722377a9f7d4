// Ed25519Signature2018 (a real JFF plugfest 3 badge): a controller that does not list the key is
// told from a bad signature by the error's code, as for every other suite.
import { describe, expect, it } from 'vitest';
import { createDocumentLoader, type DocumentLoader } from '../../../src/contexts/index.js';
import { didKeyDocument } from '../../../src/keys/index.js';
import { verifyDataIntegrityProof } from '../../../src/proof/data-integrity/verify.js';
import { vectorJson } from '../../verify/helpers.js';

const badge = vectorJson('real-world/jff-plugfest-3-ed25519signature2018.json') as Record<string, any>;

/** Bundled contexts; the badge's did:key document, with `assertionMethod` replaced when given. */
function loader(assertionMethod?: unknown[]): DocumentLoader {
  const contexts = createDocumentLoader();
  return async (url) => {
    if (typeof url !== 'string' || !url.startsWith('did:key:')) return contexts(url);
    const [did] = url.split('#');
    const doc = didKeyDocument(did!) as unknown as Record<string, any>;
    const document = url.includes('#')
      ? doc.verificationMethod.find((m: { id: string }) => m.id === url)
      : { ...doc, ...(assertionMethod ? { assertionMethod } : {}) };
    return { contextUrl: null, documentUrl: url, document };
  };
}

describe('Ed25519Signature2018 failures carry their code', () => {
  it('verifies with the controller listing the key', async () => {
    expect(await verifyDataIntegrityProof(badge, badge.proof, { documentLoader: loader() })).toEqual({
      verified: true,
    });
  });

  it('a controller that does not list the key → ERR_KEY_NOT_AUTHORIZED', async () => {
    const result = await verifyDataIntegrityProof(badge, badge.proof, { documentLoader: loader([]) });
    expect(result.verified).toBe(false);
    expect(result.error).toMatchObject({ code: 'ERR_KEY_NOT_AUTHORIZED' });
  });

  it('an altered badge → no code (a signature that does not match)', async () => {
    const altered = { ...badge, name: 'Altered' };
    const result = await verifyDataIntegrityProof(altered, badge.proof, { documentLoader: loader() });
    expect(result).toEqual({ verified: false, message: 'signature does not match the document' });
  });
});
