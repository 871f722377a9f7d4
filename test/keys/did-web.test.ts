import { beforeAll, describe, expect, it } from 'vitest';
import {
  didWebDocument,
  didWebUrl,
  exportJwks,
  generateKey,
  issuerProfileWithKeys,
  type KeyFile,
  keyFromVerificationMethod,
  verificationMethodFromDocument,
} from '../../src/keys/index.js';
import { expectCode } from './helpers.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
let ed: KeyFile;
let rsa: KeyFile;

beforeAll(async () => {
  ed = await generateKey({ did: { web: 'example.edu' }, id: '#key-1' });
  rsa = await generateKey({ algorithm: 'RSA', did: { web: 'example.edu' }, id: '#key-2' });
});

describe('didWebUrl', () => {
  // Examples of the did:web Method Specification §3.2.2 (Read).
  it.each([
    ['did:web:w3c-ccg.github.io', 'https://w3c-ccg.github.io/.well-known/did.json'],
    ['did:web:w3c-ccg.github.io:user:alice', 'https://w3c-ccg.github.io/user/alice/did.json'],
    ['did:web:example.com%3A3000', 'https://example.com:3000/.well-known/did.json'],
    ['did:web:example.com%3A3000:user:alice', 'https://example.com:3000/user/alice/did.json'],
    ['did:web:example.edu#key-1', 'https://example.edu/.well-known/did.json'],
  ])('%s → %s', (did, url) => {
    expect(didWebUrl(did)).toBe(url);
  });

  it('refuses malformed and foreign DIDs', async () => {
    await expectCode(() => didWebUrl('did:web:example.com:..:secret'), 'ERR_KEY_INVALID');
    await expectCode(() => didWebUrl('did:web:example.com:a%2Fb'), 'ERR_KEY_INVALID');
    await expectCode(() => didWebUrl('did:web:exa mple.com'), 'ERR_KEY_INVALID');
    await expectCode(() => didWebUrl('did:web:'), 'ERR_KEY_INVALID');
    await expectCode(() => didWebUrl('did:web:user@example.com'), 'ERR_KEY_INVALID');
    await expectCode(() => didWebUrl('did:example:123'), 'ERR_DID_UNSUPPORTED');
  });
});

describe('didWebDocument', () => {
  it('lists every key in verificationMethod, assertionMethod and authentication', () => {
    const doc = didWebDocument([ed, rsa]);
    expect(doc.id).toBe('did:web:example.edu');
    expect(doc['@context']).toEqual([
      'https://www.w3.org/ns/did/v1',
      'https://w3id.org/security/multikey/v1',
    ]);
    expect(doc.verificationMethod).toEqual([
      {
        id: ed.id,
        type: 'Multikey',
        controller: 'did:web:example.edu',
        publicKeyMultibase: ed.publicKeyMultibase,
      },
      { id: rsa.id, type: 'JsonWebKey', controller: 'did:web:example.edu', publicKeyJwk: rsa.publicKeyJwk },
    ]);
    expect(doc.assertionMethod).toEqual([ed.id, rsa.id]);
    expect(doc.authentication).toEqual([ed.id, rsa.id]);
    expect(JSON.stringify(doc)).not.toMatch(/"d"|secretKeyMultibase|privateKeyJwk/);
  });

  it('is read back by verificationMethodFromDocument, also with relative ids', async () => {
    const doc = didWebDocument([ed, rsa]);
    const vm = verificationMethodFromDocument(doc, ed.id, { purpose: 'assertionMethod' });
    expect(vm).toEqual(doc.verificationMethod[0]);
    const relative = {
      ...doc,
      verificationMethod: [{ ...doc.verificationMethod[1], id: '#key-2' }],
      assertionMethod: ['#key-2'],
    };
    expect(verificationMethodFromDocument(relative, rsa.id, { purpose: 'assertionMethod' })?.id).toBe(rsa.id);
    expect(verificationMethodFromDocument(relative, '#key-2')?.id).toBe(rsa.id);
    expect((await keyFromVerificationMethod(vm)).publicKeyMultibase).toBe(ed.publicKeyMultibase);
  });

  it('honours the purpose: a key not in assertionMethod is not returned for it', () => {
    const doc = { ...didWebDocument([ed, rsa]), assertionMethod: [ed.id] };
    expect(verificationMethodFromDocument(doc, rsa.id)).toBeDefined();
    expect(verificationMethodFromDocument(doc, rsa.id, { purpose: 'assertionMethod' })).toBeUndefined();
    expect(verificationMethodFromDocument(doc, 'did:web:example.edu#nope')).toBeUndefined();
  });

  it('refuses keys of another controller and duplicate ids', async () => {
    const other = await generateKey({ did: { web: 'other.example' } });
    await expectCode(() => didWebDocument([ed, other]), 'ERR_ISSUER_MISMATCH');
    await expectCode(() => didWebDocument([ed, ed]), 'ERR_INVALID_INPUT', /same id/);
    await expectCode(() => didWebDocument([]), 'ERR_INVALID_INPUT');
  });
});

