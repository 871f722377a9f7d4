// credstack pathway → CTDL Pathway (graph form, `ceterms:` terms as the Credential Registry
// serves them). The inverse of importCtdlPathway: rules become ComponentConditions without
// flattening (nOf → requiredNumber, anyOf → logical:Or with nested conditions), prerequisites
// become `ceterms:prerequisite`, the employer `ceterms:offeredBy`, occupations `ceterms:occupationType`.
import type { NormalizedRule, Pathway, PathwayComponent } from '../../pathway/types.js';
import { ensurePathway } from '../../pathway/validate-pathway.js';
import { componentAchievementId } from '../../pathway/validate-pathway.js';
import type { PathwayInput } from '../../pathway/types.js';
import { CTDL_EXTENSION_KEY, type CtdlExtension } from './extension.js';

/**
 * The context the Credential Registry's JSON-LD uses; `exportCtdlPathway` writes it.
 * @example
 * ```ts
 * import { CTDL_CONTEXT_URL } from 'credstack'
 * exportCtdlPathway(pathway)['@context'] === CTDL_CONTEXT_URL // true
 * ```
 */
export const CTDL_CONTEXT_URL = 'https://credreg.net/ctdl/schema/context/json';

/**
 * Options of {@link exportCtdlPathway}.
 * @example
 * ```ts
 * import type { ExportCtdlPathwayOptions } from 'credstack'
 * const options: ExportCtdlPathwayOptions = { language: 'en' }
 * ```
 */
export interface ExportCtdlPathwayOptions {
  /** Language tag of the language maps written (`ceterms:name`, …). Default `en-US`. */
  language?: string;
}

type Json = Record<string, unknown>;

function componentUri(pathway: Pathway, c: PathwayComponent): string {
  return c.ctdl?.id ?? `${pathway.id.replace(/\/+$/, '')}/components/${encodeURIComponent(c.id)}`;
}

const isLeaf = (r: NormalizedRule): r is { component: string } => 'component' in r;

/** One rule → one ComponentCondition (inverse of import's conditionRule). Depth bounded by validatePathway. */
function condition(rule: NormalizedRule, uri: (key: string) => string): Json {
  const base = { '@type': 'ceterms:ComponentCondition' };
  if (isLeaf(rule)) return { ...base, 'ceterms:targetComponent': [uri(rule.component)] };
  if ('nOf' in rule) {
    const { n, of } = rule.nOf;
    return of.every(isLeaf)
      ? { ...base, 'ceterms:requiredNumber': n, 'ceterms:targetComponent': of.map((r) => uri(r.component)) }
      : { ...base, 'ceterms:requiredNumber': n, 'ceterms:hasCondition': of.map((r) => condition(r, uri)) };
  }
  if ('allOf' in rule && rule.allOf.every(isLeaf))
    return {
      ...base,
      'ceterms:targetComponent': rule.allOf.map((r) => uri((r as { component: string }).component)),
    };
  const parts = 'allOf' in rule ? rule.allOf : rule.anyOf;
  return {
    ...base,
    'ceterms:logicalOperator': 'allOf' in rule ? 'logical:And' : 'logical:Or',
    'ceterms:hasCondition': parts.map((r) => condition(r, uri)),
  };
}

/** A component's conditions: a top-level allOf of non-leaf rules is several conditions, as CTDL writes it. */
function conditions(rule: NormalizedRule, uri: (key: string) => string): Json[] {
  if ('allOf' in rule && !rule.allOf.every(isLeaf)) return rule.allOf.map((r) => condition(r, uri));
  return [condition(rule, uri)];
}

/**
 * Translates a credstack pathway into a CTDL Pathway graph (`{ "@context", "@graph" }`) that the
 * Credential Registry's publishing tools accept: the Pathway, one PathwayComponent per component
 * (class, `hasChild` and URI kept from an imported pathway, `proxyFor` = the achievement when it is
 * not the component itself) and ComponentConditions for the completion rule (on the destination)
 * and each milestone named after a component. Importing the result gives back the same pathway;
 * what CTDL has no term for (issuer and result requirements, other milestones, version, the
 * owner's full Profile) is written under the Pathway's `credstack:extensions` property.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { exportCtdlPathway, importCtdlPathway } from 'credstack'
 * const ctdl = exportCtdlPathway(pathway)
 * const again = importCtdlPathway(ctdl).pathway // the same pathway
 * ```
 */
