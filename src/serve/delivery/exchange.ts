// Offers and the VC-API exchange: POST /offers makes a one-time offer; its interaction URL
// (GET /interactions/{id}) names both protocols a wallet may use, VC-API (DCC's Learner
// Credential Wallet) and OpenID4VCI; POST /exchanges/{id} is the VC-API exchange: the wallet is
// asked for a DIDAuthentication presentation with a challenge, proves its DID, and receives the
// credential issued to that DID.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isObject, type JsonObject } from '../../lib/json.js';
import { signAs } from '../issuing.js';
import { problem, sendProblem } from '../problem.js';
import { bindToHolder, type DeliveryContext, instanceFor, type OfferLinks, offerLinks } from './context.js';
import { verifyHolderProof } from './holder-proof.js';
import { isOfferId } from './offers.js';
import { offerPage, wantsHtml } from './page.js';

export const OFFER_SCHEMA = {
  tags: ['delivery'],
  summary:
    'Offer a credential to a learner’s wallet (VC-API exchange and OpenID4VCI behind one interaction URL)',
  body: {
    type: 'object',
    required: ['credential'],
    additionalProperties: false,
    properties: {
      credential: { type: 'object' },
      issuer: { type: 'string', description: 'the issuer instance (default: the first)' },
      expiresIn: {
        type: 'integer',
        minimum: 60,
        maximum: 2_592_000,
        description: 'seconds (default 7 days)',
      },
      txCode: { type: 'boolean', description: 'require a 6-digit transaction code (PIN)' },
      image: {
        type: 'string',
        pattern: '^data:image/(png|svg\\+xml)[;,]',
        description:
          'the badge image for direct delivery, a data: URL of a PNG or SVG (default: the achievement image when it is one)',
      },
      credentialStatus: {
        type: 'object',
        properties: { statusPurpose: { enum: ['revocation', 'suspension'] } },
      },
    },
  },
} as const;

