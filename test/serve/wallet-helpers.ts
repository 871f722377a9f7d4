// A wallet for the delivery tests, built on the client half of @openid4vc/openid4vci (a
// maintained OpenID4VC library credstack did not write): it resolves an offer, gets a token
// with the pre-authorized code, proves its key with an openid4vci-proof+jwt and takes the
// credential.
import { createHash, randomBytes } from 'node:crypto';
import { type CallbackContext, clientAuthenticationAnonymous, type HashAlgorithm } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import { importJWK, SignJWT } from 'jose';
import type { KeyFile } from '../../src/index.js';

// The test services speak http on loopback.
setGlobalConfig({ allowInsecureUrls: true });

export function walletFor(holder: KeyFile) {
  const alg = holder.algorithm === 'Ed25519' ? 'EdDSA' : 'ES256';
  const callbacks = {
    fetch: (...a: Parameters<typeof fetch>) => globalThis.fetch(...a),
    hash: (data: Uint8Array, algorithm: HashAlgorithm) =>
      createHash(algorithm.replace('-', '').toLowerCase()).update(data).digest(),
    generateRandom: (bytes: number) => randomBytes(bytes),
    clientAuthentication: clientAuthenticationAnonymous(),
    signJwt: async (
      _signer: unknown,
      { header, payload }: { header: Record<string, unknown>; payload: Record<string, unknown> },
    ) => {
      const key = await importJWK(holder.privateKeyJwk as never, alg);
      return {
        jwt: await new SignJWT(payload).setProtectedHeader(header as never).sign(key),
        signerJwk: holder.publicKeyJwk,
      };
    },
    verifyJwt: async () => ({ verified: false }),
  } as unknown as CallbackContext;
  const client = new Openid4vciClient({ callbacks });

  return {
    client,
    alg,
    /** The whole flow; `configuration` picks ldp_vc or jwt_vc_json. */
    async receive(
      offerUri: string,
      options: { configuration: string; txCode?: string; nonceFromEndpoint?: boolean },
    ) {
      const offer = await client.resolveCredentialOffer(offerUri);
      const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
      const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
        credentialOffer: offer,
        issuerMetadata,
        ...(options.txCode !== undefined ? { txCode: options.txCode } : {}),
      });
      const nonce = options.nonceFromEndpoint
        ? (await client.requestNonce({ issuerMetadata })).c_nonce
        : (accessTokenResponse.c_nonce as string);
      const { jwt } = await client.createCredentialRequestJwtProof({
        issuerMetadata,
        credentialConfigurationId: options.configuration,
        nonce,
        signer: { method: 'did', didUrl: holder.id, alg },
      });
      const response = await client.retrieveCredentials({
        issuerMetadata,
        accessToken: accessTokenResponse.access_token,
        credentialConfigurationId: options.configuration,
        proof: { proof_type: 'jwt', jwt },
      });
      return { offer, issuerMetadata, accessTokenResponse, jwt, response };
    },
  };
}
