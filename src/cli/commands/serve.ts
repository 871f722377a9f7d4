import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { ServeConfig } from '../../serve/index.js';
import { CliExit, EXIT, print, printError } from '../io.js';

interface ServeCliOptions {
  config?: string;
  host?: string;
  port?: string;
  tlsCert?: string;
  tlsKey?: string;
  dataDir?: string;
  baseUrl?: string;
}

/** The config file with the command line's overrides (paths on the command line are relative to the cwd). */
async function configOf(opts: ServeCliOptions): Promise<{ config: ServeConfig; configDir: string }> {
  const { loadServeConfig } = await import('../../serve/index.js');
  const config: ServeConfig = opts.config ? loadServeConfig(opts.config) : {};
  const configDir = opts.config ? dirname(resolve(opts.config)) : process.cwd();
  if (opts.host) config.host = opts.host;
  if (opts.port !== undefined) {
    const port = Number(opts.port);
    if (!/^\d+$/.test(opts.port) || port > 65535)
      throw new CliExit(EXIT.usage, `--port must be a port number, got ${opts.port}`);
    config.port = port;
  }
  if ((opts.tlsCert === undefined) !== (opts.tlsKey === undefined))
    throw new CliExit(EXIT.usage, '--tls-cert and --tls-key go together');
  if (opts.tlsCert && opts.tlsKey) config.tls = { cert: resolve(opts.tlsCert), key: resolve(opts.tlsKey) };
  if (opts.dataDir) config.dataDir = resolve(opts.dataDir);
  if (opts.baseUrl) config.baseUrl = opts.baseUrl;
  return { config, configDir };
}

/** `credstack serve`: the VC-API service until SIGINT / SIGTERM. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Run an issuer, verifier and status service on the W3C VC-API')
    .option('--config <file>', 'credstack.config.json (issuers, status database, auth, limits, TLS)')
    .option('--host <host>', 'address to listen on (default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (default 8080; 0 for any free port)')
    .option('--tls-cert <file>', 'TLS certificate (PEM); with --tls-key the service speaks https')
    .option('--tls-key <file>', 'TLS private key (PEM)')
    .option('--data-dir <dir>', 'where generated keys and SQLite status stores live (default .credstack)')
    .option('--base-url <url>', 'the public URL behind a proxy (status list URLs, GET /issuers)')
    .addHelpText(
      'after',
      '\nPrints its base URL on stdout once listening; request logs (JSON) go to stderr.\n' +
        'Without --config it generates an Ed25519 and a P-256 did:key in the data dir and serves the issuers eddsa, ecdsa, ecdsa-sd and jwt.\n\n' +
        'Endpoints: POST /{issuer}/credentials/issue, /credentials/verify, /presentations/verify, /credentials/derive, /credentials/status;\n' +
        '           GET /issuers, /status/{issuer}/{revocation|suspension}, /health, /openapi.json\n\n' +
        'Exit codes: 0 stopped by a signal, 2 usage, an unreadable config or a port in use.\n\n' +
        'Examples:\n  credstack serve\n  credstack serve --port 8443 --tls-cert cert.pem --tls-key key.pem\n' +
        '  credstack serve --config credstack.config.json\n',
    )
    .action(async (opts: ServeCliOptions) => {
      // Fastify loads only for this command: the others start as fast as before.
      const { startServer } = await import('../../serve/index.js');
      const { config, configDir } = await configOf(opts);
      const server = await startServer(config, { configDir });
      print(`${server.url}\n`);
      for (const issuer of server.issuers)
        printError(`issuer ${issuer.name}: ${issuer.cryptosuite} ${issuer.id}\n`);
      await new Promise<void>((done) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          server.close().then(done, (error) => {
            printError(`credstack serve: ${(error as Error).message}\n`);
            done();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
