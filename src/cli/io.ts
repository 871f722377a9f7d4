// Node-only helpers of the CLI: the one place that touches the file system and the process.
import { hasUriScheme, isAbsoluteUri } from '../lib/uri.js';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  type Stats,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { CredstackError, isCredstackError } from '../errors.js';
import { isCompactJws } from '../lib/jws.js';
import type { JsonObject } from '../lib/json.js';
import { DEFAULT_LIMITS } from '../lib/limits.js';
import { type ParsedInput, parseInput } from '../verify/internal.js';

// What a terminal acts on or a reader is misled by: C0 controls but the newline (CR returns the
// cursor, ESC starts a sequence that can erase lines or set the window title), DEL, C1 (U+009B is
// CSI on its own), and the bidi embeddings, overrides and isolates (they reorder what is shown).
// Text from a credential goes through here before it reaches a terminal, so a badge named
// "\r\x1b[2KVERIFIED" cannot redraw a NOT VERIFIED report.
const TERMINAL_UNSAFE = /(?!\n)[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu;

/**
 * `text` with every control character but the newline (and every bidi control) written as a
 * `\uXXXX` escape. Inside JSON text this is lossless: the escape is the same JSON string, and
 * JSON.stringify never leaves a raw C0 control or newline inside a string.
 */
export function escapeControls(text: string): string {
  return text.replace(TERMINAL_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Human-readable text to stdout (reports, summaries), control characters escaped. */
export function print(text: string): void {
  process.stdout.write(escapeControls(text));
}

/** Human-readable text to stderr (messages, warnings), control characters escaped. */
export function printError(text: string): void {
  process.stderr.write(escapeControls(text));
}

/** JSON text of `value` (pretty, newline-terminated) safe to show in a terminal; parses to `value`. */
/** Commander's argument parser for a repeatable option: each use adds to the list. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

export function jsonText(value: unknown): string {
  return `${escapeControls(JSON.stringify(value, null, 2))}\n`;
}

/** A `--json` result to stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(jsonText(value));
}

/**
 * Lets the CLI's output go to a reader that stops early (`credstack verify … --json | head -1`):
 * a closed pipe (EPIPE) on stdout or stderr drops what is left to print instead of crashing with a
 * stack trace, and the command ends with its own exit code. For the executable only.
 */
export function tolerateClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

/** Exit codes shared by every command. */
export const EXIT = { ok: 0, notVerified: 1, usage: 2 } as const;

/** A failure that maps to an exit code; printed as one line on stderr, never a stack trace. */
export class CliExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
  }
}

export function readInput(path: string): Uint8Array {
  try {
    return path === '-' ? readFileSync(0) : readFileSync(path);
  } catch (cause) {
    throw new CredstackError(
      'ERR_FILE_READ',
      `Cannot read ${path === '-' ? 'standard input' : path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause },
    );
  }
}

export function readText(path: string): string {
  return new TextDecoder().decode(readInput(path));
}

export function readJson(path: string): unknown {
  const text = readText(path);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new CredstackError('ERR_JSON_PARSE', `${path} is not valid JSON: ${(cause as Error).message}`, {
      cause,
    });
  }
}

/** How {@link writeOutput} creates a file. */
export interface WriteOptions {
  /**
   * Permission bits of a file the write creates or replaces: `0o600` for a private key. Without
   * it a replaced file keeps its mode and a new one gets the default (0666 less the umask).
   */
  mode?: number;
}

function writeError(path: string, cause: unknown, reason?: string): CredstackError {
  return new CredstackError(
    'ERR_FILE_WRITE',
    `Cannot write ${path}: ${reason ?? (cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
    { cause },
  );
}

/**
 * Writes data the user asked for (a credential, a JWT, an image, CSV) to `path`, or to stdout
 * without `path` or with `-`, as is: bytes are not text to escape. JSON goes through
 * {@link jsonText} first.
 *
 * A regular file (or a new one) is written atomically: a temp file beside it, then a rename, so a
 * failure never leaves half a file. Anything else is never replaced by a rename, which would put
 * a regular file in its place (`--out /dev/null` run as root replaced the machine's /dev/null):
 * a symlink is followed to its target, which is then written by these same rules; a device or a
 * FIFO is written in place; a directory, a socket or a dangling symlink is refused.
 */
export function writeOutput(
  path: string | undefined,
  data: string | Uint8Array,
  options: WriteOptions = {},
): void {
  if (!path || path === '-') {
    process.stdout.write(typeof data === 'string' ? (data.endsWith('\n') ? data : `${data}\n`) : data);
    return;
  }
  let target = path;
  let stat: Stats | undefined;
  try {
    stat = lstatSync(path);
    if (stat.isSymbolicLink()) {
      // What the link points at decides; a regular file is then replaced where it lives (a
      // /proc/self/fd link to a pipe has no path to resolve, and is written through the link).
      stat = statSync(path);
      if (stat.isFile()) target = realpathSync(path);
    }
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'ENOENT') throw writeError(path, cause);
    if (stat?.isSymbolicLink()) throw writeError(path, cause, 'it is a symlink to a missing file');
    stat = undefined;
  }
  if (stat?.isCharacterDevice() || stat?.isBlockDevice() || stat?.isFIFO()) {
    try {
      writeFileSync(target, data);
    } catch (cause) {
      throw writeError(path, cause);
    }
    return;
  }
  if (stat && !stat.isFile()) {
    throw writeError(path, undefined, stat.isDirectory() ? 'it is a directory' : 'it is not a regular file');
  }
  const mode = options.mode ?? (stat ? stat.mode & 0o7777 : undefined);
  const tmp = join(
    dirname(target),
    `.${basename(target)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    // 'wx': never through a file someone put at the temp name; the mode is set on creation, so a
    // private key is never readable by others, not even for a moment.
    writeFileSync(tmp, data, { flag: 'wx', mode: options.mode ?? 0o666 });
    if (mode !== undefined) chmodSync(tmp, mode);
    renameSync(tmp, target);
  } catch (cause) {
    rmSync(tmp, { force: true });
    throw writeError(path, cause);
  }
}

/**
 * Reads a documents map into URL → document. Each value is a path (relative to the map) of a JSON
 * file or a VC-JWT file, or the document itself: a JSON object, or a compact JWS (a status list
 * published as a VC-JWT). So the CLI takes both forms: the files `credstack issuer init` writes,
 * and the object an API caller passes as `documents`. Every problem is a usage error (exit 2)
 * naming the map, the URL and the path.
 */
export function readDocumentsMap(mapPath: string): Record<string, unknown> {
  const map = readJson(mapPath);
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${mapPath} must be a JSON object mapping URLs or DIDs to file paths (or to the documents themselves), got ${map === null ? 'null' : Array.isArray(map) ? 'an array' : typeof map}`,
    );
  }
  const base = dirname(resolve(mapPath));
  const out: Record<string, unknown> = {};
  for (const [url, value] of Object.entries(map)) {
    const entry = `${mapPath}: the entry for ${url}`;
    if (!hasUriScheme(url)) {
      throw new CredstackError('ERR_INVALID_INPUT', `${entry}: the key must be a URL or a DID`);
    }
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      out[url] = value;
      continue;
    }
    if (typeof value !== 'string' || value === '') {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `${entry} must be a file path or a JSON object (the document), got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value === 'string' ? 'an empty string' : typeof value}`,
      );
    }
    if (isCompactJws(value)) {
      out[url] = value;
      continue;
    }
    const path = isAbsolute(value) ? value : resolve(base, value);
    let text: string;
    try {
      text = readText(path).trim();
    } catch (error) {
      const why = (error as { cause?: NodeJS.ErrnoException }).cause?.code ?? (error as Error).message;
      throw new CredstackError('ERR_FILE_READ', `${entry}: cannot read ${path}: ${why}`, { cause: error });
    }
    // A status list published as a VC-JWT is a compact JWS, not JSON: keep it as text.
    if (isCompactJws(text)) {
      out[url] = text;
      continue;
    }
    try {
      out[url] = JSON.parse(text);
    } catch (cause) {
      throw new CredstackError(
        'ERR_JSON_PARSE',
        `${entry}: ${path} is not valid JSON (nor a VC-JWT): ${(cause as Error).message}`,
        { cause },
      );
    }
  }
  return out;
}

