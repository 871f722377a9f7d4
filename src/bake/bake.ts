import { CredstackError, describeValue } from '../errors.js';
import { utf8 } from '../lib/bytes.js';
import { detectImageType } from './detect.js';
import { type BakedPayload, preparePayload } from './payload.js';
import { bakePng, unbakePng } from './png.js';
import { bakeSvg, unbakeSvg } from './svg.js';

/**
 * Image formats that can carry a baked credential.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { bake, type ImageType } from 'credstack'
 * const imageType: ImageType = 'svg'
 * bake(svgText, jwt, { imageType })
 * ```
 */
export type ImageType = 'png' | 'svg';

/**
 * Options of {@link bake} and {@link unbake}.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { unbake } from 'credstack'
 * unbake(upload, { maxBytes: 2 * 1024 * 1024 }) // ERR_LIMIT_EXCEEDED above 2 MiB
 * ```
 */
export interface BakeOptions {
  /** Skip sniffing and treat the image as this type. */
  imageType?: ImageType;
  /**
   * Largest image, and largest single PNG chunk, accepted (and produced by {@link bake}), in bytes.
   * Defaults to 10 MiB, so hostile input fails fast with `ERR_LIMIT_EXCEEDED`.
   */
  maxBytes?: number;
}

/**
 * What {@link unbake} returns: the payload and the kind of image it came from.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { unbake, type UnbakedCredential } from 'credstack'
 * const baked: UnbakedCredential = unbake(png)
 * console.log(baked.imageType, baked.format)
 * ```
 */
export type UnbakedCredential = BakedPayload & { imageType: ImageType };

const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function checkOptions(options: BakeOptions): { maxBytes: number; imageType: ImageType | undefined } {
  const { maxBytes = DEFAULT_MAX_BYTES, imageType } = options;
  if (!Number.isSafeInteger(maxBytes) || maxBytes <= 0) {
    throw new TypeError(`options.maxBytes must be a positive integer, got ${describeValue(maxBytes)}`);
  }
  if (imageType !== undefined && imageType !== 'png' && imageType !== 'svg') {
    throw new TypeError(`options.imageType must be 'png' or 'svg', got ${describeValue(imageType)}`);
  }
  return { maxBytes, imageType };
}

function checkSize(size: number, maxBytes: number, what: string): void {
  if (size > maxBytes) {
    throw new CredstackError(
      'ERR_LIMIT_EXCEEDED',
      `${what} is ${size} bytes, more than the limit of ${maxBytes}`,
    );
  }
}

function looksLikePng(bytes: Uint8Array): boolean {
  return bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
}

/** Resolves the image type and, for SVG, the document text. */
function openImage(
  image: unknown,
  imageType: ImageType | undefined,
  maxBytes: number,
): { type: 'png'; bytes: Uint8Array } | { type: 'svg'; text: string } {
  if (typeof image === 'string') {
    // Each UTF-16 code unit is at least one UTF-8 byte, so this bounds the work before encoding.
    checkSize(image.length, maxBytes, 'The SVG text');
    if (imageType === 'png') {
      throw new CredstackError(
        'ERR_INVALID_INPUT',
        'A PNG image must be given as bytes (Uint8Array), not a string',
      );
    }
    return { type: 'svg', text: image };
  }
  if (!(image instanceof Uint8Array)) {
    throw new CredstackError(
      'ERR_INVALID_INPUT',
      `Expected the image as bytes (Uint8Array) or SVG text, got ${describeValue(image)}`,
    );
  }
  checkSize(image.byteLength, maxBytes, 'The image');
  // "\x89PNG" with a damaged or cut rest of the signature is still meant as a PNG: report it as
  // an invalid PNG (e.g. after a text-mode line-ending conversion), not as an unknown format.
  const type = imageType ?? detectImageType(image) ?? (looksLikePng(image) ? 'png' : undefined);
  if (type === 'png') return { type, bytes: image };
  if (type === 'svg') {
    if ((image[0] === 0xfe && image[1] === 0xff) || (image[0] === 0xff && image[1] === 0xfe)) {
      throw new CredstackError('ERR_IMAGE_UNSUPPORTED', 'UTF-16 SVG is not supported; use UTF-8', {
        path: 'svg',
      });
    }
    try {
      return { type, text: utf8Strict.decode(image) };
    } catch (cause) {
      throw new CredstackError('ERR_IMAGE_INVALID', 'The SVG is not valid UTF-8', { path: 'svg', cause });
    }
  }
  throw new CredstackError(
    'ERR_IMAGE_UNSUPPORTED',
    `Expected a PNG or SVG image, got ${image.byteLength} bytes that are neither`,
  );
}

