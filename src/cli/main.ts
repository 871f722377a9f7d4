import { Command, CommanderError } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { registerBake, registerUnbake } from './commands/bake.js';
import { registerDerive } from './commands/derive.js';
import { registerIssue, runIssue } from './commands/issue.js';
import { registerIssuer } from './commands/issuer.js';
import { registerJobs } from './commands/jobs.js';
import { registerKeygen } from './commands/keygen.js';
import { registerNew } from './commands/new.js';
import { registerOffer } from './commands/offer.js';
import { registerPresent } from './commands/present.js';
import { registerOutcomes } from './commands/outcomes.js';
import { registerPathway } from './commands/pathway.js';
import { registerServe } from './commands/serve.js';
import { registerStatus } from './commands/status.js';
import { registerValidate } from './commands/validate.js';
import { registerVerify, runVerify, type VerifyCliOptions } from './commands/verify.js';
import { registerWorker } from './commands/worker.js';
import { CliExit, EXIT, print, printError, reportError } from './io.js';

/** Builds the `credstack` command tree. Exported for tests. */

// for bin.ts, which imports this module only (tsup.config.ts)
export { tolerateClosedPipes } from './io.js';
export function createProgram(): Command {
  const program = new Command()
    .name('credstack')
    .description('Issue, verify, bake and compose Open Badges 3.0 credentials and CLR 2.0 pathway proofs')
    .version(pkg.version)
    .exitOverride()
    .configureOutput({ writeOut: (s) => print(s), writeErr: (s) => printError(s) })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText(
      'after',
      `
Every command has examples: credstack <command> --help (e.g. credstack status publish --help).
A did:key issuer (keygen's default) publishes nothing; for a did:web or https issuer,
credstack issuer init writes what to publish.

Getting started:
  credstack keygen --out issuer-key.json
  credstack new badge --name "Forklift Safety" --description "Operates a forklift safely." \\
    --criteria "Passed the driving assessment." --email ana@example.org --out badge.json
  credstack issue --key issuer-key.json --in badge.json --out badge.signed.json
  credstack verify badge.signed.json            # also a .jwt, a baked .png/.svg, or - for stdin
  credstack bake artwork.png badge.signed.json --out badge.png

Output: data goes to stdout (or --out FILE); --json prints machine-readable results; messages,
warnings and errors go to stderr, one line each, never a stack trace.

Exit codes:
  0  success: verified, valid, written
  1  the answer is no: not verified, invalid, no credential in the image, untrusted (--require-trusted)
  2  usage error, or input that cannot be read or used (missing file, bad JSON, bad key)
`,
    );
  registerKeygen(program);
  registerNew(program);
  registerValidate(program);
  registerIssue(program).action((opts) => runIssue(opts));
  registerIssuer(program);
  registerStatus(program);
  registerWorker(program);
  registerJobs(program);
  registerVerify(program).action(async (file: string, opts: VerifyCliOptions) => {
    if (!(await runVerify(file, opts))) throw new CliExit(EXIT.notVerified, '');
  });
  registerDerive(program);
  registerPresent(program);
  registerBake(program);
  registerUnbake(program);
  registerOutcomes(registerPathway(program));
  registerServe(program);
  registerOffer(program);
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
