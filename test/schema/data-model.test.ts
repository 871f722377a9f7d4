// validateDataModel and issueCredential({ profile: 'vc' }): what VCDM 2.0 forbids is not signed,
// including the nine issuer checks the W3C vc-data-model-2.0 suite makes that the reference misses.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateKey, issueCredential, type KeyFile, validateDataModel } from '../../src/index.js';
import { plainVc } from '../verify/plain-vc.js';

const ISSUER = 'did:example:issuer';
const V2 = 'https://www.w3.org/ns/credentials/v2';

describe('validateDataModel', () => {
  it('a conforming credential has no issues', () => {
    expect(validateDataModel(plainVc(ISSUER))).toEqual([]);
    expect(
      validateDataModel(
        plainVc(ISSUER, {
          validFrom: '2026-01-01T00:00:00Z',
          name: [{ '@value': 'Diploma', '@language': 'en' }],
          credentialSchema: { id: 'https://example.org/schema.json', type: 'JsonSchema' },
          relatedResource: [{ id: V2, digestSRI: 'sha384-abc+/=' }],
        }),
      ),
    ).toEqual([]);
  });

  const cases: Array<[string, Record<string, unknown>, string]> = [
    ['refreshService without type', { refreshService: { id: 'https://r.example/' } }, '/refreshService/type'],
    [
      'refreshService list item without type',
      { refreshService: [{ id: 'https://r.example/' }] },
      '/refreshService/0/type',
    ],
    [
      'credentialSchema without type',
      { credentialSchema: { id: 'https://s.example/' } },
      '/credentialSchema/type',
    ],
    ['credentialSchema without id', { credentialSchema: { type: 'JsonSchema' } }, '/credentialSchema/id'],
    ['relatedResource as strings', { relatedResource: [V2] }, '/relatedResource/0'],
    [
      'relatedResource without id',
      { relatedResource: [{ digestSRI: 'sha384-abc' }] },
      '/relatedResource/0/id',
    ],
    [
      'relatedResource id twice',
      {
        relatedResource: [
          { id: V2, digestSRI: 'sha384-abc' },
          { id: V2, digestSRI: 'sha384-abd' },
        ],
      },
      '/relatedResource/1/id',
    ],
    ['relatedResource without digest', { relatedResource: [{ id: V2 }] }, '/relatedResource/0'],
    [
      'relatedResource with a malformed digest',
      { relatedResource: [{ id: V2, digestSRI: 'md5 abc' }] },
      '/relatedResource/0/digestSRI',
    ],
    ['validFrom not a dateTimeStamp', { validFrom: '2026-01-01' }, '/validFrom'],
    [
      'validUntil before validFrom',
      { validFrom: '2026-02-01T00:00:00Z', validUntil: '2026-01-01T00:00:00Z' },
      '/validUntil',
    ],
    ['id not a URL', { id: 'not a url' }, '/id'],
    ['no credentialSubject', { credentialSubject: undefined }, '/credentialSubject'],
    ['issuer not a URL', { issuer: 'Example University' }, '/issuer'],
    ['name not a string or language object', { name: 42 }, '/name'],
    ['termsOfUse without type', { termsOfUse: { id: 'https://t.example/' } }, '/termsOfUse/type'],
    ['evidence without type', { evidence: [{ id: 'https://e.example/' }] }, '/evidence/0/type'],
    [
      'credentialStatus without type',
      { credentialStatus: { id: 'https://s.example/1#2' } },
      '/credentialStatus/type',
    ],
  ];
  it.each(cases)('%s', (_name, extra, path) => {
    const issues = validateDataModel(plainVc(ISSUER, extra));
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('the first context and VerifiableCredential are required; VCDM 1.1 needs issuanceDate', () => {
    expect(validateDataModel({ ...plainVc(ISSUER), '@context': ['https://example.org/ctx'] })[0]?.path).toBe(
      '/@context/0',
    );
    expect(
      validateDataModel({ ...plainVc(ISSUER), type: ['ExampleCredential'] }).map((i) => i.path),
    ).toContain('/type');
    const v1 = { ...plainVc(ISSUER), '@context': ['https://www.w3.org/2018/credentials/v1'] };
    expect(validateDataModel(v1).map((i) => i.path)).toContain('/issuanceDate');
  });
});

describe("issueCredential({ profile: 'vc' })", () => {
  let key: KeyFile;
  beforeAll(async () => {
    key = await generateKey();
  });

  it('signs a plain VC; refuses one that breaks the data model with ERR_DATA_MODEL_INVALID and every issue', async () => {
    const signed = await issueCredential(plainVc(key.controller), { key, profile: 'vc' });
    expect(signed.proof).toMatchObject({ cryptosuite: 'eddsa-rdfc-2022' });
    const bad = plainVc(key.controller, {
      credentialSchema: { id: 'https://s.example/' },
      refreshService: {},
    });
    const error = await issueCredential(bad, { key, profile: 'vc' }).catch((e) => e);
    expect(error).toMatchObject({ code: 'ERR_DATA_MODEL_INVALID' });
    expect(error.details.map((i: { path: string }) => i.path)).toEqual(
      expect.arrayContaining(['/credentialSchema/type', '/refreshService/type']),
    );
  });

  it('the OB default still refuses a plain VC; an OB badge under the generic profile still meets its schema', async () => {
    await expect(issueCredential(plainVc(key.controller), { key })).rejects.toMatchObject({
      code: 'ERR_UNKNOWN_TYPE',
    });
    const badge = {
      '@context': [V2, 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: key.controller, type: ['Profile'] },
      credentialSubject: { type: ['AchievementSubject'] },
    };
    await expect(issueCredential(badge, { key, profile: 'vc' })).rejects.toMatchObject({
      code: 'ERR_SCHEMA_INVALID',
    });
  });
});
