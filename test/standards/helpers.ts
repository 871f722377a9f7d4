import { isCredstackError } from '../../src/index.js';

/** The code of the typed error `fn` throws; `untyped: …` for any other throw, undefined for none. */
export function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isCredstackError(error) ? error.code : `untyped: ${String(error)}`;
  }
  return undefined;
}
