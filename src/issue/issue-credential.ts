import { createDocumentLoader, type DocumentLoader } from '../contexts/index.js';
import { CredstackError, describeValue } from '../errors.js';
import { type KeyFile, publicKeyFile, type Signer } from '../keys/index.js';
import { signerForKey } from '../keys/signer.js';
import { clone, isObject, type JsonObject, idOf } from '../lib/json.js';
import { credentialKind } from '../model/kind.js';
import type { OneOrMany, Proof } from '../model/types/common.js';
import { type Cryptosuite, defaultCryptosuite } from '../proof/data-integrity/suites.js';
import { signDataIntegrity } from '../proof/data-integrity/sign.js';
import { signEcdsaSd2023 } from '../proof/data-integrity/ecdsa-sd-2023.js';
import { jwtClaims, signJwt } from '../proof/vc-jwt/sign.js';
import { validate, validateDataModel } from '../schema/index.js';
import { acceptanceOf } from '../verify/acceptance.js';
import type { AcceptanceNote } from '../verify/result.js';
import { DEFAULT_LIMITS, exceedsLimits, findUnsafeText } from '../lib/limits.js';
import type { BitstringStatusListEntry } from '../status/index.js';

/**
 * Proof formats credstack issues.
 * @example
 * ```ts
 * import { type IssueFormat, issueCredential } from 'credstack'
 * const format: IssueFormat = 'eddsa-rdfc-2022'
 * const signed = await issueCredential(badge, { key, format })
 * ```
 */
export type IssueFormat = Cryptosuite | 'ecdsa-sd-2023' | 'vc-jwt';

/**
 * Where {@link issueCredential} gets a status slot: a `StatusStore` from `credstack/status/store`
 * (the file store), or your own allocator (a database). `allocate` must be idempotent per
 * credential id and never hand out one index twice.
 * @example
 * ```ts
 * import { issueCredential, type StatusAllocator } from 'credstack'
 * const statusList: StatusAllocator = { allocate: async () => ({ entry }) }
 * const signed = await issueCredential(badge, { key, statusList })
 * ```
 */
export interface StatusAllocator {
  /** The issuer the lists are published under, when known (checked against the credential's). */
  readonly issuer?: string | undefined;
  /** The status entry of `credentialId`: a new slot, or the one it already has. */
  allocate(credentialId: string): Promise<{ entry: BitstringStatusListEntry }>;
}

/**
 * Options for {@link issueCredential}.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { generateKey, issueCredential, type IssueOptions } from 'credstack'
 * const options: IssueOptions = { key: await generateKey({ algorithm: 'P-256' }), format: 'vc-jwt' }
 * const jwt = await issueCredential(unsignedBadge, options)
 * ```
 */
export interface IssueOptions {
  /** A key file with its private key (see `generateKey`). Either `key` or `signer`. */
  key?: KeyFile;
  /** A signer whose private key lives elsewhere (KMS, HSM). Either `key` or `signer`. */
  signer?: Signer;
  /**
   * The issuer the key speaks for (its controller). Defaults to `key.controller`, or for a signer
   * to its `id` without the fragment. The credential's `issuer` must match it.
   */
  controller?: string;
  /** Default: `eddsa-rdfc-2022` for Ed25519 keys, `ecdsa-rdfc-2019` for P-256; RSA keys need `vc-jwt`. */
  format?: IssueFormat;
  /** Validate against the 1EdTech JSON Schema before signing. Default true. */
  validate?: boolean;
  /**
   * `'ob'` (default): only Open Badges 3.0 / CLR 2.0 credentials are signed, after their JSON
   * Schema. `'vc'`: any W3C Verifiable Credential is signed; one that is not an OB or CLR type is
   * held to the VC Data Model instead (`validateDataModel`: ERR_DATA_MODEL_INVALID when it breaks
   * a rule). For a VC-API service issuing credentials of every kind.
   */
  profile?: 'ob' | 'vc';
  /** The proof's `created` time (Data Integrity). Default now. */
  created?: Date | string;
  /** VC-JWT: embed the public JWK in the header instead of `kid`. */
  embedJwk?: boolean;
  /** JSON-LD document loader for extra contexts; default: the bundled contexts only. */
  documentLoader?: DocumentLoader;
  /**
   * Allocate a status slot for the credential (it needs an `id`) and add the
   * BitstringStatusListEntry as its `credentialStatus`, so it can be revoked or suspended later.
   */
  statusList?: StatusAllocator;
  /**
   * Told when a well-known verifier's published rules will refuse the chosen format (the 1EdTech
   * validator takes no ecdsa-rdfc-2019 and no EdDSA VC-JWT; DCC's wallet verifier no ECDSA and no
   * JWT). The credential is signed all the same. Default: a Node process warning
   * (`CREDSTACK_FORMAT_REFUSED`), once per distinct message; pass a function to collect them
   * instead, or `() => {}` to hear none.
   */
  onWarning?: (warning: IssueWarning) => void;
  /**
   * `ecdsa-sd-2023` only: JSON pointers of the members every derived credential must reveal.
   * Default `defaultMandatoryPointers(credential)` (issuer, validity dates, types, the
   * achievement's id, type, name, description and criteria, credentialStatus); `[]` lets the
   * holder hide everything but `@context` and the types.
   */
  mandatoryPointers?: readonly string[];
  /**
   * eddsa-rdfc-2022 / ecdsa-rdfc-2019: the proof's `challenge` and `domain` (VC Data Integrity
   * §2.1), signed with it: a credential issued in answer to one request, addressed to one verifier
   * (the VC-API issue options). Refused for other formats (ERR_INVALID_INPUT).
   */
  challenge?: string;
  domain?: string | readonly string[];
}