export function exportCtdlPathway(
  pathway: Pathway | PathwayInput,
  options: ExportCtdlPathwayOptions = {},
): Json {
  const p = ensurePathway(pathway);
  const lang = options.language ?? 'en-US';
  const langMap = (s: string) => ({ [lang]: s });
  const uris = new Map(p.components.map((c) => [c.id, componentUri(p, c)]));
  const uri = (key: string) => uris.get(key) as string;
  const destination = p.components.find((c) => c.ctdl?.destination);
  const byKey = new Map(p.components.map((c) => [c.id, c]));
  const conditionsOf = new Map<string, Json[]>();
  const ext: CtdlExtension = {};
  if (destination) {
    // A bare `{ component: destination }` completion means "earn the destination": no condition.
    const own = isLeaf(p.completion) && p.completion.component === destination.id;
    if (!own) conditionsOf.set(destination.id, conditions(p.completion, uri));
  } else ext.completion = p.completion;
  const otherMilestones: NonNullable<CtdlExtension['milestones']> = [];
  for (const m of p.milestones ?? []) {
    const owner = byKey.get(m.id);
    if (owner && owner !== destination && !conditionsOf.has(m.id) && m.name === (owner.name ?? owner.id)) {
      const list = conditions(m.rule, uri);
      if (m.description && list[0]) list[0]['ceterms:description'] = langMap(m.description);
      conditionsOf.set(m.id, list);
    } else otherMilestones.push(m);
  }
  if (otherMilestones.length > 0) ext.milestones = otherMilestones;
  if (p.version) ext.version = p.version;
  if (p.partners) ext.partners = p.partners;
  if (p.alignments) ext.alignments = p.alignments;
  // offeredBy only references the owner: anything beyond id and name goes in the extension.
  if (p.employer) {
    const { id: _id, type, ...employerRest } = p.employer;
    if (type !== 'Profile' || Object.keys(employerRest).some((k) => k !== 'name')) ext.employer = p.employer;
  }
  const componentExt: NonNullable<CtdlExtension['components']> = {};
  for (const c of p.components) {
    if (c.acceptedIssuers || c.minimumResult)
      componentExt[c.id] = {
        ...(c.acceptedIssuers ? { acceptedIssuers: [...c.acceptedIssuers] } : {}),
        ...(c.minimumResult ? { minimumResult: c.minimumResult } : {}),
      };
  }
  if (Object.keys(componentExt).length > 0) ext.components = componentExt;

  const root: Json = {
    '@id': p.id,
    '@type': 'ceterms:Pathway',
    'ceterms:name': langMap(p.name),
    ...(p.description ? { 'ceterms:description': langMap(p.description) } : {}),
    ...(p.employer ? { 'ceterms:offeredBy': [p.employer.id] } : {}),
    'ceterms:occupationType': (p.occupations ?? []).map((o) => ({
      '@type': 'ceterms:CredentialAlignmentObject',
      'ceterms:codedNotation': o.code,
      'ceterms:frameworkName': langMap(o.framework),
      'ceterms:targetNodeName': langMap(o.name),
      ...(o.url ? { 'ceterms:targetNode': o.url } : {}),
    })),
    ...(destination ? { 'ceterms:hasDestinationComponent': [uri(destination.id)] } : {}),
    'ceterms:hasPart': p.components.map((c) => uri(c.id)),
    ...(Object.keys(ext).length > 0 ? { [CTDL_EXTENSION_KEY]: ext } : {}),
  };
  const org: Json | undefined = p.employer && {
    '@id': p.employer.id,
    '@type': 'ceterms:CredentialOrganization',
    ...(typeof p.employer.name === 'string' ? { 'ceterms:name': langMap(p.employer.name) } : {}),
  };
  const nodes = p.components.map((c) => {
    const id = uri(c.id);
    const achievement = componentAchievementId(c);
    const conds = conditionsOf.get(c.id);
    return {
      '@id': id,
      '@type': `ceterms:${c.ctdl?.type.replace(/^ceterms:/, '') ?? 'CredentialComponent'}`,
      ...(c.ctdl ? {} : { 'ceterms:ctid': c.id }),
      ...(c.name ? { 'ceterms:name': langMap(c.name) } : {}),
      ...(achievement !== id ? { 'ceterms:proxyFor': achievement } : {}),
      ...(c.ctdl?.hasChild ? { 'ceterms:hasChild': [...c.ctdl.hasChild] } : {}),
      ...(c.prerequisites?.length ? { 'ceterms:prerequisite': c.prerequisites.map(uri) } : {}),
      ...(conds ? { 'ceterms:hasCondition': conds } : {}),
    };
  });
  return { '@context': CTDL_CONTEXT_URL, '@graph': [root, ...(org ? [org] : []), ...nodes] };
}
