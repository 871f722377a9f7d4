import type { Command } from 'commander';
import { importKeyFile } from '../../keys/index.js';
import { createPresentation, type PresentationFormat } from '../../presentation/index.js';
import { CliExit, EXIT, jsonText, readCredentialFiles, readText, writeOutput } from '../io.js';

export function registerPresent(program: Command): void {
  program
    .command('present')
    .description("Wrap credentials in a verifiable presentation signed with the holder's key")
    .argument('<credential...>', 'credential files (JSON or VC-JWT)')
    .requiredOption('--key <keyfile>', "the holder's key file (the learner's)")
    .requiredOption('--challenge <nonce>', "the verifier's challenge")
    .requiredOption('--domain <domain>', "the verifier's domain")
    .option('--format <format>', 'data-integrity | vp-jwt', 'data-integrity')
    .option('--out <file>', 'where to write the presentation (default: stdout)')
    .addHelpText(
      'after',
      '\nThe verifier checks it with: credstack verify vp.json --challenge NONCE --domain DOMAIN\n\n' +
        'Exit codes: 0 written, 2 usage or unreadable input.\n\n' +
        'Examples:\n  credstack present --key learner-key.json --challenge 4f1c… --domain hiring.example pathway-proof.json --out vp.json\n' +
        '  credstack present --key learner-key.json --challenge 4f1c… --domain hiring.example --format vp-jwt badge.json badge.jwt\n',
    )
    .action(
      async (
        files: string[],
        opts: { key: string; challenge: string; domain: string; format: string; out?: string },
      ) => {
        if (opts.format !== 'data-integrity' && opts.format !== 'vp-jwt') {
          throw new CliExit(EXIT.usage, `--format must be data-integrity or vp-jwt, got ${opts.format}`);
        }
        const key = importKeyFile(readText(opts.key));
        const credentials = await readCredentialFiles(files);
        const vp = await createPresentation(credentials, {
          key,
          challenge: opts.challenge,
          domain: opts.domain,
          format: opts.format as PresentationFormat,
        });
        writeOutput(opts.out, typeof vp === 'string' ? `${vp}\n` : jsonText(vp));
      },
    );
}
