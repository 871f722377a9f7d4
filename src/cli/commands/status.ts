// `credstack status …`: run Bitstring Status Lists from a file store (create, revoke, suspend,
// reinstate, publish, show). Issuing with a slot is `credstack issue --status STORE`.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { CredstackError, describeValue } from '../../errors.js';
import type { IssueFormat } from '../../issue/index.js';
import { importKeyFile } from '../../keys/index.js';
import { asArray, isObject, type JsonObject } from '../../lib/json.js';
import { credentialFromJwtPayload, decodeJwt } from '../../proof/vc-jwt.js';
import type { StatusPurpose } from '../../status/index.js';
import {
  initFileStatusStore,
  openFileStatusStore,
  publishStatusList,
  type StatusRef,
  type StatusStore,
} from '../../status/store/index.js';
import { CliExit, EXIT, readCredentialFile, readJson, writeOutput } from '../io.js';

const FORMATS = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'vc-jwt'];

type Action = 'revoke' | 'suspend' | 'reinstate';

interface RefOptions {
  credential?: string;
  id?: string;
  index?: string;
  list?: string;
  json?: boolean;
}

interface PublishOptions {
  key: string;
  out: string;
  format?: string;
  validFrom?: string;
  validUntil?: string;
  documentsMap?: string;
  json?: boolean;
}

