// A wallet for the delivery tests, built on the client half of @openid4vc/openid4vci (a
// maintained OpenID4VC library credstack did not write): it resolves an offer, gets a token
// with the pre-authorized code, proves its key with an openid4vci-proof+jwt, or with a di_vp
// presentation signed by @digitalbazaar/vc (the reference stack), and takes the credential.
import { createHash, randomBytes } from 'node:crypto';
import { type CallbackContext, clientAuthenticationAnonymous, type HashAlgorithm } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { importJWK, SignJWT } from 'jose';
import type { KeyFile } from '../../src/index.js';
import { didKeyDriver, Ed25519Multikey, referenceDocumentLoader } from '../interop/reference-stack.js';

// The test services speak http on loopback.
setGlobalConfig({ allowInsecureUrls: true });

/** A holder whose did:key and presentations are the reference stack's (@digitalbazaar/vc). */
export async function referenceHolder() {
  const keyPair = await Ed25519Multikey.generate();
  const { didDocument } = await didKeyDriver.fromKeyPair({ verificationKeyPair: keyPair });
  keyPair.id = didDocument.verificationMethod[0].id;
  keyPair.controller = didDocument.id;
  return {
    did: didDocument.id as string,
    async didAuth(challenge: string, domain: string, holder: string = didDocument.id) {
      const presentation = vc.createPresentation({ holder });
      presentation['@context'] = ['https://www.w3.org/ns/credentials/v2'];
      return vc.signPresentation({
        presentation,
        suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite: eddsaRdfc2022 }),
        challenge,
        domain,
        documentLoader: referenceDocumentLoader,
      });
    },
  };
}

type ReferenceHolder = Awaited<ReturnType<typeof referenceHolder>>;

/**
 * A wallet proving `holder`: a credstack key file proves with a `jwt` key proof, a reference
 * holder with a `di_vp` presentation (signed by @digitalbazaar/vc).
 */
export function walletFor(holder: KeyFile | ReferenceHolder) {
  const keyFile = 'privateKeyJwk' in holder ? holder : undefined;
  const alg = keyFile?.algorithm === 'P-256' ? 'ES256' : 'EdDSA';
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
      const key = await importJWK(keyFile!.privateKeyJwk as never, alg);
      return {
        jwt: await new SignJWT(payload).setProtectedHeader(header as never).sign(key),
        signerJwk: keyFile!.publicKeyJwk,
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
      // di_vp (OpenID4VCI 1.0 appendix F.2): challenge = the nonce, domain = the issuer identifier.
      const jwt = keyFile
        ? (
            await client.createCredentialRequestJwtProof({
              issuerMetadata,
              credentialConfigurationId: options.configuration,
              nonce,
              signer: { method: 'did', didUrl: keyFile.id, alg },
            })
          ).jwt
        : undefined;
      const presentation = keyFile
        ? undefined
        : await (holder as ReferenceHolder).didAuth(nonce!, offer.credential_issuer);
      const response = await client.retrieveCredentials({
        issuerMetadata,
        accessToken: accessTokenResponse.access_token,
        credentialConfigurationId: options.configuration,
        ...(jwt ? { proof: { proof_type: 'jwt', jwt } } : { proofs: { di_vp: [presentation] } as never }),
      });
      return { offer, issuerMetadata, accessTokenResponse, jwt, presentation, response };
    },
  };
}
