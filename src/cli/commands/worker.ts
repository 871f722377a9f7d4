// `credstack worker`: takes issuance jobs from the PostgreSQL job queue (credstack issue --roster
// --queue), signs them with the key, allocates status in the queue database, stores the results.
import type { Command } from 'commander';
import { importKeyFile } from '../../keys/index.js';
import { runIssueWorker } from '../../status/store/index.js';
import { CliExit, EXIT, printError, printJson, readJson } from '../io.js';

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) {
    throw new CliExit(EXIT.usage, `${flag} must be a positive integer, got ${value}`);
  }
  return n;
}

export function registerWorker(program: Command): Command {
  return program
    .command('worker')
    .description(
      'Sign queued credentials (credstack issue --roster … --queue …): run as many as you like, anywhere',
    )
    .requiredOption('--queue <url>', 'the PostgreSQL job queue: postgres://user:pass@host/db')
    .requiredOption('--key <keyfile>', "issuer key file (the batch's issuer, and the status store's)")
    .option('--concurrency <n>', 'jobs signed at once', '8')
    .option('--idle-exit <seconds>', 'exit once no job has come for this long (default: run until stopped)')
    .option('--poll <seconds>', 'how often an idle worker looks for jobs', '2')
    .option('--json', 'print { issued, existing, failed } as JSON when done')
    .addHelpText(
      'after',
      `
A worker killed at any moment (kill -9 included) loses nothing and duplicates nothing: its job is
retried by another worker after the batch's --job-timeout, and a credential id is never signed or
given a status slot twice. SIGINT/SIGTERM finish the jobs in hand, then exit.

Exit codes: 0 stopped or idle, 2 usage, unreadable key, unreachable server.

Examples:
  credstack worker --queue postgres://issuer@db.school.example/credstack --key issuer-key.json
  credstack worker --queue postgres://issuer@db.school.example/credstack --key issuer-key.json --idle-exit 30
`,
    )
    .action(
      async (opts: {
        queue: string;
        key: string;
        concurrency: string;
        idleExit?: string;
        poll: string;
        json?: boolean;
      }) => {
        const key = importKeyFile(readJson(opts.key));
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal);
        process.once('SIGTERM', onSignal);
        try {
          const report = await runIssueWorker({
            queue: opts.queue,
            key,
            concurrency: positive(opts.concurrency, '--concurrency'),
            pollInterval: positive(opts.poll, '--poll'),
            signal: stop.signal,
            ...(opts.idleExit !== undefined
              ? { idleExit: positive(opts.idleExit, '--idle-exit') * 1000 }
              : {}),
          });
          if (opts.json) printJson(report);
          else
            printError(
              `worker: ${report.issued} issued, ${report.existing} already issued, ${report.failed} failed\n`,
            );
        } finally {
          process.off('SIGINT', onSignal);
          process.off('SIGTERM', onSignal);
        }
      },
    );
}
