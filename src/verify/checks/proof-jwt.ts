// VC-JWT: the JOSE header OB 3.0 allows, the JWS signature, and the binding of its key to the
// issuer (or a VP-JWT's holder) through the issuer's own documents.
import { hasUriScheme } from '../../lib/uri.js';
import type { JWK } from 'jose';
import { isCredstackError } from '../../errors.js';
import { keyFromVerificationMethod, verificationMethodFromDocument } from '../../keys/verification-method.js';
import { asArray, isObject, type JsonObject } from '../../lib/json.js';
import { messageOf } from '../../proof/data-integrity/common.js';
import { importJwsKey, verifyJwsSignature } from '../../proof/vc-jwt/verify.js';
import { bindJwtKey, type KeyBinding, type KeyRelationship } from '../resolve.js';
import { type Check, failed, passed } from '../result.js';
import { type ProofContext, resolutionFailure } from './proof-di.js';

const ALLOWED_JWT_HEADER = new Set(['alg', 'kid', 'jwk', 'typ']);

export function checkJwtHeader(header: JsonObject, algorithms: readonly string[]): Check[] {
  const checks: Check[] = [];
  const extra = Object.keys(header).filter((k) => !ALLOWED_JWT_HEADER.has(k));
  if (extra.length > 0) {
    checks.push(
      failed(
        'jwt-header',
        'JWT_HEADER_FORBIDDEN',
        `JOSE header parameters ${extra.join(', ')} are not allowed (OB 3.0 allows alg, kid, jwk, typ)`,
      ),
    );
  }
  if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) {
    checks.push(
      failed(
        'jwt-header',
        'JWT_ALG_REJECTED',
        `alg ${JSON.stringify(header.alg)} is not accepted (accepted: ${algorithms.join(', ')})`,
      ),
    );
  }
  if (header.typ !== undefined && header.typ !== 'JWT') {
    checks.push(
      failed('jwt-header', 'JWT_TYP', `typ must be "JWT" when present, got ${JSON.stringify(header.typ)}`),
    );
  }
  if (header.kid === undefined && header.jwk === undefined) {
    checks.push(failed('jwt-header', 'JWT_NO_KEY', 'The header names no key (kid or jwk)'));
  }
  if (
    isObject(header.jwk) &&
    ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((m) => m in (header.jwk as JsonObject))
  ) {
    checks.push(
      failed('jwt-header', 'JWT_PRIVATE_JWK', 'The header jwk contains private or symmetric key material'),
    );
  }
  if (checks.length === 0) checks.push(passed('jwt-header', 'JWT_HEADER_OK', `alg ${header.alg}`));
  return checks;
}

/**
 * Verifies the JWS with the key the header names, and binds that key to `issuerId` (the issuer, or
 * for a VP-JWT the holder) for `ctx.proofPurpose` (default `assertionMethod`). A `kid` is bound
 * only when the issuer's own documents list it ({@link bindJwtKey}: its DID document, or its
 * profile or JWKS), never through the `controller` a key document claims for itself: anyone can
 * publish a key naming the victim. A key only in the `jwk` header is bound only when the issuer
 * publishes it likewise.
 */
export async function checkJwtSignature(
  jwt: string,
  header: JsonObject,
  issuerId: string | undefined,
  ctx: ProofContext,
): Promise<Check[]> {
  const alg = header.alg as string;
  const relationship = jwtRelationship(ctx);
  let jwk: JWK;
  let binding: KeyBinding | undefined;
  const kid = typeof header.kid === 'string' ? header.kid : undefined;
  if (kid) {
    if (!hasUriScheme(kid)) {
      return [failed('proof', 'PROOF_METHOD_INVALID', `kid ${kid} is not a URI`)];
    }
    if (issuerId) binding = await bindJwtKey(ctx.resolver, issuerId, kid, relationship);
    try {
      // Bound: the key as the issuer's own document publishes it. Otherwise the key the kid
      // names, only to tell a bad signature from an unbound key.
      const method = binding?.bound ? binding.method : await ctx.resolver.get(kid);
      const key = await keyFromVerificationMethod(method as never);
      jwk = key.publicKeyJwk as JWK;
    } catch (error) {
      const checks = [resolutionFailure(error, '', `Cannot resolve the JWT key ${kid}`)];
      // The issuer's documents were read and do not list the key: a forgery, key or no key.
      if (binding && !binding.bound && binding.verdict === 'invalid') checks.push(bindingFailure(binding));
      return checks;
    }
  } else if (isObject(header.jwk)) {
    jwk = header.jwk as JWK;
  } else {
    return [failed('proof', 'JWT_NO_KEY', 'No usable key in the JWT header')];
  }
  try {
    // jose's key import loads with the first JWT (Data Integrity needs it not); keys are kept
    const key = await importJwsKey(jwk, alg);
    await verifyJwsSignature(jwt, key, ctx.algorithms);
  } catch (error) {
    return [failed('proof', 'PROOF_SIGNATURE_INVALID', `JWS signature does not verify: ${messageOf(error)}`)];
  }
  const checks: Check[] = [
    passed('proof', 'PROOF_VALID', `JWS (${alg}) verified${kid ? ` with ${kid}` : ''}`),
  ];
  if (!issuerId) {
    checks.push(failed('issuer', 'ISSUER_MISSING', 'The credential has no issuer id', { path: '/issuer' }));
  } else if (binding) {
    checks.push(
      binding.bound
        ? passed(
            'issuer',
            'ISSUER_BOUND',
            `The key ${kid} belongs to the issuer ${issuerId}: ${binding.where} lists it for ${relationship}`,
          )
        : bindingFailure(binding),
    );
  } else {
    checks.push(await checkPublishedJwk(jwk, issuerId, ctx));
  }
  return checks;
}

