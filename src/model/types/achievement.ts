// Achievement and result classes of OB 3.0 (what was earned, and how well).

import type { ACHIEVEMENT_TYPES, RESULT_STATUS_TYPES, RESULT_TYPES } from '../constants.js';
import type {
  Alignment,
  Criteria,
  ExtensionName,
  IdentifierEntry,
  Image,
  OneOrMany,
  Profile,
  Related,
} from './common.js';
import type { EndorsementCredential } from './credential.js';

/**
 * AchievementType: every value of the OB 3.0 enumeration, or an `ext:` extension.
 * @example
 * ```ts
 * import type { AchievementType } from 'credstack'
 * const kind: AchievementType = 'Certificate'
 * const custom: AchievementType = 'ext:MicroCredential'
 * ```
 */
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number] | ExtensionName;

/**
 * ResultType: the kind of result a ResultDescription describes.
 * @example
 * ```ts
 * import type { ResultType } from 'credstack'
 * const type: ResultType = 'LetterGrade'
 * ```
 */
export type ResultType = (typeof RESULT_TYPES)[number] | ExtensionName;

/**
 * ResultStatusType: status of a learner's result (closed enumeration).
 * @example
 * ```ts
 * import type { ResultStatusType } from 'credstack'
 * const status: ResultStatusType = 'Completed'
 * ```
 */
export type ResultStatusType = (typeof RESULT_STATUS_TYPES)[number];

/**
 * RubricCriterionLevel: one level of a rubric criterion.
 * @example
 * ```ts
 * import type { RubricCriterionLevel } from 'credstack'
 * const level: RubricCriterionLevel = { id: 'https://example.org/rubric/1/levels/3', type: 'RubricCriterionLevel',
 *   name: 'Proficient', points: '3' }
 * ```
 */
export interface RubricCriterionLevel {
  id: string;
  type: OneOrMany<string>;
  name: string;
  description?: string;
  level?: string;
  points?: string;
  alignment?: OneOrMany<Alignment>;
  [key: string]: unknown;
}

/**
 * ResultDescription: a result the achievement can record (grade, score, status, rubric).
 * @example
 * ```ts
 * import type { ResultDescription } from 'credstack'
 * const grade: ResultDescription = { id: 'https://example.org/results/grade', type: 'ResultDescription',
 *   name: 'Final grade', resultType: 'LetterGrade', allowedValue: ['A', 'B', 'C'] }
 * ```
 */
export interface ResultDescription {
  id: string;
  type: OneOrMany<string>;
  name: string;
  resultType: ResultType;
  alignment?: OneOrMany<Alignment>;
  /** Ordered from low to high. */
  allowedValue?: OneOrMany<string>;
  requiredLevel?: string;
  requiredValue?: string;
  rubricCriterionLevel?: OneOrMany<RubricCriterionLevel>;
  valueMax?: string;
  valueMin?: string;
  [key: string]: unknown;
}

/**
 * Result: the learner's result for one ResultDescription of the achievement.
 * @example
 * ```ts
 * import type { Result } from 'credstack'
 * const result: Result = { type: 'Result', resultDescription: 'https://example.org/results/grade', value: 'A' }
 * ```
 */
export interface Result {
  type: OneOrMany<string>;
  /** `id` of a ResultDescription of the achievement. */
  resultDescription?: string;
  /** `id` of a RubricCriterionLevel. */
  achievedLevel?: string;
  alignment?: OneOrMany<Alignment>;
  /** Required when the linked ResultDescription has `resultType: 'Status'`. */
  status?: ResultStatusType;
  value?: string;
  [key: string]: unknown;
}

/**
 * Achievement: what is recognised (a badge class, course, degree, competency...).
 * @example
 * ```ts
 * import type { Achievement } from 'credstack'
 * const achievement: Achievement = { id: 'https://example.org/achievements/teamwork', type: 'Achievement',
 *   name: 'Teamwork', description: 'Collaborates within a group.', criteria: { narrative: 'Peer nomination.' } }
 * ```
 */
export interface Achievement {
  id: string;
  type: OneOrMany<string>;
  name: string;
  description: string;
  criteria: Criteria;
  achievementType?: AchievementType;
  alignment?: OneOrMany<Alignment>;
  creator?: Profile;
  creditsAvailable?: number;
  endorsement?: OneOrMany<EndorsementCredential>;
  endorsementJwt?: OneOrMany<string>;
  fieldOfStudy?: string;
  humanCode?: string;
  image?: Image;
  inLanguage?: string;
  otherIdentifier?: OneOrMany<IdentifierEntry>;
  related?: OneOrMany<Related>;
  resultDescription?: OneOrMany<ResultDescription>;
  specialization?: string;
  tag?: OneOrMany<string>;
  version?: string;
  [key: string]: unknown;
}
