// verifyCredential never throws: whatever arrives, it answers with verified: false and a failed
// check that says what was wrong.
import { describe, expect, it } from 'vitest';
import { type VerificationResult, verifyCredential } from '../../src/verify/index.js';
import { controllerDocument } from '../helpers/vectors.js';
import { NOW, TEST_KEY, vectorJson } from './helpers.js';

function expectRefused(result: VerificationResult, id: 'parse' | 'limits', code?: string): void {
  expect(result.verified).toBe(false);
  expect(result.verdict).toBe('invalid');
  const check = result.checks.find((c) => c.status === 'failed');
  expect(check, JSON.stringify(result.checks)).toBeDefined();
  expect(check!.id).toBe(id);
  if (code) expect(check!.code).toBe(code);
  expect(check!.message.length).toBeGreaterThan(10);
}

const simpleOptions = () => {
  const controller = 'https://example.com/issuers/876543';
  const vm = `${controller}#${TEST_KEY}`;
  return { now: NOW, documents: { [controller]: controllerDocument(controller, vm, TEST_KEY) } };
};

describe('values that are not a credential', () => {
  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a boolean', true],
    ['a bigint', 10n],
    ['a symbol', Symbol('x')],
    ['a function', () => ({})],
    ['an array', [{ type: ['VerifiableCredential'] }]],
    ['an empty array', []],
  ])('%s → parse failure', async (_, input) => {
    expectRefused(await verifyCredential(input as never), 'parse', 'PARSE_FAILED');
  });

  it.each([
    ['an empty string', ''],
    ['whitespace', '   \n '],
    ['plain text', 'not json'],
    ['an unterminated object', '{'],
    ['a JSON array', '[1, 2, 3]'],
    ['a JSON number', '12'],
    ['JSON null', 'null'],
    ['trailing garbage', '{"a": 1} x'],
    ['three dots', '..'],
    ['a JWS-shaped string of garbage', 'abc.def.ghi'],
    [
      'a JWS whose payload is not an object',
      `${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from('"str"').toString('base64url')}.AAAA`,
    ],
  ])('%s → parse failure', async (_, input) => {
    expectRefused(await verifyCredential(input), 'parse', 'PARSE_FAILED');
  });

  it('random bytes → parse failure', async () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    expectRefused(await verifyCredential(bytes), 'parse');
  });

  it('bytes that claim to be a PNG but are truncated → parse failure', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49]);
    expectRefused(await verifyCredential(png), 'parse');
  });

  it.each([
    ['a Date', new Date()],
    ['a Map', new Map([['type', 'VerifiableCredential']])],
    ['a class instance', new (class Badge {})()],
  ])('%s (an object without credential members) → not verified: no @context', async (_, input) => {
    const result = await verifyCredential(input as never);
    expect(result.verified).toBe(false);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ id: 'context', status: 'failed', code: 'CONTEXT_MISSING' }),
    );
  });

  it('an empty object → not verified, with failed checks, no crash', async () => {
    const result = await verifyCredential({});
    expect(result.verified).toBe(false);
    expect(result.checks.some((c) => c.status === 'failed' && c.id === 'context')).toBe(true);
  });

  it('a credential whose fields have the wrong types → not verified, no crash', async () => {
    const weird = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: 42,
      validFrom: { not: 'a date' },
      validUntil: [],
      credentialSubject: 'me',
      proof: [
        null,
        7,
        'x',
        { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022', proofPurpose: 'assertionMethod' },
      ],
      credentialStatus: [null, { type: 'BitstringStatusListEntry' }],
    };
    const result = await verifyCredential(weird, { now: NOW });
    expect(result.verified).toBe(false);
    expect(result.verdict).toBe('invalid');
    expect(result.checks.some((c) => c.code === 'PROOF_MALFORMED')).toBe(true);
  });
});