/** The relationship a JWT key must have: the Data Integrity proof purpose of the same check. */
function jwtRelationship(ctx: ProofContext): KeyRelationship {
  const purpose = ctx.proofPurpose;
  return purpose === 'authentication' ||
    purpose === 'capabilityInvocation' ||
    purpose === 'capabilityDelegation'
    ? purpose
    : 'assertionMethod';
}

/** Listed nowhere by the issuer: ISSUER_KEY_MISMATCH (invalid); not checkable: ISSUER_KEY_UNBOUND. */
function bindingFailure(binding: Extract<KeyBinding, { bound: false }>): Check {
  return binding.verdict === 'invalid'
    ? failed('issuer', 'ISSUER_KEY_MISMATCH', binding.reason)
    : failed('issuer', 'ISSUER_KEY_UNBOUND', binding.reason, { verdict: 'indeterminate' });
}

// IMPL §Key provenance: a key carried only in the JWT is trusted when the issuer publishes it
// (JWKS at https://{authority}/.well-known/jwks.json, or its DID document / profile, where it must
// be listed for the relationship, as a kid must: see bindJwtKey).
async function checkPublishedJwk(jwk: JWK, issuerId: string, ctx: ProofContext): Promise<Check> {
  const { calculateJwkThumbprint } = await import('jose/jwk/thumbprint');
  const thumbprint = await calculateJwkThumbprint(jwk);
  const relationship = jwtRelationship(ctx);
  const candidates: string[] = [];
  if (issuerId.startsWith('did:')) candidates.push(issuerId);
  else {
    try {
      candidates.push(`${new URL(issuerId).origin}/.well-known/jwks.json`, issuerId);
    } catch {
      // not a URL: nothing to look up
    }
  }
  const unusable: string[] = [];
  for (const url of candidates) {
    let document: unknown;
    try {
      document = await ctx.resolver.get(url);
    } catch (error) {
      // Not published (or not supplied) is the usual case; a supplied document that is not one
      // (a file path, null) is the caller's mistake, said with its URL instead of "not published".
      if (isCredstackError(error) && error.code === 'ERR_DOCUMENT_UNUSABLE') unusable.push(messageOf(error));
      continue;
    }
    for (const key of await publishedJwks(document, issuerId, relationship)) {
      try {
        if ((await calculateJwkThumbprint(key)) === thumbprint) {
          return passed('issuer', 'ISSUER_BOUND', `The header key is published by the issuer at ${url}`);
        }
      } catch {
        // malformed published key: ignore it
      }
    }
  }
  if (unusable.length > 0) {
    return failed(
      'issuer',
      'DOCUMENT_UNUSABLE',
      `The JWT is signed with a key carried only in its own header, and the issuer's documents could not be read: ${unusable.join('; ')}`,
      { verdict: 'indeterminate' },
    );
  }
  return failed(
    'issuer',
    'ISSUER_KEY_UNBOUND',
    'The JWT is signed with a key carried only in its own header, and the issuer does not publish that key',
    { verdict: 'indeterminate' },
  );
}

/**
 * The public keys a document of the issuer publishes: a JWKS's keys (but those whose `iss` names
 * another issuer), or the methods a DID document / profile lists for `relationship` and that name
 * the issuer as their controller.
 */
async function publishedJwks(
  document: unknown,
  issuerId: string,
  relationship: KeyRelationship,
): Promise<JWK[]> {
  if (!isObject(document)) return [];
  if (Array.isArray(document.keys)) {
    return document.keys.filter((k) => isObject(k) && (k.iss === undefined || k.iss === issuerId)) as JWK[];
  }
  const keys: JWK[] = [];
  for (const entry of [...asArray(document.verificationMethod), ...asArray(document[relationship])]) {
    if (!isObject(entry) || typeof entry.id !== 'string') continue;
    try {
      const method = verificationMethodFromDocument(document, entry.id, { purpose: relationship });
      if (method === undefined || method.controller !== issuerId) continue;
      keys.push((await keyFromVerificationMethod(method)).publicKeyJwk as JWK);
    } catch {
      // a malformed or unsupported method publishes nothing usable
    }
  }
  return keys;
}