describe('exportJwks', () => {
  it('exports public members only, with kid = id and alg', async () => {
    const p256 = await generateKey({ algorithm: 'P-256' });
    const jwks = exportJwks([ed, rsa, p256], { includeIssuer: true });
    expect(jwks.keys.map((k) => [k.kid, k.alg, k.iss])).toEqual([
      [ed.id, 'EdDSA', ed.controller],
      [rsa.id, 'RS256', rsa.controller],
      [p256.id, 'ES256', p256.controller],
    ]);
    for (const jwk of jwks.keys) for (const member of PRIVATE_MEMBERS) expect(jwk).not.toHaveProperty(member);
    expect(exportJwks([rsa]).keys[0]).not.toHaveProperty('iss');
  });
});

describe('issuerProfileWithKeys', () => {
  const ISSUER = 'https://example.edu/issuers/565049';

  it('publishes the profile with its keys, key documents and a JWKS', async () => {
    const key = await generateKey({ controller: ISSUER });
    const rsaKey = await generateKey({ algorithm: 'RSA', controller: ISSUER });
    const out = issuerProfileWithKeys([key, rsaKey], { id: ISSUER, name: 'Example University' });
    expect(out.profile).toMatchObject({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: ISSUER,
      type: ['Profile'],
      name: 'Example University',
      assertionMethod: [key.id, rsaKey.id],
    });
    // What a verifier dereferencing `${ISSUER}#z6Mk…` gets: the profile, holding the method.
    expect(verificationMethodFromDocument(out.profile, key.id, { purpose: 'assertionMethod' })).toEqual({
      id: key.id,
      type: 'Multikey',
      controller: ISSUER,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    expect(out.keyDocuments[key.id]).toEqual({
      '@context': 'https://w3id.org/security/multikey/v1',
      id: key.id,
      type: 'Multikey',
      controller: ISSUER,
      publicKeyMultibase: key.publicKeyMultibase,
    });
    expect(out.jwksUrl).toBe('https://example.edu/.well-known/jwks.json');
    expect(out.jwks.keys.map((k) => k.kid)).toEqual([key.id, rsaKey.id]);
    expect(Object.keys(out.documents).sort()).toEqual([ISSUER, key.id, rsaKey.id, out.jwksUrl].sort());
    expect(JSON.stringify(out)).not.toMatch(/"d"|secretKeyMultibase|privateKeyJwk/);
  });

  it('refuses keys of another issuer', async () => {
    const key = await generateKey({ controller: 'https://other.example/issuers/1' });
    await expectCode(() => issuerProfileWithKeys(key, { id: ISSUER }), 'ERR_ISSUER_MISMATCH');
    await expectCode(() => issuerProfileWithKeys(key, { id: 'not a url' }), 'ERR_INVALID_INPUT');
  });
});
