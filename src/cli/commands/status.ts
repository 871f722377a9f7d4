// `credstack status …`: run Bitstring Status Lists from a database store (create, revoke,
// suspend, reinstate, set, publish, show, migrate). A STORE is an SQLite file (.sqlite, .db) or a
// postgres:// URL. Issuing with a slot is `credstack issue --status STORE`.
import { existsSync } from 'node:fs';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { CredstackError, describeValue } from '../../errors.js';
import type { IssueFormat } from '../../issue/index.js';
import { importKeyFile } from '../../keys/index.js';
import { asArray, isObject, type JsonObject } from '../../lib/json.js';
import { credentialFromJwtPayload, decodeJwt } from '../../proof/vc-jwt/decode.js';
import type { StatusPurpose } from '../../status/index.js';
import {
  initStatusStore,
  migrateFileStatusStore,
  openStatusStore,
  publishStatusList,
  type StatusRef,
  type StatusStore,
} from '../../status/store/index.js';
import {
  CliExit,
  collect,
  EXIT,
  jsonText,
  print,
  printError,
  printJson,
  readCredentialFile,
  readJson,
  writeOutput,
} from '../io.js';

const FORMATS = ['eddsa-rdfc-2022', 'ecdsa-rdfc-2019', 'vc-jwt'];

