// PNG baking (OB 3.0 §"Baking PNG"): one uncompressed iTXt chunk, keyword `openbadgecredential`.
//
// Why a hand-written chunk walker instead of png-chunks-extract/png-chunks-encode: extract
// allocates `new Uint8Array(declaredLength)` before checking that the bytes exist, so a 19-byte
// file declaring a 2 GiB chunk allocated 2 GiB and took ~20 s in our test; it reads past the end
// of truncated input, skips the IEND CRC and drops bytes after IEND. encode copies every chunk
// into a plain JS array to compute its CRC. A walker that bounds-checks each length against the
// input and the limit, over Uint8Array only (no Buffer, so it bundles for browsers), is ~100 lines.
import { CredstackError } from '../errors.js';
import { concatBytes } from '../lib/bytes.js';
import { crc32 } from './crc32.js';
import { hasPngSignature } from './detect.js';
import { type BakedPayload, ob2Error, type PreparedPayload, parsePayload } from './payload.js';

export const PNG_KEYWORD = 'openbadgecredential';
/** Open Badges 2.0 baked PNGs used this keyword in tEXt or iTXt. */
const OB2_KEYWORD = 'openbadges';
const MAX_CHUNK_LENGTH = 0x7fffffff; // PNG §5.3: lengths are limited to 2^31 - 1

