// `credstack jobs …`: progress and results of queued issuance (credstack issue --roster --queue).
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { issuanceProgress, issuedCredentials } from '../../status/store/index.js';
import { jsonText, print, printError, printJson, writeOutput } from '../io.js';

/** A file name for a credential id (urn:uuid:… → urn_uuid_….json), never a path. */
function fileNameOf(credentialId: string, jwt: boolean): string {
  const base = credentialId.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 180) || 'credential';
  return `${base}${jwt ? '.jwt' : '.json'}`;
}

export function registerJobs(program: Command): Command {
  const jobs = program
    .command('jobs')
    .description('Progress and results of queued issuance batches (credstack issue --roster … --queue …)');

  jobs
    .command('status')
    .description('Show each batch: total, issued, failed, pending')
    .requiredOption('--queue <url>', 'the PostgreSQL job queue: postgres://user:pass@host/db')
    .option('--batch <id>', 'one batch only')
    .option('--json', 'print [{ batch, total, issued, failed, pending, store, failures }] as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 shown, 2 usage, unreachable server or unknown batch.\n\nExamples:\n  credstack jobs status --queue postgres://issuer@db.school.example/credstack\n  credstack jobs status --queue postgres://issuer@db.school.example/credstack --batch 2026-spring --json\n',
    )
    .action(async (opts: { queue: string; batch?: string; json?: boolean }) => {
      const progress = await issuanceProgress(
        opts.queue,
        opts.batch !== undefined ? { batch: opts.batch } : {},
      );
      if (opts.json) {
        printJson(progress);
        return;
      }
      if (progress.length === 0) print('no batches\n');
      for (const p of progress) {
        const pct = p.total === 0 ? 100 : Math.floor(((p.issued + p.failed) / p.total) * 100);
        print(
          `${p.batch}  ${p.issued}/${p.total} issued, ${p.failed} failed, ${p.pending} pending (${pct}%)${p.store ? `, status store ${p.store}` : ''}\n`,
        );
        for (const f of p.failures) print(`  failed ${f.credentialId}: ${f.message} [${f.code}]\n`);
      }
    });

  jobs
    .command('export')
    .description('Write the signed credentials of a batch, one file each')
    .requiredOption('--queue <url>', 'the PostgreSQL job queue: postgres://user:pass@host/db')
    .requiredOption('--batch <id>', 'the batch')
    .requiredOption('--out <dir>', 'directory to write into (created)')
    .option('--json', 'print { batch, written } as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 written, 2 usage, unreachable server.\n\nExamples:\n  credstack jobs export --queue postgres://issuer@db.school.example/credstack --batch 2026-spring --out issued/\n',
    )
    .action(async (opts: { queue: string; batch: string; out: string; json?: boolean }) => {
      mkdirSync(opts.out, { recursive: true });
      let written = 0;
      for await (const { credentialId, credential } of issuedCredentials(opts.queue, opts.batch)) {
        const jwt = typeof credential === 'string';
        writeOutput(
          join(opts.out, fileNameOf(credentialId, jwt)),
          jwt ? `${credential}\n` : jsonText(credential),
        );
        written++;
      }
      if (opts.json) printJson({ batch: opts.batch, written });
      else printError(`Wrote ${written} credential(s) of batch ${opts.batch} to ${opts.out}\n`);
    });
  return jobs;
}