describe('limits', () => {
  it('a 6 MB string → LIMIT_EXCEEDED before parsing', async () => {
    const big = `{"a":"${'x'.repeat(6 * 1024 * 1024)}"}`;
    expectRefused(await verifyCredential(big), 'limits', 'LIMIT_EXCEEDED');
  });

  it('6 MB of bytes → LIMIT_EXCEEDED', async () => {
    expectRefused(await verifyCredential(new Uint8Array(6 * 1024 * 1024)), 'limits', 'LIMIT_EXCEEDED');
  });

  it('a string value longer than maxStringLength in an object → LIMIT_EXCEEDED', async () => {
    const credential = { ...vectorJson('validator/simple.json'), name: 'x'.repeat(2 * 1024 * 1024) };
    expectRefused(await verifyCredential(credential), 'limits', 'LIMIT_EXCEEDED');
  });

  it('JSON text nested 100,000 levels → LIMIT_EXCEEDED, no stack overflow', async () => {
    const depth = 100_000;
    const text = `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    expectRefused(await verifyCredential(text), 'limits', 'LIMIT_EXCEEDED');
    const arrays = `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
    expectRefused(await verifyCredential(arrays), 'limits', 'LIMIT_EXCEEDED');
  });

  it('brackets inside strings do not count as nesting', async () => {
    const text = JSON.stringify({ ...vectorJson('validator/simple.json'), description: '{'.repeat(1000) });
    const result = await verifyCredential(text, simpleOptions());
    expect(result.checks.some((c) => c.id === 'limits')).toBe(false);
    // Parsed fine; the description is signed, so the signature now fails.
    expect(result.verdict).toBe('invalid');
  });

  it('an object nested 100,000 levels (built iteratively) → LIMIT_EXCEEDED, no stack overflow', async () => {
    const root: Record<string, unknown> = { '@context': ['https://www.w3.org/ns/credentials/v2'] };
    let node = root;
    for (let i = 0; i < 100_000; i++) {
      const child: Record<string, unknown> = {};
      node.a = child;
      node = child;
    }
    expectRefused(await verifyCredential(root), 'limits', 'LIMIT_EXCEEDED');
    const list: unknown[] = [];
    let cursor = list;
    for (let i = 0; i < 100_000; i++) {
      const next: unknown[] = [];
      cursor.push(next);
      cursor = next;
    }
    expectRefused(await verifyCredential({ credentialSubject: list }), 'limits', 'LIMIT_EXCEEDED');
  });

  it('a cyclic object → refused, no infinite loop', async () => {
    const cyclic: Record<string, unknown> = { ...vectorJson('validator/simple.json') };
    cyclic.self = cyclic;
    expectRefused(await verifyCredential(cyclic), 'limits', 'LIMIT_EXCEEDED');
  });

  it('a very wide object (more than a million values) → refused', async () => {
    const wide = { ...vectorJson('validator/simple.json'), extra: new Array(1_100_000).fill(0) };
    expectRefused(await verifyCredential(wide), 'limits', 'LIMIT_EXCEEDED');
  });

  it('limits can be lowered by the caller', async () => {
    const result = await verifyCredential(vectorJson('validator/simple.json'), { limits: { maxDepth: 3 } });
    expectRefused(result, 'limits', 'LIMIT_EXCEEDED');
    expectRefused(
      await verifyCredential(JSON.stringify(vectorJson('validator/simple.json')), {
        limits: { maxBytes: 100 },
      }),
      'limits',
    );
  });
});

describe('prototype pollution', () => {
  it('__proto__, constructor and prototype keys neither pollute nor crash', async () => {
    const text = JSON.stringify(vectorJson('validator/simple.json')).replace(
      '"name":',
      '"__proto__":{"polluted":true,"verified":true},"constructor":{"prototype":{"polluted":true}},"prototype":{"polluted":true},"name":',
    );
    const result = await verifyCredential(text, simpleOptions());
    expect(result.verified).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).verified).toBeUndefined();
    // The keys are properties no context defines (JSON-LD) and are not signed.
    expect(result.checks.some((c) => c.status === 'failed')).toBe(true);
  });

  it('an object with a null prototype is accepted like any object', async () => {
    const plain = vectorJson('validator/simple.json');
    const bare = Object.assign(Object.create(null), plain) as Record<string, unknown>;
    const result = await verifyCredential(bare, simpleOptions());
    expect(result.verdict).toBe('verified');
  });
});