/**
 * Bakes a credential into a PNG or SVG image, as Open Badges 3.0 §"Baking" describes: PNG gets
 * one uncompressed iTXt chunk with keyword `openbadgecredential` before IEND; SVG gets
 * `xmlns:openbadges` on the root and one `<openbadges:credential>` right after the `<svg>` start
 * tag. A credential already baked in is replaced, never duplicated; everything else in the image
 * is kept byte-for-byte.
 *
 * The credential is a JSON object (serialised with `JSON.stringify`), JSON text (embedded as
 * given), or a compact JWS (VC-JWT). Returns the baked image as bytes (UTF-8 for SVG).
 *
 * Throws `ERR_INVALID_INPUT` for a credential that is neither, `ERR_IMAGE_INVALID` /
 * `ERR_IMAGE_UNSUPPORTED` for an image that is not a well-formed PNG or SVG, `ERR_BAKED_OB2` for an
 * Open Badges 2.0 baked image, and `ERR_LIMIT_EXCEEDED` above `maxBytes`.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { bake } from 'credstack'
 * const png = await readFile('badge.png')
 * await writeFile('badge-baked.png', bake(png, signedCredential))
 * const svg = bake('<svg xmlns="http://www.w3.org/2000/svg"/>', jwt) // UTF-8 bytes
 * ```
 */
export function bake(
  image: Uint8Array | string,
  credential: object | string,
  options: BakeOptions = {},
): Uint8Array {
  const { maxBytes, imageType } = checkOptions(options);
  const payload = preparePayload(credential);
  const opened = openImage(image, imageType, maxBytes);
  const out =
    opened.type === 'png' ? bakePng(opened.bytes, payload, maxBytes) : utf8(bakeSvg(opened.text, payload));
  // Never produce an image that unbake with the same limit would refuse.
  checkSize(out.byteLength, maxBytes, 'The baked image');
  return out;
}

/**
 * Extracts the credential from a baked Open Badges 3.0 PNG or SVG. Returns
 * `{ format: 'json', credential }` or `{ format: 'jwt', jwt }`, plus `imageType`. Nothing is
 * verified here: pass the result to `verifyCredential`.
 *
 * Throws `ERR_BAKED_NOT_FOUND` when no credential is baked in, `ERR_BAKED_DUPLICATE` for a PNG
 * with two credential chunks, `ERR_BAKED_OB2` for an Open Badges 2.0 baked image,
 * `ERR_IMAGE_INVALID` for a truncated or corrupt PNG (CRCs are checked) or malformed SVG (DTDs
 * with an internal subset are refused), `ERR_IMAGE_UNSUPPORTED` for other formats and
 * `ERR_LIMIT_EXCEEDED` above `maxBytes` (default 10 MiB).
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { unbake } from 'credstack'
 * const baked = unbake(await readFile('badge.png'))
 * if (baked.format === 'jwt') console.log(baked.jwt)
 * else console.log(baked.credential.id)
 * ```
 */
export function unbake(image: Uint8Array | string, options: BakeOptions = {}): UnbakedCredential {
  const { maxBytes, imageType } = checkOptions(options);
  const opened = openImage(image, imageType, maxBytes);
  if (opened.type === 'png') return { ...unbakePng(opened.bytes, maxBytes), imageType: 'png' };
  return { ...unbakeSvg(opened.text), imageType: 'svg' };
}
