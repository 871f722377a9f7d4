import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Check, VerificationResult, Verdict } from '../../src/verify/index.js';
import { controllerDocument } from '../helpers/vectors.js';

/** The verification time used by the fixture tests (fixture dates are 2010–2050). */
export const NOW = '2026-01-01T00:00:00Z';

/** The published 1EdTech test key (Ed25519), test/vectors/ob-test-vector/test-vector.json. */
export const TEST_KEY = 'z6MkjZRZv3aez3r18pB1RBFJR1kwUVJ5jHt92JmQwXbd5hwi';

export function vectorBytes(path: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../vectors/${path}`, import.meta.url)));
}

export function vectorJson(path: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`../vectors/${path}`, import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
}

export function vectorText(path: string): string {
  return readFileSync(new URL(`../vectors/${path}`, import.meta.url), 'utf8');
}

/**
 * Controller documents (what each issuer serves at its id, or a DID document) publishing the
 * given verification methods, whose fragment is the key's publicKeyMultibase. `Multikey` by
 * default; `Ed25519VerificationKey2020` for Ed25519Signature2020 proofs.
 */
export function publishedKeys(
  vmIds: readonly string[],
  type: 'Multikey' | 'Ed25519VerificationKey2020' = 'Multikey',
): Record<string, Record<string, unknown>> {
  const documents: Record<string, Record<string, unknown>> = {};
  for (const vmId of vmIds) {
    const [controller, multibase] = vmId.split('#') as [string, string];
    const document =
      documents[controller] ??
      (type === 'Multikey'
        ? { ...controllerDocument(controller, vmId, multibase), verificationMethod: [], assertionMethod: [] }
        : {
            '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/ed25519-2020/v1'],
            id: controller,
            verificationMethod: [],
            assertionMethod: [],
          });
    (document.verificationMethod as unknown[]).push({
      id: vmId,
      type,
      controller,
      publicKeyMultibase: multibase,
    });
    (document.assertionMethod as unknown[]).push(vmId);
    documents[controller] = document;
  }
  return documents;
}

function describe(result: VerificationResult): string {
  return `${result.verdict}: ${result.checks
    .filter((c) => c.status !== 'passed')
    .map((c) => `${c.status} ${c.id} ${c.code} ${c.message}`)
    .join(' | ')}`;
}

/** Verified, and (when given) with these warnings among the checks. */
export function expectVerified(result: VerificationResult, warnings: readonly string[] = []): void {
  expect(result.verdict, describe(result)).toBe('verified');
  expect(result.verified).toBe(true);
  expect(result.checks.filter((c) => c.status === 'failed')).toEqual([]);
  const codes = result.checks.filter((c) => c.status === 'warning').map((c) => c.code);
  for (const code of warnings) expect(codes, describe(result)).toContain(code);
}

/** Not verified, with this verdict and a failed check of this id and code. */
export function expectFailure(
  result: VerificationResult,
  verdict: Exclude<Verdict, 'verified'>,
  id: Check['id'],
  code: string,
  path?: string,
): Check {
  expect(result.verified, describe(result)).toBe(false);
  expect(result.verdict, describe(result)).toBe(verdict);
  const check = result.checks.find(
    (c) => c.status === 'failed' && c.id === id && c.code === code && (path === undefined || c.path === path),
  );
  expect(check, `no failed ${id}/${code}${path ? ` at ${path}` : ''} in ${describe(result)}`).toBeDefined();
  return check!;
}

/** The codes of the checks with this status. */
export function codes(result: VerificationResult, status: Check['status']): string[] {
  return result.checks.filter((c) => c.status === status).map((c) => c.code);
}

/**
 * A broken rule of the OB 3.0 / CLR 2.0 text reported as conformance, not authenticity: a warning
 * marked `conformance`, listed in `result.conformance.violations`, the report not conforming.
 */
export function expectConformanceWarning(result: VerificationResult, code: string): Check {
  const check = result.checks.find(
    (c) => c.code === code && c.status === 'warning' && c.conformance === true,
  );
  expect(check, `no conformance warning ${code} in ${describe(result)}`).toBeDefined();
  expect(result.conformance?.conforms).toBe(false);
  expect(result.conformance?.strict).toBe(false);
  expect(result.conformance?.violations.map((c) => c.code)).toContain(code);
  return check!;
}
