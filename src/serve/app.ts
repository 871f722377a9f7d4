// The VC-API routes on Fastify: issue, verify (credentials and presentations), derive, status,
// published status lists, the issuer list, health and the OpenAPI description. Each handler is
// glue: parse the VC-API body, call the library, answer 2xx or a problem (./problem.ts).
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  fastify,
} from 'fastify';
import pkg from '../../package.json' with { type: 'json' };
import { isObject, type JsonObject } from '../lib/json.js';
import type { FetchLike } from '../lib/safe-fetch.js';
import { verifyPresentation } from '../presentation/index.js';
import { deriveCredential } from '../proof/data-integrity/ecdsa-sd-2023.js';
import { type VerificationResult, verifyCredential } from '../verify/index.js';
import type { Authorizer, Scope } from './auth.js';
import { problem, problemOf, sendProblem } from './problem.js';
import { envelope, type IssuerInstance, signAs } from './issuing.js';
import { SCHEMAS } from './schemas.js';
import type { ServePurpose, StatusKeeper } from './status.js';
import { registerExchange } from './delivery/exchange.js';
import type { OfferStore } from './delivery/offers.js';
import { registerOid4vci } from './delivery/oid4vci.js';
import { registerDirectDelivery } from './delivery/page.js';

/**
 * Everything {@link createServeApp} needs, resolved (keys read, stores open).
 * @example
 * ```ts
 * const app = await createServeApp({ issuers, status, authorizer, baseUrl: 'http://127.0.0.1:8080' })
 * ```
 */
export interface ServeAppOptions {
  issuers: IssuerInstance[];
  status: StatusKeeper;
  authorizer: Authorizer;
  /** The public base URL (no trailing slash). */
  baseUrl: string;
  bodyBytes?: number;
  /** Requests per client per minute; `false` for no limit. Default 6000. */
  ratePerMinute?: number | false;
  requestTimeout?: number;
  verifyProfile?: 'ob' | 'vc';
  /** A fetch for did:web documents, keys and others' status lists; none: offline. */
  fetch?: FetchLike;
  /** Verify and derive need a token too. */
  protectVerify?: boolean;
  https?: { cert: Buffer | string; key: Buffer | string };
  trustProxy?: boolean;
  /** pino level of the request logs (on stderr); `false` for none. */
  logLevel?: string | false;
  /** Offers to learners' wallets (VC-API exchanges, OpenID4VCI); without it those routes are absent. */
  offers?: OfferStore;
}

// VCDM 2.0 §4.13 enveloped credentials: a VC-JWT travels as a data: URL in an object.
const ENVELOPED =
  /^data:application\/(?:vc\+jwt|vp\+jwt|jwt|vc\+ld\+json\+jwt|vp\+ld\+json\+jwt),([A-Za-z0-9_.-]+)$/;

/** The compact JWT of an EnvelopedVerifiableCredential/Presentation, else the object itself. */
function unwrap(value: JsonObject): JsonObject | string {
  const type = value.type;
  const enveloped = type === 'EnvelopedVerifiableCredential' || type === 'EnvelopedVerifiablePresentation';
  if (!enveloped || typeof value.id !== 'string') return value;
  const match = ENVELOPED.exec(value.id);
  return match ? match[1]! : value;
}

/** VC-API's answer to a verification: the check names, the errors and the warnings. */
function verificationBody(
  result: Pick<VerificationResult, 'verified' | 'verdict' | 'checks'>,
): Record<string, unknown> {
  const brief = (c: VerificationResult['checks'][number]) => ({
    check: c.id,
    code: c.code,
    message: c.message,
    ...(c.path !== undefined ? { path: c.path } : {}),
  });
  return {
    verified: result.verified,
    verdict: result.verdict,
    checks: result.checks.filter((c) => c.status === 'passed').map((c) => c.id),
    warnings: result.checks.filter((c) => c.status === 'warning').map(brief),
    errors: result.checks.filter((c) => c.status === 'failed').map(brief),
  };
}

