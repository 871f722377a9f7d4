// Baked SVG (OB 3.0 §"Baking SVG"): xmlns:openbadges on the root and one <openbadges:credential>
// directly after the <svg> start tag.
import { generateKeyPair, SignJWT } from 'jose';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { beforeAll, describe, expect, it } from 'vitest';
import { bake, unbake } from '../../src/bake/index.js';
import { expectCodeSync as expectCode } from '../helpers/errors.js';
import { SAMPLE_SVG, sampleCredential } from './fixtures.js';

const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const text = (bytes: Uint8Array) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);

let jwt: string;
beforeAll(async () => {
  const { privateKey } = await generateKeyPair('ES256');
  jwt = await new SignJWT({ vc: { id: 'urn:uuid:1' } }).setProtectedHeader({ alg: 'ES256' }).sign(privateKey);
});

/** Parses with saxes (namespaces on) and returns the root and every OB3 credential element. */
function parse(svg: string) {
  const parser = new SaxesParser({ xmlns: true });
  let root: SaxesTagNS | undefined;
  const credentials: SaxesTagNS[] = [];
  parser.on('opentag', (tag: SaxesTagNS) => {
    root ??= tag;
    if (tag.uri === OB3 && tag.local === 'credential') credentials.push(tag);
  });
  parser.write(svg).close();
  return { root: root!, credentials };
}

