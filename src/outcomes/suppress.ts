// Small-cell suppression of one breakdown (a partition of the cohort by one attribute).
//
// Published figures are a table: one row per group, one column per count (column 0 is the
// group's size), and the overall row, which every partition's rows sum to. The rule, with
// k = minCellSize:
//   1. A count x of a group of n learners is sensitive when 0 < x < k or 0 < n − x < k (a
//      handful of learners who did, or who did not). A group of fewer than k learners is
//      sensitive as a whole. Zero (and "all of them") is not sensitive: it names nobody, and
//      hiding it would hide the very equity gaps the report exists to show. The overall row
//      follows the same rule (its size, the cohort's size, is always published).
//   2. Groups: sensitive groups are hidden whole. While the hidden groups are exactly one, or
//      hold fewer than k learners together, the smallest shown group is hidden too.
//   3. Cells: in every column, while exactly one cell is hidden, the smallest shown cell (by
//      value, then group size, then label) is hidden too.
// Why no hidden count can be recovered by subtraction: the only identities among published
// counts are the column sums (each partition's cells add up to the overall cell). After step 3
// every column of every partition holds zero or ≥ 2 unknowns; when the overall cell is hidden
// (sensitive), every partition holds a sensitive, hence hidden, cell too (if the overall x or
// N − x is 1..k−1, so is some group's). A linear combination of the sums therefore never
// isolates one unknown; what it yields is the total of a column's hidden cells, a figure about
// two or more groups together (which step 2 makes at least k learners when whole groups are
// hidden), never about one. The test suite checks this with an exact linear solver over every
// published figure of generated cohorts. Structurally equal columns (a stage and the milestone
// it stands for) hold equal values, so the deterministic rule hides the same cells in both.
// Not covered: an attacker who also reasons about which cell the rule would pick as the
// complement, or who holds outside data about individual learners.

/** The counts of one breakdown: `values[0]` is the size. @internal */
export interface SuppressionInput {
  k: number;
  overall: readonly number[];
  groups: ReadonlyArray<{ key: string; values: readonly number[] }>;
}

/** Which cells are hidden. @internal */
export interface SuppressionResult {
  overall: boolean[];
  groupHidden: boolean[];
  cells: boolean[][];
}

const small = (x: number, k: number): boolean => x > 0 && x < k;

/** The rule of step 1 for one count of a row of `n` learners. @internal */
export const sensitive = (x: number, n: number, k: number): boolean => small(x, k) || small(n - x, k);

/** Hides the overall row's sensitive counts (the cohort's size is always published). @internal */
export function suppressOverall(overall: readonly number[], k: number): boolean[] {
  const n = overall[0] ?? 0;
  return overall.map((x, j) => j > 0 && k > 1 && (small(n, k) || sensitive(x, n, k)));
}

/** Applies the rule to one breakdown. @internal */
export function suppressBreakdown(input: SuppressionInput): SuppressionResult {
  const { k, groups } = input;
  const columns = input.overall.length;
  const overall = suppressOverall(input.overall, k);
  const groupHidden = groups.map((g) => k > 1 && small(g.values[0]!, k));
  const order = (a: number, b: number, value: (i: number) => number): number =>
    value(a) - value(b) ||
    groups[a]!.values[0]! - groups[b]!.values[0]! ||
    cmp(groups[a]!.key, groups[b]!.key);

  // Step 2: complementary suppression of whole groups.
  const size = (i: number) => groups[i]!.values[0]!;
  for (;;) {
    const hidden = groups.flatMap((_, i) => (groupHidden[i] ? [i] : []));
    if (hidden.length === 0) break;
    const sum = hidden.reduce((s, i) => s + size(i), 0);
    if (hidden.length > 1 && !small(sum, k)) break;
    const next = smallest(
      groups.length,
      (i) => !groupHidden[i],
      (a, b) => order(a, b, size),
    );
    if (next === undefined) break;
    groupHidden[next] = true;
  }

  const cells = groups.map((g, i) =>
    g.values.map((x, j) => groupHidden[i]! || (j > 0 && k > 1 && sensitive(x, g.values[0]!, k))),
  );

  // Step 3: complementary suppression within each column.
  for (let j = 1; j < columns; j++) {
    const value = (i: number) => groups[i]!.values[j]!;
    for (;;) {
      const hidden = groups.reduce((n, _, i) => n + (cells[i]![j] ? 1 : 0), 0);
      if (hidden !== 1) break;
      const next = smallest(
        groups.length,
        (i) => !cells[i]![j],
        (a, b) => order(a, b, value),
      );
      if (next === undefined) break;
      cells[next]![j] = true;
    }
  }
  return { overall, groupHidden, cells };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function smallest(
  length: number,
  eligible: (i: number) => boolean,
  compare: (a: number, b: number) => number,
): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < length; i++) {
    if (!eligible(i)) continue;
    if (best === undefined || compare(i, best) < 0) best = i;
  }
  return best;
}
