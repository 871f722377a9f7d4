import type { Command } from 'commander';
import { generateKey, type KeyAlgorithm } from '../../keys/index.js';
import { suggestKeyAlgorithm } from '../../keys/jwk.js';
import { CliExit, EXIT, jsonText, printError, printJson, writeOutput } from '../io.js';

// Case-insensitive, both naming schemes: the JWS names the CLI documents and the API's key types.
const ALGORITHMS: Record<string, KeyAlgorithm> = {
  ed25519: 'Ed25519',
  eddsa: 'Ed25519',
  es256: 'P-256',
  'p-256': 'P-256',
  rs256: 'RSA',
  rsa: 'RSA',
};
const CLI_NAME: Record<KeyAlgorithm, string> = { Ed25519: 'Ed25519', 'P-256': 'ES256', RSA: 'RS256' };

/** The key type of a `--alg` / `--type` value; a usage error naming the intended one otherwise. */
export function keyAlgorithmOption(value: string, option = '--alg'): KeyAlgorithm {
  const algorithm = Object.hasOwn(ALGORITHMS, value.toLowerCase())
    ? ALGORITHMS[value.toLowerCase()]
    : undefined;
  if (algorithm) return algorithm;
  const meant = suggestKeyAlgorithm(value);
  throw new CliExit(
    EXIT.usage,
    `${option} must be Ed25519, ES256 or RS256 (or P-256, RSA), got ${value}${meant ? `: did you mean ${CLI_NAME[meant]}?` : ''}`,
  );
}

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('Generate an issuer key pair and write it as a credstack key file (JSON)')
    .option('--alg <alg>', 'Ed25519 (default) | ES256 | RS256, or as key types: P-256, RSA')
    .option('--type <type>', 'the same as --alg')
    .option('--did <method>', 'key (default for Ed25519/ES256) or web:DOMAIN')
    .option('--controller <url>', 'https issuer id (for HTTP-hosted keys)')
    .option('--out <file>', 'where to write the key file (default: stdout)')
    .option(
      '--json',
      'with --out: print the public part { file, id, controller, algorithm, publicKeyJwk } as JSON',
    )
    .addHelpText(
      'after',
      '\nThe key file holds the private key: keep it secret. Without --out it is printed to stdout.\n\n' +
        'Exit codes: 0 written, 2 usage or the file cannot be written.\n\n' +
        'Examples:\n  credstack keygen --out issuer-key.json\n  credstack keygen --alg ES256 --out p256-key.json --json   # or --type P-256\n' +
        '  credstack keygen --alg RS256 --did web:school.example --out rsa-key.json\n' +
        '  credstack keygen --controller https://school.example/issuer --out https-key.json\n',
    )
    .action(
      async (opts: {
        alg?: string;
        type?: string;
        did?: string;
        controller?: string;
        out?: string;
        json?: boolean;
      }) => {
        const fromAlg = opts.alg === undefined ? undefined : keyAlgorithmOption(opts.alg);
        const fromType = opts.type === undefined ? undefined : keyAlgorithmOption(opts.type, '--type');
        if (fromAlg && fromType && fromAlg !== fromType)
          throw new CliExit(EXIT.usage, `--alg ${opts.alg} and --type ${opts.type} name different key types`);
        const algorithm = fromAlg ?? fromType ?? 'Ed25519';
        let did: 'key' | { web: string } | undefined;
        if (opts.did === 'key') did = 'key';
        else if (opts.did?.startsWith('web:')) did = { web: opts.did.slice(4) };
        else if (opts.did !== undefined)
          throw new CliExit(EXIT.usage, `--did must be key or web:DOMAIN, got ${opts.did}`);
        const key = await generateKey({
          algorithm,
          ...(did ? { did } : {}),
          ...(opts.controller ? { controller: opts.controller } : {}),
        });
        // The key file holds the private key: readable by its owner only.
        writeOutput(opts.out, jsonText(key), { mode: 0o600 });
        if (opts.out && opts.json) {
          const { id, controller, publicKeyJwk } = key;
          const summary = { file: opts.out, id, controller, algorithm, publicKeyJwk };
          printJson(summary);
        } else if (opts.out) printError(`Wrote ${algorithm} key ${key.id} to ${opts.out}\n`);
      },
    );
}
