// From a config to a listening service: read (or generate) the keys, open the status stores,
// build the app, listen, and hand back what a caller needs to stop it cleanly.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { CredstackError } from '../errors.js';
import type { IssueFormat } from '../issue/index.js';
import {
  createSigner,
  generateKey,
  importKeyFile,
  type KeyAlgorithm,
  type KeyFile,
  type Signer,
} from '../keys/index.js';
import { isPostgresUrl } from '../status/store/index.js';
import { createNodeFetch } from '../net/index.js';
import { createServeApp } from './app.js';
import type { IssuerInstance } from './issuing.js';
import { createAuthorizer } from './auth.js';
import { parseServeConfig, type ServeConfig, type ServeIssuerConfig } from './config.js';
import { type OfferStore, openOfferStore } from './delivery/offers.js';
import { openPostgresOfferStore } from './delivery/offers-postgres.js';
import { openStatusKeeper, type StatusKeeper } from './status.js';

/**
 * What {@link startServer} hands back.
 * @example
 * ```ts
 * const { url, issuers, close } = await startServer({ port: 0 })
 * ```
 */
export interface RunningServer {
  /** The base URL it listens on (or `baseUrl` from the config). */
  url: string;
  /** What `GET /issuers` lists. */
  issuers: { id: string; name: string; cryptosuite: IssueFormat; endpoint: string }[];
  app: FastifyInstance;
  /** Stops listening, lets requests in flight finish, closes the stores. */
  close(): Promise<void>;
}

/**
 * Options of {@link startServer} beyond the config file's.
 * @example
 * ```ts
 * const options: StartServerOptions = { configDir: '/etc/credstack' }
 * ```
 */
export interface StartServerOptions {
  /** Relative paths of the config (keys, TLS files, dataDir) are relative to this. Default: cwd. */
  configDir?: string;
  /** Tests only: status lists below 131,072 entries. */
  allowSmallLists?: boolean;
}

// The defaults without a config: an Ed25519 and a P-256 did:key, kept in the data dir so a
// restart signs with the same DIDs (and the status lists stay theirs).
const DEFAULT_KEYS: { file: string; algorithm: KeyAlgorithm }[] = [
  { file: 'keys/ed25519.json', algorithm: 'Ed25519' },
  { file: 'keys/p256.json', algorithm: 'P-256' },
];
const DEFAULT_ISSUERS: ServeIssuerConfig[] = [
  { name: 'eddsa', key: 'keys/ed25519.json', format: 'eddsa-rdfc-2022' },
  { name: 'ecdsa', key: 'keys/p256.json', format: 'ecdsa-rdfc-2019' },
  { name: 'ecdsa-sd', key: 'keys/p256.json', format: 'ecdsa-sd-2023' },
  { name: 'jwt', key: 'keys/p256.json', format: 'vc-jwt' },
];

