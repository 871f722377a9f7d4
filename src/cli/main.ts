import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { registerBake, registerUnbake } from './commands/bake.js';
import { registerIssue, runIssue } from './commands/issue.js';
import { registerKeygen } from './commands/keygen.js';
import { registerPresent } from './commands/present.js';
import { registerOutcomes } from './commands/outcomes.js';
import { registerPathway } from './commands/pathway.js';
import { registerStatus } from './commands/status.js';
import { registerValidate } from './commands/validate.js';
import { registerVerify, runVerify, type VerifyCliOptions } from './commands/verify.js';
import { CliExit, EXIT, reportError } from './io.js';

/** Builds the `credstack` command tree. Exported for tests. */
export function createProgram(): Command {
  const program = new Command()
    .name('credstack')
    .description('Issue, verify, bake and compose Open Badges 3.0 credentials and CLR 2.0 pathway proofs')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .showHelpAfterError('(add --help for usage)');
  registerKeygen(program);
  registerValidate(program);
  registerIssue(program).action((opts) => runIssue(opts));
  registerStatus(program);
  registerVerify(program).action(async (file: string, opts: VerifyCliOptions) => {
    if (!(await runVerify(file, opts))) throw new CliExit(EXIT.notVerified, '');
  });
  registerPresent(program);
  registerBake(program);
  registerUnbake(program);
  registerOutcomes(registerPathway(program));
  return program;
}

/** Runs the CLI and resolves to the exit code (never throws). */
export async function main(argv: string[]): Promise<number> {
  const program = createProgram();
  for (const cmd of program.commands) cmd.exitOverride();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.exitCode === 0
      )
        return EXIT.ok;
      return EXIT.usage;
    }
    return reportError(error);
  }
}
