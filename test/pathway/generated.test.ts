// The precompiled pathway validator in src/pathway/generated (scripts/compile-schemas.mjs): the
// committed code must be what the generator produces today, and must report exactly the errors ajv
// reported when validate-pathway.ts compiled schemas/credstack/pathway.schema.json at run time —
// `schemaPath` included, since validatePathway hands the raw errors out as `details`.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { mangleTypes } from '../helpers/mangle.js';
// @ts-expect-error the generator is a plain .mjs script without typings
import { generatePathwayValidatorFiles } from '../../scripts/schema-codegen.mjs';
import { isCredstackError } from '../../src/errors.js';
import { createPathway, validatePathway } from '../../src/pathway/index.js';
import { fixture, type Json, smallPathway } from './helpers.js';

const generatedDir = new URL('../../src/pathway/generated/', import.meta.url);
const schema = JSON.parse(
  readFileSync(new URL('../../schemas/credstack/pathway.schema.json', import.meta.url), 'utf8'),
) as Json;

type Validate = ((doc: unknown) => boolean) & { errors?: unknown[] | null };

describe('precompiled pathway validator', () => {
  it('is up to date with the pathway schema (run `npm run generate:schemas` if this fails)', () => {
    const files = generatePathwayValidatorFiles(schema) as Map<string, string>;
    expect([...files.keys()].sort()).toEqual(['pathway-schema.d.ts', 'pathway-schema.js']);
    expect(readdirSync(generatedDir).sort()).toEqual([...files.keys()].sort());
    for (const [name, content] of files) {
      expect(readFileSync(new URL(name, generatedDir), 'utf8') === content, `${name} is stale`).toBe(true);
    }
  });

  it('needs no ajv compiler at run time, and validatePathway no longer imports one', () => {
    const code = readFileSync(new URL('pathway-schema.js', generatedDir), 'utf8');
    expect(code).not.toMatch(
      /\brequire\(|new Function|\beval\(|from ["']ajv["']|ajv\/dist\/(2019|core|compile)/,
    );
    expect(code).toMatch(/^export const validate = /m);
    const source = readFileSync(new URL('../../src/pathway/validate-pathway.ts', import.meta.url), 'utf8');
    // Only type imports from 'ajv' are allowed; the compiler and ajv-formats' plugin are gone.
    expect(source).not.toMatch(/from ['"]ajv\/dist\/|from ['"]ajv-formats['"]|\.compile\(/);
    expect(source).toMatch(/from '\.\/generated\/pathway-schema\.js'/);
    for (const line of source.split('\n').filter((l) => /from ['"]ajv['"]/.test(l))) {
      expect(line).toMatch(/^import type /);
    }
  });
  it("loads under Node's own ESM loader too (its CommonJS interop differs from vitest's)", () => {
    // vitest and bundlers hand a CommonJS module's `exports.default` to a default import, Node hands
    // `module.exports`: the generated imports must work both ways (this file checks the vitest way).
    const url = new URL('pathway-schema.js', generatedDir).href;
    const script = `
      const { validate } = await import(${JSON.stringify(url)});
      const bad = { components: [{ id: 'a'.repeat(129), achievement: 'x', prerequisites: ['a', 'a'] }] };
      console.log(JSON.stringify([validate(JSON.parse(process.argv[1])), validate(bad), validate.errors]));`;
    const out = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', script, JSON.stringify(fixture())],
      {
        encoding: 'utf8',
      },
    );
    const [valid, invalid, errors] = JSON.parse(out) as [boolean, boolean, Array<{ keyword: string }>];
    expect([valid, invalid]).toEqual([true, false]);
    // maxLength needs ajv's ucs2length helper, uniqueItems its deep-equal helper
    expect(errors.map((e) => e.keyword)).toEqual(
      expect.arrayContaining(['maxLength', 'uniqueItems', 'required']),
    );
  });
});

// What validate-pathway.ts did before precompiling: compile the original schema at run time.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2019,
) => void;
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const reference = ajv.compile(schema) as Validate;
const { validate: precompiled } = (await import('../../src/pathway/generated/pathway-schema.js')) as {
  validate: Validate;
};

/** Validates `doc` both ways; the results and the full error objects must be identical. */
function sameAsRuntime(doc: unknown): boolean {
  const ok = reference(doc);
  const expected = reference.errors ?? null;
  expect(precompiled(doc)).toBe(ok);
  expect(precompiled.errors ?? null).toEqual(expected);
  return ok;
}

// The valid pathways the other pathway tests use: the surgical technologist fixture (embedded
// Achievement, minimumResult, nOf, milestones), its normalised form (what validatePathway returns),
// the small pathway of validate-pathway.test.ts and a createPathway result like examples/pathway.ts.
const small = smallPathway;
const created = (): Json =>
  JSON.parse(
    JSON.stringify(
      createPathway({
        id: 'https://employer.example/pathways/warehouse-associate',
        name: 'Warehouse Associate',
        occupations: [
          { code: '53-7051.00', framework: 'O*NET-SOC', name: 'Industrial Truck and Tractor Operators' },
        ],
        employer: { id: 'https://employer.example/profile', name: 'Acme Logistics' },
        partners: ['https://college.example/profile'],
        components: [
          { id: 'safety', name: 'Workplace Safety', achievement: 'https://college.example/a/safety' },
          {
            id: 'forklift',
            achievement: 'https://college.example/a/forklift',
            prerequisites: ['safety'],
            acceptedIssuers: ['https://college.example/*'],
            minimumResult: { value: 70 },
          },
          {
            id: 'induction',
            achievement: 'https://employer.example/a/induction',
            prerequisites: ['forklift'],
          },
        ],
        milestones: [{ id: 'ready', name: 'Ready', rule: { anyOf: ['safety', { component: 'forklift' }] } }],
        completion: { nOf: { n: 2, of: ['safety', 'forklift', 'induction'] } },
      }),
    ),
  );
const VALID: Array<[string, () => Json]> = [
  ['surgical technologist fixture', fixture],
  ['normalised fixture', () => JSON.parse(JSON.stringify(validatePathway(fixture())))],
  ['small pathway', small],
  ['createPathway result', created],
];

type Path = Array<string | number>;
/** Every node below the root, as a path of keys / indexes. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}
function edit(doc: Json, path: Path, change: (parent: any, key: string | number) => void): Json {
  const copy = structuredClone(doc);
  let parent: any = copy;
  for (const k of path.slice(0, -1)) parent = parent[k];
  change(parent, path.at(-1)!);
  return copy;
}
const remove = (doc: Json, path: Path) =>
  edit(doc, path, (p, k) => (Array.isArray(p) ? p.splice(k as number, 1) : delete p[k]));
const replace = (doc: Json, path: Path, value: unknown) =>
  edit(doc, path, (p, k) => {
    p[k] = value;
  });

describe('the precompiled validator reports what run-time compilation reports', () => {
  it.each(VALID)('%s: valid both ways', (_name, make) => {
    expect(sameAsRuntime(make())).toBe(true);
  });

  it.each(VALID)('%s: each property and array item removed in turn', (_name, make) => {
    const doc = make();
    let invalid = 0;
    for (const path of paths(doc)) if (!sameAsRuntime(remove(doc, path))) invalid++;
    // Removing a required property (id, name, employer, achievement, a rule's component…) must fail.
    expect(invalid).toBeGreaterThanOrEqual(8);
  });

  it.each(VALID)('%s: every value replaced in turn by one of the wrong type', (_name, make) => {
    const doc = make();
    let invalid = 0;
    for (const path of paths(doc)) {
      for (const wrong of [42, 1.5, 'x', '', null, true, [], {}, ['x'], { component: 7 }]) {
        if (!sameAsRuntime(replace(doc, path, wrong))) invalid++;
      }
    }
    expect(invalid).toBeGreaterThan(paths(doc).length);
  });

  it('unknown properties, wrong types everywhere at once, and non-pathways', () => {
    const doc = fixture();
    expect(sameAsRuntime({ ...doc, unexpected: 1 })).toBe(false);
    let invalid = 0;
    for (const path of paths(doc)) {
      const at = path.reduce<any>((node, k) => node[k], doc);
      if (at !== null && typeof at === 'object' && !Array.isArray(at)) {
        // Profiles, Alignments and embedded Achievements are open; everything else is closed.
        if (!sameAsRuntime(replace(doc, path, { ...at, unexpected: 1 }))) invalid++;
      }
    }
    expect(invalid).toBeGreaterThanOrEqual(15);
    expect(sameAsRuntime(mangleTypes(doc, 4))).toBe(false);
    for (const other of [{}, [], 'pathway', 0, null, { type: 'Pathway' }])
      expect(sameAsRuntime(other)).toBe(false);
  });

  it('validatePathway hands out those errors as details, and names the component at fault', () => {
    const doc = remove(fixture(), ['components', 3, 'achievement', 'criteria']);
    expect(reference(doc)).toBe(false);
    let caught: unknown;
    try {
      validatePathway(doc);
    } catch (err) {
      caught = err;
    }
    if (!isCredstackError(caught)) throw new Error('expected a CredstackError');
    expect(caught.code).toBe('ERR_PATHWAY_INVALID');
    expect(caught.details).toEqual(reference.errors);
    expect(caught.path).toBe('/components/3/achievement');
    expect(caught.message).toBe(
      "Invalid pathway: component 'core-4' at /components/3/achievement: must have required property 'criteria'",
    );
  });
});
