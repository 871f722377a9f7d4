// The service's configuration file (credstack.config.json): what it is, and the checks that turn
// a mistyped file into one error naming the member, before anything listens.
import { CredstackError, describeValue } from '../errors.js';
import type { IssueFormat } from '../issue/index.js';
import { isObject, type JsonObject } from '../lib/json.js';

/**
 * One issuer instance: `POST /{name}/credentials/issue` signs with `key` in `format`.
 * @example
 * ```ts
 * import type { ServeIssuerConfig } from 'credstack/serve'
 * const issuer: ServeIssuerConfig = { name: 'eddsa', key: 'keys/ed25519.json', format: 'eddsa-rdfc-2022' }
 * ```
 */
export interface ServeIssuerConfig {
  /** The path segment of the instance (letters, digits, `-`, `_`). */
  name: string;
  /** A key file (from `credstack keygen`), relative to the config file. Instances may share one. */
  key: string;
  /** Default: the key's Data Integrity suite (eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 for P-256). */
  format?: IssueFormat;
  /** `'vc'` (default): any Verifiable Credential, OB rules for OB types; `'ob'`: OB 3.0 / CLR 2.0 only. */
  profile?: 'ob' | 'vc';
}

/**
 * Who may call the service. A bearer token is accepted when it equals one of `apiKeys` or is a
 * JWT access token from `oauth.issuer` (OAuth 2.0 client credentials) carrying the scope the
 * endpoint needs: `issue:credentials` (issue), `update:credentials` (status changes), and
 * `verify:credentials` (verify, derive) when `protectVerify` is set.
 * @example
 * ```ts
 * import type { ServeAuthConfig } from 'credstack/serve'
 * const auth: ServeAuthConfig = { apiKeys: ['env:CREDSTACK_API_KEY'], oauth: { issuer: 'https://login.example.edu', audience: 'https://badges.example.edu', jwksUri: 'https://login.example.edu/jwks' } }
 * ```
 */
export interface ServeAuthConfig {
  /** Static keys for small deployments; `env:NAME` reads the key from the environment. */
  apiKeys?: string[];
  oauth?: {
    /** The authorization server (`iss` of its tokens). */
    issuer: string;
    /** This service (`aud` of the tokens). */
    audience: string;
    /** Where its keys are published (https; fetched with the address checks of `credstack/net`). */
    jwksUri?: string;
    /** Its keys, inline (no fetch). */
    jwks?: { keys: JsonObject[] };
  };
  /** Require a token on verify and derive too. Default false: anybody may verify. */
  protectVerify?: boolean;
  /**
   * Serve issue and status without any token. Default: only when listening on a loopback address
   * (a machine's own tests and tools); anything else needs `apiKeys` or `oauth`, or this set.
   */
  open?: boolean;
}

/**
 * credstack.config.json: everything optional; with nothing, `credstack serve` keeps a generated
 * Ed25519 and a P-256 did:key and SQLite status stores in `dataDir`.
 * @example
 * ```ts
 * import type { ServeConfig } from 'credstack/serve'
 * const config: ServeConfig = { port: 8443, baseUrl: 'https://badges.example.edu', tls: { cert: 'cert.pem', key: 'key.pem' } }
 * ```
 */
export interface ServeConfig {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080 (0: any free port). */
  port?: number;
  /** The public URL (behind a proxy): status list URLs and `GET /issuers` endpoints start with it. */
  baseUrl?: string;
  /** Generated keys and SQLite stores live here. Default `.credstack` (beside the config file). */
  dataDir?: string;
  issuers?: ServeIssuerConfig[];
  status?: {
    /** A directory of SQLite files (default: dataDir) or a postgres:// URL. */
    database?: string;
    /** BSL `ttl` of the published lists in milliseconds (also their Cache-Control). Default 300000. */
    ttl?: number;
    /** Entries per list. Default 131072. */
    size?: number;
  };
  auth?: ServeAuthConfig;
  limits?: {
    /** Largest request body in bytes. Default 1 MiB. */
    bodyBytes?: number;
    /** Requests per client per minute; `false` for none. Default 6000. */
    ratePerMinute?: number | false;
    /** A request must arrive and be answered within this many milliseconds. Default 30000. */
    requestTimeout?: number;
  };
  /** TLS certificate and key (PEM files); without them the service speaks plain http (behind a proxy). */
  tls?: { cert: string; key: string };
  verify?: {
    /** Default `'vc'` (any VC; OB rules on OB types). */
    profile?: 'ob' | 'vc';
    /** Fetch did:web documents, issuer keys and others' status lists over https. Default false. */
    network?: boolean;
  };
  /** Trust X-Forwarded-* from a proxy in front (client addresses for rate limits). Default false. */
  trustProxy?: boolean;
  /** pino level of the JSON request logs on stderr: `info` (default), `warn`, `silent`, … */
  logLevel?: string;
}

const FORMATS: readonly string[] = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'ecdsa-sd-2023', 'vc-jwt'];
const NAME = /^[A-Za-z0-9_-]{1,64}$/;
const TOP = [
  'host',
  'port',
  'baseUrl',
  'dataDir',
  'issuers',
  'status',
  'auth',
  'limits',
  'tls',
  'verify',
  'trustProxy',
  'logLevel',
];

function fail(path: string, expected: string, got: unknown): never {
  throw new CredstackError(
    'ERR_INVALID_INPUT',
    `config ${path}: expected ${expected}, got ${describeValue(got)}`,
    {
      path,
    },
  );
}