/**
 * Something {@link issueCredential} tells about a credential it signed: not an error.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * const warnings: IssueWarning[] = []
 * await issueCredential(badge, { key, format: 'vc-jwt', onWarning: (w) => warnings.push(w) })
 * // [{ code: 'FORMAT_REFUSED', verifier: 'dcc-verifier-core', message: 'DCC verifier-core / Learner Credential Wallet will refuse it: VC-JWT is not supported' }, …]
 * ```
 */
export interface IssueWarning {
  code: 'FORMAT_REFUSED';
  /** Which verifier will refuse the format. */
  verifier: AcceptanceNote['verifier'];
  /** For people. */
  message: string;
}

/**
 * A signed credential: an object with a Data Integrity proof, or a compact JWS.
 * @example
 * ```ts
 * import { type IssuedCredential, issueCredential } from 'credstack'
 * const jwt: IssuedCredential<'vc-jwt'> = await issueCredential(badge, { key, format: 'vc-jwt' }); // a string
 * ```
 */
export type IssuedCredential<
  F extends IssueFormat = IssueFormat,
  C extends object = JsonObject,
> = F extends 'vc-jwt' ? string : C & { proof: OneOrMany<Proof> };

/**
 * A Promise where a credential belongs is a type error: `createOpenBadgeCredential` is async, and
 * a forgotten `await` would otherwise reach the signer as `{}`.
 */
type NotAPromise<C> =
  C extends PromiseLike<unknown> ? { 'pass the credential, not a Promise of it: add await': never } : unknown;

function controllerOf(options: IssueOptions, signer: Signer): string {
  if (options.controller) return options.controller;
  if (options.key) return options.key.controller;
  return signer.id.split('#')[0]!;
}

/**
 * Signs an Open Badges 3.0 credential (OpenBadgeCredential / AchievementCredential,
 * EndorsementCredential, or a CLR 2.0 ClrCredential) as Data Integrity (`eddsa-rdfc-2022`,
 * `ecdsa-rdfc-2019`, or `ecdsa-sd-2023` for selective disclosure: see `deriveCredential`) or as a
 * VC-JWT. It validates the credential against the official schema
 * first (nothing is signed when invalid) and never mutates its input.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { generateKey, createOpenBadgeCredential, issueCredential } from 'credstack'
 * const key = await generateKey()
 * const unsigned = createOpenBadgeCredential({ issuer: { id: key.controller, name: 'Example School' }, achievement, recipient: { id: 'did:example:learner' } })
 * const signed = await issueCredential(unsigned, { key })                       // Data Integrity
 * const jwt = await issueCredential(unsigned, { key, format: 'vc-jwt' })       // compact JWS
 * ```
 */
