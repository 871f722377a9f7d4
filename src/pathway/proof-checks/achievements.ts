// The pathway and its components, restated as Achievements: exactly the pathway's and its
// components' Achievements, the pathway's carrying this very definition.
import { asArray, isObject } from '../../lib/json.js';
import type { Pathway } from '../types.js';
import { componentAchievementId } from '../validate-pathway.js';
import type { ProofChecks } from './report.js';
import { listed, stable, str } from './text.js';

export function checkAchievements(
  subject: Record<string, unknown>,
  pathway: Pathway,
  out: ProofChecks,
): void {
  const achievements = asArray(subject.achievement as unknown).filter(isObject);
  const pathwayAch = achievements.find((a) => a.id === pathway.id);
  if (!pathwayAch)
    out.fail('pathway', 'PATHWAY_MISSING', `no Achievement for pathway ${pathway.id}`, pathway.id);
  else if (
    pathwayAch.pathwayDefinition !== undefined &&
    stable(pathwayAch.pathwayDefinition) !== stable(pathway)
  ) {
    out.fail(
      'pathway',
      'PATHWAY_DEFINITION_MISMATCH',
      'the proof was composed against a different definition of the pathway',
      pathway.id,
    );
  } else out.pass('pathway', `pathway ${pathway.id}`);

  const expectedIds = [pathway.id, ...pathway.components.map(componentAchievementId)];
  const ids = achievements.map((a) => str(a.id));
  // Sets, not indexOf scans: a hostile proof may list 100,000 Achievements.
  const present = new Set(ids);
  const expectedSet = new Set(expectedIds);
  const missingAch = expectedIds.filter((id) => !present.has(id));
  const extraAch = ids.filter((id) => !expectedSet.has(id));
  const dupAch: string[] = []; // every occurrence after the first
  const seenAch = new Set<string>();
  for (const id of ids) {
    if (seenAch.has(id)) dupAch.push(id);
    else seenAch.add(id);
  }
  if (missingAch.length)
    out.fail(
      'achievements',
      'ACHIEVEMENT_MISSING',
      `missing Achievement(s): ${listed(missingAch)}`,
      missingAch[0],
    );
  if (extraAch.length)
    out.fail(
      'achievements',
      'ACHIEVEMENT_EXTRA',
      `Achievement(s) not in the pathway: ${listed(extraAch)}`,
      extraAch[0],
    );
  if (dupAch.length)
    out.fail(
      'achievements',
      'ACHIEVEMENT_DUPLICATE',
      `Achievement(s) listed twice: ${listed(dupAch)}`,
      dupAch[0],
    );
  if (!missingAch.length && !extraAch.length && !dupAch.length)
    out.pass('achievements', `${ids.length} Achievements`);
}
