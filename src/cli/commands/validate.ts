import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import { validate } from '../../schema/index.js';
import { CliExit, EXIT, print, printJson, readJson } from '../io.js';

export function registerValidate(program: Command): void {
  program
    .command('validate')
    .description('Validate a credential (unsigned or signed JSON) against the official 1EdTech JSON Schema')
    .argument('<file>', 'credential JSON file, or - for stdin')
    .option('--json', 'print the result object as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 valid, 1 invalid, 2 unreadable input or unknown type.\n\nExample:\n  credstack validate badge.json --json\n',
    )
    .action((file: string, opts: { json?: boolean }) => {
      const doc = readJson(file);
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
        throw new CredstackError('ERR_INVALID_INPUT', `${file} must contain a JSON object (a credential)`);
      }
      const result = validate(doc);
      if (opts.json) printJson(result);
      else if (result.valid) print(`valid: conforms to ${result.schema}\n`);
      else {
        print(`invalid: ${result.errors.length} error(s) against ${result.schema}\n`);
        for (const e of result.errors) print(`  ${e.path || '/'}  ${e.message}\n`);
      }
      if (!result.valid) throw new CliExit(EXIT.notVerified, '');
    });
}
