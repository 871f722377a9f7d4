import type { Command } from 'commander';
import { generateKey, type KeyAlgorithm } from '../../keys/index.js';
import { CliExit, EXIT, jsonText, printError, printJson, writeOutput } from '../io.js';

const ALGORITHMS: Record<string, KeyAlgorithm> = {
  ed25519: 'Ed25519',
  es256: 'P-256',
  'p-256': 'P-256',
  rs256: 'RSA',
  rsa: 'RSA',
};

export function registerKeygen(program: Command): void {
  program
    .command('keygen')
    .description('Generate an issuer key pair and write it as a credstack key file (JSON)')
    .option('--alg <alg>', 'Ed25519 | ES256 | RS256', 'Ed25519')
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
        'Examples:\n  credstack keygen --out issuer-key.json\n  credstack keygen --alg ES256 --out p256-key.json --json\n' +
        '  credstack keygen --alg RS256 --did web:school.example --out rsa-key.json\n' +
        '  credstack keygen --controller https://school.example/issuer --out https-key.json\n',
    )
    .action(
      async (opts: { alg: string; did?: string; controller?: string; out?: string; json?: boolean }) => {
        const algorithm = ALGORITHMS[opts.alg.toLowerCase()];
        if (!algorithm)
          throw new CliExit(EXIT.usage, `--alg must be Ed25519, ES256 or RS256, got ${opts.alg}`);
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
