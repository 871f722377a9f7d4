import { describeValue } from '../errors.js';
import { alignmentList } from './alignment.js';
import { RESULT_STATUS_TYPES, RESULT_TYPES } from './constants.js';
import type { ResultDescription, Result, ResultStatusType, ResultType } from './types/achievement.js';
import type { Extensions, KnownMembers, OneOrMany } from './types/common.js';
import { invalid, newId, requireObject, requireString, rest, typeArray } from './util.js';
import type { AlignmentInput } from './alignment.js';

/**
 * Input of {@link createResult}.
 * @example
 * ```ts
 * import { createResult, type ResultInput } from 'credstack'
 * const input: ResultInput = { resultDescription: 'https://example.org/results/grade', value: 'A' }
 * const result = createResult(input)
 * ```
 */
export interface ResultInput {
  /** `id` of the achievement's ResultDescription this result is for. */
  resultDescription?: string;
  /** `id` of the RubricCriterionLevel achieved. */
  achievedLevel?: string;
  status?: ResultStatusType;
  value?: string;
  alignment?: OneOrMany<AlignmentInput>;
  type?: OneOrMany<string>;
  /** Members of extension contexts, copied as they are (see {@link Extensions}). */
  extensions?: Extensions;
}

/**
 * A Result (grade, score, status) of the learner.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * createResult({ resultDescription: 'urn:uuid:…', value: 'A' })
 * // { type: ['Result'], resultDescription: 'urn:uuid:…', value: 'A' }
 * ```
 */
export function createResult(input: ResultInput): Result {
  requireObject(input, 'result');
  if (input.status !== undefined && !(RESULT_STATUS_TYPES as readonly unknown[]).includes(input.status)) {
    throw invalid('result.status', `one of ${RESULT_STATUS_TYPES.join(', ')}`, describeValue(input.status));
  }
  const out: Result = { type: typeArray(input.type, 'Result'), ...rest(input, ['type', 'alignment']) };
  if (input.alignment !== undefined) out.alignment = alignmentList(input.alignment);
  return out;
}

/**
 * Input of {@link createResultDescription}.
 * @example
 * ```ts
 * import { createResultDescription, type ResultDescriptionInput } from 'credstack'
 * const input: ResultDescriptionInput = { name: 'Final grade', resultType: 'LetterGrade' }
 * const description = createResultDescription(input)
 * ```
 */
export interface ResultDescriptionInput
  extends Partial<
    Omit<KnownMembers<ResultDescription>, 'id' | 'type' | 'name' | 'resultType' | 'alignment'>
  > {
  /** Default: a new `urn:uuid:`. */
  id?: string;
  name: string;
  resultType: ResultType;
  alignment?: OneOrMany<AlignmentInput>;
  type?: OneOrMany<string>;
  /** Members of extension contexts, copied as they are (see {@link Extensions}). */
  extensions?: Extensions;
}

/**
 * A ResultDescription (a result the achievement can record).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * createResultDescription({ name: 'Final grade', resultType: 'LetterGrade', allowedValue: ['C', 'B', 'A'] })
 * ```
 */
export function createResultDescription(input: ResultDescriptionInput): ResultDescription {
  requireObject(input, 'resultDescription');
  const resultType = input.resultType;
  if (
    !(RESULT_TYPES as readonly unknown[]).includes(resultType) &&
    !(typeof resultType === 'string' && /^ext:[a-zA-Z0-9._-]+$/.test(resultType))
  ) {
    throw invalid(
      'resultDescription.resultType',
      `one of ${RESULT_TYPES.join(', ')} or an ext: name`,
      describeValue(resultType),
    );
  }
  const out: ResultDescription = {
    id: input.id === undefined ? newId() : requireString(input.id, 'resultDescription.id'),
    type: typeArray(input.type, 'ResultDescription'),
    name: requireString(input.name, 'resultDescription.name'),
    resultType,
    ...rest(input, ['id', 'type', 'name', 'resultType', 'alignment']),
  };
  if (input.alignment !== undefined) out.alignment = alignmentList(input.alignment);
  return out;
}
