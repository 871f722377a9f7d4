// The precompiled validators in src/schema/generated (scripts/compile-schemas.mjs): committed code
// must be what the generator produces today, and must report exactly the errors that ajv reports
// when it compiles the original schemas at run time (as credstack did before precompiling).
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mangleTypes } from '../helpers/mangle.js';
// @ts-expect-error the generator is a plain .mjs script without typings
import { AJV_OPTIONS, generateValidatorFiles, stripAnnotations } from '../../scripts/schema-codegen.mjs';
// @ts-expect-error plain .mjs script
import { hoistRepeatedSubschemas } from '../../scripts/schema-dedupe.mjs';
import { formatErrors } from '../../src/schema/format-errors.js';
import { bundledSchemaIds, getSchema, validateAgainst } from '../../src/schema/index.js';
import { loadVector, requiredPointers, VALID_CREDENTIALS, without } from './vectors.js';

const generatedDir = new URL('../../src/schema/generated/', import.meta.url);
const schemas = bundledSchemaIds().map((id) => getSchema(id));

describe('precompiled validators', () => {
  it('are up to date with the bundled schemas (run `npm run generate:schemas` if this fails)', () => {
    const files = generateValidatorFiles(schemas) as Map<string, string>;
    const onDisk = readdirSync(generatedDir).sort();
    expect(onDisk).toEqual([...files.keys()].sort());
    for (const [name, content] of files) {
      expect(readFileSync(new URL(name, generatedDir), 'utf8') === content, `${name} is stale`).toBe(true);
    }
  }, 120_000);

  it('exist for every bundled schema and need no ajv compiler at run time', () => {
    const index = readFileSync(new URL('index.js', generatedDir), 'utf8');
    for (const id of bundledSchemaIds()) expect(index).toContain(JSON.stringify(id));
    for (const name of readdirSync(generatedDir).filter((n) => n.endsWith('.js'))) {
      const code = readFileSync(new URL(name, generatedDir), 'utf8');
      expect(code).not.toMatch(/\brequire\(|new Function|from ["']ajv["']|ajv\/dist\/(2019|core|compile)/);
      // no copy of a schema built on load (enum values are hoisted on their own), no CommonJS import
      expect(code).not.toMatch(/const schema\d+ = |from ["']ajv-formats/);
    }
  });

  it('drops annotations only where they are keywords, never a property named "description"', () => {
    const schema = {
      $id: 'urn:x',
      description: 'gone',
      properties: { description: { type: 'string', description: 'gone too' } },
      required: ['description'],
    };
    expect(stripAnnotations(schema)).toEqual({
      $id: 'urn:x',
      properties: { description: { type: 'string' } },
      required: ['description'],
    });
  });
});

describe('hoisting repeated subschemas (smaller generated code)', () => {
  const langMap = {
    oneOf: [
      { type: 'string' },
      { type: 'object', additionalProperties: { type: 'string' }, propertyNames: { pattern: '^[a-z]{2}$' } },
    ],
  };
  const hoist = (schema: object) => hoistRepeatedSubschemas(schema) as Record<string, any>;

  it('moves a property schema repeated verbatim to $defs, every copy becoming a $ref to it', () => {
    const out = hoist({ $id: 'urn:x', properties: { a: langMap, b: langMap, c: { type: 'string' } } });
    expect(out.properties.a).toEqual(out.properties.b);
    expect(out.properties.a.$ref).toMatch(/^#\/\$defs\//);
    expect(out.$defs[decodeURIComponent(out.properties.a.$ref.slice('#/$defs/'.length))]).toEqual(langMap);
    expect(out.properties.c).toEqual({ type: 'string' });
  });

  it('leaves data, composite branches and position-dependent subschemas where they are', () => {
    const schema = {
      $id: 'urn:x',
      properties: {
        a: { enum: [langMap, langMap] },
        b: { anyOf: [langMap, { type: 'null' }] },
        c: { anyOf: [langMap, { type: 'null' }] },
        d: { ...langMap, $id: 'urn:y' },
        e: { ...langMap, $id: 'urn:y' },
      },
    };
    const out = hoist(schema);
    expect(out.properties.a).toEqual(schema.properties.a);
    expect(out.properties.d).toEqual(schema.properties.d);
    // b and c are equal whole property schemas, so they move together; their branches do not move alone
    expect(out.properties.b).toEqual(out.properties.c);
    const shared = out.$defs[decodeURIComponent(out.properties.b.$ref.slice('#/$defs/'.length))];
    expect(shared).toEqual(schema.properties.b);
  });

  it('validates exactly as the original schema does', () => {
    const schema = {
      $id: 'https://example.org/x.json',
      type: 'object',
      properties: { a: langMap, b: langMap, list: { type: 'array', items: langMap } },
      required: ['a'],
    };
    const ajv = new Ajv2019({ ...AJV_OPTIONS, inlineRefs: false });
    const original = new Ajv2019({ ...AJV_OPTIONS }).compile(schema);
    const hoisted = ajv.compile(hoist(schema));
    for (const doc of [
      { a: 'x' },
      { a: { en: 'x' } },
      { a: { english: 'x' } },
      { a: 1, b: [], list: ['x', 2] },
      {},
    ]) {
      expect(hoisted(doc)).toBe(original(doc));
      expect(formatErrors(hoisted.errors)).toEqual(formatErrors(original.errors));
    }
  });
});

// ajv compiling the original schemas at run time: the behaviour before precompilation.
type Validate = ((doc: unknown) => boolean) & { errors?: unknown[] | null };
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2019,
) => void;
const runtime = new Ajv2019({ ...AJV_OPTIONS });
addFormats(runtime);
for (const schema of schemas) runtime.addSchema(schema);

function sameAsRuntime(doc: unknown, id: string): void {
  const reference = runtime.getSchema(id) as Validate;
  const ok = reference(doc);
  const expected = formatErrors(reference.errors as never);
  const result = validateAgainst(doc, id);
  expect(result.valid).toBe(ok);
  expect(result.errors).toEqual(expected);
  // The raw errors agree too, except `schemaPath`: the generated code calls `$defs` as functions
  // (ajv `inlineRefs: false`, half the code) instead of inlining them, so a path inside a definition
  // starts at `#/$defs/…`. Nothing public exposes `schemaPath`; formatErrors' grouping is checked above.
  const precompiled = generated.PRECOMPILED.get(id) as Validate;
  precompiled(doc);
  const strip = (errors: unknown[] | null | undefined) =>
    (errors ?? []).map((e) => ({ ...(e as object), schemaPath: undefined }));
  expect(strip(precompiled.errors)).toEqual(strip(reference.errors));
}

const generated = (await import('../../src/schema/generated/index.js')) as {
  PRECOMPILED: ReadonlyMap<string, Validate>;
};

describe('precompiled validators report what run-time compilation reports', () => {
  it.each(VALID_CREDENTIALS)('%s, and each of its required properties removed', (file) => {
    const doc = loadVector(file);
    const ids = bundledSchemaIds().filter((id) =>
      /achievementcredential|clrcredential|endorsementcredential/.test(id),
    );
    for (const id of ids) sameAsRuntime(doc, id);
    const id = file.includes('clr')
      ? ids.find((i) => i.includes('clrcredential'))!
      : ids.find((i) => i.includes('ob_v3p0_achievement'))!;
    for (const pointer of requiredPointers(getSchema(id), doc)) sameAsRuntime(without(doc, pointer), id);
  });

  it('wrong types everywhere give the same errors', () => {
    const doc = loadVector(
      'ob-v3p0/spec/complete-openbadgecredential.unsigned-outer.signed-endorsements.json',
    );
    for (const id of bundledSchemaIds()) sameAsRuntime(mangleTypes(doc, 5), id);
    for (const id of bundledSchemaIds()) sameAsRuntime({}, id);
  });
});

describe("lazily loaded validators (the verifier's path)", () => {
  it('name exactly the bundled schemas, each loading the same validator the eager index has', async () => {
    const { LOADERS } = (await import('../../src/schema/generated/lazy.js')) as {
      LOADERS: ReadonlyMap<string, () => Promise<{ validate: Validate }>>;
    };
    expect([...LOADERS.keys()].sort()).toEqual(bundledSchemaIds().sort());
    for (const [id, load] of LOADERS) expect((await load()).validate).toBe(generated.PRECOMPILED.get(id));
  });

  it('validateLazily answers as validate does, and loads each validator once', async () => {
    const doc = loadVector(
      'ob-v3p0/spec/complete-openbadgecredential.unsigned-outer.signed-endorsements.json',
    );
    const { validate } = await import('../../src/schema/index.js');
    const { loadValidator, validateLazily } = await import('../../src/schema/load.js');
    expect(await validateLazily(doc)).toEqual(validate(doc));
    const broken = without(doc, '/credentialSubject');
    expect(await validateLazily(broken)).toEqual(validate(broken));
    const id = bundledSchemaIds().find((i) => i.includes('ob_v3p0_profile'))!;
    expect(await validateLazily(doc, { schema: id })).toEqual(validate(doc, { schema: id }));
    expect(loadValidator(id)).toBe(loadValidator(id));
    await expect(validateLazily(doc, { schema: 'https://example.org/nope.json' })).rejects.toMatchObject({
      code: 'ERR_SCHEMA_NOT_FOUND',
    });
    await expect(validateLazily({ type: ['Nope'] })).rejects.toMatchObject({ code: 'ERR_UNKNOWN_TYPE' });
  });
});
