// 1EdTech validator baked fixtures (shared/spec/examples/ob-v3p0/validator-fixtures/baked/, copied
// to test/vectors/baked/, provenance in test/vectors/SOURCES.md): OB 3.0 §"Baking".
import { readFileSync } from 'node:fs';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, it } from 'vitest';
import { detectImageType, isBakedImage, unbake } from '../../src/bake/index.js';

const dir = new URL('../vectors/baked/', import.meta.url);
const read = (name: string) => new Uint8Array(readFileSync(new URL(name, dir)));
const simple = JSON.parse(readFileSync(new URL('simple.json', dir), 'utf8')) as Record<string, unknown>;

describe('1EdTech validator baked fixtures', () => {
  for (const name of ['simple-json.png', 'simple-json.svg']) {
    it(`extracts the JSON credential from ${name}`, () => {
      const bytes = read(name);
      expect(isBakedImage(bytes)).toBe(true);
      expect(detectImageType(bytes)).toBe(name.slice(-3));
      const baked = unbake(bytes);
      expect(baked.imageType).toBe(name.slice(-3));
      if (baked.format !== 'json') throw new Error(`expected JSON, got ${baked.format}`);
      // Same credential as simple.json; only the proof was re-signed for the baked copies.
      const { proof, ...rest } = baked.credential;
      const { proof: _, ...expected } = simple;
      expect(rest).toEqual(expected);
      expect(rest.id).toBe('http://example.com/credentials/3527');
      expect(proof).toMatchObject([{ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' }]);
    });
  }

  it('extracts the same JSON from the PNG and the SVG', () => {
    expect(unbake(read('simple-json.png'))).toEqual({ ...unbake(read('simple-json.svg')), imageType: 'png' });
  });

  for (const name of ['simple-jwt.png', 'simple-jwt.svg']) {
    it(`extracts a VCDM 2.0 VC-JWT from ${name}`, () => {
      const baked = unbake(read(name));
      if (baked.format !== 'jwt') throw new Error(`expected a JWT, got ${baked.format}`);
      expect(baked.jwt.split('.')).toHaveLength(3);
      expect(decodeProtectedHeader(baked.jwt).alg).toBe('RS256');
      const payload = decodeJwt(baked.jwt);
      expect(payload.id).toBe('http://example.com/credentials/3527');
      expect(payload.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
      expect(payload.issuer).toMatchObject({ id: 'https://1edtech.edu/issuers/565049' });
      expect(payload.credentialSubject).toMatchObject({ type: ['AchievementSubject'] });
    });
  }

  for (const name of ['simple-jwt_v1.png', 'simple-jwt_v1.svg']) {
    it(`extracts a VCDM 1.1 (vc claim) JWT from ${name}`, () => {
      const baked = unbake(read(name));
      if (baked.format !== 'jwt') throw new Error(`expected a JWT, got ${baked.format}`);
      const payload = decodeJwt(baked.jwt);
      expect(payload.jti).toBe('http://example.edu/credentials/3732');
      expect(payload.iss).toBe('https://example.edu/issuers/565049');
      expect(payload.vc).toMatchObject({
        id: 'http://example.edu/credentials/3732',
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
      });
    });
  }

  it('reads the SVG fixtures as text too', () => {
    const text = readFileSync(new URL('simple-jwt.svg', dir), 'utf8');
    expect(unbake(text)).toEqual(unbake(read('simple-jwt.svg')));
  });
});
