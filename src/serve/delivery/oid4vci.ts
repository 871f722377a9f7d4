// OpenID for Verifiable Credential Issuance 1.0, pre-authorized code flow, on the service: the
// issuer and authorization server metadata, the offer by reference, the token endpoint (with an
// optional transaction code), the nonce endpoint and the credential endpoint, which checks the
// wallet's key proof (`jwt`: an openid4vci-proof+jwt; `di_vp`: a Data Integrity presentation,
// OpenID4VCI 1.0 appendix F.2) and issues the credential to the proven key as ldp_vc (Data
// Integrity) or jwt_vc_json (VC-JWT). Message parsing, grant and JWT proof checks are
// @openid4vc/openid4vci and @openid4vc/oauth2's (they know no di_vp: that one is credstack's
// presentation verifier); the offers, keys and signing are ours.
import { createHash, randomBytes } from 'node:crypto';
import {
  type CallbackContext,
  clientAuthenticationAnonymous,
  type HashAlgorithm,
  type Jwk,
  Oauth2AuthorizationServer,
  Oauth2ServerErrorResponseError,
  preAuthorizedCodeGrantIdentifier,
} from '@openid4vc/oauth2';
import { type IssuerMetadataResult, Openid4vciIssuer, Openid4vciVersion } from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { parseDidKey } from '../../keys/index.js';
import { isObject, type JsonObject } from '../../lib/json.js';
import { verifyHolderProof } from './holder-proof.js';
import { signAs } from '../issuing.js';
import { bindToHolder, type DeliveryContext, didJwkOf, instanceFor } from './context.js';
import { secret } from './offers.js';

const OB_CONTEXT = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
const TOKEN_SECONDS = 300;
const CONFIGURATIONS = {
  OpenBadgeCredential_ldp_vc: 'di',
  OpenBadgeCredential_jwt_vc_json: 'jwt',
} as const;

// Proof JWTs name their key as a did:key / did:jwk URL or an embedded JWK; nothing is fetched.
const verifyJwt: CallbackContext['verifyJwt'] = async (signer, { compact }) => {
  let jwk: Record<string, unknown> | undefined;
  if (signer.method === 'jwk') jwk = signer.publicJwk as Record<string, unknown>;
  else if (signer.method === 'did') {
    const did = signer.didUrl.split('#')[0]!;
    if (did.startsWith('did:key:')) jwk = parseDidKey(did).publicKeyJwk as unknown as Record<string, unknown>;
    else if (did.startsWith('did:jwk:'))
      jwk = JSON.parse(Buffer.from(did.slice(8), 'base64url').toString('utf8'));
  }
  if (!jwk) return { verified: false };
  try {
    await jwtVerify(compact, await importJWK(jwk, signer.alg));
    return { verified: true, signerJwk: jwk as Jwk };
  } catch {
    return { verified: false };
  }
};

const callbacks = {
  hash: (data: Uint8Array, alg: HashAlgorithm) =>
    createHash(alg.replace('-', '').toLowerCase()).update(data).digest() as unknown as Uint8Array,
  generateRandom: (bytes: number) => randomBytes(bytes) as unknown as Uint8Array,
  verifyJwt,
  clientAuthentication: clientAuthenticationAnonymous(),
  // The issuer signs credentials with credstack, never JWTs through the library.
  signJwt: async () => {
    throw new Error('not used');
  },
  fetch: async () => {
    throw new Error('The OpenID4VCI issuer fetches nothing');
  },
} as unknown as CallbackContext;

/** OAuth 2.0 error answers are `{ error, error_description }` (RFC 6749 §5.2), not problem details. */
function oauthError(reply: FastifyReply, status: number, error: string, description: string) {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .send({ error, error_description: description });
}

type KeyProof = { kind: 'jwt'; jwt: string } | { kind: 'di_vp'; presentation: JsonObject };

/** The first key proof of a credential request, `jwt` or `di_vp`, as sent. */
function keyProofOf(body: unknown, parsedJwt: string | undefined): KeyProof | undefined {
  if (parsedJwt !== undefined) return { kind: 'jwt', jwt: parsedJwt };
  const proofs = isObject(body) && isObject(body.proofs) ? body.proofs : undefined;
  const diVp = proofs && Array.isArray(proofs.di_vp) ? proofs.di_vp[0] : undefined;
  return isObject(diVp) ? { kind: 'di_vp', presentation: diVp } : undefined;
}

