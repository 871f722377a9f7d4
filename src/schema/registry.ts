// The official OB 3.0 / CLR 2.0 JSON Schemas (draft 2019-09, "JSON-LD compaction adaptation"), bundled so
// validation never touches the network. Provenance: schemas/SOURCES.md and shared spec SOURCES.md.

import clrAchievementCredential from '../../schemas/clr-v2p0/clr_v2p0_achievementcredential_schema.json' with {
  type: 'json',
};
import clrClrCredential from '../../schemas/clr-v2p0/clr_v2p0_clrcredential_schema.json' with {
  type: 'json',
};
import clrEndorsementCredential from '../../schemas/clr-v2p0/clr_v2p0_endorsementcredential_schema.json' with {
  type: 'json',
};
import clrGetClrCredentialsResponse from '../../schemas/clr-v2p0/clr_v2p0_getclrcredentialsresponse_schema.json' with {
  type: 'json',
};
import clrStatusInfo from '../../schemas/clr-v2p0/clr_v2p0_imsx_statusinfo_schema.json' with { type: 'json' };
import clrProfile from '../../schemas/clr-v2p0/clr_v2p0_profile_schema.json' with { type: 'json' };
import obAchievementCredential from '../../schemas/ob-v3p0/ob_v3p0_achievementcredential_schema.json' with {
  type: 'json',
};
import obEndorsementCredential from '../../schemas/ob-v3p0/ob_v3p0_endorsementcredential_schema.json' with {
  type: 'json',
};
import obGetOpenBadgeCredentialsResponse from '../../schemas/ob-v3p0/ob_v3p0_getopenbadgecredentialsresponse_schema.json' with {
  type: 'json',
};
import obStatusInfo from '../../schemas/ob-v3p0/ob_v3p0_imsx_statusinfo_schema.json' with { type: 'json' };
import obProfile from '../../schemas/ob-v3p0/ob_v3p0_profile_schema.json' with { type: 'json' };
import { resolveSchemaId } from './ids.js';
import type { JsonObject } from '../lib/json.js';

/**
 * A bundled JSON Schema document.
 * @example
 * ```ts
 * import { getSchema, type JsonSchema } from 'credstack'
 * const schema: JsonSchema = getSchema(schemaId)
 * console.log(schema.$id)
 * ```
 */
export type JsonSchema = JsonObject & { $id: string };

const ALL = [
  obAchievementCredential,
  obEndorsementCredential,
  obProfile,
  obGetOpenBadgeCredentialsResponse,
  obStatusInfo,
  clrClrCredential,
  clrAchievementCredential,
  clrEndorsementCredential,
  clrProfile,
  clrGetClrCredentialsResponse,
  clrStatusInfo,
] as unknown as JsonSchema[];

/** `$id` → schema. Internal: callers get copies through {@link getSchema}. */
export const BUNDLED: ReadonlyMap<string, JsonSchema> = new Map(ALL.map((s) => [s.$id, s]));

/**
 * A bundled schema by `$id` (either the `/schema/json/` or the `/schema/json-ld/` URL), e.g. to resolve a
 * `credentialSchema` entry of type `1EdTechJsonSchemaValidator2019` offline. Returns a copy.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const schema = getSchema('https://purl.imsglobal.org/spec/ob/v3p0/schema/json-ld/ob_v3p0_achievementcredential_schema.json')
 * schema.$id // 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json'
 * ```
 */
export function getSchema(id: string): JsonSchema {
  return structuredClone(BUNDLED.get(resolveSchemaId(id))!);
}

/**
 * The `$id`s of all bundled schemas.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * bundledSchemaIds().length // 11
 * ```
 */
export function bundledSchemaIds(): string[] {
  return [...BUNDLED.keys()];
}
