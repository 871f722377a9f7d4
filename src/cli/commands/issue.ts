import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import { type IssueFormat, issueCredential } from '../../issue/index.js';
import { importKeyFile } from '../../keys/index.js';
import { isObject } from '../../lib/json.js';
import { openStatusStore } from '../../status/store/index.js';
import { CliExit, EXIT, jsonText, printError, readJson, writeOutput } from '../io.js';

const FORMATS = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'vc-jwt'];

export function registerIssue(program: Command, extend?: (cmd: Command) => void): Command {
  const cmd = program
    .command('issue')
    .description('Sign an unsigned credential (Data Integrity or VC-JWT)')
    .requiredOption('--key <keyfile>', 'issuer key file (from credstack keygen)')
    .requiredOption('--in <file>', 'unsigned credential JSON')
    .option('--format <format>', FORMATS.join(' | '))
    .option('--out <file>', 'where to write the signed credential (default: stdout)')
    .option(
      '--status <store>',
      'allocate a status slot in this store (an SQLite file or a postgres:// URL made by credstack status create) and add credentialStatus',
    )
    .addHelpText(
      'after',
      "\nThe credential's issuer is set to the key's controller when absent (or a string equal to it), and must match it otherwise.\nWith --status the credential needs an id; issuing it again reuses its slot.\n\nExit codes: 0 signed, 1 the credential fails its JSON Schema (nothing is signed), 2 usage or unreadable input.\n\nExamples:\n  credstack issue --key issuer-key.json --in badge.json --out badge.signed.json\n  credstack issue --key issuer-key.json --in badge.json --format vc-jwt --out badge.jwt\n  credstack issue --key issuer-key.json --in badge.json --status status.sqlite --out badge.signed.json\n",
    );
  extend?.(cmd);
  return cmd;
}

export async function runIssue(
  opts: { key: string; in: string; format?: string; out?: string; status?: string },
  prepare?: (credential: Record<string, unknown>) => Promise<Record<string, unknown>>,
): Promise<void> {
  if (opts.format && !FORMATS.includes(opts.format)) {
    throw new CliExit(EXIT.usage, `--format must be one of ${FORMATS.join(', ')}, got ${opts.format}`);
  }
  const key = importKeyFile(readJson(opts.key));
  let credential = readJson(opts.in);
  if (!isObject(credential))
    throw new CredstackError('ERR_INVALID_INPUT', `${opts.in} must contain a credential JSON object`);
  if (credential.issuer === undefined) credential = { ...credential, issuer: key.controller };
  if (prepare) credential = await prepare(credential as Record<string, unknown>);
  const statusList = opts.status !== undefined ? await openStatusStore(opts.status) : undefined;
  try {
    const signed = await issueCredential(credential, {
      key,
      ...(opts.format ? { format: opts.format as IssueFormat } : {}),
      ...(statusList ? { statusList } : {}),
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
