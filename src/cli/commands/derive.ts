import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { deriveCredential, disclosedPointers } from '../../proof/data-integrity/ecdsa-sd-2023.js';
import { collect, jsonText, print, printError, readCredentialFile, writeOutput } from '../io.js';

/** `credstack derive`: the holder's side of selective disclosure (ecdsa-sd-2023). */
export function registerDerive(program: Command): void {
  program
    .command('derive')
    .description(
      'Derive a credential that reveals only what you choose from an ecdsa-sd-2023 credential (selective disclosure)',
    )
    .argument('<credential>', 'the credential as the issuer gave it (with its ecdsa-sd-2023 base proof)')
    .option(
      '--reveal <pointer>',
      'a JSON pointer to reveal besides what the issuer made mandatory (repeatable)',
      collect,
    )
    .option('--list', 'print the JSON pointers of the values in the credential, one a line, and stop')
    .option('--out <file>', 'where to write the derived credential (default: stdout)')
    .addHelpText(
      'after',
      '\nThe issuer signs with credstack issue --format ecdsa-sd-2023 (a P-256 key); what it made mandatory is always revealed.\n' +
        'The verifier checks the derived credential with credstack verify, which lists what was disclosed.\n\n' +
        'Exit codes: 0 written, 2 usage or unreadable input (no base proof, a pointer to nothing).\n\n' +
        'Examples:\n  credstack derive badge.sd.json --list\n' +
        '  credstack derive badge.sd.json --reveal /credentialSubject/id --out badge.shown.json\n',
    )
    .action(async (file: string, opts: { reveal?: string[]; list?: boolean; out?: string }) => {
      const credential = await readCredentialFile(file);
      if (!isObject(credential)) {
        throw new CredstackError(
          'ERR_INVALID_INPUT',
          `${file} is a VC-JWT: selective disclosure needs a Data Integrity credential issued with --format ecdsa-sd-2023`,
        );
      }
      if (opts.list) {
        print(`${disclosedPointers(credential, Number.POSITIVE_INFINITY).pointers.join('\n')}\n`);
        return;
      }
      const derived = await deriveCredential(credential, { reveal: opts.reveal ?? [] });
      writeOutput(opts.out, jsonText(derived));
      const { pointers } = disclosedPointers(derived, Number.POSITIVE_INFINITY);
      printError(`Reveals ${pointers.length} value(s): ${pointers.join(', ')}\n`);
    });
}