/**
 * The value of `--trust`: a file when one exists at that path (a JSON list of ids/patterns,
 * credstack's `{ issuers: [...] }` or a DCC registry), else the trusted ids and patterns
 * themselves, comma-separated (`did:key:z6Mk…`, `did:web:*.example.edu,https://school.example/*`).
 * A value that is neither a file nor a list of ids (a mistyped file name) is a usage error, so a
 * typo never quietly trusts nobody.
 */
export function readTrustOption(value: string): unknown {
  let isFile = false;
  try {
    isFile = value === '-' || statSync(value).isFile();
  } catch {}
  if (isFile) return readJson(value);
  const ids = value
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id !== '');
  const notAnId = ids.find((id) => !isAbsoluteUri(id));
  if (ids.length === 0 || notAnId !== undefined) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `--trust ${value}: no such file, and ${notAnId === undefined ? 'no issuer ids' : `${JSON.stringify(notAnId)} is not an issuer id or pattern (did:…, https://…)`}`,
    );
  }
  return ids;
}

/** Prints an error the user can act on and returns the exit code for it. */
export function reportError(error: unknown): number {
  if (error instanceof CliExit) {
    if (error.message) printError(`credstack: ${error.message}\n`);
    return error.exitCode;
  }
  if (isCredstackError(error)) {
    printError(`credstack: ${error.message} [${error.code}]\n`);
    return error.code === 'ERR_SCHEMA_INVALID' ? EXIT.notVerified : EXIT.usage;
  }
  printError(`credstack: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
  return EXIT.usage;
}

/**
 * A credential file as the library takes it: a JSON object, or a compact VC-JWT string; a baked
 * PNG/SVG gives the credential inside it. Parsed with the verifier's own limits.
 */
export async function readCredentialFile(path: string): Promise<JsonObject | string> {
  let parsed: ParsedInput;
  try {
    parsed = await parseInput(readInput(path), DEFAULT_LIMITS);
  } catch (error) {
    if (isCredstackError(error) && error.code !== 'ERR_FILE_READ') {
      throw new CredstackError(error.code, `${path}: ${error.message}`, { cause: error });
    }
    throw error;
  }
  return parsed.kind === 'jwt' ? parsed.jwt : parsed.credential;
}

/** {@link readCredentialFile} for each file, in order (the first unreadable file is the error). */
export async function readCredentialFiles(paths: readonly string[]): Promise<Array<JsonObject | string>> {
  const credentials: Array<JsonObject | string> = [];
  for (const path of paths) credentials.push(await readCredentialFile(path));
  return credentials;
}
