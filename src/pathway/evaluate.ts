// Pure rule evaluation. Rules are monotone (earning more never un-satisfies a rule), which is
// what makes "earliest date a rule held" and "minimal satisfying set" well defined below.

import { CredstackError, describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import type { NormalizedRule, Rule } from './types.js';

/**
 * The outcome of {@link evaluateRule}.
 * @example
 * ```ts
 * import { evaluateRule, type RuleEvaluation } from 'credstack'
 * const evaluation: RuleEvaluation = evaluateRule({ allOf: ['safety', 'wiring'] }, ['safety'])
 * evaluation.missing; // ['wiring']
 * ```
 */
export interface RuleEvaluation {
  satisfied: boolean;
  /** `satisfied`, or what is missing, e.g. `needs all of: core-2, (1 more of: elective-3, elective-4)`. */
  explanation: string;
  /** Components not yet earned that would count toward an unmet part of the rule (sorted, unique). */
  missing: string[];
}

/** `rule` without the string shorthand; throws `ERR_PATHWAY_INVALID` on a malformed rule. @internal */
export function normalizeRule(rule: Rule, path = 'rule'): NormalizedRule {
  if (typeof rule === 'string') return { component: rule };
  if (!isObject(rule)) {
    throw new CredstackError('ERR_PATHWAY_INVALID', `${path}: expected a rule, got ${describeValue(rule)}`, {
      path,
    });
  }
  if ('component' in rule && typeof rule.component === 'string') return { component: rule.component };
  if ('allOf' in rule && Array.isArray(rule.allOf)) {
    return { allOf: rule.allOf.map((r, i) => normalizeRule(r, `${path}.allOf[${i}]`)) };
  }
  if ('anyOf' in rule && Array.isArray(rule.anyOf)) {
    return { anyOf: rule.anyOf.map((r, i) => normalizeRule(r, `${path}.anyOf[${i}]`)) };
  }
  if ('nOf' in rule && isObject(rule.nOf) && Array.isArray(rule.nOf.of)) {
    const { n, of } = rule.nOf;
    return { nOf: { n, of: of.map((r, i) => normalizeRule(r, `${path}.nOf.of[${i}]`)) } };
  }
  throw new CredstackError(
    'ERR_PATHWAY_INVALID',
    `${path}: expected a component id, {component}, {allOf}, {anyOf} or {nOf: {n, of}}, got keys ${JSON.stringify(Object.keys(rule))}`,
    { path },
  );
}

function children(rule: NormalizedRule): NormalizedRule[] {
  if ('allOf' in rule) return rule.allOf;
  if ('anyOf' in rule) return rule.anyOf;
  if ('nOf' in rule) return rule.nOf.of;
  return [];
}

/** How many of `rule`'s branches must hold: allOf → all, anyOf → 1, nOf → n. */
function required(rule: NormalizedRule): number {
  if ('allOf' in rule) return rule.allOf.length;
  if ('anyOf' in rule) return 1;
  if ('nOf' in rule) return rule.nOf.n;
  return 1;
}

/**
 * Whether `rule` holds for the `earned` components. Faster than {@link evaluateRule} (no
 * explanation); used in the hot paths of progress and proof verification.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * ruleHolds({ nOf: { n: 2, of: ['e1', 'e2', 'e3'] } }, new Set(['e1', 'e3'])) // true
 * ```
 */
export function ruleHolds(rule: Rule, earned: ReadonlySet<string>): boolean {
  if (typeof rule === 'string') return earned.has(rule);
  if ('component' in rule) return earned.has(rule.component);
  const norm = rule as NormalizedRule;
  const need = required(norm);
  let count = 0;
  for (const child of children(norm)) if (ruleHolds(child, earned) && ++count >= need) return true;
  // An empty allOf holds vacuously; validatePathway rejects it anyway.
  return count >= need;
}

function describeUnmet(rule: NormalizedRule, earned: ReadonlySet<string>, nested: boolean): string {
  if ('component' in rule) return rule.component;
  const kids = children(rule);
  const unmet = kids.filter((k) => !ruleHolds(k, earned));
  // allOf / anyOf with a single unmet branch read as that branch.
  if (!('nOf' in rule) && unmet.length === 1) return describeUnmet(unmet[0]!, earned, nested);
  const texts = unmet.map((k) => describeUnmet(k, earned, true));
  let text: string;
  if ('allOf' in rule) text = `all of: ${texts.join(', ')}`;
  else if ('anyOf' in rule) text = `1 of: ${texts.join(', ')}`;
  else text = `${required(rule) - (kids.length - unmet.length)} more of: ${texts.join(', ')}`;
  // A composite inside a list gets brackets so the reader can tell where it ends.
  return nested ? `(${text})` : text;
}

function collectMissing(rule: NormalizedRule, earned: ReadonlySet<string>, out: Set<string>): void {
  if (ruleHolds(rule, earned)) return;
  if ('component' in rule) out.add(rule.component);
  else for (const child of children(rule)) collectMissing(child, earned, out);
}

/**
 * Evaluates a rule against the set of earned component ids: whether it holds, what is
 * missing in words, and which unearned components would count toward it.
 *
 * `nOf` counts branches: `{ nOf: { n: 2, of: [...] } }` holds when at least 2 of its rules hold.
 * A bare string is shorthand for `{ component: id }`.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { evaluateRule } from 'credstack/pathway'
 * const rule = { allOf: ['core-1', { nOf: { n: 2, of: ['e1', 'e2', 'e3', 'e4'] } }] }
 * evaluateRule(rule, new Set(['core-1', 'e2']))
 * // { satisfied: false, explanation: 'needs 1 more of: e1, e3, e4', missing: ['e1', 'e3', 'e4'] }
 * ```
 */
export function evaluateRule(rule: Rule, earned: ReadonlySet<string> | Iterable<string>): RuleEvaluation {
  const set = earned instanceof Set ? (earned as ReadonlySet<string>) : new Set(earned);
  const norm = normalizeRule(rule);
  if (ruleHolds(norm, set)) return { satisfied: true, explanation: 'satisfied', missing: [] };
  const missing = new Set<string>();
  collectMissing(norm, set, missing);
  return {
    satisfied: false,
    explanation: `needs ${describeUnmet(norm, set, false)}`,
    missing: [...missing].sort(),
  };
}

/**
 * Every component id a rule mentions, in first-mention order.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * ruleComponents({ anyOf: ['a', { allOf: ['b', 'a'] }] }) // ['a', 'b']
 * ```
 */
export function ruleComponents(rule: Rule): string[] {
  const out = new Set<string>();
  const walk = (r: NormalizedRule): void => {
    if ('component' in r) out.add(r.component);
    else children(r).forEach(walk);
  };
  walk(normalizeRule(rule));
  return [...out];
}

/**
 * The earliest moment `rule` held, and a minimal set of components that made it hold then.
 *
 * Components are added in order of the date they were earned; the first date at which the rule
 * holds is when it was reached (rules are monotone, so that date is the smallest possible
 * "latest date" over all satisfying sets). The prefix is then pruned, latest first, while the
 * rule still holds, giving a minimal satisfying set whose latest date is that same moment.
 * @internal
 */
export function earliestSatisfaction(
  rule: NormalizedRule,
  earnedAt: ReadonlyMap<string, string>,
): { reachedAt: string; components: string[] } | undefined {
  const order = [...earnedAt.entries()].sort((a, b) => compareDates(a[1], b[1]) || a[0].localeCompare(b[0]));
  const chosen = new Set<string>();
  let reachedAt: string | undefined;
  for (const [component, date] of order) {
    chosen.add(component);
    if (ruleHolds(rule, chosen)) {
      reachedAt = date;
      break;
    }
  }
  if (reachedAt === undefined) return undefined;
  for (const component of [...chosen].reverse()) {
    chosen.delete(component);
    if (!ruleHolds(rule, chosen)) chosen.add(component);
  }
  return { reachedAt, components: [...chosen].sort() };
}

/** Compares ISO dates by instant; unparsable dates sort last. */
export function compareDates(a: string, b: string): number {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  const na = Number.isNaN(ta) ? Number.POSITIVE_INFINITY : ta;
  const nb = Number.isNaN(tb) ? Number.POSITIVE_INFINITY : tb;
  return na === nb ? 0 : na < nb ? -1 : 1;
}