function answerVerification(reply: FastifyReply, body: Record<string, unknown>, verified: boolean) {
  if (verified) return reply.code(200).send(body);
  const errors = body.errors as { message: string }[];
  return sendProblem(
    reply,
    problem(400, 'NOT_VERIFIED', `Not verified: ${errors[0]?.message ?? String(body.verdict)}`, body),
  );
}

/**
 * The service as a Fastify instance, routes registered, not listening: `app.inject` for tests,
 * `app.listen` to serve (see `startServer`).
 *
 * Exported from `credstack/serve`.
 * @example
 * ```ts
 * import { createServeApp } from 'credstack/serve'
 * const app = await createServeApp(options)
 * const response = await app.inject({ method: 'POST', url: '/credentials/verify', payload: { verifiableCredential } })
 * ```
 */
export async function createServeApp(options: ServeAppOptions): Promise<FastifyInstance> {
  const { issuers, status, authorizer, baseUrl } = options;
  const app = fastify({
    logger:
      options.logLevel === false ? false : { level: options.logLevel ?? 'info', stream: process.stderr },
    bodyLimit: options.bodyBytes ?? 1024 * 1024,
    requestTimeout: options.requestTimeout ?? 30_000,
    connectionTimeout: options.requestTimeout ?? 30_000,
    trustProxy: options.trustProxy ?? false,
    // `{"__proto__": …}` and `constructor.prototype` bodies are refused, not parsed.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // A body is validated as sent: nothing coerced ("1" is not 1), nothing silently dropped.
    ajv: {
      customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false },
    },
    ...(options.https ? { https: options.https } : {}),
  } as Parameters<typeof fastify>[0]) as unknown as FastifyInstance;

  // JSON-LD and VC media types are JSON too; nothing else is taken (text/plain is a 415).
  app.removeContentTypeParser('text/plain');
  // OAuth 2.0 token requests (OpenID4VCI) are form-encoded.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  app.addContentTypeParser(
    ['application/ld+json', 'application/vc', 'application/vp'],
    { parseAs: 'string' },
    app.getDefaultJsonParser('error', 'error'),
  );

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.validation) {
      return sendProblem(
        reply,
        problem(400, 'ERR_INVALID_INPUT', `The request body ${error.message.replace(/^body\/?/, '')}`),
      );
    }
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
      return sendProblem(reply, problem(413, 'ERR_LIMIT_EXCEEDED', error.message));
    if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
      return sendProblem(reply, problem(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send application/json'));
    if (error.statusCode === 429) return sendProblem(reply, problem(429, 'RATE_LIMITED', error.message));
    if (
      error.statusCode !== undefined &&
      error.statusCode >= 400 &&
      error.statusCode < 500 &&
      !('path' in error)
    ) {
      // Fastify's own refusals (malformed JSON, empty body, poisoned keys).
      return sendProblem(reply, problem(400, 'ERR_JSON_PARSE', error.message));
    }
    const body = problemOf(error);
    if (body.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, body);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(
      reply,
      problem(404, 'NOT_FOUND', `No such endpoint: ${request.method} ${request.url.split('?')[0]}`),
    ),
  );

  if (options.ratePerMinute !== false) {
    await app.register(rateLimit, {
      max: options.ratePerMinute ?? 6000,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        message: `More than ${context.max} requests in a minute; retry after ${context.after}`,
      }),
    });
  }
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'credstack VC-API',
        version: pkg.version,
        description:
          'Issue, verify, derive and revoke Open Badges 3.0 and other Verifiable Credentials (W3C VC-API).',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API key or an OAuth 2.0 access token' },
        },
      },
    },
  });

  const guard = (scope: Scope, always: boolean) => async (request: FastifyRequest, reply: FastifyReply) => {
    if (!always) return;
    const outcome = await authorizer.check(request.headers.authorization, scope);
    if (!outcome.ok) {
      if (outcome.status === 401) reply.header('www-authenticate', 'Bearer');
      return sendProblem(reply, problem(outcome.status, outcome.code, outcome.detail));
    }
  };
  const writeGuard = (scope: Scope) => guard(scope, true);
  const readGuard = guard('verify:credentials', options.protectVerify === true);
  const secured = authorizer.configured ? { security: [{ bearer: [] }] } : {};

  const issueWith = (instance: IssuerInstance) => async (request: FastifyRequest, reply: FastifyReply) => {
    const body = request.body as { credential: JsonObject; options?: JsonObject };
    const opts = (body.options ?? {}) as {
      created?: string;
      challenge?: string;
      domain?: string;
      mandatoryPointers?: string[];
      credentialStatus?: { statusPurpose?: ServePurpose };
    };
    const signed = await signAs(instance, status, body.credential, {
      ...(opts.created !== undefined ? { created: opts.created } : {}),
      ...(opts.challenge !== undefined ? { challenge: opts.challenge } : {}),
      ...(opts.domain !== undefined ? { domain: opts.domain } : {}),
      ...(opts.mandatoryPointers !== undefined ? { mandatoryPointers: opts.mandatoryPointers } : {}),
      ...(opts.credentialStatus !== undefined
        ? { statusPurpose: opts.credentialStatus.statusPurpose ?? 'revocation' }
        : {}),
    });
    return reply
      .code(201)
      .send({ verifiableCredential: typeof signed === 'string' ? envelope(signed) : signed });
  };

  for (const [i, instance] of issuers.entries()) {
    const route = {
      schema: {
        ...SCHEMAS.issue,
        summary: `Issue with ${instance.name} (${instance.format}, ${instance.key.controller})`,
        ...secured,
      },
      preHandler: writeGuard('issue:credentials'),
    };
    app.post(`/${instance.name}/credentials/issue`, route, issueWith(instance));
    if (i === 0)
      app.post(
        '/credentials/issue',
        { ...route, schema: { ...route.schema, summary: `Issue with ${instance.name} (the first issuer)` } },
        issueWith(instance),
      );
  }

  // VC-API `options.checks` is accepted and never narrows anything: `verified` here always means
  // authentic, unaltered, current and not revoked (a caller cannot switch the status check off
  // and get a revoked credential called verified).
  const verifyOptions = async () => ({
    profile: options.verifyProfile ?? ('vc' as const),
    // Its own lists are read from the store, never over the network.
    documents: await status.documents(),
    ...(options.fetch ? { network: { fetch: options.fetch } } : {}),
  });

  app.post(
    '/credentials/verify',
    { schema: SCHEMAS.verify, preHandler: readGuard },
    async (request, reply) => {
      const body = request.body as { verifiableCredential: JsonObject; options?: JsonObject };
      const result = await verifyCredential(unwrap(body.verifiableCredential), await verifyOptions());
      const answer = verificationBody(result);
      if (result.issuer !== undefined) answer.issuer = result.issuer;
      if (result.disclosed !== undefined) answer.disclosed = result.disclosed;
      return answerVerification(reply, answer, result.verified);
    },
  );

  app.post(
    '/presentations/verify',
    { schema: SCHEMAS.verifyPresentation, preHandler: readGuard },
    async (request, reply) => {
      const body = request.body as {
        verifiablePresentation: JsonObject;
        options: { challenge: string; domain: string; checks?: string[] };
      };
      const result = await verifyPresentation(unwrap(body.verifiablePresentation), {
        ...(await verifyOptions()),
        challenge: body.options.challenge,
        domain: body.options.domain,
      });
      const answer = verificationBody(result);
      if (result.holder !== undefined) answer.holder = result.holder;
      answer.credentials = result.credentials.map((c) => ({
        ...verificationBody(c),
        ...(c.issuer ? { issuer: c.issuer } : {}),
      }));
      return answerVerification(reply, answer, result.verified);
    },
  );

  app.post(
    '/credentials/derive',
    { schema: SCHEMAS.derive, preHandler: readGuard },
    async (request, reply) => {
      const body = request.body as {
        verifiableCredential: JsonObject;
        options?: { selectivePointers?: string[] };
      };
      const derived = await deriveCredential(body.verifiableCredential, {
        reveal: body.options?.selectivePointers ?? [],
      });
      return reply.code(201).send({ verifiableCredential: derived });
    },
  );

  app.post(
    '/credentials/status',
    { schema: { ...SCHEMAS.status, ...secured }, preHandler: writeGuard('update:credentials') },
    async (request, reply) => {
      const body = request.body as {
        credentialId: string;
        credentialStatus: JsonObject | JsonObject[];
        status?: boolean;
      };
      const entries = Array.isArray(body.credentialStatus) ? body.credentialStatus : [body.credentialStatus];
      const changed: Record<string, unknown>[] = [];
      for (const [i, entry] of entries.entries()) {
        const change = statusChange(entry, body.status);
        if ('error' in change)
          return sendProblem(
            reply,
            problem(400, 'ERR_INVALID_INPUT', `credentialStatus[${i}]: ${change.error}`),
          );
        const slot = await status.set(body.credentialId, change.purpose, change.value);
        if (!slot)
          return sendProblem(
            reply,
            problem(404, 'NOT_FOUND', `No ${change.purpose} slot was allocated to ${body.credentialId} here`),
          );
        changed.push({
          statusPurpose: change.purpose,
          status: change.value,
          statusListCredential: slot.listUrl,
          statusListIndex: String(slot.index),
        });
      }
      return reply.code(200).send({ credentialId: body.credentialId, credentialStatus: changed });
    },
  );

  app.get('/status/*', { schema: SCHEMAS.statusList }, async (request, reply) => {
    const path = request.url.split('?')[0]!;
    const list = await status.atPath(path);
    if (!list) return sendProblem(reply, problem(404, 'NOT_FOUND', `No status list at ${path}`));
    reply
      .header('etag', list.etag)
      .header('cache-control', `public, max-age=${Math.floor(status.ttl / 1000)}`)
      .type(list.contentType);
    if (request.headers['if-none-match'] === list.etag) return reply.code(304).send();
    return reply.code(200).send(list.body);
  });

  app.get('/issuers', { schema: SCHEMAS.issuers }, async () =>
    issuers.map((instance) => ({
      id: instance.key.controller,
      name: instance.name,
      cryptosuite: instance.format,
      verificationMethod: instance.signer.id,
      endpoint: `${baseUrl}/${instance.name}/credentials/issue`,
    })),
  );

  app.get('/health', { schema: SCHEMAS.health }, async (request, reply) => {
    try {
      await status.ping();
      return { status: 'ok', version: pkg.version };
    } catch (error) {
      request.log.warn({ err: error }, 'status store unreachable');
      return sendProblem(reply, problem(503, 'ERR_STATUS_CONNECT', 'The status store does not answer'));
    }
  });

  if (options.offers) {
    const context = { baseUrl, offers: options.offers, issuers, status };
    registerExchange(app, context, writeGuard('issue:credentials'), verifyOptions);
    registerOid4vci(app, context, verifyOptions);
    registerDirectDelivery(app, context);
  }

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}

