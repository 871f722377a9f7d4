// What a presentation can be (an object, JSON text, a compact JWS; never an image), parsed with
// the verifier's limits; a VC-JWT inside one as VCDM 2.0 envelopes it.
import { isBakedImage } from '../bake/detect.js';
import { describeValue } from '../errors.js';
import { asArray, isObject, type JsonObject } from '../lib/json.js';
import type { VerifyLimits } from '../lib/limits.js';
import { type Check, failed, parseFailure, parseInput } from '../verify/internal.js';

/**
 * The verifier's own parsing (size, depth, values, unsafe text: the same limits and messages as
 * verifyCredential), restricted to what a presentation can be: an object, JSON text or a compact
 * JWS, as text or UTF-8 bytes. A presentation is never baked into an image, so image input is
 * refused before parseInput would start decoding one.
 */
export async function parsePresentation(
  input: unknown,
  limits: Required<VerifyLimits>,
): Promise<{ kind: 'json'; presentation: JsonObject } | { kind: 'jwt'; jwt: string } | { failure: Check }> {
  if ((input instanceof Uint8Array || typeof input === 'string') && isBakedImage(input)) {
    return {
      failure: failed(
        'parse',
        'PARSE_FAILED',
        'The input is an image: a presentation is JSON or a compact JWS, never baked into an image',
      ),
    };
  }
  if (!(input instanceof Uint8Array) && typeof input !== 'string' && !isObject(input)) {
    return {
      failure: failed(
        'parse',
        'PARSE_FAILED',
        `Expected a presentation object, JSON text or a compact JWS, got ${describeValue(input)}`,
      ),
    };
  }
  try {
    const parsed = await parseInput(input, limits, 'presentation');
    if (parsed.container !== undefined) {
      // isBakedImage above and parseInput sniff alike; should they ever differ, still no images.
      return {
        failure: failed('parse', 'PARSE_FAILED', 'A presentation is never baked into an image'),
      };
    }
    return parsed.kind === 'jwt'
      ? { kind: 'jwt', jwt: parsed.jwt }
      : { kind: 'json', presentation: parsed.credential };
  } catch (error) {
    return { failure: parseFailure(error) };
  }
}

export function envelopedJwt(item: unknown): string | undefined {
  if (
    !isObject(item) ||
    !asArray(item.type).includes('EnvelopedVerifiableCredential') ||
    typeof item.id !== 'string'
  )
    return undefined;
  const match = /^data:application\/vc\+jwt,(.+)$/.exec(item.id);
  return match?.[1];
}
