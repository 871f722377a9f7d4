// Cheap sniffing of image bytes: enough to route input, never a substitute for parsing.

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

// SVG sniffing looks at the first 64 KiB only, so it stays cheap on large input; an SVG whose
// prolog (comments, DTD) is longer than that needs an explicit `imageType: 'svg'`.
const SNIFF_CHARS = 64 * 1024;
const lenient = new TextDecoder('utf-8', { fatal: false });

/** True when `bytes` starts with the 8-byte PNG signature (PNG §5.2). */
export function hasPngSignature(bytes: Uint8Array): boolean {
  if (bytes.length < PNG_SIGNATURE.length) return false;
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function head(input: Uint8Array | string): string {
  return typeof input === 'string'
    ? input.slice(0, SNIFF_CHARS)
    : lenient.decode(input.subarray(0, SNIFF_CHARS));
}

/** Index of the first markup that is not whitespace or a comment (after an optional BOM), or -1. */
function skipBlank(text: string, from: number): number {
  let i = from;
  if (i === 0 && text.charCodeAt(0) === 0xfeff) i = 1;
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++;
    if (!text.startsWith('<!--', i)) return i;
    const end = text.indexOf('-->', i + 4);
    if (end < 0) return -1;
    i = end + 3;
  }
}

/** Index just past the prolog (XML declaration, PIs, comments, DOCTYPE), or -1 if it does not end. */
function skipProlog(text: string): number {
  let i = skipBlank(text, 0);
  while (i >= 0) {
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return -1;
      i = skipBlank(text, end + 2);
    } else if (text.startsWith('<!DOCTYPE', i)) {
      // The internal subset, if any, sits between brackets and may contain '>'.
      const bracket = text.indexOf('[', i);
      const close = text.indexOf('>', i);
      if (close < 0) return -1;
      let end = close;
      if (bracket >= 0 && bracket < close) {
        const subsetEnd = text.indexOf(']', bracket);
        end = subsetEnd < 0 ? -1 : text.indexOf('>', subsetEnd);
        if (end < 0) return -1;
      }
      i = skipBlank(text, end + 1);
    } else {
      return i;
    }
  }
  return -1;
}

const SVG_ROOT = /^<(?:[A-Za-z_][\w.-]*:)?svg[\s/>]/;

/**
 * Tells a PNG from an SVG by their first bytes: the PNG signature, or an `<svg>` root element
 * after the XML prolog. Returns `undefined` for anything else.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { detectImageType } from 'credstack'
 * detectImageType(await readFile('badge.png')) // 'png'
 * ```
 */
export function detectImageType(bytes: Uint8Array | string): 'png' | 'svg' | undefined {
  if (bytes instanceof Uint8Array && hasPngSignature(bytes)) return 'png';
  if (!(bytes instanceof Uint8Array) && typeof bytes !== 'string') return undefined;
  const text = head(bytes);
  const start = skipProlog(text);
  return start >= 0 && SVG_ROOT.test(text.slice(start, start + 256)) ? 'svg' : undefined;
}

/**
 * Cheap sniff used by the verifier to route input: true for the PNG signature, or for text that
 * starts (after a BOM, whitespace and comments) with `<?xml` or an `<svg` element. A true answer
 * only means "try {@link unbake}", which does the real checks.
 *
 * Exported from `credstack`.
 *
 * @example
 * ```ts
 * import { isBakedImage, unbake } from 'credstack'
 * if (isBakedImage(bytes)) console.log(unbake(bytes).format)
 * ```
 */
export function isBakedImage(bytes: Uint8Array | string): boolean {
  if (detectImageType(bytes) !== undefined) return true;
  if (!(bytes instanceof Uint8Array) && typeof bytes !== 'string') return false;
  const text = head(bytes);
  const start = skipBlank(text, 0);
  return start >= 0 && /^<\?xml[\s?]/.test(text.slice(start, start + 6));
}
