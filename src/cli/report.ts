import type { PresentationVerificationResult } from '../presentation/index.js';
import type { Check, VerificationResult } from '../verify/result.js';

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

/** A readable report: the verdict, the recipient check (`--email`), then one line per check. */
export function formatReport(result: VerificationResult, indent = '', recipient?: RecipientCheck): string {
  const lines: string[] = [];
  const name = typeof result.credential?.name === 'string' ? ` "${result.credential.name}"` : '';
  lines.push(
    `${indent}${result.verified ? 'VERIFIED' : result.verdict.toUpperCase()}${name} (${result.format}${result.container ? `, baked ${result.container}` : ''})`,
  );
  if (result.issuer) {
    lines.push(
      `${indent}issuer: ${result.issuerName ? `${result.issuerName} <${result.issuer}>` : result.issuer}`,
    );
  }
  if (result.issuerTrust && result.issuerTrust !== 'unknown') {
    const entry = result.trustEntry?.name ? ` (${result.trustEntry.name})` : '';
    lines.push(`${indent}issuer trust: ${result.issuerTrust}${entry}`);
  }
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
