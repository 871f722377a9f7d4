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

/** AchievementType: every value of the OB 3.0 enumeration, or an `ext:` extension. */
export type AchievementType = (typeof ACHIEVEMENT_TYPES)[number] | ExtensionName;

/** ResultType: the kind of result a ResultDescription describes. */
export type ResultType = (typeof RESULT_TYPES)[number] | ExtensionName;

/** ResultStatusType: status of a learner's result (closed enumeration). */
export type ResultStatusType = (typeof RESULT_STATUS_TYPES)[number];

/** RubricCriterionLevel: one level of a rubric criterion. */
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

/** ResultDescription: a result the achievement can record (grade, score, status, rubric). */
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

/** Result: the learner's result for one ResultDescription of the achievement. */
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

/** Achievement: what is recognised (a badge class, course, degree, competency...). */
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
