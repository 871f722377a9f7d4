// A proof failure is classified by its code alone: the same code under any wording gives the same
// check, and a message that reads like a refused key but carries no code is a bad signature.
// verifyDataIntegrityProof is replaced so that message and code can be set apart.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CredstackError } from '../../../src/errors.js';
import { issueCredential } from '../../../src/issue/index.js';
import { generateKey } from '../../../src/keys/index.js';
import type { ProofCheck } from '../../../src/proof/data-integrity/verify.js';
import { verifyCredential } from '../../../src/verify/index.js';
import { credentialWith } from '../../proof/arbitraries.js';
import { expectFailure } from '../helpers.js';

const outcome = vi.hoisted(() => ({ next: undefined as ProofCheck | undefined }));

vi.mock(import('../../../src/proof/data-integrity/verify.js'), async (original) => {
  const actual = await original();
  return {
    ...actual,
    verifyDataIntegrityProof: async (...args: Parameters<typeof actual.verifyDataIntegrityProof>) =>
      outcome.next ?? actual.verifyDataIntegrityProof(...args),
  };
});

const NOW = '2026-01-01T00:00:00Z';
let signed: Record<string, unknown>;

beforeAll(async () => {
  const key = await generateKey();
  signed = await issueCredential(credentialWith(1, key.controller), { key, created: '2025-06-01T00:00:00Z' });
});

async function failureOf(check: ProofCheck) {
  outcome.next = check;
  try {
    return await verifyCredential(signed, { now: NOW });
  } finally {
    outcome.next = undefined;
  }
}

const REFUSED = 'Verification method "x" not authorized by controller for proof purpose "assertionMethod".';

describe('proof failures are classified by code, whatever the message', () => {
  it('the credential verifies when the proof does (the replacement passes through)', async () => {
    expect((await verifyCredential(signed, { now: NOW })).verdict).toBe('verified');
  });

  it.each([REFUSED, 'the key is not listed by its controller', ''])(
    'ERR_KEY_NOT_AUTHORIZED → PROOF_KEY_NOT_AUTHORIZED, invalid, under the message %j',
    async (message) => {
      const error = new CredstackError('ERR_KEY_NOT_AUTHORIZED', message);
      const check = expectFailure(
        await failureOf({ verified: false, message, error }),
        'invalid',
        'proof',
        'PROOF_KEY_NOT_AUTHORIZED',
      );
      expect(check.message).toContain('is signed with a key its controller does not authorize');
    },
  );

  it.each([REFUSED, 'Unable to load verification method "x".', 'x not found'])(
    'no code → PROOF_SIGNATURE_INVALID, even under the message %j',
    async (message) => {
      const result = await failureOf({ verified: false, message, error: new Error(message) });
      expectFailure(result, 'invalid', 'proof', 'PROOF_SIGNATURE_INVALID');
    },
  );

  it.each([
    ['ERR_CANONICALIZATION_LIMIT', 'PROOF_CANONICALIZATION_LIMIT'],
    ['ERR_FETCH_TIMEOUT', 'PROOF_KEY_UNRESOLVED'],
    ['ERR_DOCUMENT_UNUSABLE', 'DOCUMENT_UNUSABLE'],
  ] as const)('%s nested in the cause → %s, indeterminate, under any message', async (code, expected) => {
    const error = new Error(REFUSED, { cause: new CredstackError(code, 'reworded') });
    const result = await failureOf({ verified: false, message: REFUSED, error });
    expectFailure(result, 'indeterminate', 'proof', expected);
  });
});
