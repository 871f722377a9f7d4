import { describeValue } from '../errors.js';
import { isObject } from '../lib/json.js';
import { type AlignmentInput, alignmentList } from './alignment.js';
import { ACHIEVEMENT_TYPES } from './constants.js';
import { toImage } from './profile.js';
import { createResultDescription, type ResultDescriptionInput } from './result.js';
import type { Achievement, AchievementType } from './types/achievement.js';
import type { Criteria, Extensions, Image, KnownMembers, OneOrMany } from './types/common.js';
import { invalid, newId, requireObject, requireString, rest, typeArray } from './util.js';

/**
 * Input of {@link createAchievement}.
 * @example
 * ```ts
 * import type { AchievementInput } from 'credstack'
 * const input: AchievementInput = { name: 'Teamwork', description: 'Collaborates within a group.',
 *   criteria: 'Peer nomination.', achievementType: 'Competency' }
 * ```
 */
export interface AchievementInput
  extends Partial<
    Omit<
      KnownMembers<Achievement>,
      | 'id'
      | 'type'
      | 'name'
      | 'description'
      | 'criteria'
      | 'achievementType'
      | 'alignment'
      | 'resultDescription'
      | 'image'
      | 'endorsement'
    >
  > {
  /** Signed EndorsementCredentials, copied as they are. */
  endorsement?: OneOrMany<object>;
  /** Default: a new `urn:uuid:`. Use a resolvable URL for achievements you publish. */
  id?: string;
  name: string;
  description: string;
  /** Criteria object, or a Markdown narrative. */
  criteria: Criteria | string;
  achievementType?: AchievementType;
  alignment?: OneOrMany<AlignmentInput>;
  resultDescription?: OneOrMany<ResultDescriptionInput>;
  /** URL, `data:` URI or Image object. */
  image?: string | Image;
  type?: OneOrMany<string>;
  /** Members of extension contexts, copied as they are (see {@link Extensions}). */
  extensions?: Extensions;
}

function toCriteria(value: unknown): Criteria {
  if (typeof value === 'string') return { narrative: requireString(value, 'achievement.criteria') };
  if (isObject(value) && (typeof value.id === 'string' || typeof value.narrative === 'string')) {
    return structuredClone(value) as Criteria;
  }
  throw invalid(
    'achievement.criteria',
    'a narrative string or { id?, narrative? } with at least one',
    describeValue(value),
  );
}

/**
 * An Achievement (what is recognised). Sub-objects are normalised: alignments and result descriptions
 * get their `type`, an image URL becomes an Image, a criteria string becomes `{ narrative }`.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * createAchievement({
 *   id: 'https://example.org/achievements/teamwork',
 *   name: 'Teamwork',
 *   description: 'Collaborates within a group.',
 *   criteria: 'Nominated by peers and confirmed by a mentor.',
 *   achievementType: 'Competency',
 * })
 * ```
 */
export function createAchievement(input: AchievementInput): Achievement {
  requireObject(input, 'achievement');
  const { achievementType } = input;
  if (
    achievementType !== undefined &&
    !(ACHIEVEMENT_TYPES as readonly unknown[]).includes(achievementType) &&
    !(typeof achievementType === 'string' && /^ext:[a-zA-Z0-9._-]+$/.test(achievementType))
  ) {
    throw invalid(
      'achievement.achievementType',
      'an AchievementType (e.g. Badge, Course) or an ext: name',
      describeValue(achievementType),
    );
  }
  const out: Achievement = {
    id: input.id === undefined ? newId() : requireString(input.id, 'achievement.id'),
    type: typeArray(input.type, 'Achievement'),
    name: requireString(input.name, 'achievement.name'),
    description: requireString(input.description, 'achievement.description'),
    criteria: toCriteria(input.criteria),
    ...rest(input, [
      'id',
      'type',
      'name',
      'description',
      'criteria',
      'alignment',
      'resultDescription',
      'image',
    ]),
  };
  if (input.image !== undefined) out.image = toImage(input.image, 'achievement.image');
  if (input.alignment !== undefined) out.alignment = alignmentList(input.alignment);
  if (input.resultDescription !== undefined) {
    const list = Array.isArray(input.resultDescription) ? input.resultDescription : [input.resultDescription];
    out.resultDescription = list.map(createResultDescription);
  }
  return out;
}