describe('options', () => {
  it.each([
    ['not a date', 'yesterday-ish'],
    ['an invalid Date', new Date(Number.NaN)],
  ])('now %s → not verified, OPTION_INVALID, even for a valid credential', async (_, now) => {
    const good = await verifyCredential(vectorJson('validator/simple.json'), simpleOptions());
    expect(good.verdict).toBe('verified');
    const result = await verifyCredential(vectorJson('validator/simple.json'), {
      ...simpleOptions(),
      now: now as never,
    });
    expect(result.verified).toBe(false);
    expect(result.checks).toContainEqual(
      expect.objectContaining({ status: 'failed', code: 'OPTION_INVALID' }),
    );
  });

  it('documents that are not JSON objects do not crash the verifier', async () => {
    const controller = 'https://example.com/issuers/876543';
    for (const document of [null, 42, 'text', [], { verificationMethod: 'nope' }]) {
      const result = await verifyCredential(vectorJson('validator/simple.json'), {
        now: NOW,
        documents: { [controller]: document },
      });
      expect(result.verified).toBe(false);
      expect(result.checks.some((c) => c.status === 'failed' && c.id === 'proof')).toBe(true);
    }
  });

  it('options of the wrong type do not make it throw', async () => {
    for (const options of [
      null,
      42,
      'x',
      { documents: 'x' },
      { limits: null },
      { network: 'yes' },
      { algorithms: 'RS256' },
    ]) {
      const result = await verifyCredential(vectorJson('validator/simple.json'), options as never);
      expect(result.verified).toBe(false);
      expect(result.checks.length).toBeGreaterThan(0);
    }
  });
});

describe('a credential built to produce many schema errors', () => {
  it('gets verified: false with the first schema errors, not a hang or a stack overflow', async () => {
    const credential = vectorJson(
      'spec/ob-v3p0/spec/complete-openbadgecredential.unsigned-outer.signed-endorsements.json',
    ) as {
      credentialSubject: { achievement: Record<string, unknown> };
    };
    credential.credentialSubject.achievement.alignment = new Array(200_000).fill(42);
    // Strict (as the 1EdTech validator): the schema errors fail the credential; by default they
    // are conformance warnings, bounded the same (the outer credential is unsigned: not verified).
    for (const strict of [true, false]) {
      const result = await verifyCredential(credential as never, { now: NOW, strict });
      expect(result.verified).toBe(false);
      const schema = result.checks.filter((c) => c.id === 'schema');
      expect(schema).toHaveLength(10);
      expect(schema[0]).toMatchObject({
        status: strict ? 'failed' : 'warning',
        code: 'SCHEMA_INVALID',
        path: '/credentialSubject/achievement/alignment/0',
      });
      expect(result.conformance?.violations.length).toBeGreaterThanOrEqual(10);
    }
  });
});

// base58 decoding is quadratic in the length (here and in the reference suites): before the
// length checks, a 900,000-character value (under every parse limit) held a verifier for minutes.
describe('values that would be slow to decode', () => {
  const signed = () =>
    vectorJson('ob-test-vector/credential.signed.json') as {
      issuer: string | { id: string };
      proof: Record<string, unknown>;
    };

  it('a 900,000-character proofValue is refused before decoding', async () => {
    const credential = signed();
    credential.proof.proofValue = `z${'2'.repeat(900_000)}`;
    const result = await verifyCredential(credential as never, { now: NOW });
    expect(result.verified).toBe(false);
    const proof = result.checks.find((c) => c.id === 'proof');
    expect(proof).toMatchObject({ status: 'failed', code: 'PROOF_MALFORMED' });
    expect(proof?.path).toMatch(/proofValue$/);
  });

  it('a 900,000-character did:key is refused before decoding', async () => {
    const credential = signed();
    const did = `did:key:z6Mk${'2'.repeat(900_000)}`;
    credential.issuer = { id: did };
    credential.proof.verificationMethod = `${did}#z6Mk`;
    const result = await verifyCredential(credential as never, { now: NOW });
    expect(result.verified).toBe(false);
    expect(result.checks.find((c) => c.id === 'proof')).toMatchObject({ status: 'failed' });
  });
});
