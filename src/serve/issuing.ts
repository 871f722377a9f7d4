// Signing as the service does it, for every way a credential leaves it (VC-API issue, a wallet
// exchange, OpenID4VCI): the instance's key and format, a status slot when asked.
import { CredstackError } from '../errors.js';
import { type IssueFormat, type IssueOptions, issueCredential } from '../issue/index.js';
import type { KeyFile, Signer } from '../keys/index.js';
import type { JsonObject } from '../lib/json.js';
import type { ServePurpose, StatusKeeper } from './status.js';

/**
 * One issuer instance as the service runs it.
 * @example
 * ```ts
 * const instance: IssuerInstance = { name: 'eddsa', key, signer: await createSigner(key), format: 'eddsa-rdfc-2022', profile: 'vc' }
 * ```
 */
export interface IssuerInstance {
  name: string;
  key: KeyFile;
  signer: Signer;
  format: IssueFormat;
  profile: 'ob' | 'vc';
}

/** What a signing call may add to the instance's defaults. */
export interface SignRequest {
  created?: string;
  challenge?: string;
  domain?: string;
  mandatoryPointers?: string[];
  statusPurpose?: ServePurpose;
}

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';

/** A VC-JWT as VCDM 2.0 carries it in JSON: an EnvelopedVerifiableCredential. */
export function envelope(jwt: string): JsonObject {
  return { '@context': [VC_V2], type: 'EnvelopedVerifiableCredential', id: `data:application/vc+jwt,${jwt}` };
}

/** Signs `credential` with `instance`; a slot of `statusPurpose` is allocated for its id. */
export async function signAs(
  instance: IssuerInstance,
  status: StatusKeeper,
  credential: JsonObject,
  request: SignRequest = {},
): Promise<JsonObject | string> {
  const document: JsonObject = { ...credential };
  const options: IssueOptions = {
    signer: instance.signer,
    controller: instance.key.controller,
    format: instance.format,
    profile: instance.profile,
    onWarning: () => {},
  };
  if (request.created !== undefined) options.created = request.created;
  if (request.challenge !== undefined) options.challenge = request.challenge;
  if (request.domain !== undefined) options.domain = request.domain;
  if (request.mandatoryPointers !== undefined) {
    if (instance.format !== 'ecdsa-sd-2023')
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `options.mandatoryPointers: ${instance.name} signs ${instance.format}, not ecdsa-sd-2023`,
      );
    options.mandatoryPointers = request.mandatoryPointers;
  }
  if (request.statusPurpose !== undefined) {
    const store = status.store(instance.key.controller, request.statusPurpose);
    if (!store)
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `No ${request.statusPurpose} list for ${instance.key.controller}`,
      );
    // A slot is kept per credential id: one without an id gets a fresh one.
    document.id ??= `urn:uuid:${crypto.randomUUID()}`;
    options.statusList = store;
  }
  const signed = await issueCredential(document, options);
  if (options.statusList) status.touched(instance.key.controller);
  return signed;
}
