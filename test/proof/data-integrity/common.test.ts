// The one place the reference stack's English is read (codedProofError): what it turns into a code,
// and what it leaves alone, so that the verifier downstream decides by codes only.
import { describe, expect, it } from 'vitest';
import { CredstackError } from '../../../src/errors.js';
import { codedProofError, findCredstackError } from '../../../src/proof/data-integrity/common.js';

describe('codedProofError', () => {
  it.each([
    'Verification method "did:example:a#k" not authorized by controller for proof purpose "assertionMethod".',
    'Unable to load verification method "did:example:a#k".',
    'Verification method did:example:a#k not found.',
  ])('a refused key from jsonld-signatures → ERR_KEY_NOT_AUTHORIZED, the original its cause: %s', (text) => {
    const original = new Error(text);
    const coded = codedProofError(original);
    expect(coded).toMatchObject({ name: 'CredstackError', code: 'ERR_KEY_NOT_AUTHORIZED', message: text });
    expect((coded as Error).cause).toBe(original);
  });

  it('a proof set error is read through its first error, as messageOf reads it', () => {
    const set = Object.assign(new Error('Verification error(s).'), {
      errors: [new Error('Verification method "x" not authorized by controller for proof purpose "p".')],
    });
    expect(codedProofError(set)).toMatchObject({ code: 'ERR_KEY_NOT_AUTHORIZED' });
  });

  it('a CredstackError anywhere in the chain decides: the error is returned as it is', () => {
    const inner = new CredstackError('ERR_DOCUMENT_NOT_FOUND', 'did:example:a not found');
    const wrapped = Object.assign(new Error('Unable to load document'), { details: { cause: inner } });
    expect(codedProofError(wrapped)).toBe(wrapped);
    expect(findCredstackError(wrapped)).toBe(inner);
  });

  it('anything else (a signature that does not match) is returned unchanged, with no code', () => {
    const error = new Error('Invalid signature.');
    expect(codedProofError(error)).toBe(error);
    expect(findCredstackError(codedProofError(error))).toBeUndefined();
  });
});
