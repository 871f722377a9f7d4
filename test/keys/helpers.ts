// Test helpers for the keys module: coded-error assertions and untyped reference libraries.

export { expectCode } from '../helpers/errors.js';

/** Imports an untyped package by a non-literal specifier so that tsc does not demand typings. */
export async function importUntyped<T>(specifier: string): Promise<T> {
  return (await import(specifier)) as T;
}

export type MultikeyPair = {
  id?: string;
  controller?: string;
  export(options: { publicKey?: boolean; secretKey?: boolean; includeContext?: boolean }): Promise<{
    publicKeyMultibase?: string;
    secretKeyMultibase?: string;
  }>;
  signer(): { algorithm: string; sign(input: { data: Uint8Array }): Promise<Uint8Array> };
  verifier(): {
    algorithm: string;
    verify(input: { data: Uint8Array; signature: Uint8Array }): Promise<boolean>;
  };
};

export type MultikeyModule = {
  from(key: Record<string, unknown>): Promise<MultikeyPair>;
  fromJwk(options: { jwk: Record<string, unknown>; secretKey?: boolean }): Promise<MultikeyPair>;
};
