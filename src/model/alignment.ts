import { ALIGNMENT_TARGET_TYPES } from './constants.js';
import type { Alignment, AlignmentTargetType, OneOrMany } from './types/common.js';
import { invalid, requireObject, requireString, rest, typeArray } from './util.js';
import { describeValue } from '../errors.js';

/**
 * Input of {@link createAlignment}: an Alignment whose `type` may be omitted.
 * @example
 * ```ts
 * import type { AlignmentInput } from 'credstack'
 * const input: AlignmentInput = { targetName: 'Teamwork', targetUrl: 'https://example.org/frameworks/skills/teamwork' }
 * ```
 */
export interface AlignmentInput {
  targetName: string;
  targetUrl: string;
  targetType?: AlignmentTargetType;
  targetCode?: string;
  targetDescription?: string;
  targetFramework?: string;
  type?: OneOrMany<string>;
  [key: string]: unknown;
}

/**
 * An Alignment (link to a competency, standard or framework item).
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * createAlignment({ targetName: 'Teamwork', targetUrl: 'https://example.org/frameworks/skills/teamwork', targetType: 'CFItem' })
 * // { type: ['Alignment'], targetName: 'Teamwork', targetUrl: '…', targetType: 'CFItem' }
 * ```
 */
export function createAlignment(input: AlignmentInput): Alignment {
  requireObject(input, 'alignment');
  const targetType = input.targetType;
  if (
    targetType !== undefined &&
    !(
      (ALIGNMENT_TARGET_TYPES as readonly unknown[]).includes(targetType) ||
      (typeof targetType === 'string' && /^ext:[a-zA-Z0-9._-]+$/.test(targetType))
    )
  ) {
    throw invalid(
      'alignment.targetType',
      `one of ${ALIGNMENT_TARGET_TYPES.join(', ')} or an ext: name`,
      describeValue(targetType),
    );
  }
  return {
    type: typeArray(input.type, 'Alignment'),
    targetName: requireString(input.targetName, 'alignment.targetName'),
    targetUrl: requireString(input.targetUrl, 'alignment.targetUrl'),
    ...rest(input, ['type', 'targetName', 'targetUrl']),
  };
}

/** Normalises a list of alignment inputs (single or array) into an array of Alignments. */
export function alignmentList(value: unknown): Alignment[] {
  const list = Array.isArray(value) ? value : [value];
  return list.map((a) => createAlignment(a as AlignmentInput));
}
