// Building a pathway, and expressing it in Open Badges terms so it can be endorsed and embedded.

import { CredstackError, describeValue } from '../errors.js';
import { clone, isObject } from '../lib/json.js';
import { describeRule } from './describe.js';
import type { ObObject, Occupation, Pathway, PathwayInput } from './types.js';
import { validatePathway } from './validate-pathway.js';

/**
 * URL of credstack's pathway JSON-LD context (bundled, never fetched). It defines
 * `pathwayDefinition` and `pathwayProgress` as `@json` literals, so an arbitrary JSON rule
 * structure passes unchanged through RDF canonicalisation, and `verifiableCredentialJwt`.
 * credstack controls no w3id.org redirect, so the URL lives under credstack.dev.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * const credential = { '@context': [VC_V2_CONTEXT, OB_CONTEXT, PATHWAY_CONTEXT_URL], ... }
 * ```
 */
export const PATHWAY_CONTEXT_URL = 'https://credstack.dev/contexts/pathway/v1.json';

/**
 * A Profile (its `type` defaults to `Profile`) or just its id.
 * @example
 * ```ts
 * import type { PathwayProfileInput } from 'credstack'
 * const employer: PathwayProfileInput = { id: 'https://example.org/orgs/acme', name: 'Acme Ltd' }
 * ```
 */
export type PathwayProfileInput =
  | string
  | { id: string; type?: string | string[]; name?: string; [key: string]: unknown };

/**
 * Input of {@link createPathway}: like {@link PathwayInput} with `type` optional and profiles given by id allowed.
 * @example
 * ```ts
 * import { type CreatePathwayInput, createPathway } from 'credstack'
 * const input: CreatePathwayInput = { id: 'https://example.org/pathways/electrician', name: 'Electrician',
 *   occupations: [{ code: '47-2111.00', framework: 'O*NET-SOC', name: 'Electricians' }], employer: 'https://example.org/orgs/acme',
 *   components: [{ id: 'safety', achievement: 'https://example.org/achievements/safety' }], completion: 'safety' }
 * const pathway = createPathway(input)
 * ```
 */
export interface CreatePathwayInput extends Omit<PathwayInput, 'employer' | 'partners' | 'type'> {
  type?: 'Pathway';
  employer?: PathwayProfileInput;
  partners?: PathwayProfileInput[];
}

function profile(value: PathwayProfileInput, what: string): ObObject {
  if (typeof value === 'string') return { id: value, type: 'Profile' };
  if (!isObject(value)) {
    throw new CredstackError(
      'ERR_PATHWAY_INVALID',
      `${what}: expected a Profile or an id, got ${describeValue(value)}`,
    );
  }
  return { ...value, type: value.type ?? 'Profile' };
}

/**
 * Builds and validates a pathway: fills `type: 'Pathway'`, turns profile ids into Profiles and
 * completes Profiles without a `type`, then runs {@link validatePathway} (same errors).
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { createPathway } from 'credstack/pathway'
 * const pathway = createPathway({
 *   id: 'https://hospital.example/pathways/surg-tech',
 *   name: 'Surgical Technologist',
 *   occupations: [{ code: '29-2055.00', framework: 'O*NET-SOC', name: 'Surgical Technologists' }],
 *   employer: { id: 'https://hospital.example', type: 'Profile', name: 'General Hospital' },
 *   components: [{ id: 'core-1', achievement: 'https://school.example/achievements/core-1' }],
 *   completion: 'core-1',
 * })
 * ```
 */
export function createPathway(input: CreatePathwayInput): Pathway {
  if (!isObject(input)) {
    throw new CredstackError(
      'ERR_PATHWAY_INVALID',
      `Invalid pathway: expected an object, got ${describeValue(input)}`,
    );
  }
  const doc: Record<string, unknown> = { ...clone(input), type: 'Pathway' };
  if (input.employer !== undefined) doc.employer = profile(input.employer, 'employer');
  if (input.partners !== undefined) {
    doc.partners = Array.isArray(input.partners)
      ? input.partners.map((p, i) => profile(p, `partners[${i}]`))
      : input.partners;
  }
  return validatePathway(doc);
}

const ONET_SUMMARY = 'https://www.onetonline.org/link/summary/';

function occupationAlignment(o: Occupation): Record<string, unknown> | undefined {
  // OB Alignment requires targetUrl; O*NET-SOC codes have a stable public summary page.
  const url = o.url ?? (/^O\*NET/i.test(o.framework) ? ONET_SUMMARY + encodeURIComponent(o.code) : undefined);
  if (url === undefined) return undefined;
  return {
    type: ['Alignment'],
    targetName: o.name,
    targetCode: o.code,
    targetFramework: o.framework,
    targetType: 'ext:Occupation',
    targetUrl: url,
  };
}

/**
 * The pathway as an Open Badges 3.0 Achievement (`achievementType: 'LearningProgram'`), so an
 * employer or partner can endorse it with an EndorsementCredential whose subject id is the
 * pathway id, and so it can sit in a CLR's `achievement` list. The whole normalised definition
 * travels in the `pathwayDefinition` extension property; a credential that embeds this
 * Achievement must list {@link PATHWAY_CONTEXT_URL} in its `@context` (JSON-LD safe mode).
 * Occupations become Alignments (`targetType: 'ext:Occupation'`; O*NET-SOC ones get their
 * O*NET OnLine URL when none is given).
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { pathwayAchievement, PATHWAY_CONTEXT_URL } from 'credstack/pathway'
 * const achievement = pathwayAchievement(pathway)
 * // achievement.id === pathway.id; achievement.pathwayDefinition deep-equals pathway
 * ```
 */
export function pathwayAchievement(pathway: Pathway): ObObject {
  const alignment = [
    ...(pathway.occupations ?? []).map(occupationAlignment).filter((a) => a !== undefined),
    ...(pathway.alignments ?? []),
  ];
  const roles = (pathway.occupations ?? []).map((o) => o.name).join(', ');
  // A school-only pathway has no employer: its first partner (or nobody) defines it.
  const creator = pathway.employer ?? pathway.partners?.[0];
  const by = creator ? ` defined by ${creator.name ?? creator.id}` : '';
  const toward = roles ? ` toward ${roles}` : ` of ${pathway.components.length} stackable credentials`;
  const achievement: ObObject = {
    id: pathway.id,
    type: ['Achievement'],
    achievementType: 'LearningProgram',
    name: pathway.name,
    description:
      pathway.description ??
      `A pathway${toward}${by}${pathway.employer && pathway.partners?.length ? ' and its education partners' : ''}.`,
    criteria: { narrative: `Complete the pathway: ${describeRule(pathway.completion, pathway)}.` },
    ...(creator ? { creator: clone(creator) } : {}),
    ...(alignment.length > 0 ? { alignment: clone(alignment) } : {}),
    ...(pathway.version === undefined ? {} : { version: pathway.version }),
    pathwayDefinition: clone(pathway),
  };
  return achievement;
}
