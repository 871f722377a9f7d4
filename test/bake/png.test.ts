// Baked PNG (OB 3.0 §"Baking PNG"): one uncompressed iTXt chunk, keyword openbadgecredential.
import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { bake, unbake } from '../../src/bake/index.js';
import { isCredstackError } from '../../src/errors.js';
import { expectCodeSync as expectCode } from '../helpers/errors.js';
import {
  decodePixels,
  insertBeforeIend,
  itxtChunk,
  listChunks,
  samplePng,
  sampleCredential,
  textChunk,
} from './fixtures.js';

let jwt: string;
beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256');
  jwt = await new SignJWT({ vc: { id: 'urn:uuid:1' } }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
});

function credentialChunks(png: Uint8Array) {
  return listChunks(png).filter(
    (c) => c.type === 'iTXt' && new TextDecoder().decode(c.data).startsWith('openbadgecredential\0'),
  );
}

describe('bake and unbake a PNG', () => {
  it('round-trips a JSON credential object', () => {
    const credential = sampleCredential();
    const baked = bake(samplePng(), credential);
    expect(unbake(baked)).toEqual({ format: 'json', credential, imageType: 'png' });
  });

  it('writes exactly the chunk layout the spec asks for, before IEND', () => {
    const credential = sampleCredential();
    const chunks = listChunks(bake(samplePng(), credential));
    expect(chunks.at(-1)!.type).toBe('IEND');
    expect(chunks.at(-2)!.type).toBe('iTXt');
    const data = chunks.at(-2)!.data;
    const header = new TextEncoder().encode('openbadgecredential\0\0\0\0\0');
    expect(data.subarray(0, header.length)).toEqual(header);
    expect(new TextDecoder().decode(data.subarray(header.length))).toBe(JSON.stringify(credential));
  });

  it('round-trips a compact JWS', () => {
    const baked = bake(samplePng(), jwt);
    expect(unbake(baked)).toEqual({ format: 'jwt', jwt, imageType: 'png' });
  });

  it('embeds JSON text as given', () => {
    const text = JSON.stringify(sampleCredential(), null, 2);
    const chunk = credentialChunks(bake(samplePng(), text))[0]!;
    expect(new TextDecoder().decode(chunk.data).endsWith(text)).toBe(true);
  });

  it('keeps every other chunk byte-identical and the pixels unchanged', () => {
    const original = insertBeforeIend(samplePng(), textChunk('Software', 'credstack test'));
    const baked = bake(original, sampleCredential());
    const before = listChunks(original).map((c) => c.raw);
    const after = listChunks(baked)
      .filter((c) => credentialChunks(baked).every((k) => k.raw !== c.raw) && c.type !== 'iTXt')
      .map((c) => c.raw);
    expect(after).toEqual(before);
    expect(baked.length).toBe(original.length + credentialChunks(baked)[0]!.raw.length);
    expect(decodePixels(baked)).toEqual(decodePixels(original));
  });

  it('replaces the credential when baking twice', () => {
    const first = bake(samplePng(), sampleCredential('urn:uuid:first'));
    const second = bake(first, jwt);
    expect(credentialChunks(second)).toHaveLength(1);
    expect(unbake(second)).toEqual({ format: 'jwt', jwt, imageType: 'png' });
    const third = bake(second, sampleCredential('urn:uuid:third'));
    expect(credentialChunks(third)).toHaveLength(1);
    expect(unbake(third)).toMatchObject({ format: 'json', credential: { id: 'urn:uuid:third' } });
    // Re-baking the first credential gives back the first image exactly.
    expect(bake(third, sampleCredential('urn:uuid:first'))).toEqual(first);
  });

  it('keeps bytes after IEND', () => {
    const trailing = new Uint8Array([1, 2, 3]);
    const original = new Uint8Array([...samplePng(), ...trailing]);
    const baked = bake(original, jwt);
    expect(baked.subarray(-15)).toEqual(new Uint8Array([...original.subarray(-15)]));
    expect(unbake(baked)).toMatchObject({ format: 'jwt' });
  });

  it('rebakes an image carrying 250,000 old credential chunks without overflowing the stack', () => {
    // Each old chunk is a separate part of the output; a spread of that many parts threw a raw
    // RangeError ("Maximum call stack size exceeded") before concatBytes took an array.
    const png = samplePng();
    const old = itxtChunk('openbadgecredential', '');
    const iend = png.length - 12;
    const crowded = new Uint8Array(
      Buffer.concat([png.subarray(0, iend), ...new Array<Uint8Array>(250_000).fill(old), png.subarray(iend)]),
    );
    const credential = sampleCredential();
    const baked = bake(crowded, credential);
    expect(unbake(baked)).toEqual({ format: 'json', credential, imageType: 'png' });
    expect(baked.length).toBeLessThan(png.length + 2_000);
  });

  it('accepts imageType as an option', () => {
    expect(unbake(bake(samplePng(), jwt, { imageType: 'png' }), { imageType: 'png' })).toMatchObject({ jwt });
  });
});