/**
 * One entry of a VC-API status update: `{ type, status: 'revoked' | 'suspended' | 'active' }`
 * (VC-API UpdateCredentialStatus), or `{ type, statusPurpose }` with the request's `status` boolean.
 */
function statusChange(
  entry: JsonObject,
  flag: boolean | undefined,
): { purpose: ServePurpose; value: boolean } | { error: string } {
  if (!isObject(entry)) return { error: 'expected an object' };
  if (typeof entry.status === 'string') {
    const named: Record<string, { purpose: ServePurpose; value: boolean }> = {
      revoked: { purpose: 'revocation', value: true },
      suspended: { purpose: 'suspension', value: true },
      active: { purpose: 'suspension', value: false },
      reinstated: { purpose: 'suspension', value: false },
    };
    return Object.hasOwn(named, entry.status)
      ? named[entry.status]!
      : { error: `status must be revoked, suspended or active, got ${JSON.stringify(entry.status)}` };
  }
  if (entry.statusPurpose !== 'revocation' && entry.statusPurpose !== 'suspension')
    return { error: 'name status (revoked, suspended, active) or statusPurpose (revocation, suspension)' };
  if (typeof flag !== 'boolean')
    return { error: 'with statusPurpose, the request needs status: true or false' };
  return { purpose: entry.statusPurpose, value: flag };
}