function readConfigFile(path: string, what: string): Buffer {
  try {
    return readFileSync(path);
  } catch (cause) {
    throw new CredstackError('ERR_FILE_READ', `Cannot read ${what} ${path}: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/**
 * Reads credstack.config.json (or returns `{}` for no file), checked by `parseServeConfig`.
 *
 * Exported from `credstack/serve`.
 * @example
 * ```ts
 * const config = loadServeConfig('credstack.config.json')
 * ```
 */
export function loadServeConfig(path: string): ServeConfig {
  const text = readConfigFile(path, 'the config').toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new CredstackError('ERR_JSON_PARSE', `${path} is not JSON: ${(cause as Error).message}`, { cause });
  }
  return parseServeConfig(json);
}

function defaultFormat(algorithm: KeyAlgorithm): IssueFormat {
  if (algorithm === 'Ed25519') return 'eddsa-rdfc-2022';
  return algorithm === 'P-256' ? 'ecdsa-rdfc-2019' : 'vc-jwt';
}

async function generatedKeys(dataDir: string): Promise<void> {
  for (const { file, algorithm } of DEFAULT_KEYS) {
    const path = join(dataDir, file);
    if (existsSync(path)) continue;
    mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
    // The key file holds the private key: readable by its owner only.
    writeFileSync(path, `${JSON.stringify(await generateKey({ algorithm }), null, 2)}\n`, {
      mode: 0o600,
      flag: 'wx',
    });
    chmodSync(path, 0o600);
  }
}

async function freePort(host: string): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, host, () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const isLoopback = (host: string) => host === 'localhost' || /^127\./.test(host) || host === '::1';

/**
 * Starts `credstack serve`: issuer instances per key and format, a verifier, a holder's derive
 * endpoint, status lists in SQLite (or PostgreSQL), on the VC-API. With an empty config it
 * generates an Ed25519 and a P-256 did:key in `.credstack/` and listens on 127.0.0.1:8080.
 *
 * Exported from `credstack/serve` (Node only).
 * @example
 * ```ts
 * import { loadServeConfig, startServer } from 'credstack/serve'
 * const server = await startServer(loadServeConfig('credstack.config.json'), { configDir: '.' })
 * console.log(server.url)   // https://badges.example.edu
 * process.on('SIGTERM', () => server.close())
 * ```
 */
export async function startServer(
  config: ServeConfig = {},
  options: StartServerOptions = {},
): Promise<RunningServer> {
  const checked = parseServeConfig(config);
  const base = options.configDir ?? process.cwd();
  const at = (path: string) => (isAbsolute(path) ? path : resolve(base, path));
  const dataDir = at(checked.dataDir ?? '.credstack');
  const host = checked.host ?? '127.0.0.1';
  const auth = checked.auth ?? {};
  const authorizer = createAuthorizer(auth);
  if (!authorizer.configured && !isLoopback(host) && auth.open !== true) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `config /auth: listening on ${host} lets anybody issue and revoke; set auth.apiKeys or auth.oauth (or auth.open: true behind a gateway that checks callers)`,
      { path: '/auth' },
    );
  }
  const port = checked.port === 0 ? await freePort(host) : (checked.port ?? 8080);
  const scheme = checked.tls ? 'https' : 'http';
  const url = (checked.baseUrl ?? `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(
    /\/$/,
    '',
  );

  let issuerConfigs = checked.issuers;
  let keyBase = base;
  if (!issuerConfigs) {
    await generatedKeys(dataDir);
    issuerConfigs = DEFAULT_ISSUERS;
    keyBase = dataDir;
  }
  const keys = new Map<string, { name: string; key: KeyFile; signer: Signer }>();
  const issuers: IssuerInstance[] = [];
  for (const [i, entry] of issuerConfigs.entries()) {
    const path = isAbsolute(entry.key) ? entry.key : resolve(keyBase, entry.key);
    let loaded = keys.get(path);
    if (!loaded) {
      let json: unknown;
      try {
        json = JSON.parse(readConfigFile(path, `the key of issuer ${entry.name}`).toString('utf8'));
      } catch (cause) {
        if (cause instanceof CredstackError) throw cause;
        throw new CredstackError('ERR_JSON_PARSE', `config /issuers/${i}/key: ${path} is not JSON`, {
          cause,
        });
      }
      const key = importKeyFile(json);
      loaded = { name: entry.name, key, signer: await createSigner(key) };
      keys.set(path, loaded);
    }
    issuers.push({
      name: entry.name,
      key: loaded.key,
      signer: loaded.signer,
      format: entry.format ?? defaultFormat(loaded.key.algorithm),
      profile: entry.profile ?? 'vc',
    });
  }

  const database = checked.status?.database;
  const location = database === undefined ? dataDir : isPostgresUrl(database) ? database : at(database);
  if (!isPostgresUrl(location)) mkdirSync(location, { recursive: true, mode: 0o700 });
  const status: StatusKeeper = await openStatusKeeper({
    keys: [...keys.values()],
    database: location,
    baseUrl: url,
    ...(checked.status?.ttl !== undefined ? { ttl: checked.status.ttl } : {}),
    ...(checked.status?.size !== undefined ? { size: checked.status.size } : {}),
    ...(options.allowSmallLists ? { allowSmallLists: true } : {}),
  });
  let app: FastifyInstance;
  let offers: OfferStore | undefined;
  try {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    // Offers live with the status lists: in PostgreSQL every instance sees every offer.
    offers = isPostgresUrl(location)
      ? await openPostgresOfferStore(location)
      : openOfferStore(join(dataDir, 'offers.sqlite'));
    app = await createServeApp({
      issuers,
      status,
      authorizer,
      baseUrl: url,
      ...(checked.limits?.bodyBytes !== undefined ? { bodyBytes: checked.limits.bodyBytes } : {}),
      ...(checked.limits?.ratePerMinute !== undefined ? { ratePerMinute: checked.limits.ratePerMinute } : {}),
      ...(checked.limits?.requestTimeout !== undefined
        ? { requestTimeout: checked.limits.requestTimeout }
        : {}),
      ...(checked.verify?.profile ? { verifyProfile: checked.verify.profile } : {}),
      ...(checked.verify?.network ? { fetch: createNodeFetch() } : {}),
      ...(auth.protectVerify ? { protectVerify: true } : {}),
      ...(checked.tls
        ? {
            https: {
              cert: readConfigFile(at(checked.tls.cert), 'the TLS certificate'),
              key: readConfigFile(at(checked.tls.key), 'the TLS key'),
            },
          }
        : {}),
      ...(checked.trustProxy ? { trustProxy: true } : {}),
      logLevel: checked.logLevel === 'silent' ? false : (checked.logLevel ?? 'info'),
      offers,
    });
    await app.listen({ host, port });
  } catch (error) {
    await offers?.close().catch(() => {});
    await status.close().catch(() => {});
    throw error;
  }
  return {
    url,
    issuers: issuers.map((i) => ({
      id: i.key.controller,
      name: i.name,
      cryptosuite: i.format,
      endpoint: `${url}/${i.name}/credentials/issue`,
    })),
    app,
    async close() {
      try {
        await app.close();
      } finally {
        await offers?.close();
        await status.close();
      }
    },
  };
}