export async function issueCredential<F extends IssueFormat = Cryptosuite, C extends object = JsonObject>(
  credential: C & NotAPromise<C>,
  options: IssueOptions & { format?: F },
): Promise<IssuedCredential<F, C>> {
  if (typeof (credential as { then?: unknown })?.then === 'function') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      'Got a Promise where the credential belongs: createOpenBadgeCredential is async, add await',
    );
  }
  if (!isObject(credential)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `A credential must be a JSON object, got ${describeValue(credential)}`,
    );
  }
  if (!options || (!options.key && !options.signer)) {
    throw new CredstackError('ERR_INVALID_INPUT', 'issueCredential needs a `key` (key file) or a `signer`');
  }
  const signer = options.signer ?? (await signerForKey(options.key!));
  const format = options.format ?? defaultFormat(signer.algorithm);
  const controller = controllerOf(options, signer);
  const issuerId = idOf(credential.issuer);
  if (issuerId !== controller) {
    throw new CredstackError(
      'ERR_ISSUER_MISMATCH',
      `The credential's issuer (${issuerId ?? 'missing'}) is not the key's controller (${controller}); a verifier would reject it`,
      { path: '/issuer' },
    );
  }
  if (
    format !== 'vc-jwt' &&
    format !== 'eddsa-rdfc-2022' &&
    format !== 'ecdsa-rdfc-2019' &&
    format !== 'ecdsa-sd-2023'
  ) {
    throw new CredstackError(
      'ERR_FORMAT_UNSUPPORTED',
      `Unsupported format ${String(format)}: use eddsa-rdfc-2022, ecdsa-rdfc-2019, ecdsa-sd-2023 or vc-jwt`,
    );
  }
  if ((options.challenge !== undefined || options.domain !== undefined) && !isRdfcFormat(format)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `challenge and domain are proof options of eddsa-rdfc-2022 and ecdsa-rdfc-2019, not of ${format}`,
    );
  }
  if (format !== 'vc-jwt') {
    const needed = format === 'eddsa-rdfc-2022' ? 'Ed25519' : 'P-256';
    if (signer.algorithm !== needed) {
      throw new CredstackError(
        'ERR_KEY_UNSUPPORTED',
        `${format} needs an ${needed} key, got ${signer.algorithm}`,
      );
    }
  }
  // What the verifier would refuse must not be signed: text that signs like something else (lone
  // surrogates) or a `__proto__` property that canonicalization skips.
  const tooLarge = exceedsLimits(credential, DEFAULT_LIMITS);
  const unsafe = tooLarge ? { problem: tooLarge, path: undefined } : findUnsafeText(credential);
  if (unsafe) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `The credential has ${unsafe.problem}; it cannot be signed faithfully`,
      unsafe.path ? { path: unsafe.path } : {},
    );
  }
  const document: JsonObject = clone(credential as JsonObject);
  // Every cheap check ran above, so a slot is only taken for a credential that can be signed
  // (and allocation is idempotent per id: re-issuing after a schema error reuses the slot).
  if (options.statusList !== undefined)
    document.credentialStatus = await allocateStatus(document, options.statusList, controller);
  if (options.validate !== false && options.profile === 'vc' && credentialKind(document) === undefined) {
    const issues = validateDataModel(document);
    if (issues.length > 0) {
      throw new CredstackError(
        'ERR_DATA_MODEL_INVALID',
        `The credential does not conform to the VC Data Model: ${issues[0]!.path} ${issues[0]!.message}`,
        { path: issues[0]!.path, details: issues },
      );
    }
  } else if (options.validate !== false) {
    const result = validate(document);
    if (!result.valid) {
      const first = result.errors[0];
      throw new CredstackError(
        'ERR_SCHEMA_INVALID',
        `The credential does not conform to the Open Badges JSON Schema: ${first?.path || '/'} ${first?.message ?? ''}`.trim(),
        { path: first?.path, details: result.errors },
      );
    }
  }
  // The verifiers' published rules are about the credentials an employer checks. A status list
  // credential is fetched by them, not judged for its format: nothing to warn about.
  if (credentialKind(document) !== undefined)
    warnRefusals(format, signer.algorithm, controller, options.onWarning);
  if (format === 'vc-jwt') {
    const jwt = await signJwt(jwtClaims(document), {
      signer,
      ...(options.embedJwk && options.key ? { publicKeyJwk: publicKeyFile(options.key).publicKeyJwk } : {}),
    });
    return jwt as IssuedCredential<F, C>;
  }
  if (format === 'ecdsa-sd-2023') {
    return (await signEcdsaSd2023(document, {
      signer,
      documentLoader: options.documentLoader ?? createDocumentLoader(),
      ...(options.mandatoryPointers !== undefined ? { mandatoryPointers: options.mandatoryPointers } : {}),
      ...(options.created ? { created: options.created } : {}),
    })) as IssuedCredential<F, C>;
  }
  return (await signDataIntegrity(document, {
    signer,
    cryptosuite: format,
    documentLoader: options.documentLoader ?? createDocumentLoader(),
    ...(options.created ? { created: options.created } : {}),
    ...(options.challenge !== undefined ? { challenge: options.challenge } : {}),
    ...(options.domain !== undefined ? { domain: options.domain } : {}),
  })) as IssuedCredential<F, C>;
}

