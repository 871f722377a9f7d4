// The 1EdTech JSON Schemas: the type's own schema, then the credential's `credentialSchema`
// entries, on a VCDM 2.0 view of the credential.
import { asArray, isObject, type JsonObject } from '../../lib/json.js';
import { canonicalSchemaId, isBundledSchemaId } from '../../schema/ids.js';
import { validateLazily } from '../../schema/load.js';
import type { SchemaValidationResult } from '../../schema/select.js';
import { type Check, failed, passed, warning } from '../result.js';
import { dataModelOf } from './envelope.js';

// VCDM 1.1 credentials are validated as their VCDM 2.0 equivalent: the published schemas only
// know validFrom, and OB 3.0 asks verifiers to keep accepting 1.1 credentials. Credentials nested
// in this one (endorsements, a CLR's verifiableCredential) are mapped too: a 1.1 CLR carries 1.1
// badges. Depth is bounded by the input limits checked before.
export function schemaView(credential: JsonObject): JsonObject {
  return toVcdm2(credential) as JsonObject;
}

function toVcdm2(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toVcdm2);
  if (!isObject(value)) return value;
  const mapped: JsonObject = {};
  for (const [key, child] of Object.entries(value)) mapped[key] = key === '@context' ? child : toVcdm2(child);
  if (dataModelOf(mapped) !== 1) return mapped;
  const { issuanceDate, expirationDate, ...rest } = mapped;
  const view: JsonObject = {
    ...rest,
    '@context': ['https://www.w3.org/ns/credentials/v2', ...asArray(mapped['@context']).slice(1)],
  };
  if (issuanceDate !== undefined && view.validFrom === undefined) view.validFrom = issuanceDate;
  if (expirationDate !== undefined && view.validUntil === undefined) view.validUntil = expirationDate;
  return view;
}

export async function checkSchema(
  view: JsonObject,
): Promise<{ checks: Check[]; result?: SchemaValidationResult }> {
  try {
    const result = await validateLazily(view);
    if (result.valid)
      return { checks: [passed('schema', 'SCHEMA_OK', `Conforms to ${result.schema}`)], result };
    return {
      checks: result.errors
        .slice(0, 10)
        .map((e) => failed('schema', 'SCHEMA_INVALID', `${e.path || '/'} ${e.message}`, { path: e.path })),
      result,
    };
  } catch (error) {
    return { checks: [failed('schema', 'SCHEMA_INVALID', (error as Error).message)] };
  }
}

// `canonical` is the type's schema, already run on the same view: an entry naming it reuses that answer.
export async function checkCredentialSchemas(
  credential: JsonObject,
  view: JsonObject,
  canonical: SchemaValidationResult | undefined,
): Promise<Check[]> {
  const checks: Check[] = [];
  for (const [i, entry] of asArray(credential.credentialSchema).entries()) {
    if (!isObject(entry) || entry.type !== '1EdTechJsonSchemaValidator2019' || typeof entry.id !== 'string')
      continue;
    const path = Array.isArray(credential.credentialSchema) ? `/credentialSchema/${i}` : '/credentialSchema';
    if (!isBundledSchemaId(entry.id)) {
      checks.push(
        warning(
          'credential-schema',
          'CREDENTIAL_SCHEMA_UNAVAILABLE',
          `Schema ${entry.id} is not bundled; not fetched`,
          path,
        ),
      );
      continue;
    }
    const result =
      canonical?.schema === canonicalSchemaId(entry.id)
        ? canonical
        : await validateLazily(view, { schema: entry.id });
    checks.push(
      result.valid
        ? passed('credential-schema', 'CREDENTIAL_SCHEMA_OK', `Conforms to ${entry.id}`, path)
        : failed(
            'credential-schema',
            'CREDENTIAL_SCHEMA_INVALID',
            `${result.errors[0]?.path || '/'} ${result.errors[0]?.message ?? ''} (${entry.id})`,
            { path },
          ),
    );
  }
  return checks;
}
