// Deeply nested SVG (issue "Verified means authentic", finding 10): the SVG scan resolved every
// element's namespace prefix by walking all its open ancestors (saxes' xmlns mode), so n nested
// elements cost n²/2 steps — 40,000 nested <g> (280 KB) took 16 s, 100,000 (700 KB, well under
// the 5 MiB input limit) over a minute. The scan now keeps one binding stack per prefix and
// refuses nesting deeper than MAX_SVG_DEPTH with ERR_LIMIT_EXCEEDED. These inputs would exceed
// vitest's 30 s timeout on the old code; there is no timed assertion.
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bake,
  generateKey,
  issueCredential,
  type KeyFile,
  unbake,
  verifyCredential,
} from '../../src/index.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const OB3 = 'https://purl.imsglobal.org/ob/v3p0';
const NOW = '2026-01-01T00:00:00Z';

/** The JSON credential baked into an SVG. */
const credentialIn = (svg: string | Uint8Array) => {
  const baked = unbake(svg);
  return baked.format === 'json' ? baked.credential : undefined;
};

const nested = (depth: number, inner = '') => `${'<g>'.repeat(depth)}${inner}${'</g>'.repeat(depth)}`;

let key: KeyFile;
let signed: Record<string, unknown>;
beforeAll(async () => {
  key = await generateKey();
  signed = await issueCredential(
    {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:6a1c1c1e-5d1e-4d8e-9a51-3c0f6f1b9a10',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: key.controller, type: ['Profile'], name: 'School' },
      validFrom: '2025-01-01T00:00:00Z',
      name: 'Nesting',
      credentialSubject: {
        id: 'did:example:learner',
        type: ['AchievementSubject'],
        achievement: {
          id: 'https://school.example/achievements/nesting',
          type: ['Achievement'],
          name: 'Nesting',
          description: 'Nests.',
          criteria: { narrative: 'Nested.' },
        },
      },
    },
    { key, created: '2025-06-01T00:00:00Z' },
  );
});

describe('deeply nested SVG', () => {
  const DEPTH = 100_000;

  it('verifyCredential answers a 100,000-deep SVG with a structured LIMIT_EXCEEDED result', async () => {
    const svg = `<svg xmlns="${SVG_NS}">${nested(DEPTH)}</svg>`;
    for (const input of [svg, new TextEncoder().encode(svg)]) {
      const result = await verifyCredential(input, { now: NOW });
      expect(result.verified).toBe(false);
      expect(result.verdict).toBe('invalid');
      expect(result.checks).toEqual([
        expect.objectContaining({ id: 'limits', status: 'failed', code: 'LIMIT_EXCEEDED' }),
      ]);
    }
  });

  it('a baked credential followed by 100,000 nested elements is refused, not verified', async () => {
    const baked = new TextDecoder().decode(bake(`<svg xmlns="${SVG_NS}"></svg>`, signed));
    const deep = baked.replace(/<\/svg>$/, `${nested(DEPTH)}</svg>`);
    expect(deep.length).toBeGreaterThan(DEPTH * 7);
    const result = await verifyCredential(deep, { now: NOW });
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.status === 'failed')?.code).toBe('LIMIT_EXCEEDED');
    expect(() => unbake(deep)).toThrow(expect.objectContaining({ code: 'ERR_LIMIT_EXCEEDED' }));
  });

  it('prefixed elements and attributes deep in the tree do not walk the ancestors either', async () => {
    // Every element resolves two prefixes bound on the root, under 100,000 ancestors.
    const svg =
      `<svg xmlns="${SVG_NS}" xmlns:x="http://www.w3.org/1999/xlink" xmlns:ob="${OB3}">` +
      `${'<x:g x:a="1" ob:b="2">'.repeat(DEPTH)}${'</x:g>'.repeat(DEPTH)}</svg>`;
    const result = await verifyCredential(svg, { now: NOW });
    expect(result.verified).toBe(false);
    expect(result.checks.map((c) => c.code)).toEqual(['LIMIT_EXCEEDED']);
  });

  it('nesting within the limit still bakes, unbakes and verifies', async () => {
    const artwork = `<svg xmlns="${SVG_NS}" xmlns:x="http://www.w3.org/1999/xlink">${nested(500, '<x:use x:href="#a"/>')}</svg>`;
    const baked = bake(artwork, signed);
    expect(credentialIn(baked)).toEqual(signed);
    const result = await verifyCredential(baked, { now: NOW });
    expect(result.verified, JSON.stringify(result.checks)).toBe(true);
  });
});

describe('namespaces are still resolved by scope', () => {
  it('finds a credential whose prefix is bound on an ancestor, not one whose binding went out of scope', () => {
    const inScope = `<svg xmlns="${SVG_NS}"><g xmlns:b="${OB3}"><g><b:credential><![CDATA[ ${JSON.stringify(signed)} ]]></b:credential></g></g></svg>`;
    expect(credentialIn(inScope)).toEqual(signed);
    // The inner binding of `b` to another namespace hides the outer one.
    const shadowed = `<svg xmlns="${SVG_NS}"><g xmlns:b="${OB3}"><g xmlns:b="https://other.example/"><b:credential>{}</b:credential></g></g></svg>`;
    expect(() => unbake(shadowed)).toThrow(expect.objectContaining({ code: 'ERR_BAKED_NOT_FOUND' }));
    // After </g> the binding is gone: the prefix is unbound, which is not well-formed XML.
    const outOfScope = `<svg xmlns="${SVG_NS}"><g xmlns:b="${OB3}"></g><b:credential>{}</b:credential></svg>`;
    expect(() => unbake(outOfScope)).toThrow(expect.objectContaining({ code: 'ERR_IMAGE_INVALID' }));
    // A default namespace declared on an element applies to its unprefixed descendants.
    const byDefault = `<svg xmlns="${SVG_NS}"><g><credential xmlns="${OB3}"><![CDATA[ ${JSON.stringify(signed)} ]]></credential></g></svg>`;
    expect(credentialIn(byDefault)).toEqual(signed);
    // Unprefixed attributes have no namespace: xmlns on the element does not give `verify` one.
    const attr = `<svg xmlns="${SVG_NS}" xmlns:ob="${OB3}"><ob:credential ob:verify="x"><![CDATA[ ${JSON.stringify(signed)} ]]></ob:credential></svg>`;
    expect(credentialIn(attr)).toEqual(signed);
  });

  it('keeps refusing namespace errors as malformed XML', () => {
    for (const svg of [
      `<svg xmlns="${SVG_NS}"><u:g/></svg>`, // unbound element prefix
      `<svg xmlns="${SVG_NS}"><g u:a="1"/></svg>`, // unbound attribute prefix
      `<svg xmlns="${SVG_NS}" xmlns:a="urn:x" xmlns:b="urn:x"><g a:c="1" b:c="2"/></svg>`, // same expanded name twice
      `<svg xmlns="${SVG_NS}" xmlns:a=""/>`, // undeclaring a prefix (XML 1.0)
      `<svg xmlns="${SVG_NS}" xmlns:xml="urn:not-xml"/>`, // rebinding xml
      `<svg xmlns="${SVG_NS}"><xmlns:g/></svg>`, // element with the xmlns prefix
    ]) {
      expect(() => unbake(svg), svg).toThrow(expect.objectContaining({ code: 'ERR_IMAGE_INVALID' }));
    }
  });
});
