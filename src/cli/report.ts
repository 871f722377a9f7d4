import type { PresentationVerificationResult } from '../presentation/index.js';
import { explainResult, type Check, type VerificationResult } from '../verify/internal.js';

const MARK: Record<Check['status'], string> = {
  passed: 'ok  ',
  failed: 'FAIL',
  warning: 'warn',
  skipped: 'skip',
};

/** `verify --email`: whether the credential was issued to that address. */
export interface RecipientCheck {
  email: string;
  matched: boolean;
  by?: 'id' | 'identifier';
  identityType?: string;
}

/**
 * A readable report: the verdict and what it means in plain words (the same sentences as the
 * browser page: explainResult), who signed, the recipient check (`--email`), one line per check,
 * then which well-known verifiers will refuse the format.
 */
export function formatReport(result: VerificationResult, indent = '', recipient?: RecipientCheck): string {
  const lines: string[] = [];
  const name = typeof result.credential?.name === 'string' ? ` "${result.credential.name}"` : '';
  const explained = explainResult(result);
  lines.push(
    `${indent}${result.verified ? 'VERIFIED' : result.verdict.toUpperCase()}${name} (${result.format}${result.container ? `, baked ${result.container}` : ''})`,
  );
  lines.push(`${indent}${explained.detail}`);
  for (const rule of explained.conformance) lines.push(`${indent}${rule}`);
  if (explained.disclosure) lines.push(`${indent}${explained.disclosure}`);
  if (explained.issuer) lines.push(`${indent}issuer: ${explained.issuer}`);
  if (recipient) {
    lines.push(
      recipient.matched
        ? `${indent}recipient: issued to ${recipient.email} (by ${recipient.by === 'id' ? 'credentialSubject.id' : `an ${recipient.identityType ?? ''} identifier`})`
        : `${indent}recipient: NOT issued to ${recipient.email}: the credential names another recipient${result.credential ? '' : ' (or none that could be read)'}`,
    );
  }
  for (const c of result.checks) {
    lines.push(
      `${indent}  [${MARK[c.status]}] ${c.id.padEnd(17)} ${c.message}${c.path ? `  (${c.path})` : ''}`,
    );
  }
  if (result.acceptance?.length) {
    lines.push(`${indent}other verifiers (by their published rules):`);
    for (const note of result.acceptance) {
      lines.push(`${indent}  [${note.accepts ? 'ok  ' : 'no  '}] ${note.name}: ${note.reason}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** A readable presentation report: the holder's checks, then each credential's report. */
export function formatPresentationReport(result: PresentationVerificationResult): string {
  const lines: string[] = [];
  lines.push(
    `${result.verified ? 'VERIFIED' : result.verdict.toUpperCase()} presentation (${result.format})`,
  );
  if (result.holder) lines.push(`holder: ${result.holder}`);
  for (const c of result.checks) {
    lines.push(`  [${MARK[c.status]}] ${c.id.padEnd(17)} ${c.message}${c.path ? `  (${c.path})` : ''}`);
  }
  const nested = result.credentials.map((r) => formatReport(r, '    ')).join('');
  return `${lines.join('\n')}\n${nested}`;
}