describe('bake and unbake an SVG', () => {
  it('round-trips a JSON credential and stays well-formed', () => {
    const credential = sampleCredential();
    const baked = text(bake(SAMPLE_SVG, credential));
    const { root, credentials } = parse(baked);
    expect(root.local).toBe('svg');
    expect(root.attributes['xmlns:openbadges']?.value).toBe(OB3);
    expect(credentials).toHaveLength(1);
    expect(unbake(baked)).toEqual({ format: 'json', credential, imageType: 'svg' });
  });

  it('puts the element directly after the <svg> start tag and changes nothing else', () => {
    const baked = text(bake(SAMPLE_SVG, jwt));
    const tagEnd = SAMPLE_SVG.indexOf('viewBox="0 0 64 64">') + 'viewBox="0 0 64 64">'.length;
    expect(baked).toBe(
      SAMPLE_SVG.slice(0, SAMPLE_SVG.indexOf('<svg') + 4) +
        ` xmlns:openbadges="${OB3}"` +
        SAMPLE_SVG.slice(SAMPLE_SVG.indexOf('<svg') + 4, tagEnd) +
        `<openbadges:credential verify="${jwt}"/>` +
        SAMPLE_SVG.slice(tagEnd),
    );
    expect(unbake(baked)).toEqual({ format: 'jwt', jwt, imageType: 'svg' });
  });

  it('wraps JSON in CDATA, splitting a "]]>" inside it', () => {
    const credential = sampleCredential();
    const baked = text(bake(SAMPLE_SVG, credential));
    expect(baked).toContain('<openbadges:credential><![CDATA[ {');
    expect(baked).toContain(']]]]><![CDATA[>');
    expect(unbake(baked)).toMatchObject({ credential: { credentialSubject: credential.credentialSubject } });
  });

  it('replaces the credential when baking twice', () => {
    const first = bake(SAMPLE_SVG, sampleCredential('urn:uuid:first'));
    const second = bake(first, jwt);
    expect(parse(text(second)).credentials).toHaveLength(1);
    expect(parse(text(second)).credentials[0]!.attributes.verify?.value).toBe(jwt);
    expect(unbake(second)).toEqual({ format: 'jwt', jwt, imageType: 'svg' });
    // The namespace is declared once, and baking back gives the first image exactly.
    expect(text(second).match(/xmlns:openbadges=/g)).toHaveLength(1);
    expect(bake(second, sampleCredential('urn:uuid:first'))).toEqual(first);
  });

  it('re-bakes the validator fixture, replacing its indented element', () => {
    const svg = text(bake(SAMPLE_SVG, jwt));
    const indented = svg.replace('<openbadges:credential', '\n    <openbadges:credential');
    const rebaked = text(bake(indented, sampleCredential()));
    expect(parse(rebaked).credentials).toHaveLength(1);
    expect(rebaked).not.toContain(jwt);
  });

  it('handles a self-closing root, a prefixed root and a BOM', () => {
    const selfClosing = text(bake('<svg xmlns="http://www.w3.org/2000/svg"/>', jwt));
    expect(selfClosing).toBe(
      `<svg xmlns:openbadges="${OB3}" xmlns="http://www.w3.org/2000/svg"><openbadges:credential verify="${jwt}"/></svg>`,
    );
    const prefixed = text(bake('<s:svg xmlns:s="http://www.w3.org/2000/svg"><s:g/></s:svg>', jwt));
    expect(unbake(prefixed)).toMatchObject({ jwt });
    const bom = bake(`\uFEFF${SAMPLE_SVG}`, jwt);
    expect([...bom.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(unbake(bom)).toMatchObject({ jwt });
  });

  it('finds a credential bound to another prefix', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg"><ob:credential xmlns:ob="${OB3}" verify="${jwt}"/></svg>`;
    expect(unbake(svg)).toEqual({ format: 'jwt', jwt, imageType: 'svg' });
  });

  it('accepts a DOCTYPE without an internal subset', () => {
    const svg = SAMPLE_SVG.replace(
      '<!-- sample badge -->',
      '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">',
    );
    expect(unbake(bake(svg, jwt))).toMatchObject({ jwt });
  });

  it('escapes characters XML cannot carry without changing the credential', () => {
    const credential = { ...sampleCredential(), name: 'bell\u0007 and \uFFFE and lone \uD800' };
    const baked = bake(SAMPLE_SVG, credential);
    expect(parse(text(baked)).credentials).toHaveLength(1);
    expect(unbake(baked)).toEqual({ format: 'json', credential, imageType: 'svg' });
  });
});

describe('unbake an SVG: negative tests', () => {
  it('refuses an external entity declaration (XXE)', () => {
    const svg = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>`;
    expect(expectCode(() => unbake(svg), 'ERR_IMAGE_INVALID').message).toMatch(
      /DTD\/entity declarations is refused/,
    );
    expectCode(() => bake(svg, jwt), 'ERR_IMAGE_INVALID');
  });

  it('refuses billion laughs quickly', () => {
    const entities = Array.from(
      { length: 9 },
      (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`,
    ).join('');
    const svg = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol0 "lol">${entities}]><svg xmlns="http://www.w3.org/2000/svg">&lol9;</svg>`;
    const start = performance.now();
    expectCode(() => unbake(svg), 'ERR_IMAGE_INVALID');
    expect(performance.now() - start).toBeLessThan(100);
  });

  it('refuses an undefined entity and malformed XML', () => {
    expectCode(() => unbake('<svg xmlns="http://www.w3.org/2000/svg">&nbsp;</svg>'), 'ERR_IMAGE_INVALID');
    expectCode(() => unbake('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>'), 'ERR_IMAGE_INVALID');
    expectCode(() => unbake('<svg><openbadges:credential/></svg>'), 'ERR_IMAGE_INVALID');
    expectCode(() => unbake(new Uint8Array([0x3c, 0x73, 0x76, 0x67, 0x3e, 0xff, 0x3c])), 'ERR_IMAGE_INVALID');
  });

  it('recognises an Open Badges 2.0 baked SVG', () => {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="http://openbadges.org"><openbadges:assertion verify="https://example.org/assertion.json"/><g/></svg>`;
    const error = expectCode(() => unbake(svg), 'ERR_BAKED_OB2');
    expect(error.message).toMatch(/Open Badges 2\.0 baked image.*credstack verifies Open Badges 3\.0/);
    expectCode(() => bake(svg, jwt), 'ERR_BAKED_OB2');
  });

  it('reports an SVG without a credential', () => {
    expectCode(() => unbake(SAMPLE_SVG), 'ERR_BAKED_NOT_FOUND');
    expectCode(
      () => unbake(`<svg xmlns:openbadges="${OB3}"><openbadges:credential/></svg>`),
      'ERR_IMAGE_INVALID',
    );
  });

  it('refuses a non-SVG root, another openbadges binding and non-UTF-8 encodings', () => {
    expectCode(() => unbake('<html><svg/></html>', { imageType: 'svg' }), 'ERR_IMAGE_UNSUPPORTED');
    expectCode(() => bake('<svg xmlns:openbadges="urn:other"/>', jwt), 'ERR_IMAGE_UNSUPPORTED');
    expectCode(() => unbake('<?xml version="1.0" encoding="ISO-8859-1"?><svg/>'), 'ERR_IMAGE_UNSUPPORTED');
    expectCode(
      () => unbake(new Uint8Array([0xff, 0xfe, 0x3c, 0x00]), { imageType: 'svg' }),
      'ERR_IMAGE_UNSUPPORTED',
    );
  });

  it('refuses SVG text above maxBytes', () => {
    expectCode(() => unbake(SAMPLE_SVG, { maxBytes: 100 }), 'ERR_LIMIT_EXCEEDED');
    expectCode(() => bake(SAMPLE_SVG, jwt, { maxBytes: SAMPLE_SVG.length + 10 }), 'ERR_LIMIT_EXCEEDED');
  });
});