/** The challenge a di_vp presentation's proof answers (the nonce it carries), if one. */
function challengeOf(presentation: JsonObject): unknown {
  const proof = Array.isArray(presentation.proof) ? presentation.proof[0] : presentation.proof;
  return isObject(proof) ? proof.challenge : undefined;
}

/** Registers the OpenID4VCI issuer's endpoints. */
export function registerOid4vci(
  app: FastifyInstance,
  context: DeliveryContext,
  verifyOptions: () => Promise<Record<string, unknown>>,
): void {
  const { baseUrl, offers, issuers } = context;
  // oid4vc-ts requires https URLs; a service on plain http is a machine's own (loopback) test.
  if (baseUrl.startsWith('http://')) setGlobalConfig({ allowInsecureUrls: true });
  const issuer = new Openid4vciIssuer({ callbacks });
  const server = new Oauth2AuthorizationServer({ callbacks });
  const algorithms = ['EdDSA', 'ES256'];
  const proofTypes = {
    jwt: { proof_signing_alg_values_supported: algorithms },
    // For di_vp the values are Data Integrity cryptosuites (OpenID4VCI 1.0 §12.2.4).
    di_vp: { proof_signing_alg_values_supported: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'] },
  };
  const credentialIssuer = issuer.createCredentialIssuerMetadata({
    credential_issuer: baseUrl,
    credential_endpoint: `${baseUrl}/oid4vci/credential`,
    nonce_endpoint: `${baseUrl}/oid4vci/nonce`,
    credential_configurations_supported: {
      OpenBadgeCredential_ldp_vc: {
        format: 'ldp_vc',
        credential_definition: {
          '@context': [VC_V2, OB_CONTEXT],
          type: ['VerifiableCredential', 'OpenBadgeCredential'],
        },
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
        credential_signing_alg_values_supported: ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019'],
        proof_types_supported: proofTypes,
        display: [{ name: 'Open Badge', locale: 'en' }],
      },
      OpenBadgeCredential_jwt_vc_json: {
        format: 'jwt_vc_json',
        credential_definition: { type: ['VerifiableCredential', 'OpenBadgeCredential'] },
        cryptographic_binding_methods_supported: ['did:key', 'did:jwk'],
        credential_signing_alg_values_supported: ['ES256', 'EdDSA', 'RS256'],
        proof_types_supported: proofTypes,
        display: [{ name: 'Open Badge', locale: 'en' }],
      },
    },
  } as never);
  const authorizationServer = server.createAuthorizationServerMetadata({
    issuer: baseUrl,
    token_endpoint: `${baseUrl}/oid4vci/token`,
    grant_types_supported: [preAuthorizedCodeGrantIdentifier],
    'pre-authorized_grant_anonymous_access_supported': true,
  } as never);
  const metadata: IssuerMetadataResult = {
    credentialIssuer,
    authorizationServers: [authorizationServer],
    originalDraftVersion: Openid4vciVersion.V1,
    knownCredentialConfigurations: issuer.getKnownCredentialConfigurationsSupported(credentialIssuer),
  } as IssuerMetadataResult;

  const configurationsOf = (controller: string) =>
    Object.entries(CONFIGURATIONS)
      .filter(([, kind]) => instanceFor(issuers, controller, kind))
      .map(([id]) => id);

  const tags = { tags: ['openid4vci'] };
  app.get('/.well-known/openid-credential-issuer', { schema: tags }, async () => credentialIssuer);
  app.get('/.well-known/oauth-authorization-server', { schema: tags }, async () => authorizationServer);

  app.get('/oid4vci/offers/:id', { schema: tags }, async (request, reply) => {
    const offer = await offers.get((request.params as { id: string }).id);
    if (offer?.state !== 'offered' || offer.expiresAt <= Date.now())
      return oauthError(reply, 404, 'invalid_request', 'No such offer, or it was used or has expired');
    // The pre-authorized code is only ever handed out here and in nothing stored.
    const code = await offers.rotatePreAuthorizedCode(offer.id);
    if (!code) return oauthError(reply, 404, 'invalid_request', 'The offer was just redeemed');
    const { credentialOfferObject } = await issuer.createCredentialOffer({
      issuerMetadata: metadata,
      credentialConfigurationIds: configurationsOf(offer.issuer),
      grants: {
        [preAuthorizedCodeGrantIdentifier]: {
          'pre-authorized_code': code,
          ...(offer.txCode
            ? { tx_code: { input_mode: 'numeric', length: 6, description: 'The code your school sent you' } }
            : {}),
        },
      },
    });
    return credentialOfferObject;
  });

  app.post('/oid4vci/token', { schema: tags }, async (request, reply) => {
    const requestLike = {
      method: 'POST' as const,
      url: `${baseUrl}${request.url}`,
      headers: new Headers(request.headers as Record<string, string>),
    };
    let parsed: ReturnType<typeof server.parseAccessTokenRequest>;
    try {
      parsed = server.parseAccessTokenRequest({
        accessTokenRequest: request.body as Record<string, unknown>,
        request: requestLike,
      });
    } catch (error) {
      return oauthError(reply, 400, 'invalid_request', (error as Error).message.split('\n')[0]!);
    }
    if (parsed.grant.grantType !== preAuthorizedCodeGrantIdentifier)
      return oauthError(
        reply,
        400,
        'unsupported_grant_type',
        'Only the pre-authorized code grant is offered',
      );
    const code = parsed.grant.preAuthorizedCode;
    const offer = await offers.byPreAuthorizedCode(code);
    if (offer?.state !== 'offered' || offer.expiresAt <= Date.now())
      return oauthError(reply, 400, 'invalid_grant', 'The pre-authorized code is unknown, used or expired');
    const tx = await offers.checkTxCode(offer.id, parsed.grant.txCode);
    if (tx !== 'ok')
      return oauthError(
        reply,
        400,
        'invalid_grant',
        tx === 'burnt' ? 'Too many wrong transaction codes: the offer is void' : 'Wrong transaction code',
      );
    try {
      await server.verifyPreAuthorizedCodeAccessTokenRequest({
        authorizationServerMetadata: authorizationServer,
        grant: parsed.grant,
        accessTokenRequest: parsed.accessTokenRequest,
        request: requestLike,
        expectedPreAuthorizedCode: code,
        ...(parsed.grant.txCode !== undefined ? { expectedTxCode: parsed.grant.txCode } : {}),
        preAuthorizedCodeExpiresAt: new Date(offer.expiresAt),
      });
    } catch (error) {
      if (error instanceof Oauth2ServerErrorResponseError)
        return oauthError(
          reply,
          400,
          error.errorResponse.error,
          error.errorResponse.error_description ?? error.message,
        );
      throw error;
    }
    const accessToken = secret();
    const cNonce = secret(24);
    // Single use: a second token request with the same code finds the offer past 'offered'.
    if (!(await offers.grantToken(offer.id, accessToken, cNonce, Date.now() + TOKEN_SECONDS * 1000)))
      return oauthError(reply, 400, 'invalid_grant', 'The pre-authorized code was already used');
    return reply.header('cache-control', 'no-store').send({
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: TOKEN_SECONDS,
      c_nonce: cNonce,
      c_nonce_expires_in: TOKEN_SECONDS,
    });
  });

  app.post('/oid4vci/nonce', { schema: tags }, async (_request, reply) => {
    const { nonce } = await offers.createNonce(TOKEN_SECONDS);
    return reply
      .header('cache-control', 'no-store')
      .send(issuer.createNonceResponse({ cNonce: nonce, cNonceExpiresIn: TOKEN_SECONDS }));
  });

  app.post('/oid4vci/credential', { schema: tags }, async (request, reply) => {
    const match = /^(?:Bearer|DPoP) ([A-Za-z0-9_-]{20,200})$/.exec(request.headers.authorization ?? '');
    const grant = match ? await offers.byAccessToken(match[1]!) : undefined;
    if (
      grant?.offer.state !== 'token' ||
      grant.nonceExpiresAt <= Date.now() ||
      grant.offer.expiresAt <= Date.now()
    ) {
      reply.header('www-authenticate', 'Bearer error="invalid_token"');
      return oauthError(reply, 401, 'invalid_token', 'The access token is unknown, used or expired');
    }
    const { offer, cNonce } = grant;
    let parsed: ReturnType<typeof issuer.parseCredentialRequest>;
    try {
      parsed = issuer.parseCredentialRequest({
        issuerMetadata: metadata,
        credentialRequest: request.body as Record<string, unknown>,
      });
    } catch (error) {
      return oauthError(reply, 400, 'invalid_credential_request', (error as Error).message.split('\n')[0]!);
    }
    const configuration = parsed.credentialConfigurationId as keyof typeof CONFIGURATIONS | undefined;
    const kind =
      configuration && Object.hasOwn(CONFIGURATIONS, configuration)
        ? CONFIGURATIONS[configuration]
        : parsed.format?.format === 'jwt_vc_json'
          ? 'jwt'
          : parsed.format?.format === 'ldp_vc'
            ? 'di'
            : undefined;
    const instance = kind ? instanceFor(issuers, offer.issuer, kind) : undefined;
    if (!instance)
      return oauthError(
        reply,
        400,
        'unsupported_credential_format',
        'This offer has no such credential configuration',
      );
    const keyProof = keyProofOf(request.body, parsed.proofs?.jwt?.[0]);
    if (!keyProof) return oauthError(reply, 400, 'invalid_proof', 'A jwt or di_vp key proof is required');
    // The nonce is the token response's c_nonce or one from the nonce endpoint, each used once.
    let nonce: unknown;
    if (keyProof.kind === 'jwt') {
      try {
        nonce = decodeJwt(keyProof.jwt).nonce;
      } catch {
        return oauthError(reply, 400, 'invalid_proof', 'The key proof is not a JWT');
      }
    } else nonce = challengeOf(keyProof.presentation);
    if (nonce !== cNonce && !(typeof nonce === 'string' && (await offers.consumeNonce(nonce))))
      return oauthError(
        reply,
        400,
        'invalid_nonce',
        'The key proof does not carry a fresh nonce of this issuer',
      );
    let holder: string;
    if (keyProof.kind === 'jwt') {
      try {
        const verified = await issuer.verifyCredentialRequestJwtProof({
          issuerMetadata: metadata,
          jwt: keyProof.jwt,
          expectedNonce: nonce as string,
        });
        holder =
          verified.signer.method === 'did'
            ? verified.signer.didUrl.split('#')[0]!
            : didJwkOf((verified.signer as { publicJwk: Record<string, unknown> }).publicJwk);
      } catch (error) {
        return oauthError(reply, 400, 'invalid_proof', (error as Error).message.split('\n')[0]!);
      }
    } else {
      // A presentation with an authentication proof by the holder, answering the nonce, addressed
      // to this issuer (domain = the credential issuer identifier); it carries no credential.
      const proof = await verifyHolderProof(keyProof.presentation, {
        verifyOptions: await verifyOptions(),
        challenge: nonce as string,
        domain: baseUrl,
        credentials: 'refuse',
      });
      if (proof.holder === undefined) {
        const [first] = proof.errors;
        return oauthError(
          reply,
          400,
          'invalid_proof',
          `The di_vp key proof was refused: ${first!.code}: ${first!.message}`,
        );
      }
      holder = proof.holder;
    }
    if (!(await offers.claim(offer.id, 'token')))
      return oauthError(reply, 400, 'invalid_token', 'The credential of this offer was already issued');
    let signed: JsonObject | string;
    try {
      signed = await signAs(instance, context.status, bindToHolder(offer.credential, holder), {
        ...(offer.statusPurpose ? { statusPurpose: offer.statusPurpose } : {}),
      });
    } catch (error) {
      await offers.release(offer.id, 'token');
      throw error;
    }
    await offers.complete(offer.id, holder, offer.credential.id as string | undefined);
    const credentialResponse = issuer.createCredentialResponse({
      credentialRequest: parsed,
      credentials: [{ credential: signed as never }],
    });
    return reply.header('cache-control', 'no-store').send(credentialResponse);
  });
}