describe('unbake a PNG: negative tests', () => {
  it('refuses a truncated PNG', () => {
    const baked = bake(samplePng(), jwt);
    for (const cut of [4, 20, baked.length - 30, baked.length - 12, baked.length - 1]) {
      expect(expectCode(() => unbake(baked.subarray(0, cut)), 'ERR_IMAGE_INVALID').message).toMatch(/PNG/);
    }
  });

  it('refuses a PNG with a flipped CRC byte', () => {
    const baked = bake(samplePng(), jwt);
    const chunk = credentialChunks(baked)[0]!;
    const crcAt = baked.length - 12 - 4; // the credential chunk's CRC sits right before IEND
    expect(baked.subarray(crcAt, crcAt + 4)).toEqual(chunk.raw.subarray(-4));
    const corrupt = baked.slice();
    corrupt[crcAt] ^= 0x01;
    expect(expectCode(() => unbake(corrupt), 'ERR_IMAGE_INVALID').message).toMatch(
      /CRC mismatch in chunk iTXt/,
    );
    const corruptIdat = samplePng();
    const idat = listChunks(corruptIdat).findIndex((c) => c.type === 'IDAT');
    expect(idat).toBeGreaterThan(0);
    corruptIdat[8 + listChunks(corruptIdat)[0]!.raw.length + 10] ^= 0xff;
    expectCode(() => unbake(corruptIdat), 'ERR_IMAGE_INVALID');
  });

  it('refuses a PNG without IEND', () => {
    const png = samplePng();
    expect(expectCode(() => unbake(png.subarray(0, png.length - 12)), 'ERR_IMAGE_INVALID').message).toMatch(
      /IEND/,
    );
  });

  it('refuses two credential chunks', () => {
    const png = insertBeforeIend(
      samplePng(),
      itxtChunk('openbadgecredential', jwt),
      itxtChunk('openbadgecredential', JSON.stringify(sampleCredential())),
    );
    expect(expectCode(() => unbake(png), 'ERR_BAKED_DUPLICATE').message).toMatch(/2 iTXt chunks/);
    // Baking over such an image leaves exactly one.
    expect(credentialChunks(bake(png, jwt))).toHaveLength(1);
  });

  it('reports a PNG without a credential', () => {
    expectCode(() => unbake(samplePng()), 'ERR_BAKED_NOT_FOUND');
    // A tEXt chunk with the keyword is not the credential chunk.
    expectCode(
      () => unbake(insertBeforeIend(samplePng(), textChunk('openbadgecredential', jwt))),
      'ERR_BAKED_NOT_FOUND',
    );
  });

  it('refuses a compressed credential chunk', () => {
    const png = insertBeforeIend(samplePng(), itxtChunk('openbadgecredential', jwt, 1));
    expectCode(() => unbake(png), 'ERR_IMAGE_UNSUPPORTED');
  });

  it('refuses a credential chunk that is neither JSON nor a JWS', () => {
    expectCode(
      () => unbake(insertBeforeIend(samplePng(), itxtChunk('openbadgecredential', 'hello'))),
      'ERR_JSON_PARSE',
    );
    expectCode(
      () => unbake(insertBeforeIend(samplePng(), itxtChunk('openbadgecredential', '[1]'))),
      'ERR_INVALID_INPUT',
    );
  });

  it('recognises an Open Badges 2.0 baked PNG (tEXt and iTXt)', () => {
    for (const chunk of [
      textChunk('openbadges', 'https://example.org/assertion.json'),
      itxtChunk('openbadges', '{"type":"Assertion"}'),
    ]) {
      const png = insertBeforeIend(samplePng(), chunk);
      const error = expectCode(() => unbake(png), 'ERR_BAKED_OB2');
      expect(error.message).toMatch(/Open Badges 2\.0 baked image.*credstack verifies Open Badges 3\.0/);
      expectCode(() => bake(png, jwt), 'ERR_BAKED_OB2');
    }
  });

  it('refuses a 50 MB input fast', () => {
    const big = new Uint8Array(50 * 1024 * 1024);
    big.set(samplePng().subarray(0, 8));
    const start = performance.now();
    expect(expectCode(() => unbake(big), 'ERR_LIMIT_EXCEEDED').message).toMatch(/52428800 bytes/);
    expectCode(() => bake(big, jwt), 'ERR_LIMIT_EXCEEDED');
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('refuses a chunk declaring more than maxBytes without allocating it', () => {
    // 8-byte signature + IHDR header declaring 2 GiB: png-chunks-extract allocated it; we must not.
    const png = samplePng();
    const hostile = png.slice(0, 33);
    new DataView(hostile.buffer).setUint32(8, 0x7ffffff0);
    const start = performance.now();
    expectCode(() => unbake(hostile), 'ERR_LIMIT_EXCEEDED');
    expectCode(() => unbake(png, { maxBytes: 100 }), 'ERR_LIMIT_EXCEEDED');
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('refuses random bytes and a bad first chunk with a coded error', () => {
    let seed = 42;
    const random = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed >>> 24;
    });
    expectCode(() => unbake(random), 'ERR_IMAGE_UNSUPPORTED');
    expectCode(() => unbake(random, { imageType: 'png' }), 'ERR_IMAGE_INVALID');
    const withSig = new Uint8Array([...samplePng().subarray(0, 8), ...random]);
    expect(isCredstackError(catchError(() => unbake(withSig)))).toBe(true);
    expectCode(() => unbake(new Uint8Array(0)), 'ERR_IMAGE_UNSUPPORTED');
  });
});

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  return undefined;
}
