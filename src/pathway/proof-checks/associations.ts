// Associations must restate the pathway exactly: as multisets of "type source → target".
import { asArray, isObject } from '../../lib/json.js';
import { expectedAssociations } from '../compose.js';
import type { Pathway } from '../types.js';
import type { ProofChecks } from './report.js';
import { assocKey, listed } from './text.js';

export function checkAssociations(
  subject: Record<string, unknown>,
  pathway: Pathway,
  out: ProofChecks,
): void {
  const expected = expectedAssociations(pathway).map(assocKey);
  const actual = asArray(subject.association as unknown).map((a) =>
    isObject(a) ? assocKey(a) : 'not an Association',
  );
  const remaining = [...actual];
  const missingAssoc: string[] = [];
  for (const e of expected) {
    const i = remaining.indexOf(e);
    if (i >= 0) remaining.splice(i, 1);
    else missingAssoc.push(e);
  }
  if (missingAssoc.length)
    out.fail(
      'associations',
      'ASSOCIATION_MISSING',
      `missing association(s): ${listed(missingAssoc)}`,
      missingAssoc[0],
    );
  if (remaining.length) {
    const dup = remaining.filter((r) => expected.includes(r));
    const extra = remaining.filter((r) => !expected.includes(r));
    if (extra.length)
      out.fail(
        'associations',
        'ASSOCIATION_EXTRA',
        `association(s) not in the pathway: ${listed(extra)}`,
        extra[0],
      );
    if (dup.length)
      out.fail(
        'associations',
        'ASSOCIATION_DUPLICATE',
        `association(s) listed twice: ${listed(dup)}`,
        dup[0],
      );
  }
  if (!missingAssoc.length && !remaining.length)
    out.pass('associations', `${expected.length} associations agree with the pathway`);
}
