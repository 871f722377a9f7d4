// Bearer tokens on the endpoints that change things (issue, status): a static API key, or an
// OAuth 2.0 access token (client credentials) from the configured authorization server, a JWT
// checked with jose against its JWKS. Which endpoint needs which scope is decided in app.ts.
import { createHash, timingSafeEqual } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  customFetch,
  type JWTVerifyGetKey,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import { CredstackError } from '../errors.js';
import { createNodeFetch } from '../net/index.js';
import type { ServeAuthConfig } from './config.js';

/**
 * The scopes of the service's endpoints (OAuth 2.0 `scope`, space-separated in a token).
 * @example
 * ```ts
 * const scope: Scope = 'issue:credentials'
 * ```
 */
export type Scope = 'issue:credentials' | 'update:credentials' | 'verify:credentials';

/**
 * Why a request was refused: no token (401) or a token without the scope (403).
 * @example
 * ```ts
 * const outcome: AuthOutcome = await authorizer.check(request.headers.authorization, 'issue:credentials')
 * ```
 */
export type AuthOutcome = { ok: true } | { ok: false; status: 401 | 403; code: string; detail: string };

/**
 * Checks `Authorization: Bearer …` headers against the configured keys and authorization server.
 * @example
 * ```ts
 * const authorizer = createAuthorizer({ apiKeys: ['s3cret'] })
 * await authorizer.check('Bearer s3cret', 'issue:credentials') // { ok: true }
 * ```
 */
export interface Authorizer {
  /** Whether any credential is configured (otherwise every request is let through). */
  readonly configured: boolean;
  check(header: string | undefined, scope: Scope): Promise<AuthOutcome>;
}

// Comparing digests keeps the comparison constant-time whatever the lengths.
const digest = (value: string) => createHash('sha256').update(value).digest();

function apiKeysOf(config: ServeAuthConfig, env: NodeJS.ProcessEnv): Buffer[] {
  return (config.apiKeys ?? []).map((value, i) => {
    if (!value.startsWith('env:')) return digest(value);
    const name = value.slice(4);
    const found = env[name];
    if (!found)
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `config /auth/apiKeys/${i}: the environment has no ${name}`,
        {
          path: `/auth/apiKeys/${i}`,
        },
      );
    return digest(found);
  });
}

/**
 * The authorizer of `config` (`env` for `env:NAME` keys; default `process.env`).
 * @example
 * ```ts
 * const authorizer = createAuthorizer({ oauth: { issuer: 'https://login.example', audience: 'https://badges.example', jwks } })
 * ```
 */
export function createAuthorizer(
  config: ServeAuthConfig = {},
  env: NodeJS.ProcessEnv = process.env,
): Authorizer {
  const keys = apiKeysOf(config, env);
  const oauth = config.oauth;
  let jwks: JWTVerifyGetKey | undefined;
  if (oauth?.jwks) jwks = createLocalJWKSet(oauth.jwks as unknown as JSONWebKeySet);
  else if (oauth?.jwksUri) {
    // The JWKS is fetched like any document a verifier fetches: https, public addresses only.
    const fetch = createNodeFetch({ timeout: 5000, maxBytes: 256 * 1024 });
    jwks = createRemoteJWKSet(new URL(oauth.jwksUri), {
      [customFetch]: (url: string, init: RequestInit) =>
        fetch(url, init as never) as unknown as Promise<Response>,
    });
  }
  const configured = keys.length > 0 || jwks !== undefined;
  return {
    configured,
    async check(header, scope) {
      if (!configured) return { ok: true };
      const match = /^Bearer ([\x21-\x7e]{1,8192})$/.exec(header ?? '');
      if (!match)
        return {
          ok: false,
          status: 401,
          code: 'UNAUTHORIZED',
          detail: 'An Authorization: Bearer token is required',
        };
      const token = match[1]!;
      const given = digest(token);
      if (keys.some((key) => timingSafeEqual(key, given))) return { ok: true };
      if (!jwks || !oauth)
        return {
          ok: false,
          status: 401,
          code: 'UNAUTHORIZED',
          detail: 'The token is not one of the API keys',
        };
      let scopes: string[];
      try {
        const { payload } = await jwtVerify(token, jwks, {
          issuer: oauth.issuer,
          audience: oauth.audience,
          requiredClaims: ['exp'],
        });
        scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : [];
      } catch (error) {
        const code = (error as { code?: string }).code ?? 'ERR_JWT_INVALID';
        return {
          ok: false,
          status: 401,
          code: 'UNAUTHORIZED',
          detail: `The access token was refused (${code})`,
        };
      }
      if (!scopes.includes(scope))
        return {
          ok: false,
          status: 403,
          code: 'FORBIDDEN',
          detail: `The access token lacks the scope ${scope}`,
        };
      return { ok: true };
    },
  };
}