type Action = 'revoke' | 'suspend' | 'reinstate' | 'set';

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
    .description(
      'Revocation, suspension and status messages with W3C Bitstring Status Lists kept in a database',
    )
    .addHelpText(
      'after',
      `
A STORE is an SQLite database file (status.sqlite, status.db: the default, safe for many
processes on one machine) or a PostgreSQL URL (postgres://user:pass@host/db, for issuers on
several machines; add ?store=NAME to keep several stores in one database).

Workflow:
  credstack status create --key issuer-key.json --url https://school.example/status/1 --out status.sqlite
  credstack issue --key issuer-key.json --in badge.json --status status.sqlite --out badge.signed.json
  credstack status revoke status.sqlite --credential badge.signed.json
  credstack status publish status.sqlite --key issuer-key.json --out status-list.json
  (serve status-list.json at https://school.example/status/1)

A JSON file store of credstack 0.1 moves into a database with: credstack status migrate status.json --to status.sqlite

Exit codes: 0 done, 2 usage, unreadable store or key, unreachable server, or a reference the store does not know.
`,
    );

  status
    .command('create')
    .description('Create a status store with its first, empty list (131,072 entries)')
    .requiredOption('--key <keyfile>', "issuer key file: the lists are issued by the key's controller")
    .requiredOption('--url <url>', 'URL the first list credential will be served at')
    .option('--purpose <purpose>', 'revocation | suspension | refresh | message', 'revocation')
    .option('--size <entries>', 'entries per list (a multiple of 8, at least 131072)')
    .option('--status-size <bits>', 'bits per entry (BSL statusSize, 1 to 8); above 1 needs --status-message')
    .option(
      '--status-message <message>',
      'what status value 0x0, 0x1, … means, one per value in order (repeat the option)',
      collect,
      [] as string[],
    )
    .option(
      '--status-reference <url>',
      'URL explaining the status values (repeatable)',
      collect,
      [] as string[],
    )
    .option('--ttl <ms>', 'BSL ttl of the published lists: how long verifiers may cache them, in ms')
    .option(
      '--no-rollover',
      'refuse to allocate once the first list is full (ERR_STATUS_LIST_FULL) instead of starting URL-2',
    )
    .requiredOption(
      '--out <store>',
      'the store to create: an SQLite file (.sqlite, .db) or a postgres:// URL (never overwritten)',
    )
    .option('--json', 'print { store, purpose, issuer, lists: [{ url, size }] } as JSON')
    .addHelpText(
      'after',
      `
When a list fills up, the next one is served at URL-2, then URL-3, … (credentials keep the URL they were issued with).
One store holds one purpose: create a second store (file, or ?store=NAME in PostgreSQL) for suspension.

Exit codes: 0 created, 2 usage, unreadable key, unreachable server, or the store already exists.

Examples:
  credstack status create --key issuer-key.json --url https://school.example/status/1 --out revocation.sqlite
  credstack status create --key issuer-key.json --url https://school.example/suspended/1 --purpose suspension --out suspension.sqlite
  credstack status create --key issuer-key.json --url https://school.example/status/1 --out 'postgres://issuer@db.school.example/credstack?store=revocation'
  credstack status create --key issuer-key.json --url https://school.example/msg/1 --purpose message --status-size 2 \
    --status-message valid --status-message 'under review' --status-message withdrawn --status-message superseded --out messages.sqlite
`,
    )
    .action(
      async (opts: {
        key: string;
        url: string;
        purpose: string;
        size?: string;
        statusSize?: string;
        statusMessage: string[];
        statusReference: string[];
        ttl?: string;
        rollover: boolean;
        out: string;
        json?: boolean;
      }) => {
        const purpose = parsePurpose(opts.purpose);
        const key = importKeyFile(readJson(opts.key));
        const store = await initStatusStore(opts.out, {
          url: opts.url,
          purpose,
          issuer: key.controller,
          ...(opts.size !== undefined ? { size: parseCount(opts.size, '--size') } : {}),
          ...(opts.statusSize !== undefined
            ? { statusSize: parseCount(opts.statusSize, '--status-size') }
            : {}),
          ...(opts.statusMessage.length > 0
            ? {
                statusMessages: opts.statusMessage.map((message, i) => ({
                  status: `0x${i.toString(16)}`,
                  message,
                })),
              }
            : {}),
          ...(opts.statusReference.length === 1
            ? { statusReference: opts.statusReference[0]! }
            : opts.statusReference.length > 1
              ? { statusReference: opts.statusReference }
              : {}),
          ...(opts.ttl !== undefined ? { ttl: parseCount(opts.ttl, '--ttl') } : {}),
          rollover: opts.rollover,
        });
        const lists = await store.lists().finally(() => store.close());
        const [list] = lists;
        if (opts.json) {
          const summary = {
            store: store.location,
            purpose,
            issuer: key.controller,
            lists: lists.map((l) => ({ url: l.url, size: l.size })),
          };
          printJson(summary);
          return;
        }
        printError(
          `Created ${purpose} status store ${store.location}: list ${list!.url} (${list!.size} entries), issuer ${key.controller}\n`,
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
      .argument('<store>', 'status store: SQLite file or postgres:// URL')
      .option('--credential <file>', 'the credential (JSON, VC-JWT or baked image): its id is looked up')
      .option('--id <credentialId>', 'the credential id')
      .option('--index <n>', 'the status list index')
      .option('--list <url>', 'with --index, when the store has several lists')
      .option('--json', 'print what was changed as JSON')
      .addHelpText(
        'after',
        `
The change is recorded in the store; verifiers see it once the list is published again (credstack status publish).

Exit codes: 0 changed, 2 usage, unreadable store, unreachable server, or a credential/index the store does not know.

Examples:
  credstack status ${action} status.sqlite --credential badge.signed.json
  credstack status ${action} status.sqlite --index 94567
`,
      )
      .action(async (file: string, opts: RefOptions) => runChange(action, file, opts));
  }

  status
    .command('set')
    .description(
      'Set the status value of a credential (message stores with statusSize above 1, or any store)',
    )
    .argument('<store>', 'status store: SQLite file or postgres:// URL')
    .requiredOption('--value <n>', "the status value: 0 … 2^statusSize − 1 (see the store's status messages)")
    .option('--credential <file>', 'the credential (JSON, VC-JWT or baked image): its id is looked up')
    .option('--id <credentialId>', 'the credential id')
    .option('--index <n>', 'the status list index')
    .option('--list <url>', 'with --index, when the store has several lists')
    .option('--json', 'print what was changed as JSON')
    .addHelpText(
      'after',
      `
Exit codes: 0 changed, 2 usage, unreadable store, or a value / credential / index the store does not accept.

Examples:
  credstack status set messages.sqlite --id urn:uuid:3f2a… --value 2
`,
    )
    .action(async (file: string, opts: RefOptions & { value: string }) =>
      runChange('set', file, opts, parseCount(opts.value, '--value')),
    );

  status
    .command('migrate')
    .description('Move a JSON file store (credstack 0.1) into a database store, slot for slot')
    .argument('<file>', 'the JSON file store')
    .requiredOption('--to <store>', 'the new store: an SQLite file (.sqlite, .db) or a postgres:// URL')
    .option('--json', 'print { from, to, lists, allocations, credentials, set } as JSON')
    .addHelpText(
      'after',
      `
Every list, allocated index and status bit keeps its place, so issued credentials stay valid (or
revoked). The new store is read back and compared with the file; the file is left as it was.
Stop every process issuing from the file first.

Exit codes: 0 moved, 2 usage, unreadable file, or a store already at --to.

Examples:
  credstack status migrate status.json --to status.sqlite
  credstack status migrate status.json --to 'postgres://issuer@db.school.example/credstack?store=revocation'
`,
    )
    .action(async (file: string, opts: { to: string; json?: boolean }) => {
      const report = await migrateFileStatusStore(file, opts.to);
      if (opts.json) printJson(report);
      else
        printError(
          `Moved ${report.from} → ${report.to}: ${report.lists} list(s), ${report.allocations} slots (${report.credentials} with a credential id), ${report.set} set\n`,
        );
    });

  status
    .command('publish')
    .description('Sign the status list credential(s) of a store, ready to serve at their URLs')
    .argument('<store>', 'status store: SQLite file or postgres:// URL')
    .requiredOption('--key <keyfile>', "issuer key file (the store's issuer)")
    .requiredOption('--out <file>', 'where to write the signed list credential')
    .option('--format <format>', FORMATS.join(' | '))
    .option('--valid-from <iso>', 'validFrom of the list credential (default: now)')
    .option('--valid-until <iso>', 'validUntil: verifiers refuse the list after it, so re-publish before')
    .option(
      '--documents-map <file>',
      'also add { list URL: file } to this map for credstack verify --documents',
    )
    .option('--json', 'print [{ url, file, etag, contentType }] as JSON')
    .addHelpText(
      'after',
      `
A store whose first list filled up has several lists: list 1 (URL) is written to --out, list n
(URL-n) to --out with -n before the extension (status-list.json, status-list-2.json, …).
Serve each file at its URL, byte for byte, with its content type and ETag (printed; a strong
ETag of the file, for If-None-Match); publish again after every revoke, suspend or reinstate.

Exit codes: 0 written, 2 usage, unreadable store or key, or a key that is not the store's issuer.

Examples:
  credstack status publish status.sqlite --key issuer-key.json --out status-list.json
  credstack status publish status.sqlite --key issuer-key.json --out status-list.json --documents-map documents.json
  credstack status publish status.sqlite --key issuer-key.json --format vc-jwt --out status-list.jwt
`,
    )
    .action(async (file: string, opts: PublishOptions) => runPublish(file, opts));

  status
    .command('show')
    .description('Show the lists of a status store (URLs, allocated and set entries) and its allocations')
    .argument('<store>', 'status store: SQLite file or postgres:// URL')
    .option(
      '--json',
      'print { purpose, issuer, statusSize, lists, allocations: [{ credentialId, list, index, purpose, set }] } as JSON',
    )
    .addHelpText(
      'after',
      '\nExit codes: 0 shown, 2 usage, unreadable store or unreachable server.\n\nExamples:\n  credstack status show status.sqlite\n  credstack status show status.sqlite --json\n',
    )
    .action(async (file: string, opts: { json?: boolean }) => {
      const store = await openStatusStore(file);
      try {
        const lists = (await store.lists()).map((l) => ({
          url: l.url,
          size: l.size,
          allocated: l.count,
          set: countSetEntries(l.bits, l.statusSize),
        }));
        if (opts.json) {
          const summary = {
            purpose: store.purpose,
            issuer: store.issuer ?? null,
            statusSize: store.statusSize,
            ...(store.statusMessages ? { statusMessages: store.statusMessages } : {}),
            lists,
            allocations: await store.allocations(),
          };
          printJson(summary);
          return;
        }
        print(`${store.purpose} store ${store.location}, issuer ${store.issuer ?? '(none)'}\n`);
        const verb = { revocation: 'revoked', suspension: 'suspended', refresh: 'set', message: 'set' }[
          store.purpose
        ];
        for (const l of lists) print(`  ${l.url}  ${l.allocated}/${l.size} allocated, ${l.set} ${verb}\n`);
      } finally {
        await store.close();
      }
    });
  return status;
}

function parsePurpose(value: string): StatusPurpose {
  if (value !== 'revocation' && value !== 'suspension' && value !== 'refresh' && value !== 'message') {
    throw new CliExit(
      EXIT.usage,
      `--purpose must be revocation, suspension, refresh or message, got ${value}`,
    );
  }
  return value;
}

function parseCount(value: string, flag: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) {
    throw new CliExit(EXIT.usage, `${flag} must be a non-negative integer, got ${value}`);
  }
  return Number(value);
}

