import { describe, expect, it } from 'vitest';
import {
  CLR_CREDENTIAL_SCHEMA,
  OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
  OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
} from '../../src/model/index.js';
import { bundledSchemaIds, getSchema, validate, validateAgainst } from '../../src/schema/index.js';
import { loadVector, requiredPointers, VALID_CREDENTIALS, without } from './vectors.js';

const FIXTURES = 'ob-v3p0/validator-fixtures/';

describe('validate: spec examples and test vectors', () => {
  it.each(VALID_CREDENTIALS)('%s is valid', (file) => {
    const result = validate(loadVector(file));
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('picks the schema from the type', () => {
    expect(validate(loadVector('ob-v3p0/spec/basic-openbadgecredential.unsigned.json')).schema).toBe(
      OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
    );
    expect(validate(loadVector('ob-v3p0/spec/endorsementcredential.unsigned.json')).schema).toBe(
      OB_ENDORSEMENT_CREDENTIAL_SCHEMA,
    );
    expect(
      validate(loadVector('clr-v2p0/test-vector-eddsa-rdfc-2022/clrcredential.signed.json')).schema,
    ).toBe(CLR_CREDENTIAL_SCHEMA);
    // AchievementCredential is the alias of OpenBadgeCredential
    const alias = loadVector('ob-v3p0/spec/basic-openbadgecredential.unsigned.json');
    alias.type = ['VerifiableCredential', 'AchievementCredential'];
    expect(validate(alias)).toMatchObject({ valid: true, schema: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA });
  });
});

describe('validate: each schema-required property removed in turn', () => {
  it.each(VALID_CREDENTIALS)('%s fails with the pointer of the removed property', (file) => {
    const doc = loadVector(file);
    const { schema } = validate(doc);
    const pointers = requiredPointers(getSchema(schema), doc);
    // the walk must reach the nested classes, not just the top level
    expect(pointers).toContain('/credentialSubject/type');
    expect(pointers.length).toBeGreaterThan(10);
    for (const pointer of pointers) {
      const result = validate(without(doc, pointer), { schema });
      expect(result.valid, pointer).toBe(false);
      expect(
        result.errors.map((e) => e.path),
        pointer,
      ).toContain(pointer);
    }
  });

  it('reports a missing achievement name once, at its own pointer', () => {
    const doc = without(
      loadVector('ob-v3p0/spec/basic-openbadgecredential.unsigned.json'),
      '/credentialSubject/achievement/name',
    );
    expect(validate(doc).errors).toEqual([
      {
        path: '/credentialSubject/achievement/name',
        message: "must have required property 'name'",
        keyword: 'required',
      },
    ]);
  });

  it('covers achievement, issuer and top-level required properties', () => {
    const doc = loadVector('ob-v3p0/spec/basic-openbadgecredential.unsigned.json');
    const pointers = requiredPointers(getSchema(OB_ACHIEVEMENT_CREDENTIAL_SCHEMA), doc);
    for (const p of ['/@context', '/id', '/type', '/issuer', '/validFrom', '/credentialSubject'])
      expect(pointers).toContain(p);
    for (const p of ['id', 'type', 'criteria', 'description', 'name']) {
      expect(pointers).toContain(`/credentialSubject/achievement/${p}`);
    }
    expect(pointers).toContain('/issuer/id');
  });
});

describe('validate: readable errors', () => {
  const base = (): Record<string, unknown> =>
    loadVector('ob-v3p0/spec/basic-openbadgecredential.unsigned.json');

  it('names every accepted JSON type when no branch fits', () => {
    const doc = base();
    doc.issuer = 5;
    expect(validate(doc).errors).toEqual([
      { path: '/issuer', message: 'must be object or string', keyword: 'type' },
    ]);
  });

  it('reports the missing type value instead of oneOf noise', () => {
    const doc = base();
    (doc.issuer as Record<string, unknown>).type = ['Organization'];
    expect(validate(doc).errors).toEqual([
      { path: '/issuer/type', message: 'must contain "Profile"', keyword: 'contains' },
    ]);
  });

  it('reports a wrong context URL at its index', () => {
    const doc = base();
    doc['@context'] = ['https://www.w3.org/ns/credentials/v2', 'https://example.org/context.json'];
    const { errors } = validate(doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ path: '/@context/1', keyword: 'pattern' });
  });

  it('mentions both the enumeration and the ext: form of an extensible enum', () => {
    const doc = base();
    (doc.credentialSubject as { achievement: Record<string, unknown> }).achievement.achievementType =
      'Trophy';
    const { errors } = validate(doc);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('/credentialSubject/achievement/achievementType');
    expect(errors[0]!.message).toContain('"MicroCredential"');
    expect(errors[0]!.message).toContain('ext:');
  });

  it('reports an extra property of a closed class at its own pointer', () => {
    const doc = base();
    (doc.issuer as Record<string, unknown>).image = {
      id: 'https://example.com/logo.png',
      type: 'Image',
      alt: 'x',
    };
    expect(validate(doc).errors).toEqual([
      {
        path: '/issuer/image/alt',
        message: "must not have additional property 'alt'",
        keyword: 'additionalProperties',
      },
    ]);
  });

  it('reports a bad date-time format', () => {
    const doc = base();
    doc.validFrom = '2010-01-01';
    expect(validate(doc).errors).toEqual([
      { path: '/validFrom', message: 'must match format "date-time"', keyword: 'format' },
    ]);
  });
});

describe('validate: 1EdTech validator fixtures expected INVALID', () => {
  // Rejected by the JSON Schema alone.
  it.each([
    ['simple-err-credential-subject-identifier-type.json', '/credentialSubject/identifier/0/type'],
    ['simple-err-credential-subject-result-type.json', '/credentialSubject/result/1/type'],
    ['simple-err-credential-subject-type.json', '/credentialSubject/type'],
    ['simple-err-issuer-otheridentifier-type.json', '/issuer/otherIdentifier/1/type'],
    ['simple-err-issuer-parentorg-type.json', '/issuer/parentOrg/type'],
    ['simple-err-issuer-type.json', '/issuer/type'],
    ['simple-err-issuer.json', '/issuer'],
  ])('%s is rejected at %s', (file, pointer) => {
    const result = validate(loadVector(FIXTURES + file));
    expect(result.valid).toBe(false);
    expect(result.errors.map((e) => e.path)).toContain(pointer);
  });

  // These use a single wrong `type` string ("InvalidEvidence", ...). The published schemas are the
  // JSON-LD compaction adaptation, which accepts any single string as `type` (only arrays must contain
  // the class name), so the 1EdTech validator catches them in its JSON-LD/type checks, not the schema.
  it.each([
    'simple-err-credential-subject-achievement-result-description-type.json',
    'simple-err-credential-subject-profile-type.json',
    'simple-err-evidence-type.json',
  ])('%s passes the schema (caught by other checks upstream)', (file) => {
    expect(validate(loadVector(FIXTURES + file)).valid).toBe(true);
  });

  it('simple-err-type.json has no known credential type', () => {
    expect(() => validate(loadVector(`${FIXTURES}simple-err-type.json`))).toThrow(
      expect.objectContaining({
        code: 'ERR_UNKNOWN_TYPE',
        message: expect.stringContaining('OtherCredential'),
      }),
    );
    const forced = validate(loadVector(`${FIXTURES}simple-err-type.json`), {
      schema: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
    });
    expect(forced.valid).toBe(false);
    expect(forced.errors).toContainEqual({
      path: '/type',
      message: 'must contain "AchievementCredential" or "OpenBadgeCredential"',
      keyword: 'contains',
    });
  });
});

describe('getSchema and validateAgainst', () => {
  it('bundles every official schema by $id', () => {
    const ids = bundledSchemaIds();
    expect(ids).toHaveLength(11);
    for (const id of ids) expect(getSchema(id).$id).toBe(id);
  });

  it('maps the /schema/json-ld/ URL to the same schema', () => {
    const jsonLd = OB_ACHIEVEMENT_CREDENTIAL_SCHEMA.replace('/schema/json/', '/schema/json-ld/');
    expect(getSchema(jsonLd).$id).toBe(OB_ACHIEVEMENT_CREDENTIAL_SCHEMA);
    const doc = loadVector('ob-v3p0/spec/basic-openbadgecredential.unsigned.json');
    expect(validateAgainst(doc, jsonLd)).toMatchObject({
      valid: true,
      schema: OB_ACHIEVEMENT_CREDENTIAL_SCHEMA,
    });
  });

  it('returns a copy, so callers cannot corrupt the bundled schema', () => {
    const schema = getSchema(OB_ACHIEVEMENT_CREDENTIAL_SCHEMA);
    schema.required = [];
    expect(getSchema(OB_ACHIEVEMENT_CREDENTIAL_SCHEMA).required).toContain('issuer');
  });

  it('validates each credentialSchema entry of a credential offline', () => {
    const doc = loadVector('ob-v3p0/spec/docformat-openbadgecredential-with-credentialschema.unsigned.json');
    const entries = doc.credentialSchema as { id: string; type: string }[];
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(validateAgainst(doc, entry.id).valid).toBe(true);
  });

  it('checks an OpenBadgeCredential against the endorsement schema when asked', () => {
    const doc = loadVector('ob-v3p0/spec/basic-openbadgecredential.unsigned.json');
    const result = validate(doc, { schema: OB_ENDORSEMENT_CREDENTIAL_SCHEMA });
    expect(result.valid).toBe(false);
    expect(result.schema).toBe(OB_ENDORSEMENT_CREDENTIAL_SCHEMA);
  });
});

describe('negative: bad input', () => {
  it.each([null, 'credential', 42, [], undefined])('rejects %j with ERR_INVALID_INPUT', (input) => {
    expect(() => validate(input)).toThrow(expect.objectContaining({ code: 'ERR_INVALID_INPUT' }));
    expect(() => validateAgainst(input, OB_ACHIEVEMENT_CREDENTIAL_SCHEMA)).toThrow(
      expect.objectContaining({ code: 'ERR_INVALID_INPUT' }),
    );
  });

  it('rejects a missing or unknown type with ERR_UNKNOWN_TYPE naming what arrived', () => {
    expect(() => validate({ id: 'x' })).toThrow(
      expect.objectContaining({ code: 'ERR_UNKNOWN_TYPE', message: expect.stringContaining('no type') }),
    );
    expect(() => validate({ type: ['VerifiableCredential'] })).toThrow(
      expect.objectContaining({
        code: 'ERR_UNKNOWN_TYPE',
        message: expect.stringContaining('OpenBadgeCredential'),
      }),
    );
  });

  it('rejects an unknown schema id with ERR_SCHEMA_NOT_FOUND', () => {
    expect(() => getSchema('https://example.org/schema.json')).toThrow(
      expect.objectContaining({ code: 'ERR_SCHEMA_NOT_FOUND' }),
    );
    expect(() =>
      validate({ type: 'OpenBadgeCredential' }, { schema: 'https://example.org/schema.json' }),
    ).toThrow(expect.objectContaining({ code: 'ERR_SCHEMA_NOT_FOUND' }));
  });
});

describe('many errors stay cheap', () => {
  // 200,000 invalid alignment entries (1.2 MB of JSON, under the verifier's 5 MiB limit) give
  // 200,000 errors. ajv's generated code concatenated error arrays per referenced call (O(n²):
  // hours), the formatter unshifted composite children one by one and spread arrays into Math.max and
  // push (a stack overflow). Now: about a second, every error reported.
  it('validates a credential with 200,000 failing array items and reports each', () => {
    const doc = loadVector(
      'ob-v3p0/spec/complete-openbadgecredential.unsigned-outer.signed-endorsements.json',
    );
    const achievement = (doc.credentialSubject as { achievement: Record<string, unknown> }).achievement;
    achievement.alignment = new Array(200_000).fill(42);
    const { valid, errors } = validate(doc);
    expect(valid).toBe(false);
    expect(errors).toHaveLength(200_000);
    expect(errors[199_999]).toEqual({
      path: '/credentialSubject/achievement/alignment/199999',
      message: 'must be object',
      keyword: 'type',
    });
  });
});
