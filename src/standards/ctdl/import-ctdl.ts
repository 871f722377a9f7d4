// CTDL Pathway (Credential Engine, ceterms:Pathway, April 2019 release and later) → credstack pathway.
//
// Mapping (README "From the registry"):
//   - every PathwayComponent reachable from the Pathway (hasPart, hasChild, hasDestinationComponent,
//     targetComponent, prerequisite, precedes) becomes a component; its achievement is `proxyFor`
//     (the credential, course, … it stands for), else the component's own URI;
//   - a component's ComponentConditions become a rule: `requiredNumber` n over `targetComponent`
//     → nOf, targets without a number → allOf, nested `hasCondition` combined by `logicalOperator`
//     (Or → anyOf, else allOf), several conditions on one component → allOf. Nothing is flattened;
//   - the destination component's conditions are the pathway's completion rule (the destination
//     is awarded when they hold); every other component's conditions are a milestone of that id;
//   - `prerequisite` / `precedes` → prerequisites; `offeredBy` → the employer; `occupationType` →
//     occupations.
import { CredstackError } from '../../errors.js';
import type { NormalizedRule, Occupation, ObObject, Pathway, PathwayComponent } from '../../pathway/types.js';
import { validatePathway } from '../../pathway/validate-pathway.js';
import { validateOccupation } from '../occupation.js';
import { readExtension } from './extension.js';
import {
  type CtdlNode,
  collectResources,
  ctdlError,
  isObject,
  list,
  localName,
  nodeTypes,
  prop,
  refs,
  text,
} from './graph.js';

/**
 * Options of {@link importCtdlPathway}: what to use when the CTDL document does not say.
 * @example
 * ```ts
 * import type { ImportCtdlPathwayOptions } from 'credstack'
 * const options: ImportCtdlPathwayOptions = { employer: { id: 'https://board.example', type: 'Profile' } }
 * ```
 */
export interface ImportCtdlPathwayOptions {
  /** The pathway's owner when it has no `offeredBy`. */
  employer?: ObObject;
  /** The target occupations when the pathway has no `occupationType`. */
  occupations?: Occupation[];
  /** Which Pathway to import when the document holds several (its URI). */
  pathway?: string;
}

/**
 * What {@link importCtdlPathway} returns: the validated pathway and what it could not carry.
 * @example
 * ```ts
 * import { importCtdlPathway } from 'credstack'
 * const { pathway, warnings } = importCtdlPathway(doc, { employer })
 * for (const w of warnings) console.warn(w)
 * ```
 */
export interface CtdlImport {
  pathway: Pathway;
  /** CTDL statements with no credstack counterpart (e.g. a nested condition's description). */
  warnings: string[];
}

const COMPONENT_LINKS = ['hasChild', 'hasDestinationComponent', 'prerequisite', 'precedes', 'hasPart'];

