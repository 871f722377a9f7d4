// Types of the outcomes module: the cohort a region feeds in, and the report it may publish.

import type { PathwayProgressOptions, RejectionReason } from '../pathway/index.js';

/**
 * How a cohort row's credentials are matched to the learner (see `Learner` of credstack/pathway).
 * @example
 * ```ts
 * import type { CohortLearner } from 'credstack'
 * const learner: CohortLearner = { email: 'learner@example.org' }
 * ```
 */
export interface CohortLearner {
  id?: string;
  email?: string;
  identifier?: string;
}

/**
 * One learner of a cohort, as the institution supplies it. `attributes` come from the
 * institution's records (cohort year, campus, demographic group) and are never read from the
 * credentials. Numbers and booleans are turned into strings; `null` means "not stated".
 * @example
 * ```ts
 * import type { CohortRow } from 'credstack'
 * const row: CohortRow = { learnerId: 'l-1', learner: { email: 'learner@example.org' },
 *   credentials: [jwt], attributes: { region: 'north' } }
 * ```
 */
export interface CohortRow {
  /** The institution's own learner id; a second row with the same id is counted out. */
  learnerId: string;
  /** Whose credentials count. When absent, the subject of the first credential that verifies. */
  learner?: CohortLearner;
  /** JSON credentials, compact VC-JWT strings, or results wrapped with {@link preverified}. */
  credentials: readonly unknown[];
  attributes?: Record<string, string | number | boolean | null>;
}

/**
 * A cohort: any iterable or async iterable of rows (rows are checked one by one, as they stream).
 * @example
 * ```ts
 * import type { Cohort } from 'credstack'
 * const cohort: Cohort = [{ learnerId: 'l-1', credentials: [jwt] }]
 * ```
 */
export type Cohort = Iterable<unknown> | AsyncIterable<unknown>;

/**
 * The "hired" stage of the funnel: an existing component (e.g. an employer-issued one), or an
 * achievement outside the pathway, such as an employment-verification badge, accepted from
 * `issuers` (default: the pathway's employer).
 * @example
 * ```ts
 * import type { HiredStage } from 'credstack'
 * const hired: HiredStage = { achievementId: 'https://example.org/achievements/hired', name: 'Hired' }
 * ```
 */
export type HiredStage =
  | { component: string; name?: string }
  | { achievementId: string; issuers?: readonly string[]; name?: string };

/**
 * What {@link OutcomesOptions.onProgress} receives.
 * @example
 * ```ts
 * import type { OutcomesProgress } from 'credstack'
 * const onProgress = (p: OutcomesProgress) => console.log(`${p.rows} rows, ${p.learners} learners`)
 * ```
 */
export interface OutcomesProgress {
  /** Rows read so far. */
  rows: number;
  /** Rows counted as learners so far. */
  learners: number;
  /** Rows counted out so far. */
  excluded: number;
  /** True on the last call. */
  done: boolean;
}

/**
 * Options of `pathwayOutcomes`. Verify options (`documents`, `now`, `network`, `checkStatus`, ...)
 * and `verify` are passed to every learner's `pathwayProgress`.
 * @example
 * ```ts
 * import { type OutcomesOptions, pathwayOutcomes } from 'credstack'
 * const options: OutcomesOptions = { by: 'region', minCellSize: 10 }
 * const report = await pathwayOutcomes(pathway, cohort, options)
 * ```
 */
export interface OutcomesOptions extends Omit<PathwayProgressOptions, 'learner'> {
  /** Attribute(s) to disaggregate by; each gives its own breakdown of the same cohort. */
  by?: string | readonly string[];
  /** Smallest count that is published (default 10). `1` turns suppression off (internal use only). */
  minCellSize?: number;
  /**
   * Funnel stages, in order: `started`, `completion`, `hired`, a milestone id or a component id.
   * Default: `started`, every milestone in pathway order, `completion`, then `hired` when configured.
   */
  stages?: readonly string[];
  hired?: HiredStage;
  /** Called every `progressInterval` rows and once at the end. */
  onProgress?: (progress: OutcomesProgress) => void;
  /** Default 1000. */
  progressInterval?: number;
  /** How many excluded rows are listed with their reason (all are counted). Default 100. */
  maxExcludedExamples?: number;
}

