import type { UnbakedCredential } from '../bake/bake.js';
import { isBakedImage } from '../bake/detect.js';
import { CredstackError, describeValue, isCredstackError } from '../errors.js';
import { fromUtf8 } from '../lib/bytes.js';
import { copyJson, isObject, type JsonObject } from '../lib/json.js';
import { isCompactJws } from '../proof/vc-jwt/decode.js';
import { exceedsLimits, findUnsafeText, jsonTextDepth, type VerifyLimits } from '../lib/limits.js';
import { type Check, failed } from './result.js';

/**
 * What the verifier accepts: a credential object, JSON text, a compact JWS, or a baked image (bytes, or SVG text).
 * @example
 * ```ts
 * import { type VerifyInput, verifyCredential } from 'credstack'
 * const input: VerifyInput = new Uint8Array(bakedPng)
 * const result = await verifyCredential(input)
 * ```
 */
export type VerifyInput = JsonObject | string | Uint8Array;

export type ParsedInput =
  | {
      kind: 'json';
      credential: JsonObject;
      container?: 'png' | 'svg';
      /**
       * `credential` is the verifier's own: parsed from text, or copied from the object given
       * (`copyJson`), so nothing outside the verification can change it while it runs. False for an
       * object with values other than JSON's, which the verifier reads as it is.
       */
      owned: boolean;
    }
  | { kind: 'jwt'; jwt: string; container?: 'png' | 'svg' };

// The image decoders (PNG chunks, an XML parser) load only when an image arrives: most inputs are JSON.
async function unbakeLazily(
  ...args: Parameters<typeof import('../bake/bake.js').unbake>
): Promise<UnbakedCredential> {
  const { unbake } = await import('../bake/bake.js');
  return unbake(...args);
}

/**
 * Turns any accepted input into a credential object or a JWT; coded errors for everything else.
 * `noun` names the input in messages (verifyPresentation passes 'presentation', and refuses images first).
 */
export async function parseInput(
  input: unknown,
  limits: Required<VerifyLimits>,
  noun = 'credential',
): Promise<ParsedInput> {
  if (input instanceof Uint8Array) {
    if (input.byteLength > limits.maxBytes) {
      throw new CredstackError(
        'ERR_LIMIT_EXCEEDED',
        `Input is ${input.byteLength} bytes, more than ${limits.maxBytes}`,
      );
    }
    if (isBakedImage(input)) {
      const baked = await unbakeLazily(input, { maxBytes: limits.maxBytes });
      const container = baked.imageType;
      if (baked.format === 'jwt') return { kind: 'jwt', jwt: baked.jwt, container };
      return {
        kind: 'json',
        credential: checkObject(baked.credential, limits, noun),
        container,
        owned: true,
      };
    }
    let text: string;
    try {
      text = fromUtf8(input);
    } catch (cause) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        'Input bytes are neither a PNG/SVG image nor UTF-8 text',
        { cause },
      );
    }
    return parseInput(text, limits, noun);
  }
  if (typeof input === 'string') {
    if (input.length > limits.maxBytes) {
      throw new CredstackError(
        'ERR_LIMIT_EXCEEDED',
        `Input is ${input.length} characters, more than ${limits.maxBytes}`,
      );
    }
    const text = input.trim();
    if (isCompactJws(text)) return { kind: 'jwt', jwt: text };
    // SVG read as text: same route as image bytes (unbake refuses DTDs and OB 2.0 images clearly).
    if (!text.startsWith('{') && isBakedImage(text)) {
      const baked = await unbakeLazily(input, { maxBytes: limits.maxBytes, imageType: 'svg' });
      if (baked.format === 'jwt') return { kind: 'jwt', jwt: baked.jwt, container: 'svg' };
      return {
        kind: 'json',
        credential: checkObject(baked.credential, limits, noun),
        container: 'svg',
        owned: true,
      };
    }
    if (!text.startsWith('{')) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `Expected a ${noun} as JSON, a compact JWS or a baked image, got ${describeValue(input)}`,
      );
    }
    if (jsonTextDepth(text, limits.maxDepth) > limits.maxDepth) {
      throw new CredstackError('ERR_LIMIT_EXCEEDED', `JSON nesting is deeper than ${limits.maxDepth} levels`);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new CredstackError('ERR_JSON_PARSE', `Input is not valid JSON: ${(cause as Error).message}`, {
        cause,
      });
    }
    return { kind: 'json', credential: checkObject(parsed, limits, noun), owned: true };
  }
  if (isObject(input)) {
    // the verifier's own copy, made first so that the checks read what the verification reads
    // (depth-bounded; past the bound, or with values JSON has not, the limits judge the input)
    const copy = copyJson(input, limits.maxDepth + 1);
    return copy === undefined
      ? { kind: 'json', credential: checkObject(input, limits, noun), owned: false }
      : { kind: 'json', credential: checkObject(copy, limits, noun), owned: true };
  }
  throw new CredstackError(
    'ERR_INVALID_INPUT',
    `Expected a ${noun} object, JSON text, a compact JWS or image bytes, got ${describeValue(input)}`,
  );
}

export function checkObject(value: unknown, limits: Required<VerifyLimits>, noun = 'credential'): JsonObject {
  if (!isObject(value)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `Expected a ${noun} JSON object, got ${describeValue(value)}`,
    );
  }
  const problem = exceedsLimits(value, limits);
  if (problem) throw new CredstackError('ERR_LIMIT_EXCEEDED', `The ${noun} has ${problem}`);
  const unsafe = findUnsafeText(value);
  if (unsafe !== undefined) {
    throw new CredstackError('ERR_INVALID_INPUT', `The ${noun} has ${unsafe.problem} at ${unsafe.path}`, {
      path: unsafe.path,
    });
  }
  return value;
}

function errorCode(error: unknown): string {
  return isCredstackError(error) ? error.code : 'ERR_INVALID_INPUT';
}

/** The failed check for an input that could not be parsed: over a limit, an OB 2.0 image, or malformed. */
export function parseFailure(error: unknown): Check {
  const code = errorCode(error);
  const message = (error as Error).message;
  if (code === 'ERR_LIMIT_EXCEEDED') return failed('limits', 'LIMIT_EXCEEDED', message);
  // An image with nothing baked in is a plain picture, not a broken badge: its own code lets the
  // CLI and the page say "this image carries no badge" instead of a parser's words.
  const check =
    code === 'ERR_BAKED_OB2'
      ? 'BAKED_OB2'
      : code === 'ERR_BAKED_NOT_FOUND'
        ? 'BAKED_NOT_FOUND'
        : 'PARSE_FAILED';
  return failed('parse', check, message);
}