/** Registers POST /offers, GET /interactions/:id and POST /exchanges/:id. */
export function registerExchange(
  app: FastifyInstance,
  context: DeliveryContext,
  guard: (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>,
  verifyOptions: () => Promise<Record<string, unknown>>,
): void {
  const { offers, issuers, baseUrl } = context;

  app.post('/offers', { schema: OFFER_SCHEMA, preHandler: guard }, async (request, reply) => {
    const body = request.body as {
      credential: JsonObject;
      issuer?: string;
      expiresIn?: number;
      txCode?: boolean;
      image?: string;
      credentialStatus?: { statusPurpose?: 'revocation' | 'suspension' };
    };
    const instance = body.issuer === undefined ? issuers[0] : issuers.find((i) => i.name === body.issuer);
    if (!instance)
      return sendProblem(
        reply,
        problem(400, 'ERR_INVALID_INPUT', `issuer: no instance named ${body.issuer}`),
      );
    const controller = instance.key.controller;
    if (!instanceFor(issuers, controller, 'di') && !instanceFor(issuers, controller, 'jwt'))
      return sendProblem(
        reply,
        problem(
          400,
          'ERR_INVALID_INPUT',
          `issuer: ${instance.name} cannot sign for a wallet (ldp_vc or jwt_vc_json)`,
        ),
      );
    if (!isObject(body.credential.credentialSubject) && !Array.isArray(body.credential.credentialSubject))
      return sendProblem(
        reply,
        problem(
          422,
          'ERR_INVALID_INPUT',
          'credential.credentialSubject: expected an object (its id is set to the holder)',
        ),
      );
    // The id is fixed now, so a retried signing reuses its status slot instead of leaking one.
    const credential = { ...body.credential, id: body.credential.id ?? `urn:uuid:${crypto.randomUUID()}` };
    const created = await offers.create({
      issuer: controller,
      credential,
      expiresIn: body.expiresIn ?? 7 * 24 * 3600,
      ...(body.txCode ? { txCode: true } : {}),
      ...(body.image ? { image: body.image } : {}),
      ...(body.credentialStatus
        ? { statusPurpose: body.credentialStatus.statusPurpose ?? 'revocation' }
        : {}),
    });
    const links: OfferLinks = {
      ...offerLinks(baseUrl, created.offer.id, controller, created.offer.challenge, created.offer.expiresAt),
      ...(created.txCode ? { txCode: created.txCode } : {}),
    };
    return reply.code(201).send(links);
  });

  app.get(
    '/interactions/:id',
    { schema: { tags: ['delivery'], summary: 'The protocols of an offer (VCALM interaction URL)' } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const offer = isOfferId(id) ? await offers.get(id) : undefined;
      // A browser (the link in an e-mail, a phone's camera) gets the direct delivery page.
      if (wantsHtml(request)) return offerPage(reply, context, offer);
      if (!offer || offer.state === 'issued' || offer.expiresAt <= Date.now())
        return sendProblem(reply, problem(404, 'NOT_FOUND', 'No such offer, or it was used or has expired'));
      const links = offerLinks(baseUrl, offer.id, offer.issuer, offer.challenge, offer.expiresAt);
      return reply.send({
        protocols: { vcapi: `${baseUrl}/exchanges/${offer.id}`, OID4VCI: links.credentialOfferUri },
      });
    },
  );

  app.post(
    '/exchanges/:id',
    { schema: { tags: ['delivery'], summary: 'VC-API exchange: DIDAuthentication, then the credential' } },
    async (request, reply) => {
      const { id } = request.params as { id: string };
      const offer = isOfferId(id) ? await offers.get(id) : undefined;
      if (!offer || offer.expiresAt <= Date.now() || offer.state === 'issued' || offer.state === 'token')
        return sendProblem(
          reply,
          problem(404, 'NOT_FOUND', 'No such exchange, or it was used or has expired'),
        );
      if (offer.txCode)
        return sendProblem(
          reply,
          problem(403, 'FORBIDDEN', 'This offer needs a transaction code: use OpenID4VCI'),
        );
      const body = (isObject(request.body) ? request.body : {}) as { verifiablePresentation?: unknown };
      const domain = new URL(baseUrl).host;
      if (body.verifiablePresentation === undefined) {
        // Step 1: what the wallet must present.
        return reply.send({
          verifiablePresentationRequest: {
            query: [{ type: 'DIDAuthentication', acceptedMethods: [{ method: 'key' }, { method: 'jwk' }] }],
            challenge: offer.challenge,
            domain,
            interact: {
              service: [
                {
                  type: 'UnmediatedPresentationService2021',
                  serviceEndpoint: `${baseUrl}/exchanges/${offer.id}`,
                },
              ],
            },
          },
        });
      }
      if (!isObject(body.verifiablePresentation))
        return sendProblem(
          reply,
          problem(400, 'ERR_INVALID_INPUT', 'verifiablePresentation: expected an object'),
        );
      const proof = await verifyHolderProof(body.verifiablePresentation, {
        verifyOptions: await verifyOptions(),
        challenge: offer.challenge,
        domain,
        credentials: 'verify',
      });
      if (proof.holder === undefined) {
        return sendProblem(
          reply,
          problem(
            400,
            'NOT_VERIFIED',
            `The DIDAuthentication presentation was refused: ${proof.errors[0]!.message}`,
            { errors: proof.errors },
          ),
        );
      }
      const instance = instanceFor(issuers, offer.issuer, 'di');
      if (!instance)
        return sendProblem(
          reply,
          problem(422, 'ERR_FORMAT_UNSUPPORTED', 'The issuer signs no Data Integrity credential'),
        );
      // One signing per offer: a replayed presentation finds it claimed or issued.
      if (!(await offers.claim(offer.id, 'offered')))
        return sendProblem(reply, problem(409, 'CONFLICT', 'This offer is being redeemed or was redeemed'));
      try {
        const signed = await signAs(instance, context.status, bindToHolder(offer.credential, proof.holder), {
          ...(offer.statusPurpose ? { statusPurpose: offer.statusPurpose } : {}),
        });
        await offers.complete(offer.id, proof.holder, offer.credential.id as string | undefined);
        return reply.send({
          verifiablePresentation: {
            '@context': ['https://www.w3.org/ns/credentials/v2'],
            type: ['VerifiablePresentation'],
            verifiableCredential: [signed],
          },
        });
      } catch (error) {
        await offers.release(offer.id, 'offered');
        throw error;
      }
    },
  );
}
