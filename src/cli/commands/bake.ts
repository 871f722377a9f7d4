import type { Command } from 'commander';
import { bake, unbake } from '../../bake/index.js';
import { CredstackError, isCredstackError } from '../../errors.js';
import { isObject } from '../../lib/json.js';
import { isCompactJws } from '../../proof/vc-jwt/decode.js';
import { CliExit, EXIT, jsonText, printError, readInput, readText, writeOutput } from '../io.js';

/** Names the file in a library error, so "not a PNG" says which argument was wrong. */
function naming(file: string, error: unknown): unknown {
  if (!isCredstackError(error)) return error;
  return new CredstackError(error.code, `${file}: ${error.message}`, { cause: error });
}

/** A credential without a proof bakes fine (the image is only a carrier) but will never verify. */
function warnIfUnsigned(file: string, text: string): void {
  const trimmed = text.trim();
  if (isCompactJws(trimmed)) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(trimmed);
  } catch {
    return; // bake reports malformed input with its own coded error
  }
  if (isObject(parsed) && parsed.proof === undefined) {
    printError(
      `credstack: warning: ${file} has no proof; the baked badge will not verify (sign it with credstack issue)\n`,
    );
  }
}

export function registerBake(program: Command): void {
  program
    .command('bake')
    .description('Bake a credential into a PNG or SVG badge image (Open Badges 3.0 baking)')
    .argument('<image>', 'PNG or SVG artwork (an already baked OB 3.0 image is re-baked)')
    .argument(
      '<credential>',
      'signed credential: JSON (embedded proof) or a compact VC-JWT file, or - for stdin',
    )
    .requiredOption('--out <file>', 'where to write the baked image (- for stdout)')
    .addHelpText(
      'after',
      '\nPNG gets one iTXt chunk "openbadgecredential"; SVG gets one <openbadges:credential> element.\n' +
        'A credential without a proof is baked with a warning (it will not verify).\n\n' +
        'Exit codes: 0 written, 2 usage, unreadable input or an image that cannot be baked.\n\n' +
        'Examples:\n  credstack bake badge.png badge.signed.json --out badge-baked.png\n' +
        '  credstack bake badge.svg badge.jwt --out badge-baked.svg\n',
    )
    .action((image: string, credential: string, opts: { out: string }) => {
      const imageBytes = readInput(image);
      const text = readText(credential);
      warnIfUnsigned(credential, text);
      // The credential text is embedded as given: a Data Integrity proof does not depend on whitespace.
      let baked: Uint8Array;
      try {
        baked = bake(imageBytes, text);
      } catch (error) {
        // bake refuses a bad credential with ERR_INVALID_INPUT; every other code is about the image.
        const code = isCredstackError(error) ? error.code : undefined;
        throw naming(code === 'ERR_INVALID_INPUT' ? credential : image, error);
      }
      writeOutput(opts.out, baked);
      if (opts.out !== '-') printError(`Wrote ${opts.out} (${baked.byteLength} bytes)\n`);
    });
}

export interface UnbakeCliOptions {
  out?: string;
  json?: boolean;
}

export function registerUnbake(program: Command): void {
  program
    .command('unbake')
    .description(
      'Extract the credential baked into a PNG or SVG badge (nothing is verified: use credstack verify)',
    )
    .argument('<file>', 'baked PNG or SVG, or - for stdin')
    .option('--out <file>', 'where to write the credential (default: stdout)')
    .option('--json', 'print { format, imageType, credential | jwt } as JSON')
    .addHelpText(
      'after',
      '\nWrites the JSON credential (pretty-printed) or the compact VC-JWT as text.\n\n' +
        'Exit codes: 0 extracted, 1 the image carries no credential, 2 usage, unreadable, corrupt or\n' +
        'Open Badges 2.0 image.\n\n' +
        'Examples:\n  credstack unbake badge-baked.png --out badge.json\n  credstack unbake badge-baked.svg --json\n',
    )
    .action((file: string, opts: UnbakeCliOptions) => {
      const bytes = readInput(file);
      let baked: ReturnType<typeof unbake>;
      try {
        baked = unbake(bytes);
      } catch (error) {
        if (isCredstackError(error) && error.code === 'ERR_BAKED_NOT_FOUND') {
          throw new CliExit(EXIT.notVerified, `${file}: ${error.message} [${error.code}]`);
        }
        throw naming(file, error);
      }
      const { format, imageType } = baked;
      let output: string;
      if (opts.json) {
        const payload = baked.format === 'jwt' ? { jwt: baked.jwt } : { credential: baked.credential };
        output = jsonText({ format, imageType, ...payload });
      } else if (baked.format === 'jwt') output = `${baked.jwt}\n`;
      else output = jsonText(baked.credential);
      writeOutput(opts.out, output);
    });
}