/** A local component key from a CTID or the URI's last segment (schema: `^[A-Za-z0-9][A-Za-z0-9._:-]*$`). */
function keyFor(node: CtdlNode, uri: string, used: Set<string>): string {
  const ctid = text(prop(node, 'ctid'));
  const raw =
    ctid ??
    uri
      .replace(/[/#?]+$/, '')
      .split(/[/#?]/)
      .pop() ??
    'component';
  let base =
    raw
      .replace(/[^A-Za-z0-9._:-]+/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '')
      .slice(0, 120) || 'component';
  if (!/^[A-Za-z0-9]/.test(base)) base = `c${base}`;
  let key = base;
  for (let i = 2; used.has(key); i++) key = `${base}-${i}`;
  used.add(key);
  return key;
}

function logicalOr(cond: CtdlNode): boolean {
  const op = text(prop(cond, 'logicalOperator') ?? prop(cond, 'logicalOperand'));
  return op !== undefined && /or$/i.test(op.trim());
}

/** `requiredNumber`, or the 2019 sample's `leftOperand: reqNum` + `rightOperand`. */
function requiredNumber(cond: CtdlNode, where: string): number | undefined {
  let n = prop(cond, 'requiredNumber');
  if (n === undefined && text(prop(cond, 'leftOperand')) === 'reqNum') n = prop(cond, 'rightOperand');
  if (n === undefined) return undefined;
  const value = typeof n === 'string' && /^\d+$/.test(n) ? Number(n) : n;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1)
    ctdlError(`${where}: requiredNumber must be a positive integer, got ${JSON.stringify(n)}`);
  return value;
}

interface Context {
  keyOf: (uri: string, where: string) => string;
  warnings: string[];
}

/** One ComponentCondition → rule. Depth is bounded by collectResources' nesting limit. */
function conditionRule(cond: unknown, owner: string, where: string, ctx: Context): NormalizedRule {
  if (!isObject(cond)) ctdlError(`${where}: a condition must be an object`);
  const targets = refs(cond, 'targetComponent').map((t) => {
    const key = ctx.keyOf(t, where);
    if (key === owner)
      throw new CredstackError('ERR_CTDL_CYCLE', `Invalid CTDL pathway: ${where} targets its own component`, {
        path: where,
      });
    return { component: key } as NormalizedRule;
  });
  const subs = list(prop(cond, 'hasCondition')).map((c, i) =>
    conditionRule(c, owner, `${where}.hasCondition[${i}]`, ctx),
  );
  const n = requiredNumber(cond, where);
  const parts: NormalizedRule[] = [];
  if (targets.length > 0) {
    if (n !== undefined) {
      if (n > targets.length)
        ctdlError(`${where}: requiredNumber ${n} is larger than its ${targets.length} target(s)`);
      parts.push({ nOf: { n, of: targets } });
    } else parts.push(targets.length === 1 ? (targets[0] as NormalizedRule) : { allOf: targets });
  } else if (n !== undefined) {
    if (n > subs.length)
      ctdlError(`${where}: requiredNumber ${n} is larger than its ${subs.length} condition(s)`);
    return { nOf: { n, of: subs } };
  }
  parts.push(...subs);
  if (parts.length === 0) ctdlError(`${where}: the condition has no targetComponent and no hasCondition`);
  if (parts.length === 1) return parts[0] as NormalizedRule;
  return logicalOr(cond) ? { anyOf: parts } : { allOf: parts };
}

/** Depth-first search without recursion: a condition chain that comes back to where it started. */
function findConditionCycle(edges: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 1 | 2>();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const stack: Array<{ node: string; next: number }> = [{ node: start, next: 0 }];
    const path: string[] = [start];
    state.set(start, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: string; next: number };
      const out = edges.get(top.node) ?? [];
      if (top.next >= out.length) {
        state.set(top.node, 2);
        stack.pop();
        path.pop();
        continue;
      }
      const to = out[top.next++] as string;
      if (state.get(to) === 1) return [...path.slice(path.indexOf(to)), to];
      if (!state.has(to)) {
        state.set(to, 1);
        stack.push({ node: to, next: 0 });
        path.push(to);
      }
    }
  }
  return undefined;
}

function ruleTargets(rule: NormalizedRule): string[] {
  const out: string[] = [];
  const stack: NormalizedRule[] = [rule];
  while (stack.length > 0) {
    const r = stack.pop() as NormalizedRule;
    if ('component' in r) out.push(r.component);
    else if ('allOf' in r) stack.push(...r.allOf);
    else if ('anyOf' in r) stack.push(...r.anyOf);
    else stack.push(...r.nOf.of);
  }
  return out;
}

function occupationsOf(node: CtdlNode): Occupation[] {
  return list(prop(node, 'occupationType')).flatMap((o) => {
    if (!isObject(o)) return [];
    const code = text(prop(o, 'codedNotation'));
    const name = text(prop(o, 'targetNodeName'));
    if (!code || !name) return [];
    const url = text(prop(o, 'targetNode'));
    const framework = text(prop(o, 'frameworkName')) ?? 'O*NET-SOC';
    return [{ code, framework, name, ...(url ? { url } : {}) }];
  });
}

/**
 * Translates a CTDL Pathway (Credential Engine's `ceterms:Pathway` with its PathwayComponents and
 * ComponentConditions) into a credstack pathway, validated by `validatePathway`. Accepts the
 * registry's graph form (`@graph`), one resource document, or an array of resource documents.
 * Conditions keep their structure: `requiredNumber` → `nOf`, `logicalOperator` Or → `anyOf`,
 * nested conditions nest. See the README section "From the registry" for the full mapping.
 *
 * Errors: `ERR_CTDL_INVALID` (no Pathway, a reference to a component not in the document, a
 * `requiredNumber` larger than its targets, an empty condition, no owner/occupation and no
 * option for it, a document past the size/depth limits), `ERR_CTDL_CYCLE` (a condition that
 * targets its own component, or conditions that require each other), and the `ERR_PATHWAY_*`
 * codes of `validatePathway`.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { importCtdlPathway, pathwayProgress } from 'credstack'
 * const { pathway } = importCtdlPathway(JSON.parse(text), {
 *   employer: { id: 'https://board.example', type: 'Profile', name: 'Workforce Board' },
 *   occupations: [{ code: '15-1252.00', framework: 'O*NET-SOC', name: 'Software Developers' }],
 * })
 * const progress = await pathwayProgress(pathway, credentials, { verify })
 * ```
 */
export function importCtdlPathway(doc: unknown, options: ImportCtdlPathwayOptions = {}): CtdlImport {
  const resources = collectResources(doc);
  const pathways = [...resources.values()].filter((n) => nodeTypes(n).includes('Pathway'));
  const root = options.pathway ? resources.get(options.pathway) : pathways[0];
  if (!root || !nodeTypes(root).includes('Pathway'))
    ctdlError(
      options.pathway
        ? `no Pathway ${options.pathway} in the document`
        : 'no ceterms:Pathway in the document',
    );
  if (!options.pathway && pathways.length > 1)
    ctdlError(`the document holds ${pathways.length} Pathways; name one with options.pathway`);
  const pathwayId = (root['@id'] ?? root.id) as string;
  const warnings: string[] = [];

  // Components, in document order: the pathway's hasPart first, then whatever they link to.
  const keys = new Map<string, string>();
  const used = new Set<string>();
  const order: string[] = [];
  const queue = [
    ...refs(root, 'hasDestinationComponent'),
    ...refs(root, 'hasPart'),
    ...refs(root, 'hasChild'),
  ];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const uri = queue.shift() as string;
    if (seen.has(uri)) continue;
    seen.add(uri);
    const node = resources.get(uri);
    if (!node) ctdlError(`component ${uri} is referenced but not in the document`, uri);
    if (!nodeTypes(node).some((t) => t.endsWith('Component')))
      ctdlError(
        `${uri} is referenced as a component but is a ${nodeTypes(node).join(', ') || 'resource without @type'}`,
        uri,
      );
    order.push(uri);
    keys.set(uri, keyFor(node, uri, used));
    for (const link of COMPONENT_LINKS) queue.push(...refs(node, link));
    for (const cond of list(prop(node, 'hasCondition'))) {
      const stack = [cond];
      while (stack.length > 0) {
        const c = stack.pop();
        if (!isObject(c)) continue;
        queue.push(...refs(c, 'targetComponent'));
        stack.push(...list(prop(c, 'hasCondition')));
      }
    }
  }
  if (order.length === 0)
    ctdlError('the Pathway has no components (hasPart, hasChild, hasDestinationComponent)');
  const destinations = refs(root, 'hasDestinationComponent');
  if (destinations.length > 1)
    warnings.push(`only the first of ${destinations.length} destination components is the completion`);
  const destination = destinations[0];

  const ctx: Context = {
    keyOf: (uri, where) => {
      const key = keys.get(uri);
      if (key === undefined) ctdlError(`${where}: component ${uri} is not in the document`, uri);
      return key;
    },
    warnings,
  };
  const ext = readExtension(root);
  const prerequisites = new Map<string, Set<string>>();
  const addPrereq = (of: string, p: string) => {
    if (!prerequisites.has(of)) prerequisites.set(of, new Set());
    (prerequisites.get(of) as Set<string>).add(p);
  };
  const components: PathwayComponent[] = [];
  const conditionRules = new Map<string, NormalizedRule>();
  const conditionDescriptions = new Map<string, string>();
  for (const uri of order) {
    const node = resources.get(uri) as CtdlNode;
    const key = keys.get(uri) as string;
    for (const p of refs(node, 'prerequisite')) addPrereq(key, ctx.keyOf(p, `${key}.prerequisite`));
    for (const p of refs(node, 'precedes')) addPrereq(ctx.keyOf(p, `${key}.precedes`), key);
    const conds = list(prop(node, 'hasCondition'));
    if (conds.length > 0) {
      const rules = conds.map((c, i) => conditionRule(c, key, `${key}.hasCondition[${i}]`, ctx));
      conditionRules.set(key, rules.length === 1 ? (rules[0] as NormalizedRule) : { allOf: rules });
      const descriptions = conds.map((c) => (isObject(c) ? text(prop(c, 'description')) : undefined));
      if (descriptions[0]) conditionDescriptions.set(key, descriptions[0]);
      if (descriptions.slice(1).some(Boolean))
        warnings.push(`${key}: only the first condition's description is kept`);
    }
    const proxy = refs(node, 'proxyFor')[0];
    const type = nodeTypes(node).find((t) => t.endsWith('Component')) as string;
    const hasChild = refs(node, 'hasChild');
    const name = text(prop(node, 'name'));
    const extra = ext.components?.[key];
    components.push({
      id: key,
      ...(name ? { name } : {}),
      achievement: proxy ?? uri,
      ...(extra?.acceptedIssuers ? { acceptedIssuers: extra.acceptedIssuers } : {}),
      ...(extra?.minimumResult ? { minimumResult: extra.minimumResult } : {}),
      ctdl: {
        id: uri,
        type,
        ...(hasChild.length > 0 ? { hasChild } : {}),
        ...(uri === destination ? { destination: true } : {}),
      },
    });
  }
  for (const c of components) {
    const p = prerequisites.get(c.id);
    if (p) c.prerequisites = [...p];
  }

  const cycle = findConditionCycle(new Map([...conditionRules].map(([k, r]) => [k, ruleTargets(r)])));
  if (cycle)
    throw new CredstackError(
      'ERR_CTDL_CYCLE',
      `Invalid CTDL pathway: conditions require each other: ${cycle.join(' → ')}`,
      {
        path: cycle[0],
        details: { cycle },
      },
    );

  const destKey = destination ? keys.get(destination) : undefined;
  const completion: NormalizedRule | undefined =
    destKey === undefined ? ext.completion : (conditionRules.get(destKey) ?? { component: destKey });
  if (!completion) ctdlError('the Pathway has no hasDestinationComponent, so there is no completion rule');
  const milestones = [...conditionRules]
    .filter(([key]) => key !== destKey)
    .map(([key, rule]) => {
      const c = components.find((x) => x.id === key) as PathwayComponent;
      const description = conditionDescriptions.get(key);
      return { id: key, name: c.name ?? key, ...(description ? { description } : {}), rule };
    });
  milestones.push(...(ext.milestones ?? []));
  if (destKey && conditionDescriptions.has(destKey))
    warnings.push(
      `${destKey}: the destination's condition description is not kept (the completion rule has none)`,
    );

  const offeredBy = refs(root, 'offeredBy')[0];
  const org = offeredBy ? resources.get(offeredBy) : undefined;
  const orgName = org ? text(prop(org, 'name')) : undefined;
  const employer: ObObject | undefined =
    ext.employer ??
    (offeredBy
      ? { id: offeredBy, type: 'Profile', ...(orgName ? { name: orgName } : {}) }
      : options.employer);
  // Both are optional in a pathway (school-only pathways); say so, since CTDL usually has them.
  if (!employer)
    warnings.push('the Pathway has no offeredBy: the pathway has no employer (pass options.employer)');
  const found = occupationsOf(root);
  const occupations = found.length > 0 ? found : options.occupations;
  if (!occupations || occupations.length === 0)
    warnings.push(
      'the Pathway has no occupationType: the pathway has no occupations (pass options.occupations)',
    );
  for (const o of occupations ?? []) validateOccupation(o);

  const name = text(prop(root, 'name'));
  const description = text(prop(root, 'description'));
  const pathway = validatePathway({
    id: pathwayId,
    type: 'Pathway',
    name: name ?? pathwayId,
    ...(description ? { description } : {}),
    ...(ext.version ? { version: ext.version } : {}),
    ...(occupations && occupations.length > 0 ? { occupations } : {}),
    ...(ext.alignments ? { alignments: ext.alignments } : {}),
    ...(employer ? { employer } : {}),
    ...(ext.partners ? { partners: ext.partners } : {}),
    components,
    completion,
    ...(milestones.length > 0 ? { milestones } : {}),
  });
  if (!name) warnings.push('the Pathway has no name; its URI is used');
  for (const t of Object.keys(root).map(localName))
    if (t === 'hasProgressionModel' || t === 'hasPathwayComponent') warnings.push(`${t} is not imported`);
  return { pathway, warnings };
}
