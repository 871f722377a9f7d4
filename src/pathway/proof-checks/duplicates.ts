// No credential embedded twice, and no two credentials for one component: a proof that repeats a
// credential (or earns a component twice) claims more than the learner did.
import { isObject } from '../../lib/json.js';
import { credentialId } from '../credential-info.js';
import type { PathwayProgress } from '../types.js';
import type { ProofChecks } from './report.js';
import { listed, stable } from './text.js';

/** Records DUPLICATE_CREDENTIAL for every embedded credential after its first occurrence; returns them. */
export function checkDuplicateCredentials(items: readonly unknown[], out: ProofChecks): string[] {
  const keys = items.map((c) =>
    typeof c === 'string' ? c : (credentialId(isObject(c) ? c : undefined) ?? stable(c)),
  );
  const repeated: string[] = []; // every occurrence after the first (a Set: no quadratic scan)
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) repeated.push(k);
    else seen.add(k);
  }
  if (repeated.length)
    out.fail(
      'duplicates',
      'DUPLICATE_CREDENTIAL',
      `credential(s) embedded twice: ${listed(repeated.map((k) => k.slice(0, 80)))}`,
      repeated[0],
    );
  return repeated;
}

/**
 * Records DUPLICATE_COMPONENT for each component earned by more than one credential (found by the
 * assessment's warning code: its message is for people and may be reworded), and passes
 * `duplicates` when neither kind was found.
 */
export function checkDuplicateComponents(
  progress: PathwayProgress,
  repeatedCredentials: readonly string[],
  out: ProofChecks,
): void {
  const surplus = progress.warnings.filter((w) => w.code === 'DUPLICATE_COMPONENT');
  for (const w of surplus) out.fail('duplicates', 'DUPLICATE_COMPONENT', w.message, w.component);
  if (!repeatedCredentials.length && !surplus.length)
    out.pass('duplicates', 'each credential embedded once, one per component');
}
