// Node-only helpers of the CLI: the one place that touches the file system and the process.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { CredstackError, isCredstackError } from '../errors.js';
import { isCompactJws } from '../lib/jws.js';
import type { JsonObject } from '../lib/json.js';
import { DEFAULT_LIMITS } from '../verify/limits.js';
import { type ParsedInput, parseInput } from '../verify/parse.js';

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

/** Writes atomically (temp file + rename) so a failure never leaves half a file. */
export function writeOutput(path: string | undefined, data: string | Uint8Array): void {
  if (!path || path === '-') {
    process.stdout.write(typeof data === 'string' ? (data.endsWith('\n') ? data : `${data}\n`) : data);
    return;
  }
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (cause) {
    throw new CredstackError(
      'ERR_FILE_READ',
      `Cannot write ${path}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`,
      { cause },
    );
  }
}

/** Reads a documents map `{ "URL or DID": "path relative to the map" }` into URL → JSON. */
export function readDocumentsMap(mapPath: string): Record<string, unknown> {
  const map = readJson(mapPath);
  if (typeof map !== 'object' || map === null || Array.isArray(map)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `${mapPath} must be a JSON object mapping URLs to file paths`,
    );
  }
  const base = dirname(resolve(mapPath));
  const out: Record<string, unknown> = {};
  for (const [url, file] of Object.entries(map)) {
    if (typeof file !== 'string') {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `${mapPath}: the entry for ${url} must be a file path string`,
      );
    }
    const path = isAbsolute(file) ? file : resolve(base, file);
    // A status list published as a VC-JWT is a compact JWS, not JSON: keep it as text.
    const text = readText(path).trim();
    out[url] = isCompactJws(text) ? text : readJson(path);
  }
  return out;
}

/** Prints an error the user can act on and returns the exit code for it. */
export function reportError(error: unknown): number {
  if (error instanceof CliExit) {
    if (error.message) process.stderr.write(`credstack: ${error.message}\n`);
    return error.exitCode;
  }
  if (isCredstackError(error)) {
    process.stderr.write(`credstack: ${error.message} [${error.code}]\n`);
    return error.code === 'ERR_SCHEMA_INVALID' ? EXIT.notVerified : EXIT.usage;
  }
  process.stderr.write(`credstack: unexpected error: ${(error as Error)?.message ?? String(error)}\n`);
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
