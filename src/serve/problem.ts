// Problem details (RFC 9457) for every refusal: the VC-API answers errors this way, and a client
// switches on `code` (credstack's stable error codes), never on `detail`.
import type { FastifyReply } from 'fastify';
import { type ErrorCode, isCredstackError } from '../errors.js';

/**
 * The body of every error answer (`application/problem+json`).
 * @example
 * ```ts
 * import type { Problem } from 'credstack/serve'
 * const problem: Problem = { type: 'urn:credstack:error:ERR_INVALID_INPUT', title: 'Invalid input', status: 400, code: 'ERR_INVALID_INPUT', detail: 'credential: expected an object' }
 * ```
 */
export interface Problem {
  type: string;
  title: string;
  status: number;
  /** A credstack error code, or one of the service's own (`UNAUTHORIZED`, `NOT_FOUND`, …). */
  code: string;
  detail: string;
  /** JSON pointer into the request body, when known. */
  path?: string;
  [member: string]: unknown;
}

// Input that was read but cannot be accepted is 422 (the VC-API's "unprocessable"); input that
// could not be read as asked is 400; the store being away is 503, to be retried.
const STATUS: Partial<Record<ErrorCode, number>> = {
  ERR_INVALID_INPUT: 400,
  ERR_JSON_PARSE: 400,
  ERR_LIMIT_EXCEEDED: 413,
  ERR_CANONICALIZATION_LIMIT: 422,
  ERR_SCHEMA_INVALID: 422,
  ERR_DATA_MODEL_INVALID: 422,
  ERR_UNKNOWN_TYPE: 422,
  ERR_UNDEFINED_TERM: 422,
  ERR_CONTEXT_NOT_BUNDLED: 422,
  ERR_ISSUER_MISMATCH: 422,
  ERR_FORMAT_UNSUPPORTED: 422,
  ERR_KEY_UNSUPPORTED: 422,
  // Signing fails on input the JSON-LD processor cannot take (a malformed context, a bad value).
  ERR_SIGNING_FAILED: 422,
  ERR_STATUS_INDEX: 404,
  ERR_STATUS_LIST_FULL: 503,
  ERR_STATUS_STORE: 503,
  ERR_STATUS_LOCK: 503,
  ERR_STATUS_CONNECT: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Request too large',
  415: 'Unsupported media type',
  422: 'Unprocessable request',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/**
 * A problem body for `status` with credstack's `code`.
 * @example
 * ```ts
 * problem(404, 'NOT_FOUND', 'No status list at /status/x')
 * ```
 */
export function problem(
  status: number,
  code: string,
  detail: string,
  extra: Record<string, unknown> = {},
): Problem {
  return {
    type: `urn:credstack:error:${code}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}

/**
 * The problem for anything thrown while handling a request: a CredstackError by its code,
 * anything else a 500 that tells nothing about the inside (the log has it).
 * @example
 * ```ts
 * const body = problemOf(new CredstackError('ERR_SCHEMA_INVALID', '/name missing'))  // status 422
 * ```
 */
export function problemOf(error: unknown): Problem {
  if (isCredstackError(error)) {
    const status = STATUS[error.code] ?? 500;
    if (status === 500) return problem(500, error.code, 'The service failed to handle the request');
    return problem(status, error.code, error.message, error.path !== undefined ? { path: error.path } : {});
  }
  return problem(500, 'INTERNAL_ERROR', 'The service failed to handle the request');
}

/** Sends `body` as the answer, with its status and the problem+json media type. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  return reply.code(body.status).type('application/problem+json').send(body);
}