function members(value: unknown, path: string, allowed: readonly string[]): JsonObject {
  if (!isObject(value)) fail(path, 'an object', value);
  for (const key of Object.keys(value))
    if (!allowed.includes(key)) fail(`${path}/${key}`, `one of ${allowed.join(', ')}`, key);
  return value;
}

function optional(
  value: JsonObject,
  key: string,
  path: string,
  check: (v: unknown) => boolean,
  what: string,
) {
  if (value[key] !== undefined && !check(value[key])) fail(`${path}/${key}`, what, value[key]);
}

const isString = (v: unknown) => typeof v === 'string' && v.length > 0;
const isPositive = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

/**
 * Checks a parsed credstack.config.json and returns it typed; `ERR_INVALID_INPUT` (with the
 * member's JSON pointer as `path`) for an unknown member or a value of the wrong kind.
 *
 * Exported from `credstack/serve`.
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs'
 * import { parseServeConfig } from 'credstack/serve'
 * const config = parseServeConfig(JSON.parse(readFileSync('credstack.config.json', 'utf8')))
 * ```
 */
export function parseServeConfig(json: unknown): ServeConfig {
  const config = members(json, '', TOP);
  optional(config, 'host', '', isString, 'a host name or address');
  optional(
    config,
    'port',
    '',
    (v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) < 65536,
    'a port',
  );
  optional(
    config,
    'baseUrl',
    '',
    (v) => typeof v === 'string' && /^https?:\/\/[^/?#\s]+(\/[^?#\s]*)?$/.test(v),
    'an http(s) URL',
  );
  optional(config, 'dataDir', '', isString, 'a directory');
  optional(config, 'trustProxy', '', (v) => typeof v === 'boolean', 'true or false');
  optional(config, 'logLevel', '', isString, 'a pino level');
  if (config.issuers !== undefined) {
    if (!Array.isArray(config.issuers) || config.issuers.length === 0)
      fail('/issuers', 'a non-empty array', config.issuers);
    const names = new Set<string>();
    config.issuers.forEach((issuer, i) => {
      const path = `/issuers/${i}`;
      const entry = members(issuer, path, ['name', 'key', 'format', 'profile']);
      if (typeof entry.name !== 'string' || !NAME.test(entry.name))
        fail(`${path}/name`, 'a name of letters, digits, - and _', entry.name);
      if (names.has(entry.name)) fail(`${path}/name`, 'a name no other issuer has', entry.name);
      names.add(entry.name);
      if (!isString(entry.key)) fail(`${path}/key`, 'a key file path', entry.key);
      optional(entry, 'format', path, (v) => FORMATS.includes(v as string), FORMATS.join(' | '));
      optional(entry, 'profile', path, (v) => v === 'ob' || v === 'vc', "'ob' or 'vc'");
    });
  }
  if (config.status !== undefined) {
    const status = members(config.status, '/status', ['database', 'ttl', 'size']);
    optional(status, 'database', '/status', isString, 'a directory or a postgres:// URL');
    optional(status, 'ttl', '/status', isPositive, 'milliseconds');
    optional(status, 'size', '/status', isPositive, 'a number of entries');
  }
  if (config.auth !== undefined) {
    const auth = members(config.auth, '/auth', ['apiKeys', 'oauth', 'protectVerify', 'open']);
    optional(auth, 'apiKeys', '/auth', (v) => Array.isArray(v) && v.every(isString), 'an array of keys');
    optional(auth, 'protectVerify', '/auth', (v) => typeof v === 'boolean', 'true or false');
    optional(auth, 'open', '/auth', (v) => typeof v === 'boolean', 'true or false');
    if (auth.oauth !== undefined) {
      const oauth = members(auth.oauth, '/auth/oauth', ['issuer', 'audience', 'jwksUri', 'jwks']);
      if (!isString(oauth.issuer)) fail('/auth/oauth/issuer', 'the authorization server', oauth.issuer);
      if (!isString(oauth.audience)) fail('/auth/oauth/audience', "this service's audience", oauth.audience);
      optional(
        oauth,
        'jwksUri',
        '/auth/oauth',
        (v) => typeof v === 'string' && v.startsWith('https://'),
        'an https URL',
      );
      optional(
        oauth,
        'jwks',
        '/auth/oauth',
        (v) => isObject(v) && Array.isArray(v.keys),
        'a JWK set { keys }',
      );
      if ((oauth.jwksUri === undefined) === (oauth.jwks === undefined))
        fail('/auth/oauth', 'exactly one of jwksUri and jwks', oauth);
    }
  }
  if (config.limits !== undefined) {
    const limits = members(config.limits, '/limits', ['bodyBytes', 'ratePerMinute', 'requestTimeout']);
    optional(limits, 'bodyBytes', '/limits', isPositive, 'a number of bytes');
    optional(limits, 'ratePerMinute', '/limits', (v) => v === false || isPositive(v), 'a number or false');
    optional(limits, 'requestTimeout', '/limits', isPositive, 'milliseconds');
  }
  if (config.tls !== undefined) {
    const tls = members(config.tls, '/tls', ['cert', 'key']);
    if (!isString(tls.cert)) fail('/tls/cert', 'a PEM file', tls.cert);
    if (!isString(tls.key)) fail('/tls/key', 'a PEM file', tls.key);
  }
  if (config.verify !== undefined) {
    const verify = members(config.verify, '/verify', ['profile', 'network']);
    optional(verify, 'profile', '/verify', (v) => v === 'ob' || v === 'vc', "'ob' or 'vc'");
    optional(verify, 'network', '/verify', (v) => typeof v === 'boolean', 'true or false');
  }
  return config as ServeConfig;
}
