// Hostile or broken images handed straight to verifyCredential: it must answer with a failed
// parse/limits check (never throw, never hang), with the image error's message.
import { describe, expect, it } from 'vitest';
import { bake } from '../../src/bake/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import {
  insertBeforeIend,
  itxtChunk,
  SAMPLE_SVG,
  samplePng,
  sampleCredential,
  textChunk,
} from './fixtures.js';

const credential = sampleCredential();

async function expectRefused(input: unknown, check: 'parse' | 'limits', message: RegExp) {
  const started = performance.now();
  const result = await verifyCredential(input);
  const elapsed = performance.now() - started;
  expect(result.verified).toBe(false);
  expect(result.verdict).toBe('invalid');
  expect(result.format).toBe('unknown');
  expect(result.checks).toHaveLength(1);
  expect(result.checks[0]).toMatchObject({ id: check, status: 'failed' });
  expect(result.checks[0]!.message).toMatch(message);
  expect(elapsed).toBeLessThan(2000);
  return result.checks[0]!;
}

describe('verifyCredential: bad images', () => {
  it('refuses a truncated PNG', async () => {
    const baked = bake(samplePng(), credential);
    await expectRefused(baked.subarray(0, baked.length - 40), 'parse', /^Truncated PNG/);
    await expectRefused(baked.subarray(0, 20), 'parse', /^Truncated PNG/);
  });

  it('refuses a PNG with a bad CRC', async () => {
    const baked = bake(samplePng(), credential);
    const corrupt = baked.slice();
    corrupt[corrupt.length - 13] = (corrupt[corrupt.length - 13]! + 1) & 0xff; // last CRC byte of the iTXt chunk
    await expectRefused(corrupt, 'parse', /CRC mismatch in chunk iTXt/);
  });

  it('refuses two credential chunks', async () => {
    const text = JSON.stringify(credential);
    const png = insertBeforeIend(
      samplePng(),
      itxtChunk('openbadgecredential', text),
      itxtChunk('openbadgecredential', text),
    );
    await expectRefused(
      png,
      'parse',
      /2 iTXt chunks with keyword "openbadgecredential"; Open Badges 3.0 allows one/,
    );
  });

  it('refuses a 50 MB image on size alone, fast', async () => {
    const huge = new Uint8Array(50 * 1024 * 1024);
    huge.set(samplePng());
    const check = await expectRefused(huge, 'limits', /more than 5242880/);
    expect(check.code).toBe('LIMIT_EXCEEDED');
  });

  it('refuses a PNG chunk declaring more than the limit without reading it', async () => {
    const png = samplePng();
    const forged = insertBeforeIend(png, itxtChunk('openbadgecredential', '{}'));
    // Declare 2 GiB - 1 (the largest length PNG allows) for the inserted chunk.
    new DataView(forged.buffer).setUint32(png.length - 12, 0x7fffffff);
    await expectRefused(forged, 'limits', /declares 2147483647 bytes, more than the limit of 5242880/);
    // Above 2^31 - 1 the length itself is invalid PNG.
    new DataView(forged.buffer).setUint32(png.length - 12, 0x80000000);
    await expectRefused(forged, 'parse', /declares an invalid length 2147483648/);
  });

  it('refuses an SVG with an external entity, as bytes and as text', async () => {
    const xxe = `<?xml version="1.0"?>
<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">
  <openbadges:credential><![CDATA[ &xxe; ]]></openbadges:credential>
</svg>`;
    const message = /SVG with a DTD\/entity declarations is refused/;
    await expectRefused(new TextEncoder().encode(xxe), 'parse', message);
    await expectRefused(xxe, 'parse', message);
  });

  it('refuses an undefined entity (nothing is ever loaded from outside)', async () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>`;
    await expectRefused(svg, 'parse', /SVG is not well-formed XML/);
  });

  it('says clearly that an Open Badges 2.0 baked PNG or SVG is not for credstack', async () => {
    const ob2Png = insertBeforeIend(samplePng(), textChunk('openbadges', 'https://example.org/assertions/1'));
    const ob2Svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org">
  <openbadges:assertion verify="https://example.org/assertions/1"/>
</svg>`;
    for (const input of [ob2Png, ob2Svg, new TextEncoder().encode(ob2Svg)]) {
      const check = await expectRefused(
        input,
        'parse',
        /^This is an Open Badges 2\.0 baked image \(.+\); credstack verifies Open Badges 3\.0$/,
      );
      expect(check.code).toBe('BAKED_OB2');
    }
  });

  it('refuses an image that carries no credential', async () => {
    const png = await expectRefused(samplePng(), 'parse', /no iTXt chunk with keyword "openbadgecredential"/);
    const svg = await expectRefused(SAMPLE_SVG, 'parse', /no <openbadges:credential> element/);
    expect([png.code, svg.code]).toEqual(['BAKED_NOT_FOUND', 'BAKED_NOT_FOUND']);
  });
});
