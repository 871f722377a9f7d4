// Types of the outcomes module: the cohort a region feeds in, and the report it may publish.

import type { PathwayProgressOptions, RejectionReason } from '../pathway/index.js';

/** How a cohort row's credentials are matched to the learner (see `Learner` of credstack/pathway). */
export interface CohortLearner {
  id?: string;
  email?: string;
  identifier?: string;
}

/**
 * One learner of a cohort, as the institution supplies it. `attributes` come from the
 * institution's records (cohort year, campus, demographic group) and are never read from the
 * credentials. Numbers and booleans are turned into strings; `null` means "not stated".
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

/** A cohort: any iterable or async iterable of rows (rows are checked one by one, as they stream). */
export type Cohort = Iterable<unknown> | AsyncIterable<unknown>;

/**
 * The "hired" stage of the funnel: an existing component (e.g. an employer-issued one), or an
 * achievement outside the pathway, such as an employment-verification badge, accepted from
 * `issuers` (default: the pathway's employer).
 */
export type HiredStage =
  | { component: string; name?: string }
  | { achievementId: string; issuers?: readonly string[]; name?: string };

/** What {@link OutcomesOptions.onProgress} receives. */
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

/** A published count and its rate; both `null` when suppressed. */
export interface Figure {
  count: number | null;
  /** Share of the group's learners (conversions: of the learners who reached the earlier stage), 0..1. */
  rate: number | null;
}

/** Days between two stages: quartiles (linear interpolation, "type 7") over `n` learners. */
export interface DurationSummary {
  n: number;
  p25: number;
  median: number;
  p75: number;
}

/** One funnel stage. */
export interface StageInfo {
  id: string;
  name: string;
  kind: 'started' | 'milestone' | 'completion' | 'component' | 'hired';
}

/** The figures of one group (or of the whole cohort). */
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

/** One group of a breakdown. */
export interface OutcomeGroup {
  /** The attribute value; `null` for learners without it. */
  value: string | null;
  label: string;
  /** The whole group is hidden (fewer than `minCellSize` learners, or complementary). */
  suppressed: boolean;
  figures: OutcomeFigures;
}

/** A cohort row that was not counted. */
export interface ExcludedRow {
  /** 1-based position in the cohort. */
  row: number;
  learnerId?: string;
  reason: ExclusionReason;
  message: string;
}

/** Why a row is not counted. */
export type ExclusionReason = 'malformed-row' | 'duplicate-learner';

/** The report `pathwayOutcomes` returns; every figure in it is safe to publish under the suppression rule. */
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
