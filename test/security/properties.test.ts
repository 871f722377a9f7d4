// Property tests (fast-check): what the verifier promises, over generated input rather than
// hand-picked cases. Short and seeded by default; `CREDSTACK_FUZZ=1 npx vitest run test/security`
// runs every property 50× longer with a fresh seed (fast-check prints it on failure).
//
// 1. Issue → verify is `verified`, in both formats, for any credential (any script).
// 2. Any single semantic mutation of a signed credential is never `verified`.
// 3. verifyCredential never throws and always returns a well-formed result, for anything.
import fc from 'fast-check';
import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { bake } from '../../src/bake/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { createOpenBadgeCredential } from '../../src/model/index.js';
import { verifyCredential } from '../../src/verify/index.js';
import {
  CREATED,
  cloneJson,
  credentialInput,
  expectWellFormed,
  explain,
  FUZZ,
  type Json,
  type JsonObject,
  mutate,
  mutationOf,
  NOW,
  type Path,
  runs,
  TIMEOUT,
} from './arbitraries.js';

const verify = (input: unknown) => verifyCredential(input, { now: NOW });
const EXTENSIONS = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';

let key: KeyFile;

beforeAll(async () => {
  key = await generateKey();
});

/** A generated credential, unsigned, for `key`. */
async function unsigned(build: (issuer: string) => Parameters<typeof createOpenBadgeCredential>[0]) {
  return (await createOpenBadgeCredential(build(key.controller))) as unknown as JsonObject;
}

const signDi = async (credential: JsonObject) =>
  (await issueCredential(credential, { key, created: CREATED })) as unknown as JsonObject;
const signJwt = (credential: JsonObject) => issueCredential(credential, { key, format: 'vc-jwt' });

describe('issue → verify round trip', () => {
  it(
    'any generated credential verifies as issued, as Data Integrity (eddsa-rdfc-2022) and as VC-JWT (EdDSA)',
    async () => {
      await fc.assert(
        fc.asyncProperty(credentialInput, async (build) => {
          const credential = await unsigned(build);
          const di = await signDi(credential);
          const diResult = await verify(di);
          expect(diResult.verdict, explain(diResult)).toBe('verified');
          expect(diResult.format).toBe('data-integrity');
          // What the verifier hands back is what was signed, to the code point.
          expect(diResult.credential).toEqual(di);

          const jwt = await signJwt(credential);
          const jwtResult = await verify(jwt);
          expect(jwtResult.verdict, explain(jwtResult)).toBe('verified');
          expect(jwtResult.format).toBe('vc-jwt');
          expect(jwtResult.credential).toEqual(credential);
        }),
        runs(10),
      );
    },
    TIMEOUT,
  );

  it(
    'the same credentials verify when baked into an SVG or a PNG',
    async () => {
      const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"></svg>';
      await fc.assert(
        fc.asyncProperty(credentialInput, fc.constantFrom('svg', 'png'), async (build, type) => {
          const jwt = await signJwt(await unsigned(build));
          const image = type === 'svg' ? bake(svg, jwt) : bake(PNG_1x1, jwt);
          const result = await verify(image);
          expect(result.verdict, explain(result)).toBe('verified');
          expect(result.container).toBe(type);
        }),
        runs(4),
      );
    },
    TIMEOUT,
  );
});

// A 1×1 transparent PNG.
const PNG_1x1 = base64url.decode(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg',
);

