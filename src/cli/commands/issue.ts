import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import { type IssueFormat, issueCredential } from '../../issue/index.js';
import { importKeyFile } from '../../keys/index.js';
import { isObject, type JsonObject } from '../../lib/json.js';
import { enqueueIssuance, openStatusStore, parseRoster } from '../../status/store/index.js';
import {
  CliExit,
  collect,
  EXIT,
  jsonText,
  printError,
  printJson,
  readJson,
  readText,
  writeOutput,
} from '../io.js';

const FORMATS = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'ecdsa-sd-2023', 'vc-jwt'];

export function registerIssue(program: Command, extend?: (cmd: Command) => void): Command {
  const cmd = program
    .command('issue')
    .description('Sign an unsigned credential (Data Integrity or VC-JWT)')
    .option('--key <keyfile>', 'issuer key file (from credstack keygen); not needed with --queue')
    .requiredOption('--in <file>', 'unsigned credential JSON (with --roster: the template every row fills)')
    .option('--format <format>', FORMATS.join(' | '))
    .option('--out <file>', 'where to write the signed credential (default: stdout)')
    .option(
      '--mandatory <pointer>',
      'with --format ecdsa-sd-2023: a JSON pointer every derived credential must reveal (repeatable; default: issuer, dates, types, the achievement)',
      collect,
    )
    .option(
      '--status <store>',
      'allocate a status slot in this store (an SQLite file or a postgres:// URL made by credstack status create) and add credentialStatus; with --queue: a store name in the queue database',
    )
    .option(
      '--roster <csv>',
      'issue one credential per row (columns id, recipient and/or email, validFrom, validUntil, awardedDate) as jobs',
    )
    .option(
      '--queue <url>',
      'with --roster: the PostgreSQL job queue (postgres://…) that credstack worker processes take jobs from',
    )
    .option('--batch <id>', 'with --queue: the batch id (default: a new UUID)')
    .option(
      '--without-status',
      'with --queue: issue without credentialStatus even if the database has a status store',
    )
    .option(
      '--job-timeout <seconds>',
      'with --queue: time a worker has for one job before it is retried elsewhere',
      '300',
    )
    .option('--json', 'with --queue: print { batch, enqueued, store } as JSON')
    .addHelpText(
      'after',
      "\nThe credential's issuer is set to the key's controller when absent (or a string equal to it), and must match it otherwise.\nWith --status the credential needs an id; issuing it again reuses its slot.\n\nExit codes: 0 signed, 1 the credential fails its JSON Schema (nothing is signed), 2 usage or unreadable input.\n\nWith --roster and --queue nothing is signed here: each row becomes a job; credstack worker processes (any number, on any machines) sign them, allocating status in the store of the queue database (--status NAME, the URL's ?store=, else the store named default when there is one), and store the results there (credstack jobs status / jobs export). Issuing is idempotent by the row's id.\n\nExamples:\n  credstack issue --key issuer-key.json --in badge.json --out badge.signed.json\n  credstack issue --roster roster.csv --in badge.json --queue postgres://issuer@db.school.example/credstack\n  credstack issue --key issuer-key.json --in badge.json --format vc-jwt --out badge.jwt\n  credstack issue --key p256-key.json --in badge.json --format ecdsa-sd-2023 --out badge.sd.json   # then: credstack derive\n  credstack issue --key issuer-key.json --in badge.json --status status.sqlite --out badge.signed.json\n",
    );
  extend?.(cmd);
  return cmd;
}

export interface IssueCliOptions {
  key?: string;
  in: string;
  format?: string;
  mandatory?: string[];
  out?: string;
  status?: string;
  roster?: string;
  queue?: string;
  batch?: string;
  withoutStatus?: boolean;
  jobTimeout?: string;
  json?: boolean;
}