export function registerStatus(program: Command): Command {
  const status = program
    .command('status')
    .description('Revocation and suspension with W3C Bitstring Status Lists kept in a store file')
    .addHelpText(
      'after',
      `
Workflow:
  credstack status create --key issuer-key.json --url https://school.example/status/1 --out status.json
  credstack issue --key issuer-key.json --in badge.json --status status.json --out badge.signed.json
  credstack status revoke status.json --credential badge.signed.json
  credstack status publish status.json --key issuer-key.json --out status-list.json
  (serve status-list.json at https://school.example/status/1)

Exit codes: 0 done, 2 usage, unreadable store or key, or a reference the store does not know.
`,
    );

  status
    .command('create')
    .description('Create a status store file with its first, empty list (131,072 entries)')
    .requiredOption('--key <keyfile>', "issuer key file: the lists are issued by the key's controller")
    .requiredOption('--url <url>', 'URL the first list credential will be served at')
    .option('--purpose <purpose>', 'revocation | suspension', 'revocation')
    .option('--size <entries>', 'entries per list (a multiple of 8, at least 131072)')
    .requiredOption('--out <file>', 'the store file to create (never overwritten)')
    .option('--json', 'print { store, purpose, issuer, lists: [{ url, size }] } as JSON')
    .addHelpText(
      'after',
      `
When a list fills up, the next one is served at URL-2, then URL-3, … (credentials keep the URL they were issued with).
One store holds one purpose: create a second store for suspension.

Exit codes: 0 created, 2 usage, unreadable key, or the store file already exists.

Examples:
  credstack status create --key issuer-key.json --url https://school.example/status/1 --out revocation.json
  credstack status create --key issuer-key.json --url https://school.example/suspended/1 --purpose suspension --out suspension.json
`,
    )
    .action(
      async (opts: {
        key: string;
        url: string;
        purpose: string;
        size?: string;
        out: string;
        json?: boolean;
      }) => {
        const purpose = parsePurpose(opts.purpose);
        const key = importKeyFile(readJson(opts.key));
        const store = await initFileStatusStore(opts.out, {
          url: opts.url,
          purpose,
          issuer: key.controller,
          ...(opts.size !== undefined ? { size: parseCount(opts.size, '--size') } : {}),
        });
        const lists = await store.lists();
        const [list] = lists;
        if (opts.json) {
          const summary = {
            store: opts.out,
            purpose,
            issuer: key.controller,
            lists: lists.map((l) => ({ url: l.url, size: l.size })),
          };
          process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
          return;
        }
        process.stderr.write(
          `Created ${purpose} status store ${opts.out}: list ${list!.url} (${list!.size} entries), issuer ${key.controller}\n`,
        );
      },
    );

  for (const action of ['revoke', 'suspend', 'reinstate'] as const) {
    status
      .command(action)
      .description(
        action === 'revoke'
          ? 'Revoke a credential (revocation store; final)'
          : action === 'suspend'
            ? 'Suspend a credential (suspension store)'
            : 'Lift a suspension (suspension store)',
      )
      .argument('<store>', 'status store file')
      .option('--credential <file>', 'the credential (JSON, VC-JWT or baked image): its id is looked up')
      .option('--id <credentialId>', 'the credential id')
      .option('--index <n>', 'the status list index')
      .option('--list <url>', 'with --index, when the store has several lists')
      .option('--json', 'print what was changed as JSON')
      .addHelpText(
        'after',
        `
The change is recorded in the store; verifiers see it once the list is published again (credstack status publish).

Exit codes: 0 changed, 2 usage, unreadable store, or a credential/index the store does not know.

Examples:
  credstack status ${action} status.json --credential badge.signed.json
  credstack status ${action} status.json --index 94567
`,
      )
      .action(async (file: string, opts: RefOptions) => runChange(action, file, opts));
  }

  status
    .command('publish')
    .description('Sign the status list credential(s) of a store, ready to serve at their URLs')
    .argument('<store>', 'status store file')
    .requiredOption('--key <keyfile>', "issuer key file (the store's issuer)")
    .requiredOption('--out <file>', 'where to write the signed list credential')
    .option('--format <format>', FORMATS.join(' | '))
    .option('--valid-from <iso>', 'validFrom of the list credential (default: now)')
    .option('--valid-until <iso>', 'validUntil: verifiers refuse the list after it, so re-publish before')
    .option(
      '--documents-map <file>',
      'also add { list URL: file } to this map for credstack verify --documents',
    )
    .option('--json', 'print [{ url, file }] as JSON')
    .addHelpText(
      'after',
      `
A store whose first list filled up has several lists: list 1 (URL) is written to --out, list n
(URL-n) to --out with -n before the extension (status-list.json, status-list-2.json, …).
Serve each file at its URL; publish again after every revoke, suspend or reinstate.

Exit codes: 0 written, 2 usage, unreadable store or key, or a key that is not the store's issuer.

Examples:
  credstack status publish status.json --key issuer-key.json --out status-list.json
  credstack status publish status.json --key issuer-key.json --out status-list.json --documents-map documents.json
  credstack status publish status.json --key issuer-key.json --format vc-jwt --out status-list.jwt
`,
    )
    .action(async (file: string, opts: PublishOptions) => runPublish(file, opts));

  status
    .command('show')
    .description('Show the lists of a status store: URLs, allocated and set entries')
    .argument('<store>', 'status store file')
    .option('--json', 'print the summary as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 shown, 2 usage or unreadable store.\n\nExamples:\n  credstack status show status.json\n  credstack status show status.json --json\n',
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const store = await openFileStatusStore(file);
      const lists = (await store.lists()).map((l) => ({
        url: l.url,
        size: l.size,
        allocated: l.count,
        set: countBits(l.bits),
      }));
      const summary = { purpose: store.purpose, issuer: store.issuer ?? null, lists };
      if (opts.json) {
        process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${store.purpose} store ${file}, issuer ${store.issuer ?? '(none)'}\n`);
      const verb = store.purpose === 'revocation' ? 'revoked' : 'suspended';
      for (const l of lists)
        process.stdout.write(`  ${l.url}  ${l.allocated}/${l.size} allocated, ${l.set} ${verb}\n`);
    });
  return status;
}

function parsePurpose(value: string): StatusPurpose {
  if (value !== 'revocation' && value !== 'suspension') {
    throw new CliExit(EXIT.usage, `--purpose must be revocation or suspension, got ${value}`);
  }
  return value;
}

function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new CliExit(EXIT.usage, `${flag} must be a non-negative integer, got ${value}`);
  }
  return Number(value);
}

function countBits(bits: Uint8Array): number {
  let n = 0;
  for (let byte of bits) {
    for (; byte; byte &= byte - 1) n++;
  }
  return n;
}

/** The credential in `file` (JSON, VC-JWT, or a baked PNG/SVG), decoded without verifying it. */
async function readCredential(file: string): Promise<JsonObject> {
  const credential = await readCredentialFile(file);
  return typeof credential === 'string'
    ? credentialFromJwtPayload(decodeJwt(credential).payload).credential
    : credential;
}

async function refFrom(store: StatusStore, opts: RefOptions): Promise<StatusRef> {
  const given = [opts.credential, opts.id, opts.index].filter((v) => v !== undefined).length;
  if (given !== 1)
    throw new CliExit(EXIT.usage, 'give exactly one of --credential FILE, --id ID or --index N');
  if (opts.list !== undefined && opts.index === undefined)
    throw new CliExit(EXIT.usage, '--list goes with --index');
  if (opts.index !== undefined) {
    return {
      index: parseCount(opts.index, '--index'),
      ...(opts.list !== undefined ? { listUrl: opts.list } : {}),
    };
  }
  if (opts.id !== undefined) return opts.id;
  const credential = await readCredential(opts.credential!);
  if (typeof credential.id !== 'string' || credential.id.length === 0) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${opts.credential}: the credential has no id, so the store cannot know its slot (use --index)`,
    );
  }
  // Cross-check against the credential's own entry, so a credential and a store that do not
  // belong together are refused instead of flipping someone else's bit.
  const urls = new Set((await store.lists()).map((l) => l.url));
  const entries = asArray(credential.credentialStatus).filter(
    (e): e is JsonObject =>
      isObject(e) &&
      asArray(e.type).includes('BitstringStatusListEntry') &&
      e.statusPurpose === store.purpose,
  );
  const mine = entries.find(
    (e) => typeof e.statusListCredential === 'string' && urls.has(e.statusListCredential),
  );
  if (entries.length > 0 && mine === undefined) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${opts.credential}: its ${store.purpose} list (${entries.map((e) => String(e.statusListCredential)).join(', ')}) is not a list of this store`,
    );
  }
  const index = Number(mine?.statusListIndex);
  return mine !== undefined && Number.isSafeInteger(index)
    ? { credentialId: credential.id, listUrl: String(mine.statusListCredential), index }
    : credential.id;
}

async function runChange(action: Action, file: string, opts: RefOptions): Promise<void> {
  const store = await openFileStatusStore(file);
  const ref = await refFrom(store, opts);
  await store[action](ref);
  let credentialId: string | undefined;
  let listUrl: string | undefined;
  let index: number | undefined;
  if (typeof ref === 'string') {
    credentialId = ref;
    const slot = await store.lookup(ref);
    listUrl = slot?.listUrl;
    index = slot?.index;
  } else {
    credentialId = ref.credentialId;
    listUrl = ref.listUrl ?? (await store.lists())[0]?.url;
    index = ref.index;
  }
  const value = action !== 'reinstate';
  const done = { revoke: 'revoked', suspend: 'suspended', reinstate: 'reinstated' }[action];
  if (opts.json) {
    process.stdout.write(
      `${JSON.stringify({ action, ...(credentialId ? { credentialId } : {}), listUrl, index, set: value }, null, 2)}\n`,
    );
  } else {
    process.stdout.write(`${done} ${credentialId ? `${credentialId} ` : ''}(${listUrl} index ${index})\n`);
  }
  process.stderr.write(
    `Publish the list again for verifiers to see it: credstack status publish ${file} --key KEYFILE --out FILE\n`,
  );
}

/** `status-list.json` → `status-list-2.json` for list 2 (mirrors the URL scheme URL, URL-2, …). */
export function listFileName(out: string, n: number): string {
  if (n === 1) return out;
  const ext = extname(out);
  return join(dirname(out), `${basename(out, ext)}-${n}${ext}`);
}

async function runPublish(file: string, opts: PublishOptions): Promise<void> {
  if (opts.format !== undefined && !FORMATS.includes(opts.format)) {
    throw new CliExit(EXIT.usage, `--format must be one of ${FORMATS.join(', ')}, got ${opts.format}`);
  }
  if (opts.out === '-')
    throw new CliExit(EXIT.usage, '--out must be a file (a store may have several lists)');
  if (opts.documentsMap !== undefined && opts.format === 'vc-jwt') {
    // credstack verify --documents reads JSON files; a JWT list is served as application/vc+jwt.
    throw new CliExit(
      EXIT.usage,
      '--documents-map works with Data Integrity lists only (the map holds JSON documents)',
    );
  }
  const key = importKeyFile(readJson(opts.key));
  const store = await openFileStatusStore(file);
  const published = await publishStatusList(store, {
    key,
    ...(opts.format ? { format: opts.format as IssueFormat } : {}),
    ...(opts.validFrom !== undefined ? { validFrom: opts.validFrom } : {}),
    ...(opts.validUntil !== undefined ? { validUntil: opts.validUntil } : {}),
  });
  const written = published.map((p, i) => {
    const out = listFileName(opts.out, i + 1);
    const body =
      typeof p.credential === 'string' ? `${p.credential}\n` : `${JSON.stringify(p.credential, null, 2)}\n`;
    writeOutput(out, body);
    return { url: p.url, file: out };
  });
  if (opts.documentsMap !== undefined) updateMap(opts.documentsMap, written);
  if (opts.json) process.stdout.write(`${JSON.stringify(written, null, 2)}\n`);
  else for (const w of written) process.stderr.write(`Wrote ${w.url} → ${w.file}\n`);
}

function updateMap(mapPath: string, written: Array<{ url: string; file: string }>): void {
  let map: unknown = {};
  if (existsSync(mapPath)) map = readJson(mapPath);
  if (!isObject(map)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${mapPath}: expected a JSON object mapping URLs to files, got ${describeValue(map)}`,
    );
  }
  const base = dirname(resolve(mapPath));
  for (const w of written) map[w.url] = relative(base, resolve(w.file)) || basename(w.file);
  writeOutput(mapPath, `${JSON.stringify(map, null, 2)}\n`);
}
