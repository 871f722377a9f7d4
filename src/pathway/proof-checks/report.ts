// The checks of a pathway proof verification, as its sections (proof-checks/*.ts) report them.

/**
 * One check of a pathway proof verification.
 * @example
 * ```ts
 * import { type PathwayProofCheck, verifyPathwayProof } from 'credstack'
 * const checks: PathwayProofCheck[] = (await verifyPathwayProof(clr, { pathway })).checks
 * const failed = checks.filter((c) => c.status === 'failed')
 * ```
 */
export interface PathwayProofCheck {
  id:
    | 'limits'
    | 'structure'
    | 'proof'
    | 'pathway'
    | 'achievements'
    | 'associations'
    | 'duplicates'
    | 'learner'
    | 'credentials'
    | 'components'
    | 'milestones'
    | 'completion';
  status: 'passed' | 'failed';
  code: string;
  message: string;
  /** The component, milestone, credential or association concerned. */
  path?: string;
}

/** Collects the checks of one verification, in the order the sections run. */
export class ProofChecks {
  readonly list: PathwayProofCheck[] = [];

  pass(id: PathwayProofCheck['id'], message: string): void {
    this.list.push({ id, status: 'passed', code: 'OK', message });
  }

  fail(id: PathwayProofCheck['id'], code: string, message: string, path?: string): void {
    this.list.push({ id, status: 'failed', code, message, ...(path === undefined ? {} : { path }) });
  }

  get failed(): boolean {
    return this.list.some((c) => c.status === 'failed');
  }
}
