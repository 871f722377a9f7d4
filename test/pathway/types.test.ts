import { describe, expectTypeOf, it } from 'vitest';
import type { VerificationLike, VerifyFunction } from '../../src/pathway/index.js';
import { type VerificationResult, verifyCredential } from '../../src/verify/index.js';

describe('pathway types', () => {
  it("credstack's verifier plugs in as the injected verify function", () => {
    expectTypeOf<VerificationResult>().toMatchTypeOf<VerificationLike>();
    const verify: VerifyFunction = (credential) => verifyCredential(credential);
    expectTypeOf(verify).toEqualTypeOf<VerifyFunction>();
  });
});