export async function runIssue(
  opts: IssueCliOptions,
  prepare?: (credential: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<void> {
  if (opts.format && !FORMATS.includes(opts.format)) {
    throw new CliExit(EXIT.usage, `--format must be one of ${FORMATS.join(', ')}, got ${opts.format}`);
  }
  if (opts.mandatory !== undefined && opts.format !== 'ecdsa-sd-2023') {
    throw new CliExit(EXIT.usage, '--mandatory goes with --format ecdsa-sd-2023');
  }
  if (opts.roster !== undefined || opts.queue !== undefined) return runEnqueue(opts);
  if (opts.key === undefined)
    throw new CliExit(EXIT.usage, "required option '--key <keyfile>' not specified");
  const key = importKeyFile(readJson(opts.key));
  let credential = readJson(opts.in);
  if (!isObject(credential))
    throw new CredstackError('ERR_INVALID_INPUT', `${opts.in} must contain a credential JSON object`);
  if (credential.issuer === undefined) credential = { ...credential, issuer: key.controller };
  if (prepare) credential = await prepare(credential as Record<string, unknown>);
  const statusList = opts.status !== undefined ? await openStatusStore(opts.status) : undefined;
  try {
    const signed = await issueCredential(credential as JsonObject, {
      key,
      ...(opts.format ? { format: opts.format as IssueFormat } : {}),
      ...(opts.mandatory ? { mandatoryPointers: opts.mandatory } : {}),
      ...(statusList ? { statusList } : {}),
      onWarning: (warning) => printError(`warning: ${warning.message}\n`),
    });
    writeOutput(opts.out, typeof signed === 'string' ? `${signed}\n` : jsonText(signed));
    if (statusList && isObject(credential) && typeof credential.id === 'string') {
      const slot = await statusList.lookup(credential.id);
      if (slot) printError(`${statusList.purpose} status: ${slot.listUrl} index ${slot.index}\n`);
    }
  } finally {
    await statusList?.close();
  }
}

/** `credstack issue --roster FILE --queue URL`: one job per row; workers sign. */
async function runEnqueue(opts: IssueCliOptions): Promise<void> {
  if (opts.roster === undefined || opts.queue === undefined)
    throw new CliExit(
      EXIT.usage,
      '--roster and --queue go together (a roster is issued by credstack worker processes)',
    );
  if (opts.out !== undefined)
    throw new CliExit(
      EXIT.usage,
      '--out does not apply to --queue: credstack jobs export writes the results',
    );
  if (opts.withoutStatus && opts.status !== undefined)
    throw new CliExit(EXIT.usage, '--status and --without-status exclude each other');
  const timeout = Number(opts.jobTimeout ?? '300');
  if (!Number.isSafeInteger(timeout) || timeout < 1)
    throw new CliExit(EXIT.usage, `--job-timeout must be a positive integer, got ${opts.jobTimeout}`);
  let template = readJson(opts.in);
  if (!isObject(template))
    throw new CredstackError('ERR_INVALID_INPUT', `${opts.in} must contain a credential JSON object`);
  if (template.issuer === undefined && opts.key !== undefined)
    template = { ...template, issuer: importKeyFile(readJson(opts.key)).controller };
  const rows = parseRoster(readText(opts.roster));
  // --status takes a store name, or a URL of the same database with ?store=NAME.
  let status: string | false | undefined = opts.withoutStatus ? false : opts.status;
  if (typeof status === 'string' && /^postgres(?:ql)?:\/\//i.test(status)) {
    const name = new URL(status).searchParams.get('store');
    status = name ?? 'default';
  }
  const result = await enqueueIssuance({
    queue: opts.queue,
    template: template as Record<string, unknown>,
    rows,
    jobTimeout: timeout,
    ...(opts.batch !== undefined ? { batch: opts.batch } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(opts.format ? { format: opts.format as IssueFormat } : {}),
  });
  if (opts.json) printJson({ batch: result.batch, enqueued: result.enqueued, store: result.store ?? null });
  else
    printError(
      `Enqueued ${result.enqueued} credential(s) as batch ${result.batch}${result.store ? `, status from store ${result.store}` : ', without credentialStatus (no status store in the database)'}; start workers: credstack worker --queue URL --key KEYFILE\n`,
    );
}
