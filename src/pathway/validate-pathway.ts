// Pathway validation: JSON Schema first (shape), then the checks a schema cannot express
// (references, cycles, satisfiability), each with a message that names the component.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import schema from '../../schemas/credstack/pathway.schema.json' with { type: 'json' };
import { CredstackError, describeValue } from '../errors.js';
import { asArray, clone, isObject } from '../lib/json.js';
import { normalizeRule, ruleHolds } from './evaluate.js';
import type { NormalizedRule, ObObject, Pathway, PathwayComponent, PathwayInput, Rule } from './types.js';

// ajv-formats is CommonJS: under NodeNext its default import is the module object in some
// toolchains and the function in others.
type AddFormats = (ajv: Ajv2019) => unknown;
const addFormats: AddFormats =
  typeof addFormatsModule === 'function'
    ? (addFormatsModule as unknown as AddFormats)
    : (addFormatsModule as unknown as { default: AddFormats }).default;

let compiled: ValidateFunction | undefined;
function schemaValidator(): ValidateFunction {
  if (!compiled) {
    const ajv = new Ajv2019({ allErrors: true, strict: false });
    addFormats(ajv);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** The achievement id of a component (string form or embedded Achievement's id). @internal */
export function componentAchievementId(component: PathwayComponent): string {
  return typeof component.achievement === 'string' ? component.achievement : component.achievement.id;
}

function where(doc: Record<string, unknown>, pointer: string): string {
  const m = /^\/(components|milestones)\/(\d+)/.exec(pointer);
  if (m) {
    const item = asArray(doc[m[1]!] as unknown[])[Number(m[2])];
    const id = isObject(item) && typeof item.id === 'string' ? item.id : `#${m[2]}`;
    return `${m[1] === 'components' ? 'component' : 'milestone'} '${id}'`;
  }
  if (pointer.startsWith('/completion')) return 'completion rule';
  return 'pathway';
}

// Schema errors under a `oneOf` are many; the deepest, most specific one reads best.
const SPECIFIC = [
  'additionalProperties',
  'required',
  'pattern',
  'format',
  'minItems',
  'uniqueItems',
  'minLength',
];
function pickError(errors: ErrorObject[]): ErrorObject {
  const depth = (e: ErrorObject) => e.instancePath.split('/').length;
  const max = Math.max(...errors.map(depth));
  const deepest = errors.filter((e) => depth(e) === max);
  for (const keyword of SPECIFIC) {
    const found = deepest.find((e) => e.keyword === keyword);
    if (found) return found;
  }
  return deepest[0]!;
}

function formatError(doc: Record<string, unknown>, e: ErrorObject): string {
  const extra =
    e.keyword === 'additionalProperties'
      ? ` ('${(e.params as { additionalProperty: string }).additionalProperty}')`
      : '';
  return `Invalid pathway: ${where(doc, e.instancePath)} at ${e.instancePath || '/'}: ${e.message ?? 'is invalid'}${extra}`;
}

function fail(
  code: 'ERR_PATHWAY_INVALID' | 'ERR_PATHWAY_REFERENCE' | 'ERR_PATHWAY_CYCLE' | 'ERR_PATHWAY_UNSATISFIABLE',
  message: string,
  path?: string,
  details?: unknown,
): never {
  throw new CredstackError(code, message, {
    ...(path === undefined ? {} : { path }),
    ...(details === undefined ? {} : { details }),
  });
}

function checkRule(rule: NormalizedRule, label: string, known: ReadonlySet<string>): void {
  if ('component' in rule) {
    if (!known.has(rule.component)) {
      fail(
        'ERR_PATHWAY_REFERENCE',
        `${label} references unknown component '${rule.component}'`,
        rule.component,
      );
    }
    return;
  }
  const [kind, list] =
    'allOf' in rule ? ['allOf', rule.allOf] : 'anyOf' in rule ? ['anyOf', rule.anyOf] : ['nOf', rule.nOf.of];
  if (list.length === 0) fail('ERR_PATHWAY_UNSATISFIABLE', `${label} has an empty ${kind}`);
  if ('nOf' in rule) {
    const { n } = rule.nOf;
    if (!Number.isInteger(n) || n < 1 || n > list.length) {
      fail(
        'ERR_PATHWAY_UNSATISFIABLE',
        `${label} has nOf with n = ${n} over ${list.length} rule(s): n must be an integer from 1 to ${list.length}`,
      );
    }
  }
  const seen = new Set<string>();
  for (const child of list) {
    if ('component' in child) {
      if (seen.has(child.component)) {
        fail(
          'ERR_PATHWAY_INVALID',
          `${label} lists component '${child.component}' twice in one ${kind}`,
          child.component,
        );
      }
      seen.add(child.component);
    }
    checkRule(child, label, known);
  }
}

function findCycle(components: readonly PathwayComponent[]): string[] | undefined {
  const prereqs = new Map(components.map((c) => [c.id, c.prerequisites ?? []]));
  const state = new Map<string, 'visiting' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...stack.slice(stack.indexOf(id)), id];
    state.set(id, 'visiting');
    stack.push(id);
    for (const p of prereqs.get(id) ?? []) {
      const cycle = visit(p);
      if (cycle) return cycle;
    }
    stack.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const c of components) {
    const cycle = visit(c.id);
    if (cycle) return cycle;
  }
  return undefined;
}

function resultDescriptions(achievement: ObObject): Array<Record<string, unknown>> {
  return asArray(achievement.resultDescription as unknown[]).filter(isObject);
}

function checkMinimumResult(component: PathwayComponent): void {
  const min = component.minimumResult;
  if (!min || typeof component.achievement === 'string') return;
  const label = `component '${component.id}'`;
  const rds = resultDescriptions(component.achievement);
  const rd =
    min.resultDescription === undefined ? undefined : rds.find((r) => r.id === min.resultDescription);
  if (min.resultDescription !== undefined && !rd) {
    fail(
      'ERR_PATHWAY_REFERENCE',
      `${label}: minimumResult.resultDescription '${min.resultDescription}' is not a ResultDescription of its achievement`,
      component.id,
    );
  }
  const candidates = rd ? [rd] : rds;
  if (typeof min.value === 'string' && candidates.length > 0) {
    const allowed = candidates.flatMap((r) => asArray(r.allowedValue as unknown[]));
    if (allowed.length > 0 && !allowed.includes(min.value)) {
      fail(
        'ERR_PATHWAY_UNSATISFIABLE',
        `${label}: minimumResult.value '${min.value}' is not an allowedValue of its achievement (${allowed.join(', ')}), so no result can meet it`,
        component.id,
      );
    }
  }
  if (typeof min.value === 'number' && rd && rd.valueMax !== undefined && Number(rd.valueMax) < min.value) {
    fail(
      'ERR_PATHWAY_UNSATISFIABLE',
      `${label}: minimumResult.value ${min.value} is above the ResultDescription's valueMax ${String(rd.valueMax)}`,
      component.id,
    );
  }
  if (min.achievedLevel !== undefined && candidates.length > 0) {
    const levels = candidates.flatMap((r) => asArray(r.rubricCriterionLevel as unknown[]).filter(isObject));
    if (levels.length > 0 && !levels.some((l) => l.id === min.achievedLevel)) {
      fail(
        'ERR_PATHWAY_UNSATISFIABLE',
        `${label}: minimumResult.achievedLevel '${min.achievedLevel}' is not a rubric level of its achievement`,
        component.id,
      );
    }
  }
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Validates a pathway definition and returns its normalised, deeply frozen copy (rule
 * shorthand expanded, input untouched).
 *
 * Throws a `CredstackError` whose message names the component or milestone at fault:
 * - `ERR_PATHWAY_INVALID` — the document does not match `schemas/credstack/pathway.schema.json`,
 *   or a component / milestone / achievement id is duplicated;
 * - `ERR_PATHWAY_REFERENCE` — a prerequisite or rule names an unknown component;
 * - `ERR_PATHWAY_CYCLE` — prerequisites form a cycle (the message lists it);
 * - `ERR_PATHWAY_UNSATISFIABLE` — an empty `allOf`/`anyOf`/`nOf`, `nOf.n` outside `1..of.length`,
 *   a minimum result no result can meet, or a rule that fails even with every component earned.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { validatePathway } from 'credstack/pathway'
 * const pathway = validatePathway(JSON.parse(await readFile('pathway.json', 'utf8')))
 * ```
 */
export function validatePathway(doc: unknown): Pathway {
  if (!isObject(doc))
    fail('ERR_PATHWAY_INVALID', `Invalid pathway: expected a JSON object, got ${describeValue(doc)}`);
  const validate = schemaValidator();
  if (!validate(doc)) {
    const errors = validate.errors ?? [];
    const e = pickError(errors);
    fail('ERR_PATHWAY_INVALID', formatError(doc, e), e.instancePath || '/', errors);
  }
  const input = clone(doc) as unknown as PathwayInput;

  const ids = new Set<string>();
  const achievementIds = new Map<string, string>();
  for (const c of input.components) {
    if (ids.has(c.id))
      fail('ERR_PATHWAY_INVALID', `Invalid pathway: component id '${c.id}' is used twice`, c.id);
    ids.add(c.id);
    const aid = componentAchievementId(c);
    if (aid === input.id) {
      fail(
        'ERR_PATHWAY_INVALID',
        `Invalid pathway: component '${c.id}' uses the pathway's own id as its achievement`,
        c.id,
      );
    }
    const other = achievementIds.get(aid);
    if (other !== undefined) {
      fail(
        'ERR_PATHWAY_INVALID',
        `Invalid pathway: components '${other}' and '${c.id}' use the same achievement ${aid}`,
        c.id,
      );
    }
    achievementIds.set(aid, c.id);
  }
  for (const c of input.components) {
    for (const p of c.prerequisites ?? []) {
      if (!ids.has(p))
        fail('ERR_PATHWAY_REFERENCE', `component '${c.id}' lists unknown prerequisite '${p}'`, c.id);
    }
  }
  const cycle = findCycle(input.components);
  if (cycle) {
    fail('ERR_PATHWAY_CYCLE', `Prerequisite cycle: ${cycle.join(' → ')}`, cycle[0], { cycle });
  }
  for (const c of input.components) checkMinimumResult(c);

  const completion = normalizeRule(input.completion as Rule, 'completion');
  checkRule(completion, 'completion rule', ids);
  const milestoneIds = new Set<string>();
  const milestones = (input.milestones ?? []).map((m) => {
    if (milestoneIds.has(m.id))
      fail('ERR_PATHWAY_INVALID', `Invalid pathway: milestone id '${m.id}' is used twice`, m.id);
    milestoneIds.add(m.id);
    const rule = normalizeRule(m.rule, `milestone '${m.id}'`);
    checkRule(rule, `milestone '${m.id}' rule`, ids);
    return { ...m, rule };
  });
  // Rules are monotone: if one fails with everything earned, nothing can ever satisfy it.
  for (const [label, rule] of [
    ['completion rule', completion],
    ...milestones.map((m) => [`milestone '${m.id}'`, m.rule]),
  ] as Array<[string, NormalizedRule]>) {
    if (!ruleHolds(rule, ids))
      fail('ERR_PATHWAY_UNSATISFIABLE', `${label} cannot be satisfied even with every component earned`);
  }

  const { milestones: _m, completion: _c, ...rest } = input;
  const out: Pathway = {
    ...rest,
    type: 'Pathway',
    completion,
    ...(input.milestones === undefined ? {} : { milestones }),
  };
  return deepFreeze(out);
}
