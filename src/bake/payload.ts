// What goes into a baked image and what comes out: OB 3.0 §"Open Badges Document Formats" allows
// exactly two payloads, the credential as JSON (embedded proof) or as a Compact JWS (VC-JWT).
import { CredstackError, describeValue } from '../errors.js';
import { isCompactJws } from '../lib/jws.js';
import { isObject } from '../lib/json.js';

/**
 * The credential found in a baked image: JSON with an embedded proof, or a compact JWS (VC-JWT).
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { unbake, type BakedPayload } from 'credstack'
 * const payload: BakedPayload = unbake(png)
 * const id = payload.format === 'json' ? payload.credential.id : payload.jwt
 * ```
 */
export type BakedPayload =
  | { format: 'json'; credential: Record<string, unknown> }
  | { format: 'jwt'; jwt: string };

// Same shape test as the verifier's (RFC 7515 §7.1): three base64url segments.

/** A payload ready to embed: its format and the exact text to write. */
export interface PreparedPayload {
  format: 'json' | 'jwt';
  text: string;
}

/**
 * Normalises what the caller wants to bake. Objects are serialised with `JSON.stringify` (no
 * pretty-print); JSON text is embedded as given, after checking that it parses to an object.
 */
export function preparePayload(credential: unknown): PreparedPayload {
  if (typeof credential === 'string') {
    const text = credential.trim();
    if (isCompactJws(text)) return { format: 'jwt', text };
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `Expected the credential as a compact JWS or JSON text, got ${describeValue(credential)} that is neither`,
        { cause },
      );
    }
    if (!isObject(parsed)) {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        `Expected the credential JSON to be an object, got ${describeValue(parsed)}`,
      );
    }
    return { format: 'json', text: escapeUncarriable(text) };
  }
  if (isObject(credential)) {
    let text: string;
    try {
      text = JSON.stringify(credential);
    } catch (cause) {
      throw new CredstackError('ERR_INVALID_INPUT', 'The credential object cannot be serialised as JSON', {
        cause,
      });
    }
    return { format: 'json', text: escapeUncarriable(text) };
  }
  throw new CredstackError(
    'ERR_INVALID_INPUT',
    `Expected the credential as an object, JSON text or a compact JWS, got ${describeValue(credential)}`,
  );
}

// Characters that XML 1.0 forbids (§2.2) and lone surrogates, which UTF-8 cannot carry. In valid
// JSON text these can only stand inside strings (JSON whitespace is space, tab, CR and LF), so
// writing them as \uXXXX escapes keeps the parsed value identical while keeping the carrier valid.
function isUncarriable(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 0x20) return c !== 0x09 && c !== 0x0a && c !== 0x0d;
  if (c === 0xfffe || c === 0xffff) return true;
  if (c >= 0xd800 && c <= 0xdbff) {
    const next = text.charCodeAt(i + 1);
    return !(next >= 0xdc00 && next <= 0xdfff);
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    const prev = text.charCodeAt(i - 1);
    return !(prev >= 0xd800 && prev <= 0xdbff);
  }
  return false;
}

function escapeUncarriable(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (!isUncarriable(text, i)) continue;
    out += `${text.slice(from, i)}\\u${text.charCodeAt(i).toString(16).padStart(4, '0')}`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** Classifies the text found in an image: a compact JWS, else JSON that must be an object. */
export function parsePayload(raw: string, where: string): BakedPayload {
  const text = raw.trim();
  if (isCompactJws(text)) return { format: 'jwt', jwt: text };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new CredstackError(
      'ERR_JSON_PARSE',
      `The credential baked in the ${where} is neither a compact JWS nor valid JSON: ${(cause as Error).message}`,
      { cause, path: where },
    );
  }
  if (!isObject(parsed)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `The credential baked in the ${where} must be a JSON object, got ${describeValue(parsed)}`,
      { path: where },
    );
  }
  return { format: 'json', credential: parsed };
}

/** The error for an Open Badges 2.0 baked image, which credstack neither verifies nor re-bakes. */
export function ob2Error(what: string, imageType: 'png' | 'svg', baking: boolean): CredstackError {
  const tail = baking
    ? 'credstack bakes Open Badges 3.0 only; start from the unbaked artwork'
    : 'credstack verifies Open Badges 3.0';
  return new CredstackError('ERR_BAKED_OB2', `This is an Open Badges 2.0 baked image (${what}); ${tail}`, {
    path: imageType,
  });
}
