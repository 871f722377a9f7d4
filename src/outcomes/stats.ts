// Quartiles of time-to-milestone. Durations are kept as one number per learner and pair of
// stages (O(learners), 8 bytes each: 100,000 learners × 5 pairs is 4 MB), so the quartiles are
// exact rather than sketched; a t-digest would only pay off far beyond regional cohorts.

/** Rounds for publication: figures carry no false precision and compare stably. @internal */
export const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * The `p` quantile (0..1) of sorted numbers by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, the default of R, NumPy and spreadsheet PERCENTILE.INC). @internal
 */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** p25, median and p75 in days, rounded to 0.01 day. @internal */
export function quartiles(values: number[]): { n: number; p25: number; median: number; p75: number } {
  const sorted = Float64Array.from(values).sort();
  const list = Array.from(sorted);
  return {
    n: list.length,
    p25: round(quantileSorted(list, 0.25), 2),
    median: round(quantileSorted(list, 0.5), 2),
    p75: round(quantileSorted(list, 0.75), 2),
  };
}
