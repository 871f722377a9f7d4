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

function position(list: unknown[], value: unknown): number {
  return list.indexOf(value);
}

/** `a` is at or above `b` in `order` (low → high); plain equality when either is not in it. */
function atLeast(order: unknown[], a: unknown, b: unknown): boolean {
  const ia = position(order, a);
  const ib = position(order, b);
  return ia >= 0 && ib >= 0 ? ia >= ib : a === b;
}

// Achievements are searched in order, so the pathway's own ResultDescriptions win.
function resultDescriptionFor(achievements: Json[], id: unknown): Json | undefined {
  for (const a of achievements) {
    const rds = asArray(a.resultDescription as unknown[]).filter(isObject);
    const found =
      typeof id === 'string' ? rds.find((r) => r.id === id) : rds.length === 1 ? rds[0] : undefined;
    if (found) return found;
  }
  return undefined;
}

function resultMeets(result: Json, min: MinimumResult, achievements: Json[]): boolean {
  if (min.resultDescription !== undefined && result.resultDescription !== min.resultDescription) return false;
  const rd = resultDescriptionFor(achievements, result.resultDescription ?? min.resultDescription);
  if (min.value !== undefined) {
    if (typeof min.value === 'number') {
      const v = typeof result.value === 'number' ? result.value : Number.parseFloat(String(result.value));
      if (!(v >= min.value)) return false;
    } else if (!atLeast(asArray(rd?.allowedValue as unknown[]), result.value, min.value)) return false;
  }
  if (min.achievedLevel !== undefined) {
    const levels = asArray(rd?.rubricCriterionLevel as unknown[])
      .filter(isObject)
      .map((l) => l.id);
    if (!atLeast(levels, result.achievedLevel, min.achievedLevel)) return false;
  }
  return true;
}

/**
 * Whether one of the credential's results meets the component's minimum. Orders come from the
 * pathway's embedded Achievement first (the pathway author's word), then the credential's own
 * embedded Achievement: OB 3.0 says `allowedValue` and `rubricCriterionLevel` are ordered low
 * to high. Without an order, string values and levels must be equal. @internal
 */
export function resultMeetsMinimum(
  component: PathwayComponent,
  results: Json[],
  credentialAchievement: Json | undefined,
): boolean {
  const min = component.minimumResult;
  if (!min) return true;
  const achievements = [
    ...(typeof component.achievement === 'object' ? [component.achievement as Json] : []),
    ...(credentialAchievement ? [credentialAchievement] : []),
  ];
  return results.some((r) => resultMeets(r, min, achievements));
}
