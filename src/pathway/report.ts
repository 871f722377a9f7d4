// Progress reports and proof verification results as text, for terminals and logs (the CLI and
// the demo print these). Pure string building: no I/O, browser-safe.

import { asArray, isObject } from '../lib/json.js';
import { issuerId } from './credential-info.js';
import type { PathwayProofResult } from './verify-pathway.js';
import type { Pathway, PathwayInput, PathwayProgress, VerificationLike } from './types.js';
import { maxOf } from '../lib/array.js';

type Json = Record<string, unknown>;

const MARK = { earned: '✔', available: '○', locked: '·' } as const;

const day = (iso: string | undefined): string => (iso ? iso.slice(0, 10) : '');

/** Pads to a width (by code points, so the marks above do not skew columns). */
const pad = (text: string, width: number): string => text + ' '.repeat(Math.max(0, width - [...text].length));

/** The display name of an issuer: the credential's own issuer name, else the pathway's profile name, else the id. */
function issuerName(
  id: string,
  verification: VerificationLike | undefined,
  pathway: Pathway | PathwayInput | undefined,
): string {
  const issuer = verification?.credential?.issuer;
  if (isObject(issuer) && typeof issuer.name === 'string' && issuer.id === id) return issuer.name;
  const profile = pathway && [pathway.employer, ...(pathway.partners ?? [])].find((p) => p?.id === id);
  return typeof profile?.name === 'string' ? profile.name : id;
}

function credentialName(v: VerificationLike | undefined): string | undefined {
  const c = v?.credential;
  if (typeof c?.name === 'string') return c.name;
  const subject = asArray(c?.credentialSubject as unknown)[0];
  const a = isObject(subject) ? subject.achievement : undefined;
  return isObject(a) && typeof a.name === 'string' ? a.name : undefined;
}

function learnerText(learner: {
  id?: string;
  email?: string;
  identifier?: string;
  identityObjects?: Json[];
}): string {
  if (learner.id) return learner.id;
  if (learner.email) return learner.email;
  if (learner.identifier) return learner.identifier;
  const n = learner.identityObjects?.length ?? 0;
  return n > 0 ? `${n} hashed identifier${n > 1 ? 's' : ''}` : '(unknown)';
}

/**
 * A learner's progress as a readable text report: every component (earned, by which issuer and
 * when; available; or locked, and what is missing), milestones and completion, the next steps,
 * the credentials that do not count and why, and warnings. Pass the pathway for its name and
 * the issuers' names.
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { formatPathwayProgress, pathwayProgress } from 'credstack'
 * const progress = await pathwayProgress(pathway, credentials, { documents })
 * console.log(formatPathwayProgress(progress, pathway))
 * ```
 */