/**
 * A published count and its rate; both `null` when suppressed.
 * @example
 * ```ts
 * import type { Figure } from 'credstack'
 * const completed: Figure = { count: 12, rate: 0.4 }
 * ```
 */
export interface Figure {
  count: number | null;
  /** Share of the group's learners (conversions: of the learners who reached the earlier stage), 0..1. */
  rate: number | null;
}

/**
 * Days between two stages: quartiles (linear interpolation, "type 7") over `n` learners.
 * @example
 * ```ts
 * import type { DurationSummary } from 'credstack'
 * const days: DurationSummary = { n: 40, p25: 21, median: 35, p75: 60 }
 * ```
 */
export interface DurationSummary {
  n: number;
  p25: number;
  median: number;
  p75: number;
}

/**
 * One funnel stage.
 * @example
 * ```ts
 * import type { StageInfo } from 'credstack'
 * const stage: StageInfo = { id: 'completion', name: 'Completed', kind: 'completion' }
 * ```
 */
export interface StageInfo {
  id: string;
  name: string;
  kind: 'started' | 'milestone' | 'completion' | 'component' | 'hired';
}

/**
 * The figures of one group (or of the whole cohort).
 * @example
 * ```ts
 * import { type OutcomeFigures, pathwayOutcomes } from 'credstack'
 * const overall: OutcomeFigures = (await pathwayOutcomes(pathway, cohort)).overall
 * console.log(overall.completed.rate)
 * ```
 */
export interface OutcomeFigures {
  /** Learners in the group; `null` when the group is suppressed. */
  learners: number | null;
  /** Learners with at least one component earned. */
  started: Figure;
  completed: Figure;
  components: Array<{ id: string; name: string } & Figure>;
  milestones: Array<{ id: string; name: string } & Figure>;
  stages: Array<{ id: string; name: string } & Figure>;
  /** Between consecutive stages: learners who reached both, of those who reached `from`. */
  conversions: Array<{ from: string; to: string; days: DurationSummary | null } & Figure>;
}

/**
 * One group of a breakdown.
 * @example
 * ```ts
 * import type { OutcomeGroup } from 'credstack'
 * const label = (group: OutcomeGroup) => (group.suppressed ? `${group.label}: suppressed` : group.label)
 * ```
 */
export interface OutcomeGroup {
  /** The attribute value; `null` for learners without it. */
  value: string | null;
  label: string;
  /** The whole group is hidden (fewer than `minCellSize` learners, or complementary). */
  suppressed: boolean;
  figures: OutcomeFigures;
}

/**
 * A cohort row that was not counted.
 * @example
 * ```ts
 * import type { ExcludedRow } from 'credstack'
 * const describe = (row: ExcludedRow) => `row ${row.row}: ${row.reason} (${row.message})`
 * ```
 */
export interface ExcludedRow {
  /** 1-based position in the cohort. */
  row: number;
  learnerId?: string;
  reason: ExclusionReason;
  message: string;
}

/**
 * Why a row is not counted.
 * @example
 * ```ts
 * import type { ExclusionReason } from 'credstack'
 * const reason: ExclusionReason = 'duplicate-learner'
 * ```
 */
export type ExclusionReason = 'malformed-row' | 'duplicate-learner';

/**
 * The report `pathwayOutcomes` returns; every figure in it is safe to publish under the suppression rule.
 * @example
 * ```ts
 * import { outcomesToCsv, type PathwayOutcomes, pathwayOutcomes } from 'credstack'
 * const report: PathwayOutcomes = await pathwayOutcomes(pathway, cohort)
 * const csv = outcomesToCsv(report)
 * ```
 */
export interface PathwayOutcomes {
  pathway: { id: string; name: string; version?: string };
  minCellSize: number;
  stages: StageInfo[];
  rows: {
    total: number;
    counted: number;
    excluded: { total: number; byReason: Record<ExclusionReason, number>; examples: ExcludedRow[] };
  };
  credentials: {
    total: number;
    /** Credentials that earned a component (or the hired stage). */
    counted: number;
    rejected: { total: number; byReason: Record<RejectionReason, number> };
  };
  overall: OutcomeFigures;
  breakdowns: Array<{ attribute: string; groups: OutcomeGroup[] }>;
  suppression: { rule: string; hiddenGroups: number; hiddenCells: number };
}
