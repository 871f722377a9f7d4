// The W3C VC Data Model 2.0 rules an issuer can check on its own, without the network: what a
// generic credential (`issueCredential(…, { profile: 'vc' })`) must satisfy before it is signed.
// The Open Badges schemas hold OB credentials to more; these hold every credential to what VCDM
// 2.0 §4 says MUST be true of its properties.

import { asArray, isObject, type JsonObject } from '../lib/json.js';
import { isAbsoluteUri } from '../lib/uri.js';

const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
// XML Schema dateTimeStamp, the type VCDM 2.0 gives validFrom and validUntil (§4.9).
const DATE_TIME_STAMP = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
// VCDM 1.1 allows dateTime without an offset.
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const SRI = /^(sha256|sha384|sha512)-[A-Za-z0-9+/]+={0,2}$/;
const MULTIBASE = /^[uzmMbB][A-Za-z0-9+/_=-]+$/;

/**
 * A VCDM rule a credential breaks: the JSON pointer of the offending member and what is wrong.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import type { DataModelIssue } from 'credstack'
 * const issue: DataModelIssue = { path: '/credentialSchema/0', message: 'credentialSchema needs a type' }
 * ```
 */
export interface DataModelIssue {
  path: string;
  message: string;
}

/**
 * Checks a credential against the rules of the W3C VC Data Model (2.0, or 1.1 for a credential
 * whose first context is the 1.1 one) that need nothing fetched: contexts, `type`, `id`, `issuer`,
 * `credentialSubject`, validity dates, language-tagged `name`/`description`, and the typed
 * members (`credentialStatus`, `credentialSchema`, `refreshService`, `termsOfUse`, `evidence`),
 * `relatedResource` (ids and digests, by form: a digest's value is not checked, which would need
 * the resource). Returns every issue found, none when it conforms.
 *
 * Exported from `credstack`.
 * @example
 * ```ts
 * import { validateDataModel } from 'credstack'
 * validateDataModel({ '@context': ['https://www.w3.org/ns/credentials/v2'], type: ['VerifiableCredential'] })
 * // [{ path: '/issuer', message: 'issuer is required: a URL, or an object with an id that is a URL' }, …]
 * ```
 */
export function validateDataModel(credential: JsonObject): DataModelIssue[] {
  const issues: DataModelIssue[] = [];
  const add = (path: string, message: string) => issues.push({ path, message });
  const contexts = asArray(credential['@context']);
  const version = contexts[0] === VC_V2 ? 2 : contexts[0] === VC_V1 ? 1 : undefined;
  if (version === undefined)
    add('/@context/0', `the first @context must be ${VC_V2} (or ${VC_V1} for VCDM 1.1)`);
  for (const [i, c] of contexts.entries()) {
    if (typeof c !== 'string' && !isObject(c))
      add(`/@context/${i}`, 'a @context entry is a URL or an object');
  }
  const types = asArray(credential.type);
  if (!types.includes('VerifiableCredential')) add('/type', 'type must include VerifiableCredential');
  if (types.some((t) => typeof t !== 'string')) add('/type', 'every type is a string');
  if (credential.id !== undefined && !isAbsoluteUri(credential.id)) add('/id', 'id must be a URL');
  checkIssuer(credential.issuer, add);
  checkSubjects(credential.credentialSubject, add);
  const dates = version === 1 ? DATE_TIME : DATE_TIME_STAMP;
  for (const name of version === 1 ? ['issuanceDate', 'expirationDate'] : ['validFrom', 'validUntil']) {
    const value = credential[name];
    if (
      value !== undefined &&
      (typeof value !== 'string' || !dates.test(value) || Number.isNaN(Date.parse(value)))
    )
      add(
        `/${name}`,
        `${name} must be an XML Schema ${version === 1 ? 'dateTime' : 'dateTimeStamp'} (e.g. 2026-01-01T00:00:00Z)`,
      );
  }
  if (version === 1 && credential.issuanceDate === undefined)
    add('/issuanceDate', 'a VCDM 1.1 credential needs issuanceDate');
  if (
    typeof credential.validFrom === 'string' &&
    typeof credential.validUntil === 'string' &&
    Date.parse(credential.validFrom) > Date.parse(credential.validUntil)
  )
    add('/validUntil', 'validUntil is before validFrom');
  for (const name of ['name', 'description']) checkLanguageString(credential[name], `/${name}`, add);
  for (const name of ['credentialStatus', 'refreshService', 'termsOfUse', 'evidence', 'credentialSchema']) {
    checkTyped(credential[name], name, add, name === 'credentialSchema');
  }
  checkRelatedResources(credential.relatedResource, add);
  return issues;
}

