// Minimal typings for the untyped @digitalbazaar packages we call. Only what credstack uses;
// they stay internal (no public type of credstack mentions them).
declare module '@digitalbazaar/vc' {
  export function issue(options: {
    credential: object;
    suite: unknown;
    documentLoader: (url: string) => Promise<unknown>;
    now?: Date | string;
  }): Promise<Record<string, unknown>>;
  export function verifyCredential(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function signPresentation(options: Record<string, unknown>): Promise<Record<string, unknown>>;
  export function createPresentation(options: Record<string, unknown>): Record<string, unknown>;
  export function verify(options: Record<string, unknown>): Promise<Record<string, unknown>>;
}
declare module '@digitalbazaar/data-integrity' {
  export class DataIntegrityProof {
    constructor(options: {
      signer?: unknown;
      cryptosuite: unknown;
      date?: Date | string;
      legacyContext?: boolean;
    });
  }
}
declare module '@digitalbazaar/eddsa-rdfc-2022-cryptosuite' {
  export const cryptosuite: { name: string; requiredAlgorithm: string | string[]; [k: string]: unknown };
}
declare module '@digitalbazaar/ecdsa-rdfc-2019-cryptosuite' {
  export const cryptosuite: { name: string; requiredAlgorithm: string | string[]; [k: string]: unknown };
}
declare module '@digitalbazaar/ecdsa-sd-2023-cryptosuite' {
  type Suite = { name: string; requiredAlgorithm: string | string[]; [k: string]: unknown };
  export function createSignCryptosuite(options?: { mandatoryPointers?: string[] }): Suite;
  export function createDiscloseCryptosuite(options?: {
    selectivePointers?: string[];
    proofId?: string;
  }): Suite;
  export function createVerifyCryptosuite(): Suite;
  export function createConfirmCryptosuite(): Suite;
}
declare module '@digitalbazaar/ed25519-signature-2020' {
  export class Ed25519Signature2020 {
    constructor(options?: { key?: unknown; signer?: unknown; date?: Date | string });
  }
}
declare module '@digitalbazaar/ed25519-verification-key-2020' {
  export class Ed25519VerificationKey2020 {
    static from(options: unknown): Promise<unknown>;
  }
}
declare module 'jsonld-signatures' {
  const jsigs: {
    verify(
      document: object,
      options: { suite: unknown; purpose: unknown; documentLoader: (url: string) => Promise<unknown> },
    ): Promise<{
      verified: boolean;
      results?: Array<{ proof: unknown; verified: boolean; error?: unknown; verificationMethod?: unknown }>;
      error?: unknown;
    }>;
    purposes: {
      AssertionProofPurpose: new (options?: {
        date?: Date;
        maxTimestampDelta?: number;
        controller?: object;
      }) => unknown;
      AuthenticationProofPurpose: new (options: {
        challenge?: string;
        domain?: string;
        date?: Date;
        maxTimestampDelta?: number;
        controller?: object;
      }) => unknown;
    };
  };
  export default jsigs;
}
declare module 'jsonld' {
  const jsonld: {
    expand(input: unknown, options?: Record<string, unknown>): Promise<unknown[]>;
    canonize(input: unknown, options?: Record<string, unknown>): Promise<string>;
    compact(
      input: unknown,
      ctx: unknown,
      options?: Record<string, unknown>,
    ): Promise<Record<string, unknown>>;
  };
  export default jsonld;
}
declare module '@digitalbazaar/ed25519-multikey' {
  export function generate(options?: Record<string, unknown>): Promise<any>;
  export function from(options: unknown): Promise<any>;
}
declare module '@digitalbazaar/ecdsa-multikey' {
  export function generate(options?: Record<string, unknown>): Promise<any>;
  export function from(options: unknown): Promise<any>;
}
declare module '@digitalbazaar/did-method-key' {
  export function driver(options?: Record<string, unknown>): {
    use(options: { multibaseMultikeyHeader: string; fromMultibase: (o: unknown) => Promise<unknown> }): void;
    get(options: { did?: string; url?: string }): Promise<any>;
    fromKeyPair(options: { verificationKeyPair: unknown }): Promise<{ didDocument: any }>;
  };
}
declare module 'base58-universal' {
  export function encode(input: Uint8Array, maxline?: number): string;
  export function decode(input: string): Uint8Array;
}
