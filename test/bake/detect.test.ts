import { describe, expect, it } from 'vitest';
import { bake, detectImageType, isBakedImage } from '../../src/bake/index.js';
import { isCredstackError } from '../../src/errors.js';
import { SAMPLE_SVG, samplePng, sampleCredential } from './fixtures.js';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('detectImageType and isBakedImage', () => {
  it('detects PNG by its signature and SVG by its root after the prolog', () => {
    expect(detectImageType(samplePng())).toBe('png');
    expect(detectImageType(utf8(SAMPLE_SVG))).toBe('svg');
    expect(detectImageType(SAMPLE_SVG)).toBe('svg');
    expect(
      detectImageType(utf8('\uFEFF <!DOCTYPE svg [ <!-- > --> ]>\n<?pi x?><svg:svg xmlns:svg="x"/>')),
    ).toBe('svg');
    expect(detectImageType(utf8('<html><svg/></html>'))).toBeUndefined();
    expect(detectImageType(utf8('{"type":"OpenBadgeCredential"}'))).toBeUndefined();
    expect(detectImageType(new Uint8Array(0))).toBeUndefined();
  });

  it('sniffs what unbake should look at, and nothing else', () => {
    expect(isBakedImage(samplePng())).toBe(true);
    expect(isBakedImage(utf8('  <!-- c --><svg/>'))).toBe(true);
    expect(isBakedImage(utf8('<?xml version="1.0"?><html/>'))).toBe(true);
    expect(isBakedImage(utf8('{"@context":[]}'))).toBe(false);
    expect(isBakedImage(utf8('eyJhbGciOiJFUzI1NiJ9.e30.sig'))).toBe(false);
    expect(isBakedImage(new Uint8Array([0x89, 0x50]))).toBe(false);
  });
});

describe('bake: credential and option checks', () => {
  it('refuses a credential that is neither an object, JSON text nor a JWS', () => {
    for (const bad of ['not json', '[1,2]', '"text"', 42, null, ['a']]) {
      let error: unknown;
      try {
        bake(samplePng(), bad as never);
      } catch (err) {
        error = err;
      }
      expect(isCredstackError(error) && error.code).toBe('ERR_INVALID_INPUT');
    }
  });

  it('refuses an image that is neither bytes nor text', () => {
    let error: unknown;
    try {
      bake({} as never, sampleCredential());
    } catch (err) {
      error = err;
    }
    expect(isCredstackError(error) && error.code).toBe('ERR_INVALID_INPUT');
  });

  it('treats a bad option as programmer misuse (TypeError)', () => {
    expect(() => bake(samplePng(), sampleCredential(), { maxBytes: -1 })).toThrow(TypeError);
    expect(() => bake(samplePng(), sampleCredential(), { imageType: 'gif' as never })).toThrow(TypeError);
  });
});
