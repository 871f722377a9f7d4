// Loads the spec examples copied under test/vectors/spec/ (provenance: test/vectors/SOURCES.md).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const base = new URL('../vectors/spec/', import.meta.url);

export function loadVector(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(path, base)), 'utf8')) as Record<string, unknown>;
}

/** Every credential example of the specs that must pass schema validation. */
export const VALID_CREDENTIALS: readonly string[] = [
  'ob-v3p0/spec/achievement-alignment-case.unsigned.json',
  'ob-v3p0/spec/achievement-alignment-credential-engine.unsigned.json',
  'ob-v3p0/spec/basic-openbadgecredential.unsigned.json',
  'ob-v3p0/spec/complete-openbadgecredential.unsigned-outer.signed-endorsements.json',
  'ob-v3p0/spec/docformat-openbadgecredential-with-credentialschema.unsigned.json',
  'ob-v3p0/spec/endorsementcredential.unsigned.json',
  'ob-v3p0/spec/equality-sample-credential-a.unsigned.json',
  'ob-v3p0/spec/equality-sample-credential-b.unsigned.json',
  'ob-v3p0/spec/equality-sample-credential-c.unsigned.json',
  'ob-v3p0/spec/equality-sample-credential-d.unsigned.json',
  'ob-v3p0/spec/skill-assertion-case.unsigned.json',
  'ob-v3p0/spec/skill-assertion-credential-registry.unsigned.json',
  'ob-v3p0/test-vector-eddsa-rdfc-2022/credential.unsigned.json',
  'ob-v3p0/test-vector-eddsa-rdfc-2022/credential.signed.json',
  'clr-v2p0/test-vector-eddsa-rdfc-2022/clrcredential.unsigned.json',
  'clr-v2p0/test-vector-eddsa-rdfc-2022/clrcredential.signed.json',
  'ob-v3p0/validator-fixtures/simple.json',
];

type Schema = Record<string, unknown>;
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

function deref(root: Schema, schema: Schema): Schema {
  let s = schema;
  while (typeof s.$ref === 'string' && s.$ref.startsWith('#/$defs/')) {
    s = (root.$defs as Record<string, Schema>)[s.$ref.slice('#/$defs/'.length)]!;
  }
  return s;
}

/**
 * JSON pointers of every property that the schema marks `required` along this document, found by walking
 * the schema's `required` arrays together with the document (through $ref, properties, items and every
 * oneOf/anyOf/allOf branch; branches that do not fit the value contribute nothing).
 */
export function requiredPointers(root: Schema, doc: unknown): string[] {
  const out = new Set<string>();
  const visit = (schema: Schema, value: unknown, path: string): void => {
    const s = deref(root, schema);
    if (isObject(value)) {
      for (const key of (s.required as string[] | undefined) ?? [])
        if (key in value) out.add(`${path}/${escapePointer(key)}`);
      for (const [key, sub] of Object.entries((s.properties as Record<string, Schema> | undefined) ?? {})) {
        if (key in value) visit(sub, value[key], `${path}/${escapePointer(key)}`);
      }
    }
    if (Array.isArray(value) && isObject(s.items))
      for (const [i, v] of value.entries()) visit(s.items as Schema, v, `${path}/${i}`);
    for (const key of ['oneOf', 'anyOf', 'allOf'])
      for (const branch of (s[key] as Schema[] | undefined) ?? []) visit(branch, value, path);
  };
  visit(root, doc, '');
  return [...out];
}

/** A deep copy of `doc` without the property at `pointer`. */
export function without(doc: unknown, pointer: string): unknown {
  const copy = structuredClone(doc);
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = parts.pop()!;
  let target = copy as Record<string, unknown>;
  for (const p of parts) target = target[p] as Record<string, unknown>;
  delete target[last];
  return copy;
}