const isRdfcFormat = (format: string): boolean =>
  format === 'eddsa-rdfc-2022' || format === 'ecdsa-rdfc-2019';

// The JWS alg each key algorithm signs VC-JWT with (keys/signer.ts).
const JWT_ALG: Readonly<Record<string, string>> = { Ed25519: 'EdDSA', 'P-256': 'ES256', RSA: 'RS256' };

/**
 * Says which well-known verifiers will refuse what is about to be signed: a badge their wallet or
 * validator turns away is a support call for the school, and nobody else tells it in advance.
 */
function warnRefusals(
  format: IssueFormat,
  algorithm: string,
  issuer: string,
  onWarning: IssueOptions['onWarning'],
): void {
  const notes = acceptanceOf(
    format === 'vc-jwt'
      ? { format: 'vc-jwt', proofKinds: [], alg: JWT_ALG[algorithm] ?? algorithm, issuer }
      : { format: 'data-integrity', proofKinds: [`DataIntegrityProof/${format}`], issuer },
  );
  for (const note of notes) {
    if (note.accepts) continue;
    const warning: IssueWarning = {
      code: 'FORMAT_REFUSED',
      verifier: note.verifier,
      message: `${note.name} will refuse it: ${note.reason}`,
    };
    if (onWarning) onWarning(warning);
    else emitOnce(warning);
  }
}

const emitted = new Set<string>();

/** A process warning once per message: issuing ten thousand badges must not print ten thousand lines. */
function emitOnce(warning: IssueWarning): void {
  // No `node:process` import: this module also runs in browsers, which have no process warnings.
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (typeof proc?.emitWarning !== 'function' || emitted.has(warning.message)) return;
  emitted.add(warning.message);
  proc.emitWarning(warning.message, { type: 'CredstackWarning', code: 'CREDSTACK_FORMAT_REFUSED' });
}

function defaultFormat(algorithm: string): IssueFormat {
  const suite = defaultCryptosuite(algorithm);
  // Returning a JWT where the caller's types expect an object would be a trap: RSA keys must
  // ask for `vc-jwt` explicitly.
  if (!suite) {
    throw new CredstackError(
      'ERR_FORMAT_UNSUPPORTED',
      `${algorithm} keys sign only VC-JWT: pass format: 'vc-jwt'`,
    );
  }
  return suite;
}

async function allocateStatus(
  document: JsonObject,
  allocator: StatusAllocator,
  issuer: string,
): Promise<BitstringStatusListEntry> {
  if (!isObject(allocator) || typeof allocator.allocate !== 'function') {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `statusList: expected a status store or { allocate(credentialId) }, got ${describeValue(allocator)}`,
    );
  }
  // The store records slots by credential id: without one the credential could never be revoked by id.
  if (typeof document.id !== 'string' || document.id.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `statusList: the credential needs an id (e.g. urn:uuid:…) to get a status slot, got ${describeValue(document.id)}`,
      { path: '/id' },
    );
  }
  if (document.credentialStatus !== undefined) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      'statusList: the credential already has a credentialStatus; remove it or do not pass statusList',
      { path: '/credentialStatus' },
    );
  }
  // Verifiers require the status list to come from the credential's issuer (BSL v1.0 §3.2).
  if (allocator.issuer !== undefined && allocator.issuer !== issuer) {
    throw new CredstackError(
      'ERR_ISSUER_MISMATCH',
      `statusList: the status lists are issued by ${allocator.issuer}, not by the credential's issuer ${issuer}; verifiers would not trust them`,
    );
  }
  const allocation = await allocator.allocate(document.id);
  if (!isObject(allocation) || !isObject(allocation.entry)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `statusList.allocate: expected { entry }, got ${describeValue(allocation)}`,
    );
  }
  return allocation.entry;
}
