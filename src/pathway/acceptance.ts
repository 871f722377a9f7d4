// Component acceptance rules: which issuers, and which minimum result.

import { asArray, isObject } from '../lib/json.js';
import { matchesTrustEntry } from '../trust/trust.js';
import type { MinimumResult, PathwayComponent } from './types.js';

type Json = Record<string, unknown>;

/**
 * Whether `issuer` is accepted: every issuer when the component lists none; else an entry that
 * matches the issuer id the way a trust list does (`matchesTrustEntry`: exact, or `*` wildcards
 * such as `https://school.example/*`), so a pathway's accepted issuers and a verifier's trust
 * list mean the same thing. @internal
 */
export function issuerAccepted(component: PathwayComponent, issuer: string | undefined): boolean {
  const accepted = component.acceptedIssuers;
  if (!accepted || accepted.length === 0) return true;
  if (issuer === undefined) return false;
  return accepted.some((pattern) => matchesTrustEntry(issuer, pattern));
}

/** `a` is at or above `b` in `order` (low → high); plain equality when the order lacks either. */
function atLeast(order: readonly unknown[], a: unknown, b: unknown): boolean {
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  return ia >= 0 && ib >= 0 ? ia >= ib : a === b;
}

function resultDescriptionFor(achievement: Json | undefined, id: unknown): Json | undefined {
  const rds = asArray(achievement?.resultDescription as unknown[]).filter(isObject);
  return typeof id === 'string' ? rds.find((r) => r.id === id) : rds.length === 1 ? rds[0] : undefined;
}

/** A result's numeric value (OB 3.0 carries it as a string); NaN for anything else. */
function numericValue(value: unknown): number {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Number.parseFloat(value) : Number.NaN;
}

function resultMeets(result: Json, min: MinimumResult, pathwayAchievement: Json | undefined): boolean {
  if (min.resultDescription !== undefined && result.resultDescription !== min.resultDescription) return false;
  const rd = resultDescriptionFor(pathwayAchievement, result.resultDescription ?? min.resultDescription);
  if (min.value !== undefined) {
    if (typeof min.value === 'number') {
      if (!(numericValue(result.value) >= min.value)) return false;
    } else if (!atLeast(min.valueOrder ?? asArray(rd?.allowedValue as unknown[]), result.value, min.value))
      return false;
  }
  if (min.achievedLevel !== undefined) {
    const levels =
      min.levelOrder ??
      asArray(rd?.rubricCriterionLevel as unknown[])
        .filter(isObject)
        .map((l) => l.id);
    if (!atLeast(levels, result.achievedLevel, min.achievedLevel)) return false;
  }
  return true;
}

/**
 * Whether one of the credential's results meets the component's minimum. A string value or a
 * level is ranked by an order the verifier's own pathway gives: `minimumResult.valueOrder` /
 * `levelOrder`, else the `allowedValue` / `rubricCriterionLevel` array of the component's embedded
 * Achievement (the pathway author's JSON, low to high). Never by the credential's arrays: JSON-LD
 * signs `rubricCriterionLevel` (and `allowedValue` before OB 3.0.2) as an unordered set, so
 * reordering them leaves the issuer's Data Integrity proof valid and a "developing" result would
 * pass a "proficient" minimum. Without an order, string values and levels must be equal. @internal
 */
export function resultMeetsMinimum(component: PathwayComponent, results: Json[]): boolean {
  const min = component.minimumResult;
  if (!min) return true;
  const own = typeof component.achievement === 'object' ? (component.achievement as Json) : undefined;
  return results.some((r) => resultMeets(r, min, own));
}
