// Test helpers for baked images: a generated badge PNG/SVG, and an independent PNG chunk codec
// (node:zlib's CRC-32, not credstack's) so tests can build and inspect PNGs by hand.
import { crc32 } from 'node:zlib';
import { PNG } from 'pngjs';

/** A `size`×`size` RGBA badge: a coloured disc with a ring on a transparent background. */
export function samplePng(size = 64): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const r = Math.hypot(x - c, y - c) / (size / 2);
      const inside = r <= 1;
      const ring = r > 0.8 && r <= 1;
      png.data[i] = ring ? 240 : Math.round(40 + 150 * (x / size));
      png.data[i + 1] = ring ? 180 : Math.round(80 + 120 * (y / size));
      png.data[i + 2] = ring ? 20 : 200;
      png.data[i + 3] = inside ? 255 : 0;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

/** Decodes pixels with pngjs (which checks the structure independently of credstack). */
export function decodePixels(png: Uint8Array): { width: number; height: number; data: Uint8Array } {
  const decoded = PNG.sync.read(Buffer.from(png));
  return { width: decoded.width, height: decoded.height, data: new Uint8Array(decoded.data) };
}

/** A small SVG badge with an XML declaration and some content after the root start tag. */
export const SAMPLE_SVG = `<?xml version="1.0" encoding="UTF-8"?>
<!-- sample badge -->
<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">
  <circle cx="32" cy="32" r="30" fill="#3a7bd5" stroke="#f0b414" stroke-width="4"/>
  <text x="32" y="38" text-anchor="middle" font-size="16" fill="#fff">OB3 &amp; co</text>
</svg>
`;

export interface RawChunk {
  type: string;
  data: Uint8Array;
  /** The whole chunk: length, type, data, CRC. */
  raw: Uint8Array;
}

/** Lists a PNG's chunks up to IEND (no validation beyond bounds). */
export function listChunks(png: Uint8Array): RawChunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: RawChunk[] = [];
  let at = 8;
  while (at + 12 <= png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    chunks.push({ type, data: png.slice(at + 8, at + 8 + length), raw: png.slice(at, at + 12 + length) });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return chunks;
}

/** Encodes one chunk with its CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

/** A tEXt chunk (Latin-1 keyword and text). */
export function textChunk(keyword: string, text: string): Uint8Array {
  return pngChunk('tEXt', new Uint8Array(Buffer.from(`${keyword}\0${text}`, 'latin1')));
}

/** An iTXt chunk with empty language tag and translated keyword. */
export function itxtChunk(keyword: string, text: string, compressionFlag = 0): Uint8Array {
  const head = Buffer.from(`${keyword}\0`, 'latin1');
  return pngChunk(
    'iTXt',
    new Uint8Array(Buffer.concat([head, Buffer.from([compressionFlag, 0, 0, 0]), Buffer.from(text, 'utf8')])),
  );
}

/** Inserts whole chunks just before IEND. */
export function insertBeforeIend(png: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  const iend = png.length - 12; // pngjs writes IEND last, with nothing after it
  return new Uint8Array(Buffer.concat([png.subarray(0, iend), ...chunks, png.subarray(iend)]));
}

/** A small OpenBadgeCredential-shaped object (unsigned; baking does not care). */
export function sampleCredential(
  id = 'urn:uuid:5e0c0d4e-6d0a-4c55-9a4e-1b0c2b7b1a01',
): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: 'https://example.edu/issuers/1', type: ['Profile'], name: 'Example University' },
    validFrom: '2024-01-01T00:00:00Z',
    name: 'Teamwork — «Zusammenarbeit» 🤝',
    credentialSubject: {
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/teamwork',
        type: ['Achievement'],
        name: 'Teamwork',
        criteria: { narrative: 'Contains ]]> and <tags> & "quotes" on purpose.' },
      },
    },
  };
}