describe('a single mutation of a signed credential is never verified', () => {
  // A few signed credentials to mutate (signing is the slow part; mutations are cheap).
  let diPool: JsonObject[];
  let proofSet: JsonObject;
  let jwtPool: Array<{ header: JsonObject; payload: JsonObject; signature: string }>;

  beforeAll(async () => {
    const builds = fc.sample(credentialInput, { numRuns: FUZZ ? 12 : 3, seed: 7 });
    const credentials = await Promise.all(builds.map(unsigned));
    diPool = await Promise.all(credentials.map(signDi));
    // A proof set: the same key signs twice, at two times.
    proofSet = (await issueCredential(diPool[0]!, {
      key,
      created: '2025-07-01T00:00:00Z',
    })) as unknown as JsonObject;
    jwtPool = await Promise.all(
      credentials.map(async (c) => {
        const [h, p, signature] = (await signJwt(c)).split('.') as [string, string, string];
        const json = (part: string) => JSON.parse(new TextDecoder().decode(base64url.decode(part)));
        return { header: json(h), payload: json(p), signature };
      }),
    );
  }, 120_000);

  const encode = (value: Json | undefined) =>
    value === undefined ? '' : base64url.encode(JSON.stringify(value));

  const diProperty = (pool: () => JsonObject[], within?: (path: Path) => boolean) =>
    fc.asyncProperty(
      fc.nat().chain((i) => {
        const doc = pool()[i % pool().length]!;
        return mutationOf(doc, 'json-ld', within).map((m) => ({ doc, m }));
      }),
      async ({ doc, m }) => {
        const result = await verify(mutate(doc, m));
        expectWellFormed(result);
        expect(result.verified, `${m.description} → ${explain(result)}`).toBe(false);
      },
    );

  it('the harness is sound: the unmutated pool verifies, and a JWT re-encodes to itself', async () => {
    for (const doc of [...diPool, proofSet]) {
      const result = await verify(cloneJson(doc));
      expect(result.verdict, explain(result)).toBe('verified');
    }
    for (const { header, payload, signature } of jwtPool) {
      const result = await verify(`${encode(header)}.${encode(payload)}.${signature}`);
      expect(result.verdict, explain(result)).toBe('verified');
    }
  });

  it(
    'Data Integrity: a change, addition, removal, rename or reorder anywhere',
    async () => {
      await fc.assert(
        diProperty(() => diPool),
        runs(80),
      );
    },
    TIMEOUT,
  );

  it(
    'Data Integrity: … inside the proof',
    async () => {
      await fc.assert(
        diProperty(
          () => diPool,
          (path) => path[0] === 'proof',
        ),
        runs(25),
      );
    },
    TIMEOUT,
  );

  it(
    'Data Integrity: … inside @context',
    async () => {
      await fc.assert(
        diProperty(
          () => diPool,
          (path) => path[0] === '@context',
        ),
        runs(15),
      );
    },
    TIMEOUT,
  );

  it(
    'Data Integrity proof set: a change inside either proof, or a value swapped between the two',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            mutationOf(proofSet, 'json-ld', (path) => path[0] === 'proof'),
            fc.constantFrom('proofValue', 'created', 'verificationMethod').map((field) => ({
              description: `swap proof/0/${field} and proof/1/${field}`,
              apply: (doc: Json) => {
                const [a, b] = (doc as { proof: JsonObject[] }).proof as [JsonObject, JsonObject];
                [a[field], b[field]] = [b[field]!, a[field]!];
                return doc;
              },
            })),
          ),
          async (m) => {
            const before = (proofSet.proof as JsonObject[]).map((p) => p.verificationMethod);
            const mutated = mutate(proofSet, m);
            // Swapping two equal values is no mutation (both proofs use one key).
            fc.pre(JSON.stringify(mutated) !== JSON.stringify(proofSet) || before.length < 2);
            const result = await verify(mutated);
            expectWellFormed(result);
            expect(result.verified, `${m.description} → ${explain(result)}`).toBe(false);
          },
        ),
        runs(15),
      );
    },
    TIMEOUT,
  );

  // The exclusions of `mutationOf` (see `neutral` in arbitraries.ts) are real: each of these
  // changes the JSON but not the signed RDF dataset, so the signature still verifies.
  it.each<[string, (d: JsonObject & Record<string, any>) => void]>([
    ['an unordered array reordered (type)', (d) => (d.type as Json[]).reverse()],
    ['a one-element array unwrapped', (d) => (d.credentialSubject.achievement.type = 'Achievement')],
    ['a value duplicated in a set', (d) => d.type.push('VerifiableCredential')],
    ['an empty array added (termsOfUse: [])', (d) => (d.termsOfUse = [])],
    ['OpenBadgeCredential → its alias AchievementCredential', (d) => (d.type[1] = 'AchievementCredential')],
    ['a bundled context that redefines nothing appended', (d) => d['@context'].push(EXTENSIONS)],
    ['the proof wrapped in an array', (d) => (d.proof = [d.proof])],
    [
      'verificationMethod as { id }',
      (d) => (d.proof.verificationMethod = { id: d.proof.verificationMethod }),
    ],
  ])('neutral in JSON-LD, so excluded from the generator: %s', async (_, change) => {
    const doc = cloneJson(diPool[0]!) as JsonObject & Record<string, any>;
    change(doc);
    const result = await verify(doc);
    expect(
      result.checks.some((c) => c.code === 'PROOF_VALID'),
      explain(result),
    ).toBe(true);
  });

  it('Data Integrity proof set: reordering it is neutral (a set, VC Data Integrity §2.1.1) and still verifies', async () => {
    const reordered = cloneJson(proofSet);
    (reordered.proof as Json[]).reverse();
    const result = await verify(reordered);
    expect(result.verdict, explain(result)).toBe('verified');
    expect(result.checks.filter((c) => c.code === 'PROOF_VALID')).toHaveLength(2);
  });

  it(
    'VC-JWT: a change, addition, removal, rename or reorder in the header or the payload',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat().chain((i) => {
            const { header, payload, signature } = jwtPool[i % jwtPool.length]!;
            return mutationOf({ header, payload }, 'bytes').map((m) => ({ header, payload, signature, m }));
          }),
          async ({ header, payload, signature, m }) => {
            const mutated = mutate({ header, payload }, m) as { header?: Json; payload?: Json };
            const jwt = `${encode(mutated.header)}.${encode(mutated.payload)}.${signature}`;
            const result = await verify(jwt);
            expectWellFormed(result);
            expect(result.verified, `${m.description} → ${explain(result)}`).toBe(false);
          },
        ),
        runs(60),
      );
    },
    TIMEOUT,
  );

  it(
    'VC-JWT: any bit of the signature flipped, or the signature cut',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.nat(), fc.nat({ max: 511 }), fc.boolean(), async (i, bit, cut) => {
          const { header, payload, signature } = jwtPool[i % jwtPool.length]!;
          const bytes = base64url.decode(signature);
          const forged = cut ? bytes.slice(0, bit % bytes.length) : bytes.slice();
          if (!cut) forged[(bit >> 3) % forged.length]! ^= 1 << (bit & 7);
          const result = await verify(`${encode(header)}.${encode(payload)}.${base64url.encode(forged)}`);
          expectWellFormed(result);
          expect(result.verified, explain(result)).toBe(false);
        }),
        runs(10),
      );
    },
    TIMEOUT,
  );
});