/** Entries whose status value is not 0 (statusSize bits each, most significant first). */
function countSetEntries(bits: Uint8Array, statusSize: number): number {
  let n = 0;
  if (statusSize === 1) {
    for (let byte of bits) {
      for (; byte; byte &= byte - 1) n++;
    }
    return n;
  }
  for (let entry = 0; entry < (bits.length * 8) / statusSize; entry++) {
    for (let b = 0; b < statusSize; b++) {
      const bit = entry * statusSize + b;
      if (bits[bit >> 3]! & (0x80 >> (bit & 7))) {
        n++;
        break;
      }
    }
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

async function runChange(action: Action, file: string, opts: RefOptions, value?: number): Promise<void> {
  const store = await openStatusStore(file);
  try {
    await change(store, action, file, opts, value);
  } finally {
    await store.close();
  }
}

async function change(
  store: StatusStore,
  action: Action,
  file: string,
  opts: RefOptions,
  setValue?: number,
): Promise<void> {
  const ref = await refFrom(store, opts);
  if (action === 'set') await store.set(ref, setValue!);
  else await store[action](ref);
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
  const value = action === 'set' ? setValue !== 0 : action !== 'reinstate';
  const done = {
    revoke: 'revoked',
    suspend: 'suspended',
    reinstate: 'reinstated',
    set: `set to ${setValue}`,
  }[action];
  if (opts.json) {
    printJson({
      action,
      ...(credentialId ? { credentialId } : {}),
      listUrl,
      index,
      set: value,
      ...(action === 'set' ? { value: setValue } : {}),
    });
  } else {
    print(`${done} ${credentialId ? `${credentialId} ` : ''}(${listUrl} index ${index})\n`);
  }
  printError(
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
  const store = await openStatusStore(file);
  const published = await publishStatusList(store, {
    key,
    ...(opts.format ? { format: opts.format as IssueFormat } : {}),
    ...(opts.validFrom !== undefined ? { validFrom: opts.validFrom } : {}),
    ...(opts.validUntil !== undefined ? { validUntil: opts.validUntil } : {}),
  }).finally(() => store.close());
  const written = published.map((p, i) => {
    const out = listFileName(opts.out, i + 1);
    // The bytes written are the bytes the ETag is of: serve the file as it is.
    writeOutput(out, p.body);
    return { url: p.url, file: out, etag: p.etag, contentType: p.contentType };
  });
  if (opts.documentsMap !== undefined) updateMap(opts.documentsMap, written);
  if (opts.json) printJson(written);
  else
    for (const w of written)
      printError(`Wrote ${w.url} → ${w.file} (serve as ${w.contentType}, ETag ${w.etag})\n`);
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
  writeOutput(mapPath, jsonText(map));
}
