// What a Data Integrity signature does not cover must not come back in a verified credential
// ("Verified means authentic", finding 8). The proof signs the canonical N-Quads of the credential;
// JSON-LD expansion keeps a few things toRdf drops or rounds — `@index` (the keyword and the keys
// of an index map), blank node labels, numbers RDF writes with 16 digits (or as integers below
// 1e-6), xsd:double strings it reparses — and `result.credential` is the JSON as given. Each was a
// forgery that verified: a value added or changed in a genuinely signed credential. Each is now a
// failed `jsonld` check with its own code (the credential is `invalid`), refused rather than
// stripped, so that what `verified` vouches for is the JSON the caller holds. A VC-JWT signs its
// bytes, so there all of it is signed and nothing is refused. See test/security/rdf-signed-coverage
// for the general property.
import { beforeAll, describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { createPresentation, verifyPresentation } from '../../src/presentation/index.js';
import { type VerificationResult, type VerifyOptions, verifyCredential } from '../../src/verify/index.js';
import { explain } from './arbitraries.js';

type Json = Record<string, any>;
const NOW = '2026-01-01T00:00:00Z';
const CREATED = '2025-06-01T00:00:00Z';
const OB = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const VC2 = 'https://www.w3.org/ns/credentials/v2';

const verify = (input: unknown, options: VerifyOptions = {}) =>
  verifyCredential(input, { now: NOW, ...options });

function badge(issuer: string, achievement: Json = {}, subject: Json = {}): Json {
  return {
    '@context': [VC2, OB],
    id: 'urn:uuid:5e1a3c7d-2b4f-4a6e-8d9c-1f0e2d3c4b5a',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'], name: 'Index Hall' },
    validFrom: '2025-01-01T00:00:00Z',
    name: 'Statistics',
    credentialSubject: {
      id: 'did:example:learner-8',
      type: ['AchievementSubject'],
      ...subject,
      achievement: {
        id: 'https://example.edu/achievements/statistics',
        type: ['Achievement'],
        name: 'Statistics',
        description: 'Means and medians.',
        criteria: { narrative: 'Passed the exam.' },
        ...achievement,
      },
    },
  };
}

function expectRefused(result: VerificationResult, code: string, path?: string): void {
  expect(result.verified, explain(result)).toBe(false);
  expect(result.verdict, explain(result)).toBe('invalid');
  const check = result.checks.find((c) => c.id === 'jsonld' && c.status === 'failed' && c.code === code);
  expect(check, `no failed jsonld/${code}: ${explain(result)}`).toBeDefined();
  if (path !== undefined) expect(check!.path).toBe(path);
}

let key: KeyFile;
let signed: Json;
beforeAll(async () => {
  key = await generateKey();
  signed = await issueCredential(badge(key.controller), { key, created: CREATED });
}, 60_000);

describe('@index', () => {
  it.each([
    ['the credential', [], '/@index'],
    ['the issuer', ['issuer'], '/issuer/@index'],
    ['the achievement', ['credentialSubject', 'achievement'], '/credentialSubject/achievement/@index'],
    ['the proof', ['proof'], '/proof/@index'],
  ] as const)(
    '"@index" added to %s of a signed credential → JSONLD_INDEX (was verified)',
    async (_, at, path) => {
      expect((await verify(signed)).verdict).toBe('verified');
      const forged = structuredClone(signed);
      let node: Json = forged;
      for (const step of at) node = node[step];
      node['@index'] = 'approved by the registrar';
      expectRefused(await verify(forged), 'JSONLD_INDEX', path);
    },
  );

  it('an @index the issuer signed, changed → JSONLD_INDEX; as signed it is refused too (its value was never signed)', async () => {
    const credential = badge(key.controller, { '@index': 'grade: A' });
    const withIndex = (await issueCredential(credential, { key, created: CREATED })) as Json;
    expectRefused(await verify(withIndex), 'JSONLD_INDEX', '/credentialSubject/achievement/@index');
    const forged = structuredClone(withIndex);
    forged.credentialSubject.achievement['@index'] = 'grade: F';
    expectRefused(await verify(forged), 'JSONLD_INDEX');
  });

  it('the keys of an index map (a caller-supplied context with @container @index) → JSONLD_INDEX (were unsigned)', async () => {
    const url = 'https://caller.example/contexts/index-map.json';
    const documents = {
      [url]: {
        '@context': {
          '@version': 1.1,
          gradesByTerm: { '@id': 'https://caller.example/vocab#grade', '@container': '@index' },
        },
      },
    };
    const credential: Json = { ...badge(key.controller), '@context': [VC2, OB, url] };
    credential.credentialSubject.gradesByTerm = { 'fall 2025': 'A', 'spring 2026': 'B' };
    const issued = (await issueCredential(credential, {
      key,
      created: CREATED,
      documentLoader: createDocumentLoader({ documents }),
    })) as Json;
    // the grades are signed, the terms they are filed under are not: swap the keys
    const forged = structuredClone(issued);
    forged.credentialSubject.gradesByTerm = { 'fall 2025': 'B', 'spring 2026': 'A' };
    expectRefused(await verify(forged, { documents }), 'JSONLD_INDEX');
    expectRefused(await verify(issued, { documents }), 'JSONLD_INDEX');
  });

  it('a VC-JWT signs its bytes: an @index inside it is signed, and it verifies', async () => {
    const credential = badge(key.controller, { '@index': 'grade: A' });
    const jwt = await issueCredential(credential, { key, format: 'vc-jwt' });
    expect((await verify(jwt)).verdict, explain(await verify(jwt))).toBe('verified');
  });
});

describe('blank node identifiers', () => {
  it('a parent organization named by a blank node label, renamed → JSONLD_BLANK_NODE_ID (was verified: RDFC-1.0 relabels blank nodes)', async () => {
    // (@digitalbazaar/vc already refuses to sign a credentialSubject.id that is not a URL)
    const credential = badge(key.controller);
    credential.issuer.parentOrg = { id: '_:registrar', type: ['Profile'], name: 'Registrar' };
    const issued = (await issueCredential(credential, { key, created: CREATED })) as Json;
    const forged = structuredClone(issued);
    forged.issuer.parentOrg.id = '_:ministry-of-education';
    expectRefused(await verify(forged), 'JSONLD_BLANK_NODE_ID', '/issuer/parentOrg/id');
    expectRefused(await verify(issued), 'JSONLD_BLANK_NODE_ID', '/issuer/parentOrg/id');
  });

  it('a blank node label as a type or a property → JSONLD_BLANK_NODE_ID', async () => {
    const asType = structuredClone(signed);
    asType.credentialSubject.achievement.type = ['Achievement', '_:kind'];
    expectRefused(await verify(asType), 'JSONLD_BLANK_NODE_ID', '/credentialSubject/achievement/type/1');
    const asProperty = structuredClone(signed);
    asProperty.credentialSubject['_:note'] = 'honours';
    expectRefused(await verify(asProperty), 'JSONLD_BLANK_NODE_ID', '/credentialSubject/_:note');
  });
});

describe('numbers RDF does not give back', () => {
  let credits: Json;
  beforeAll(async () => {
    credits = await issueCredential(badge(key.controller, { creditsAvailable: 3.5 }), {
      key,
      created: CREATED,
    });
  });

  it('creditsAvailable 3.5 → 3.5000000000000004 → JSONLD_LITERAL_LOSSY (was verified: RDF writes 16 digits)', async () => {
    expect((await verify(credits)).verdict).toBe('verified');
    const forged = structuredClone(credits);
    forged.credentialSubject.achievement.creditsAvailable = 3.5000000000000004;
    expectRefused(
      await verify(forged),
      'JSONLD_LITERAL_LOSSY',
      '/credentialSubject/achievement/creditsAvailable',
    );
  });

  it('creditsAvailable 0 → 1e-7 → JSONLD_LITERAL_LOSSY (was verified: jsonld.js writes it as the integer 0)', async () => {
    const zero: Json = await issueCredential(badge(key.controller, { creditsAvailable: 0 }), {
      key,
      created: CREATED,
    });
    expect((await verify(zero)).verdict).toBe('verified');
    const forged = structuredClone(zero);
    forged.credentialSubject.achievement.creditsAvailable = 1e-7;
    expectRefused(await verify(forged), 'JSONLD_LITERAL_LOSSY');
  });

  it('an xsd:double string with text after the number (a caller-supplied context) → JSONLD_LITERAL_LOSSY (was verified: parseFloat)', async () => {
    const url = 'https://caller.example/contexts/score.json';
    const documents = {
      [url]: {
        '@context': {
          score: {
            '@id': 'https://caller.example/vocab#score',
            '@type': 'http://www.w3.org/2001/XMLSchema#double',
          },
        },
      },
    };
    const credential: Json = { ...badge(key.controller), '@context': [VC2, OB, url] };
    credential.credentialSubject.score = '1.5E0';
    const issued = (await issueCredential(credential, {
      key,
      created: CREATED,
      documentLoader: createDocumentLoader({ documents }),
    })) as Json;
    // the canonical spelling is what is signed, and verifies
    expect((await verify(issued, { documents })).verdict).toBe('verified');
    const forged = structuredClone(issued);
    forged.credentialSubject.score = '1.5 (with honours)';
    expectRefused(await verify(forged, { documents }), 'JSONLD_LITERAL_LOSSY', '/credentialSubject/score');
  });
});

describe('a presentation returns only what its holder signed', () => {
  const challenge = 'c-7f3a';
  const domain = 'employer.example';

  let holder: KeyFile;
  let own: Json;
  beforeAll(async () => {
    holder = await generateKey();
    own = await issueCredential(badge(key.controller, {}, { id: holder.controller }), {
      key,
      created: CREATED,
    });
  }, 60_000);

  async function presented(): Promise<Json> {
    return (await createPresentation([own], {
      key: holder,
      challenge,
      domain,
      created: NOW,
    })) as Json;
  }
  const verifyVp = (vp: unknown) => verifyPresentation(vp, { challenge, domain, now: NOW });

  it('the harness is sound: the presentation verifies as signed', async () => {
    const result = await verifyVp(await presented());
    expect(result.verified, JSON.stringify(result.checks)).toBe(true);
  });

  it('an @index added to the signed presentation → JSONLD_INDEX (was verified, and returned in result.presentation)', async () => {
    const vp = await presented();
    vp['@index'] = 'shortlisted';
    const result = await verifyVp(vp);
    expect(result.verified, JSON.stringify(result.checks)).toBe(false);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'jsonld', status: 'failed', code: 'JSONLD_INDEX' }),
    );
  });
});
