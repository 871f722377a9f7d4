import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { CredstackError } from '../../errors.js';
import {
  didWebDocument,
  didWebUrl,
  importKeyFile,
  issuerProfileWithKeys,
  type KeyFile,
  publicKeyFile,
} from '../../keys/index.js';
import { CliExit, EXIT, jsonText, printError, printJson, readJson, writeOutput } from '../io.js';

export interface IssuerInitCliOptions {
  key: string;
  id: string;
  out?: string;
  name?: string;
  force?: boolean;
  json?: boolean;
}

/** One file `issuer init` writes: its name in the directory, the document, where it is served. */
interface PublishedFile {
  file: string;
  document: unknown;
  /** The URL a verifier fetches it from; for a key document, the verification method id. */
  url: string;
  /** Why a file is not fetched at a URL of its own. */
  note?: string;
}

const DOCUMENTS_MAP = 'documents.json';

export function registerIssuer(program: Command): Command {
  const issuer = program
    .command('issuer')
    .description('What an issuer publishes so that verifiers find its keys');
  issuer
    .command('init')
    .description(
      'Write the documents a did:web or https issuer publishes (DID document, or Profile, key document and JWKS) and a documents map for offline verification',
    )
    .requiredOption(
      '--key <keyfile>',
      'issuer key file (from credstack keygen); only its public part is written',
    )
    .requiredOption('--id <issuer>', 'the issuer id: did:web:DOMAIN[:PATH] or an https URL')
    .option('--out <dir>', 'directory to write the files to (created if missing)', '.')
    .option('--name <name>', "the issuer's name in its Profile (https issuers)")
    .option('--force', 'replace files that exist')
    .option('--json', 'print { files: [{ file, url }], documents } as JSON')
    .addHelpText(
      'after',
      `
The key must be controlled by --id: make it with credstack keygen --did web:DOMAIN (did:web) or
credstack keygen --controller URL (https). Files written to --out:

  did:web   did.json        the DID document (the key under assertionMethod), served at the
                            did:web URL (did:web:school.example: https://school.example/.well-known/did.json)
  https     profile.json    the issuer's Open Badges Profile with the key, served at the issuer id
            key.json        the key as a document with its controller; no URL of its own (a GET of
                            ID#fragment is answered by the Profile): for documents maps and loaders
            jwks.json       the JWKS, served at https://HOST/.well-known/jwks.json (VC-JWT key provenance)
  both      documents.json  a documents map (URL -> file) of the above: credstack verify --documents

Existing files are not replaced without --force. Each file's URL is printed.

Exit codes: 0 written, 2 usage, an unusable key, or a file that exists or cannot be written.

Examples:
  credstack keygen --did web:school.example --out key.json
  credstack issuer init --key key.json --id did:web:school.example --out site
  credstack issue --key key.json --in badge.json --out badge.signed.json
  credstack verify badge.signed.json --documents site/documents.json

  credstack keygen --controller https://school.example/issuer --out key.json
  credstack issuer init --key key.json --id https://school.example/issuer --name "Example School" --out site
`,
    )
    .action((opts: IssuerInitCliOptions) => runIssuerInit(opts));
  return issuer;
}

function checkController(key: KeyFile, id: string, hint: string): void {
  if (key.controller !== id) {
    throw new CredstackError(
      'ERR_ISSUER_MISMATCH',
      `The key ${key.id} is controlled by ${key.controller}, not by ${id}: make a key for this issuer with ${hint}`,
    );
  }
}

/** The files of a did:web issuer: its DID document. */
function didWebFiles(key: KeyFile, id: string): PublishedFile[] {
  const url = didWebUrl(id);
  checkController(key, id, `credstack keygen --did ${id.slice('did:'.length)}`);
  return [{ file: 'did.json', document: didWebDocument([key], { id }), url }];
}

/** The files of an https issuer: Profile with the key, the key document, the JWKS. */
function httpsFiles(key: KeyFile, id: string, name: string | undefined): PublishedFile[] {
  checkController(key, id, `credstack keygen --controller ${id}`);
  const published = issuerProfileWithKeys(key, { id, ...(name !== undefined ? { name } : {}) });
  const files: PublishedFile[] = [{ file: 'profile.json', document: published.profile, url: id }];
  for (const [vmId, document] of Object.entries(published.keyDocuments)) {
    files.push({
      file: 'key.json',
      document,
      url: vmId,
      note: `not published on its own: ${id} (profile.json) carries the key`,
    });
  }
  files.push({ file: 'jwks.json', document: published.jwks, url: published.jwksUrl });
  return files;
}

/** `credstack issuer init`: writes what the issuer publishes, and a documents map of it. */
export function runIssuerInit(opts: IssuerInitCliOptions): void {
  const key = publicKeyFile(importKeyFile(readJson(opts.key)));
  let files: PublishedFile[];
  if (opts.id.startsWith('did:web:')) {
    if (opts.name !== undefined) {
      throw new CliExit(
        EXIT.usage,
        '--name is the name in an https issuer Profile; a did:web DID document has none (name the issuer in the credential)',
      );
    }
    files = didWebFiles(key, opts.id);
  } else if (/^https?:\/\//i.test(opts.id)) {
    files = httpsFiles(key, opts.id, opts.name);
  } else {
    throw new CliExit(EXIT.usage, `--id must be a did:web DID or an https URL, got ${opts.id}`);
  }
  const documents = Object.fromEntries(files.map(({ url, file }) => [url, file]));
  const all = [...files, { file: DOCUMENTS_MAP, document: documents, url: '' }];

  const dir = opts.out ?? '.';
  // Every file is checked before any is written: a refusal leaves the directory as it was.
  if (!opts.force) {
    const existing = all.map(({ file }) => join(dir, file)).filter((path) => existsSync(path));
    if (existing.length > 0) {
      throw new CliExit(EXIT.usage, `${existing.join(', ')} already exist(s): pass --force to replace`);
    }
  }
  try {
    mkdirSync(dir, { recursive: true });
  } catch (cause) {
    throw new CredstackError(
      'ERR_FILE_WRITE',
      `Cannot create ${dir}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause },
    );
  }
  for (const { file, document } of all) writeOutput(join(dir, file), jsonText(document));

  if (opts.json) {
    printJson({
      files: files.map(({ file, url, note }) => ({ file: join(dir, file), url, ...(note ? { note } : {}) })),
      documents: join(dir, DOCUMENTS_MAP),
    });
    return;
  }
  for (const { file, url, note } of files) {
    printError(`Wrote ${join(dir, file)}: ${note ?? `publish at ${url}`}\n`);
  }
  printError(
    `Wrote ${join(dir, DOCUMENTS_MAP)}: the documents map, to verify offline: credstack verify BADGE --documents ${join(dir, DOCUMENTS_MAP)}\n`,
  );
}