export function formatPathwayProgress(progress: PathwayProgress, pathway?: Pathway | PathwayInput): string {
  const lines: string[] = [];
  const earned = progress.components.filter((c) => c.state === 'earned').length;
  const reached = progress.milestones.filter((m) => m.reached).length;
  lines.push(`${pathway?.name ?? 'Pathway'} <${progress.pathway}>`);
  lines.push(`Learner: ${learnerText(progress.learner)}`);
  lines.push(
    `Progress: ${earned} of ${progress.components.length} components earned, ${reached} of ${progress.milestones.length} milestones reached, ${progress.complete ? 'COMPLETE' : 'not complete'}`,
  );

  lines.push('', 'Components');
  const idWidth = maxOf(progress.components.map((c) => c.id.length));
  const nameWidth = Math.min(42, maxOf(progress.components.map((c) => c.name.length)));
  for (const c of progress.components) {
    let detail: string;
    if (c.earnedBy) {
      const v = progress.verifications[c.earnedBy.index];
      detail = `${issuerName(c.earnedBy.issuer, v, pathway)}, ${day(c.earnedBy.validFrom)}`;
    } else detail = c.state === 'locked' ? c.reason : '';
    lines.push(
      `  ${MARK[c.state]} ${pad(c.state, 9)} ${pad(c.id, idWidth)}  ${pad(c.name, nameWidth)}  ${detail}`.trimEnd(),
    );
  }

  lines.push('', 'Milestones');
  const goals = [...progress.milestones, progress.completion];
  const goalWidth = maxOf(goals.map((m) => m.name.length));
  for (const m of goals) {
    lines.push(
      `  ${m.reached ? '✔' : '✖'} ${pad(m.name, goalWidth)}  ${m.reached ? `reached ${day(m.reachedAt)}` : m.explanation}`,
    );
  }

  if (progress.nextSteps.length > 0) {
    lines.push('', 'Next steps');
    for (const [i, s] of progress.nextSteps.slice(0, 5).entries()) {
      lines.push(
        `  ${i + 1}. ${s.name} (${s.component})${s.unlocks > 0 ? `: counts toward ${s.unlocks} open goal${s.unlocks > 1 ? 's' : ''}` : ''}`,
      );
    }
  }

  if (progress.rejected.length > 0) {
    lines.push('', 'Not counted');
    for (const r of progress.rejected) {
      const v = progress.verifications[r.index];
      const name = credentialName(v);
      const issuer = issuerId(v?.credential);
      const what = `${name ? `"${name}"` : (r.credentialId ?? `credential #${r.index}`)}${issuer ? ` from ${issuerName(issuer, v, pathway)}` : ''}`;
      lines.push(`  ✖ ${what}: ${r.reason}`);
      lines.push(`      ${r.message}`);
    }
  }

  if (progress.warnings.length > 0) {
    lines.push('', 'Warnings');
    for (const w of progress.warnings) lines.push(`  ! ${w.message}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A pathway proof verification result as a readable text report: the verdict, who issued the
 * proof and for whom, every check, each embedded credential's verdict, and the components and
 * milestones as recomputed from the credentials (with what the proof claimed).
 *
 * Exported from `credstack/pathway`.
 *
 * @example
 * ```ts
 * import { formatPathwayProofResult, verifyPathwayProof } from 'credstack'
 * const result = await verifyPathwayProof(proof, { pathway, documents })
 * console.log(formatPathwayProofResult(result, pathway))
 * ```
 */
export function formatPathwayProofResult(
  result: PathwayProofResult,
  pathway?: Pathway | PathwayInput,
): string {
  const lines: string[] = [];
  const earned = result.components.filter((c) => c.state === 'earned').length;
  lines.push(
    `${result.verified ? 'VERIFIED' : `NOT VERIFIED (${result.verdict})`}: pathway proof for ${pathway?.name ?? 'the pathway'}`,
  );
  if (result.issuer) lines.push(`Issued by: ${result.issuer}`);
  if (result.learner) lines.push(`Learner: ${learnerText(result.learner)}`);
  if (result.components.length > 0) {
    const reached = result.milestones.filter((m) => m.reached).map((m) => m.name);
    lines.push(
      `Proves: ${earned} of ${result.components.length} components; milestones: ${reached.length ? reached.join(', ') : 'none'}; ${result.complete ? 'pathway COMPLETE' : 'pathway not complete'}`,
    );
  }

  lines.push('', 'Checks');
  for (const c of result.checks) {
    lines.push(
      `  [${c.status === 'passed' ? 'ok  ' : 'FAIL'}] ${pad(c.id, 12)} ${c.message}${c.status === 'failed' && c.code !== 'OK' ? `  [${c.code}]` : ''}`,
    );
  }

  if (result.credentials.length > 0) {
    lines.push('', 'Embedded credentials');
    for (const v of result.credentials) {
      const issuer = v.issuer ?? issuerId(v.credential);
      const format = (v as { format?: unknown }).format;
      lines.push(
        `  ${v.verified ? '✔' : '✖'} ${pad(v.verdict, 10)} ${credentialName(v) ?? (typeof v.credential?.id === 'string' ? v.credential.id : '(unreadable)')}${issuer ? `, ${issuerName(issuer, v, pathway)}` : ''}${typeof format === 'string' ? ` (${format})` : ''}`,
      );
    }
  }

  if (result.components.length > 0) {
    // What the credentials really prove, recomputed; per component only where the claims differ.
    lines.push('', 'Recomputed from the credentials');
    const earnedIds = result.components.filter((c) => c.state === 'earned').map((c) => c.id);
    const open = result.components.filter((c) => c.state !== 'earned').map((c) => c.id);
    lines.push(`  earned: ${earnedIds.join(', ') || 'none'}`);
    if (open.length > 0) lines.push(`  not earned: ${open.join(', ')}`);
    for (const c of result.components) {
      if (c.claimed && c.state !== 'earned') lines.push(`  ✖ ${c.id} (${c.name}) is claimed but not earned`);
    }
    for (const m of [...result.milestones]) {
      const claim =
        m.claimed !== m.reached ? `  ← ${m.claimed ? 'claimed, not reached' : 'reached, not claimed'}` : '';
      lines.push(
        `  ${m.reached ? '✔' : '✖'} ${m.name}: ${m.reached ? `reached ${day(m.reachedAt)}` : m.explanation}${claim}`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