interface Chunk {
  type: string;
  /** Offset of the length field. */
  start: number;
  dataStart: number;
  dataEnd: number;
  /** Offset just past the CRC. */
  end: number;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

function invalid(message: string, cause?: unknown): CredstackError {
  return new CredstackError('ERR_IMAGE_INVALID', message, { path: 'png', ...(cause ? { cause } : {}) });
}

function readUint32(bytes: Uint8Array, at: number): number {
  return ((bytes[at]! << 24) | (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!) >>> 0;
}

function writeUint32(bytes: Uint8Array, at: number, value: number): void {
  bytes[at] = value >>> 24;
  bytes[at + 1] = (value >>> 16) & 0xff;
  bytes[at + 2] = (value >>> 8) & 0xff;
  bytes[at + 3] = value & 0xff;
}

function isChunkTypeByte(b: number): boolean {
  return (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a); // PNG §5.4: ASCII letters only
}

/** Walks the chunks up to and including IEND, checking bounds, limits and every CRC. */
function readChunks(png: Uint8Array, maxBytes: number): { chunks: Chunk[]; iend: Chunk } {
  if (!hasPngSignature(png)) throw invalid('Not a PNG image: the 8-byte PNG signature is missing');
  const chunks: Chunk[] = [];
  let at = 8;
  for (;;) {
    if (at === png.length) throw invalid('Truncated PNG: the file ends before the IEND chunk');
    if (png.length - at < 12) {
      throw invalid(`Truncated PNG: a chunk header at byte ${at} needs 12 bytes, ${png.length - at} remain`);
    }
    const length = readUint32(png, at);
    const typeBytes = png.subarray(at + 4, at + 8);
    if (!typeBytes.every(isChunkTypeByte)) throw invalid(`Invalid PNG chunk type at byte ${at + 4}`);
    const type = String.fromCharCode(...typeBytes);
    if (length > MAX_CHUNK_LENGTH)
      throw invalid(`PNG chunk ${type} at byte ${at} declares an invalid length ${length}`);
    if (length > maxBytes) {
      throw new CredstackError(
        'ERR_LIMIT_EXCEEDED',
        `PNG chunk ${type} at byte ${at} declares ${length} bytes, more than the limit of ${maxBytes}`,
        { path: 'png' },
      );
    }
    const dataStart = at + 8;
    const dataEnd = dataStart + length;
    if (dataEnd + 4 > png.length) {
      throw invalid(
        `Truncated PNG: chunk ${type} at byte ${at} needs ${length + 12} bytes, ${png.length - at} remain`,
      );
    }
    if (crc32(png, at + 4, dataEnd) !== readUint32(png, dataEnd)) {
      throw invalid(`Corrupt PNG: CRC mismatch in chunk ${type} at byte ${at}`);
    }
    if (chunks.length === 0 && type !== 'IHDR')
      throw invalid(`Invalid PNG: the first chunk is ${type}, not IHDR`);
    const chunk: Chunk = { type, start: at, dataStart, dataEnd, end: dataEnd + 4 };
    if (type === 'IEND') return { chunks, iend: chunk };
    chunks.push(chunk);
    at = chunk.end;
  }
}

/** The keyword of a tEXt/zTXt/iTXt chunk (Latin-1, 1–79 bytes, NUL-terminated), if well formed. */
function textKeyword(png: Uint8Array, chunk: Chunk): string | undefined {
  const data = png.subarray(chunk.dataStart, chunk.dataEnd);
  const nul = data.subarray(0, 80).indexOf(0);
  return nul > 0 ? String.fromCharCode(...data.subarray(0, nul)) : undefined;
}

function isCredentialChunk(png: Uint8Array, chunk: Chunk): boolean {
  return chunk.type === 'iTXt' && textKeyword(png, chunk) === PNG_KEYWORD;
}

function isOb2Chunk(png: Uint8Array, chunk: Chunk): boolean {
  return (
    (chunk.type === 'tEXt' || chunk.type === 'iTXt' || chunk.type === 'zTXt') &&
    textKeyword(png, chunk) === OB2_KEYWORD
  );
}

/** iTXt payload (PNG §11.3.4.5): keyword, NUL, flag 0, method 0, empty language tag and translated keyword. */
function encodeItxt(text: string): Uint8Array {
  const header = new Uint8Array(PNG_KEYWORD.length + 5);
  for (let i = 0; i < PNG_KEYWORD.length; i++) header[i] = PNG_KEYWORD.charCodeAt(i);
  // The remaining five bytes stay zero: NUL, compression flag, method, NUL (language), NUL (translated keyword).
  return concatBytes([header, encoder.encode(text)]);
}

function decodeItxtText(data: Uint8Array): string {
  const kwEnd = data.indexOf(0);
  const langEnd = kwEnd < 0 ? -1 : data.indexOf(0, kwEnd + 3);
  const tkEnd = langEnd < 0 ? -1 : data.indexOf(0, langEnd + 1);
  if (tkEnd < 0) throw invalid(`Malformed iTXt chunk "${PNG_KEYWORD}": missing NUL separators`);
  if (data[kwEnd + 1] !== 0) {
    // OB 3.0: "compression MUST NOT be used"; refusing also avoids inflating untrusted data.
    throw new CredstackError(
      'ERR_IMAGE_UNSUPPORTED',
      `The iTXt chunk "${PNG_KEYWORD}" is compressed; Open Badges 3.0 forbids compression`,
      { path: 'png' },
    );
  }
  try {
    return utf8Strict.decode(data.subarray(tkEnd + 1));
  } catch (cause) {
    throw invalid(`The iTXt chunk "${PNG_KEYWORD}" is not valid UTF-8`, cause);
  }
}

function encodeChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 12);
  writeUint32(out, 0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  writeUint32(out, 8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Reads the credential out of a baked PNG. */
export function unbakePng(png: Uint8Array, maxBytes: number): BakedPayload {
  const { chunks } = readChunks(png, maxBytes);
  const found = chunks.filter((c) => isCredentialChunk(png, c));
  if (found.length > 1) {
    throw new CredstackError(
      'ERR_BAKED_DUPLICATE',
      `The PNG has ${found.length} iTXt chunks with keyword "${PNG_KEYWORD}"; Open Badges 3.0 allows one`,
      { path: 'png' },
    );
  }
  const chunk = found[0];
  if (!chunk) {
    if (chunks.some((c) => isOb2Chunk(png, c)))
      throw ob2Error(`PNG text chunk "${OB2_KEYWORD}"`, 'png', false);
    throw new CredstackError(
      'ERR_BAKED_NOT_FOUND',
      `The PNG has no iTXt chunk with keyword "${PNG_KEYWORD}"`,
      {
        path: 'png',
      },
    );
  }
  return parsePayload(decodeItxtText(png.subarray(chunk.dataStart, chunk.dataEnd)), 'PNG iTXt chunk');
}

/**
 * Writes the credential chunk just before IEND, removing any earlier credential chunk. Every
 * other byte (other chunks, anything after IEND) is copied unchanged.
 */
export function bakePng(png: Uint8Array, payload: PreparedPayload, maxBytes: number): Uint8Array {
  const { chunks, iend } = readChunks(png, maxBytes);
  if (chunks.some((c) => isOb2Chunk(png, c))) throw ob2Error(`PNG text chunk "${OB2_KEYWORD}"`, 'png', true);
  const data = encodeItxt(payload.text);
  if (data.length > maxBytes) {
    throw new CredstackError(
      'ERR_LIMIT_EXCEEDED',
      `The credential chunk would be ${data.length} bytes, more than the limit of ${maxBytes}`,
      { path: 'png' },
    );
  }
  const parts: Uint8Array[] = [];
  let cursor = 0;
  for (const old of chunks.filter((c) => isCredentialChunk(png, c))) {
    parts.push(png.subarray(cursor, old.start));
    cursor = old.end;
  }
  parts.push(png.subarray(cursor, iend.start), encodeChunk('iTXt', data), png.subarray(iend.start));
  return concatBytes(parts);
}