describe('verifyCredential never throws and always answers', () => {
  const answers = async (input: unknown) => {
    let result: Awaited<ReturnType<typeof verifyCredential>> | undefined;
    try {
      result = await verifyCredential(input, { now: NOW });
    } catch (error) {
      expect.fail(`verifyCredential threw: ${(error as Error)?.stack ?? String(error)}`);
    }
    expectWellFormed(result!);
    return result!;
  };

  it(
    'any JSON value, as a value and as JSON text',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.jsonValue(), async (value) => {
          expect((await answers(value)).verified).toBe(false);
          expect((await answers(JSON.stringify(value))).verified).toBe(false);
        }),
        runs(150),
      );
    },
    TIMEOUT,
  );

  it(
    'anything at all (objects with odd prototypes, Maps, typed arrays, symbols, bigints…)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.anything({
            withBigInt: true,
            withBoxedValues: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withNullPrototype: true,
            withObjectString: true,
            withSparseArray: true,
            withTypedArray: true,
            withUnicodeString: true,
          }),
          async (value) => {
            expect((await answers(value)).verified).toBe(false);
          },
        ),
        runs(100),
      );
    },
    TIMEOUT,
  );

  it(
    'a signed credential with any value put anywhere (structure-aware garbage)',
    async () => {
      const signed = await signDi(await unsigned(fc.sample(credentialInput, { numRuns: 1, seed: 3 })[0]!));
      const paths: Path[] = [];
      const walk = (v: unknown, path: Path) => {
        paths.push(path);
        if (typeof v === 'object' && v !== null)
          for (const [k, c] of Object.entries(v)) walk(c, [...path, Array.isArray(v) ? Number(k) : k]);
      };
      walk(signed, []);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...paths.filter((p) => p.length > 0)),
          fc.anything(),
          async (path, v) => {
            const doc = structuredClone(signed) as Record<string | number, unknown>;
            let parent: Record<string | number, unknown> = doc;
            for (const step of path.slice(0, -1)) parent = parent[step] as Record<string | number, unknown>;
            parent[path[path.length - 1]!] = v;
            await answers(doc);
          },
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );

  it(
    'any bytes, bare, behind a PNG signature, and inside PNG chunks',
    async () => {
      const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
      await fc.assert(
        fc.asyncProperty(
          fc.uint8Array({ maxLength: 512 }),
          fc.constantFrom('bare', 'png', 'chunk', 'itxt', 'baked'),
          async (bytes, shape) => {
            let input: Uint8Array;
            if (shape === 'bare') input = bytes;
            else if (shape === 'png') input = Uint8Array.from([...PNG_SIGNATURE, ...bytes]);
            else if (shape === 'chunk') input = pngWith('iTXt', bytes);
            else if (shape === 'itxt') {
              // The OB 3.0 keyword, then anything (compression flags, language, text).
              const keyword = new TextEncoder().encode('openbadgecredential');
              input = pngWith('iTXt', Uint8Array.from([...keyword, 0, ...bytes]));
            } else {
              // A real baked PNG with random bytes written over part of it.
              input = BAKED.slice();
              bytes.forEach((b, i) => {
                input[(i * 7919) % input.length] = b;
              });
            }
            expect((await answers(input)).verified).toBe(false);
          },
        ),
        runs(120),
      );
    },
    TIMEOUT,
  );

  it(
    'any SVG-looking text, as a string and as bytes',
    async () => {
      const fragment = fc.oneof(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.constantFrom(
          '<svg xmlns="http://www.w3.org/2000/svg">',
          '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0">',
          '</svg>',
          '<openbadges:credential>',
          '<openbadges:credential verify="eyJhbGciOiJFZERTQSJ9.e30.AAAA">',
          '</openbadges:credential>',
          '<openbadges:assertion xmlns:openbadges="http://openbadges.org" verify="x"/>',
          '<![CDATA[{"@context":["https://www.w3.org/ns/credentials/v2"]}]]>',
          '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">]>',
          '&a;',
          '&lt;',
          '&#0;',
          '<?xml version="1.0"?>',
          '<!-- -->',
          '{"@context":',
          '"',
        ),
      );
      await fc.assert(
        fc.asyncProperty(fc.array(fragment, { maxLength: 12 }), async (parts) => {
          const svg = parts.join('');
          expect((await answers(svg)).verified).toBe(false);
          expect((await answers(new TextEncoder().encode(svg))).verified).toBe(false);
        }),
        runs(120),
      );
    },
    TIMEOUT,
  );
});

// A baked PNG (a 1×1 image carrying a short string), to overwrite at random.
const BAKED = bake(PNG_1x1, 'eyJhbGciOiJFZERTQSJ9.eyJ4IjoxfQ.AAAA');

/** A PNG with one chunk of this type and payload (CRC computed), before IEND. */
function pngWith(type: string, data: Uint8Array): Uint8Array {
  const chunk = (t: string, d: Uint8Array) => {
    const body = Uint8Array.from([...new TextEncoder().encode(t), ...d]);
    const out = new Uint8Array(12 + d.length);
    new DataView(out.buffer).setUint32(0, d.length);
    out.set(body, 4);
    new DataView(out.buffer).setUint32(8 + d.length, crc32(body));
    return out;
  };
  const head = PNG_1x1.slice(0, PNG_1x1.length - 12);
  return Uint8Array.from([...head, ...chunk(type, data), ...chunk('IEND', new Uint8Array())]);
}

function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}
