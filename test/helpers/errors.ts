// Coded-error assertions shared by the test folders.

import { expect } from 'vitest';
import { isCredstackError } from '../../src/errors.js';

function assertCoded(caught: unknown, code: string, message?: RegExp): Error {
  expect(isCredstackError(caught), `expected a CredstackError ${code}, got ${String(caught)}`).toBe(true);
  expect((caught as { code: string }).code).toBe(code);
  if (message !== undefined) expect((caught as Error).message).toMatch(message);
  return caught as Error;
}

/** Runs `fn` and asserts it throws (or rejects with) a CredstackError of `code`; returns it. */
export async function expectCode(fn: () => unknown, code: string, message?: RegExp): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return assertCoded(error, code, message);
  }
  return assertCoded(undefined, code, message);
}

/** {@link expectCode} for a synchronous `fn`, so the error can be inspected without awaiting. */
export function expectCodeSync(fn: () => unknown, code: string, message?: RegExp): Error {
  try {
    fn();
  } catch (error) {
    return assertCoded(error, code, message);
  }
  return assertCoded(undefined, code, message);
}