type Add = (path: string, message: string) => void;

function checkIssuer(issuer: unknown, add: Add): void {
  if (isAbsoluteUri(issuer)) return;
  if (isObject(issuer) && isAbsoluteUri(issuer.id)) {
    for (const name of ['name', 'description']) checkLanguageString(issuer[name], `/issuer/${name}`, add);
    return;
  }
  add('/issuer', 'issuer is required: a URL, or an object with an id that is a URL');
}

function checkSubjects(subject: unknown, add: Add): void {
  const subjects = asArray(subject);
  if (subjects.length === 0) {
    add('/credentialSubject', 'credentialSubject is required');
    return;
  }
  for (const [i, s] of subjects.entries()) {
    const path = Array.isArray(subject) ? `/credentialSubject/${i}` : '/credentialSubject';
    if (!isObject(s) || Object.keys(s).length === 0)
      add(path, 'a credentialSubject is an object with claims');
    else if (s.id !== undefined && !isAbsoluteUri(s.id))
      add(`${path}/id`, 'credentialSubject.id must be a URL');
  }
}

// VCDM 2.0 §11.1: a string, or language value objects { @value, @language?, @direction? }.
function checkLanguageString(value: unknown, path: string, add: Add): void {
  if (value === undefined || typeof value === 'string') return;
  for (const [i, v] of asArray(value).entries()) {
    const at = Array.isArray(value) ? `${path}/${i}` : path;
    if (!isObject(v) || typeof v['@value'] !== 'string')
      add(at, `${path.slice(1)} is a string or a language value object { "@value", "@language" }`);
    else if (v['@language'] !== undefined && typeof v['@language'] !== 'string')
      add(`${at}/@language`, '@language is a language tag');
  }
}

// Members whose every object needs a `type` (VCDM 2.0 §4.10–4.13, §5); credentialSchema an id too.
function checkTyped(value: unknown, name: string, add: Add, needsId: boolean): void {
  if (value === undefined) return;
  for (const [i, item] of asArray(value).entries()) {
    const path = Array.isArray(value) ? `/${name}/${i}` : `/${name}`;
    if (!isObject(item)) {
      add(path, `${name} is an object (or a list of objects)`);
      continue;
    }
    if (asArray(item.type).length === 0) add(`${path}/type`, `${name} needs a type`);
    if (needsId ? !isAbsoluteUri(item.id) : item.id !== undefined && !isAbsoluteUri(item.id))
      add(`${path}/id`, `${name}.id must be a URL`);
  }
}

// VCDM 2.0 §5.3: each related resource has a unique id and a digestSRI or digestMultibase.
function checkRelatedResources(value: unknown, add: Add): void {
  if (value === undefined) return;
  const seen = new Set<string>();
  for (const [i, item] of asArray(value).entries()) {
    const path = Array.isArray(value) ? `/relatedResource/${i}` : '/relatedResource';
    if (!isObject(item)) {
      add(path, 'relatedResource is an object with an id and a digest');
      continue;
    }
    if (!isAbsoluteUri(item.id)) add(`${path}/id`, 'relatedResource.id must be a URL');
    else if (seen.has(item.id)) add(`${path}/id`, `relatedResource.id ${item.id} appears twice`);
    else seen.add(item.id);
    const sri = item.digestSRI;
    const multibase = item.digestMultibase;
    if (sri === undefined && multibase === undefined)
      add(path, 'relatedResource needs digestSRI or digestMultibase');
    if (sri !== undefined && (typeof sri !== 'string' || !SRI.test(sri)))
      add(`${path}/digestSRI`, 'digestSRI is an SRI value (sha384-…)');
    if (multibase !== undefined && (typeof multibase !== 'string' || !MULTIBASE.test(multibase)))
      add(`${path}/digestMultibase`, 'digestMultibase is a multibase-encoded multihash');
  }
}
