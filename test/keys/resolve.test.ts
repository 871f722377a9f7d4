import { describe, expect, it, vi } from 'vitest';
import {
  createKeyResolver,
  createSigner,
  createVerifier,
  didWebDocument,
  generateKey,
  issuerProfileWithKeys,
} from '../../src/keys/index.js';
import { utf8 } from '../../src/lib/bytes.js';
import { expectCode } from './helpers.js';

const VECTOR_DID = 'did:key:z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';

describe('createKeyResolver', () => {
  it('resolves did:key offline, with or without the fragment', async () => {
    const fetchJson = vi.fn();
    const resolve = createKeyResolver({ fetchJson });
    for (const id of [VECTOR_DID, `${VECTOR_DID}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`]) {
      const { verificationMethod, controllerDocument } = await resolve(id);
      expect(verificationMethod).toEqual({
        id: `${VECTOR_DID}#z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi`,
        type: 'Multikey',
        controller: VECTOR_DID,
        publicKeyMultibase: 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi',
      });
      expect((controllerDocument as { assertionMethod: string[] }).assertionMethod).toEqual([
        verificationMethod.id,
      ]);
    }
    expect(fetchJson).not.toHaveBeenCalled();
  });

  it('resolves a did:web from documents, keyed by DID or by did.json URL', async () => {
    const key = await generateKey({
      algorithm: 'P-256',
      did: { web: 'example.edu:issuers:1' },
      id: '#key-1',
    });
    const doc = didWebDocument([key]);
    for (const documents of [{ [key.controller]: doc }, { 'https://example.edu/issuers/1/did.json': doc }]) {
      const { verificationMethod, controllerDocument } = await createKeyResolver({ documents })(key.id);
      expect(verificationMethod.publicKeyMultibase).toBe(key.publicKeyMultibase);
      expect(controllerDocument).toBe(doc);
      // The resolved method verifies what the key signs.
      const signature = await (await createSigner(key)).sign({ data: utf8('x') });
      expect(await (await createVerifier(verificationMethod)).verify({ data: utf8('x'), signature })).toBe(
        true,
      );
    }
  });

  it('fetches a did:web only through fetchJson, at its did.json URL, once', async () => {
    const key = await generateKey({ did: { web: 'example.edu' } });
    const fetchJson = vi.fn(async () => didWebDocument([key]));
    const resolve = createKeyResolver({ fetchJson });
    await resolve(key.id);
    await resolve(key.id);
    expect(fetchJson).toHaveBeenCalledTimes(1);
    expect(fetchJson).toHaveBeenCalledWith('https://example.edu/.well-known/did.json');
  });

  it('resolves an https verification method from documents (profile or key document)', async () => {
    const issuer = 'https://example.edu/issuers/565049';
    const key = await generateKey({ controller: issuer });
    const { documents, profile, keyDocuments } = issuerProfileWithKeys(key, { id: issuer, name: 'Example' });

    const viaProfile = await createKeyResolver({ documents: { [issuer]: profile } })(key.id);
    expect(viaProfile.verificationMethod).toEqual({
      id: key.id,
      type: 'Multikey',
      controller: issuer,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    expect(viaProfile.controllerDocument).toBe(profile);

    const viaKeyDocument = await createKeyResolver({ documents })(key.id);
    expect(viaKeyDocument.verificationMethod.publicKeyMultibase).toBe(key.publicKeyMultibase);
    expect(viaKeyDocument.controllerDocument).toBe(profile);

    // A key document alone resolves; its controller document is simply unknown.
    const alone = await createKeyResolver({ documents: { [key.id]: keyDocuments[key.id] } })(key.id);
    expect(alone.verificationMethod.controller).toBe(issuer);
    expect(alone.controllerDocument).toBeUndefined();
  });
});

describe('createKeyResolver negative cases', () => {
  it('refuses to fetch when no fetchJson is given', async () => {
    const resolve = createKeyResolver();
    await expectCode(
      () => resolve('https://example.edu/issuers/1#key-1'),
      'ERR_NETWORK_DISABLED',
      /network access is off/,
    );
    await expectCode(
      () => resolve('did:web:example.edu#key-1'),
      'ERR_NETWORK_DISABLED',
      /well-known\/did\.json/,
    );
  });

  it('refuses unsupported DID methods and ids without a known scheme (1EdTech validator fixtures)', async () => {
    const resolve = createKeyResolver({ fetchJson: vi.fn() });
    await expectCode(
      () => resolve('did:example:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x'),
      'ERR_DID_UNSUPPORTED',
    );
    await expectCode(
      () => resolve('z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x'),
      'ERR_KEY_INVALID',
      /scheme/,
    );
    await expectCode(
      () => resolve('xxx:z6MkrvfzkMnvCroEUP2DVc9SHPE48CRsvHiVSusHioxTYu1x'),
      'ERR_KEY_INVALID',
      /scheme/,
    );
  });

  it('refuses a document without the method, a DID document of another DID, and http fetches', async () => {
    const key = await generateKey({ did: { web: 'example.edu' } });
    const doc = didWebDocument([key]);
    await expectCode(
      () => createKeyResolver({ documents: { 'did:web:example.edu': doc } })('did:web:example.edu#missing'),
      'ERR_DOCUMENT_NOT_FOUND',
    );
    await expectCode(
      () => createKeyResolver({ documents: { 'did:web:evil.example': doc } })('did:web:evil.example#key-1'),
      'ERR_KEY_INVALID',
      /must be did:web:evil.example/,
    );
    await expectCode(
      () => createKeyResolver({ fetchJson: vi.fn() })('http://example.edu/issuers/1#key-1'),
      'ERR_FETCH_REFUSED',
    );
  });

  it('wraps fetch failures and does not cache them', async () => {
    const key = await generateKey({ did: { web: 'example.edu' } });
    const fetchJson = vi
      .fn<(url: string) => Promise<unknown>>()
      .mockRejectedValueOnce(new Error('ECONNRESET'))
      .mockResolvedValueOnce(didWebDocument([key]));
    const resolve = createKeyResolver({ fetchJson });
    await expectCode(() => resolve(key.id), 'ERR_FETCH_FAILED');
    expect((await resolve(key.id)).verificationMethod.id).toBe(key.id);
  });
});
