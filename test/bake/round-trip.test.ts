// Bake → verify round trips (OB 3.0 §"Baking"): both image formats × both proof formats, with
// credentials issued by credstack, plus tampering with the credential inside the image.
import { readFileSync } from 'node:fs';
import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { bake, unbake } from '../../src/bake/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import { decodePixels, listChunks, pngChunk, SAMPLE_SVG, samplePng } from './fixtures.js';

const unsigned = JSON.parse(
  readFileSync(
    new URL('../vectors/spec/ob-v3p0/spec/basic-openbadgecredential.unsigned.json', import.meta.url),
    'utf8',
  ),
) as Record<string, unknown>;

let key: KeyFile;
const signed: { di?: Record<string, unknown>; jwt?: string } = {};
beforeAll(async () => {
  key = await generateKey();
  const credential = { ...unsigned, issuer: { ...(unsigned.issuer as object), id: key.controller } };
  signed.di = await issueCredential(credential, { key });
  signed.jwt = await issueCredential(credential, { key, format: 'vc-jwt' });
});

const proofs = [
  { name: 'Data Integrity eddsa-rdfc-2022', format: 'data-integrity', get: () => signed.di! },
  { name: 'VC-JWT', format: 'vc-jwt', get: () => signed.jwt! },
] as const;
const images = [
  { type: 'png', artwork: () => samplePng() },
  { type: 'svg', artwork: () => SAMPLE_SVG },
] as const;

/** Changes the credential's name the way someone editing the image's text would. */
function tamperText(text: string): string {
  if (text.includes('"Teamwork Badge"')) return text.replace('"Teamwork Badge"', '"Teamwork Badge (gold)"');
  // A compact JWS: rewrite the payload, keep header and signature.
  const [header, payload, signature] = text.split('.');
  const claims = new TextDecoder().decode(base64url.decode(payload!));
  const forged = claims.replace('"Teamwork Badge"', '"Teamwork Badge (gold)"');
  expect(forged).not.toBe(claims);
  return [header, base64url.encode(forged), signature].join('.');
}

/** Rewrites the text of the credential chunk of a PNG, with a correct CRC, so only the proof can tell. */
function tamperPng(png: Uint8Array): Uint8Array {
  const prefix = 'openbadgecredential\0\0\0\0\0';
  const parts = listChunks(png).map((chunk) => {
    const data = new TextDecoder().decode(chunk.data);
    if (chunk.type !== 'iTXt' || !data.startsWith(prefix)) return chunk.raw;
    return pngChunk('iTXt', new TextEncoder().encode(prefix + tamperText(data.slice(prefix.length))));
  });
  return new Uint8Array(Buffer.concat([png.subarray(0, 8), ...parts]));
}

function tamperSvg(svg: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(svg);
  const jwt = /verify="([^"]+)"/.exec(text)?.[1];
  return new TextEncoder().encode(jwt ? text.replace(jwt, tamperText(jwt)) : tamperText(text));
}

describe('bake → verifyCredential round trips', () => {
  for (const image of images) {
    for (const proof of proofs) {
      it(`verifies a ${proof.name} credential baked into ${image.type.toUpperCase()}`, async () => {
        const baked = bake(image.artwork(), proof.get());
        const unbaked = unbake(baked);
        expect(unbaked.imageType).toBe(image.type);
        if (proof.format === 'vc-jwt') expect(unbaked).toMatchObject({ format: 'jwt', jwt: proof.get() });
        else expect(unbaked).toMatchObject({ format: 'json', credential: proof.get() });

        const result = await verifyCredential(baked);
        expect(result.checks.filter((c) => c.status === 'failed')).toEqual([]);
        expect(result.verdict).toBe('verified');
        expect(result.container).toBe(image.type);
        expect(result.format).toBe(proof.format);
        expect(result.issuer).toBe(key.controller);
      });

      it(`rejects a ${proof.name} credential tampered with inside the ${image.type.toUpperCase()}`, async () => {
        const baked = bake(image.artwork(), proof.get());
        const forged = image.type === 'png' ? tamperPng(baked) : tamperSvg(baked);
        // Still a well-formed image carrying a readable credential: only the proof catches it.
        const unbaked = unbake(forged);
        const name =
          unbaked.format === 'json'
            ? unbaked.credential.name
            : JSON.parse(new TextDecoder().decode(base64url.decode(unbaked.jwt.split('.')[1]!))).name;
        expect(name).toBe('Teamwork Badge (gold)');

        const result = await verifyCredential(forged);
        expect(result.verified).toBe(false);
        expect(result.verdict).toBe('invalid');
        expect(result.container).toBe(image.type);
        expect(result.checks.find((c) => c.id === 'proof')).toMatchObject({
          status: 'failed',
          code: 'PROOF_SIGNATURE_INVALID',
        });
      });
    }
  }

  it('verifies a baked SVG given as text, for both proof formats', async () => {
    for (const proof of proofs) {
      const text = new TextDecoder().decode(bake(SAMPLE_SVG, proof.get()));
      const result = await verifyCredential(text);
      expect(result.verdict).toBe('verified');
      expect(result.container).toBe('svg');
      expect(result.format).toBe(proof.format);
    }
  });

  it('keeps a baked PNG pixel-identical for an independent decoder (pngjs)', () => {
    const artwork = samplePng(48);
    for (const proof of proofs) {
      const baked = bake(artwork, proof.get());
      expect(baked.byteLength).toBeGreaterThan(artwork.byteLength);
      const before = decodePixels(artwork);
      const after = decodePixels(baked);
      expect(after.width).toBe(48);
      expect(after.height).toBe(48);
      expect(Buffer.from(after.data).equals(Buffer.from(before.data))).toBe(true);
    }
  });
});
