// Review finding 11: `verifyPathwayProof` threw `RangeError: Maximum call stack size exceeded` on a
// deeply nested proof, and `credstack pathway verify` printed "unexpected error". A hostile proof
// gets a structured, coded, not-verified result before anything recurses, with the verifier's own
// limits (DEFAULT_LIMITS, or `options.limits`); and neither verifyPathwayProof nor pathwayProgress
// throws on any JSON input.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/index.js';
import {
  composePathwayProof,
  formatPathwayProgress,
  formatPathwayProofResult,
  type PathwayProofResult,
  pathwayProgress,
  type VerificationLike,
} from '../../src/pathway/index.js';
import { runCli } from '../cli/run-cli.js';
import { runs, TIMEOUT } from './arbitraries.js';
import {
  ACHIEVEMENT,
  badge,
  COMPOSED,
  failed,
  type Json,
  keys,
  NOW,
  smallPathway,
  verifyProof,
} from './pathway-helpers.js';

const pathway = smallPathway();
const DEEP = 100_000;

/** `[[[…[leaf]…]]]`, `levels` deep, built without recursion. */
function nested(levels: number, leaf: unknown = 1): unknown {
  let value = leaf;
  for (let i = 0; i < levels; i++) value = i % 2 ? { x: value } : [value];
  return value;
}

// One deep value, shared (every use reads it, none changes it).
const DEEP_VALUE = nested(DEEP);

/** A ClrCredential shell with `inner` at `where` in its ClrSubject. */
function clrWith(where: string, inner: unknown): Json {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2'],
    type: ['VerifiableCredential', 'ClrCredential'],
    issuer: 'did:example:attacker',
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: { type: ['ClrSubject'], id: 'did:example:attacker', [where]: inner },
  };
}

function expectLimitResult(result: PathwayProofResult): void {
  expect(result.verified).toBe(false);
  expect(result.verdict).toBe('invalid');
  expect(result.complete).toBe(false);
  expect(failed(result)).toEqual(['limits:LIMIT_EXCEEDED']);
}

const trusting = async (c: unknown): Promise<VerificationLike> => ({
  verified: true,
  verdict: 'verified',
  ...(c && typeof c === 'object' && !Array.isArray(c) ? { credential: c as Json } : {}),
  checks: [],
});

describe('a deeply nested pathway proof', () => {
  it.each([
    ['an embedded credential', 'verifiableCredential', [{ evidence: nested(DEEP) }]],
    [
      'an Achievement (the pathway definition)',
      'achievement',
      [{ id: pathway.id, pathwayDefinition: nested(DEEP) }],
    ],
    ['the claims', 'pathwayProgress', { pathway: pathway.id, earned: [nested(DEEP)], milestones: [] }],
    ['an association', 'association', [nested(DEEP)]],
  ])('in %s gets a coded not-verified result, not a RangeError', async (_, where, inner) => {
    const result = await verifyProof(clrWith(where, inner), pathway);
    expectLimitResult(result);
    expect(result.checks[0]!.message).toContain(`${DEFAULT_LIMITS.maxDepth} levels`);
  });

  it('also when an injected verifier says everything verifies', async () => {
    const proof = clrWith('verifiableCredential', [{ id: 'urn:x', evidence: nested(DEEP) }]);
    expectLimitResult(await verifyProof(proof, pathway, { verify: trusting }));
  });

  it('as a VC-JWT whose payload is deep', async () => {
    const enc = (s: string) => base64url.encode(s);
    // JSON text built by hand: JSON.stringify recurses too.
    const payload = `{"vc":{"type":["VerifiableCredential","ClrCredential"],"credentialSubject":{"type":"ClrSubject","id":"did:example:a","verifiableCredential":[${'['.repeat(DEEP)}${']'.repeat(DEEP)}]}}}`;
    const jwt = `${enc('{"alg":"EdDSA"}')}.${enc(payload)}.${enc('sig')}`;
    for (const verify of [undefined, trusting]) {
      const result = await verifyProof(jwt, pathway, verify ? { verify } : {});
      expect(result.verified).toBe(false);
      expect(failed(result)).toContain('limits:LIMIT_EXCEEDED');
    }
  });

  it('honours options.limits, and refuses a bad one with a code', async () => {
    const k = await keys();
    const creds = await Promise.all([
      badge(k.school, ACHIEVEMENT.a, { id: k.victim.controller }),
      badge(k.school, ACHIEVEMENT.b, { id: k.victim.controller }),
    ]);
    const proof = await composePathwayProof(pathway, creds, { key: k.victim, now: COMPOSED });
    expect((await verifyProof(proof, pathway)).verified).toBe(true);
    expectLimitResult(await verifyProof(proof, pathway, { limits: { maxDepth: 4 } }));
    const bad = await verifyProof(proof, pathway, { limits: { maxDepth: Number.NaN } });
    expect(bad.verified).toBe(false);
    expect(failed(bad)).toEqual(['limits:OPTION_INVALID']);
  });
});

describe('credstack pathway verify on a deeply nested proof', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'credstack-pathway-depth-'));
    writeFileSync(join(dir, 'pathway.json'), JSON.stringify(pathway));
    const text = JSON.stringify(clrWith('verifiableCredential', ['DEEP'])).replace(
      '"DEEP"',
      `${'['.repeat(DEEP)}${']'.repeat(DEEP)}`,
    );
    writeFileSync(join(dir, 'deep.json'), text);
  });

  it('exits 1 (not verified) with a LIMIT_EXCEEDED check, not "unexpected error"', {
    timeout: 120_000,
  }, () => {
    const args = ['pathway', 'verify', join(dir, 'deep.json'), '--pathway', join(dir, 'pathway.json')];
    const text = runCli(args);
    expect(text.stderr).not.toMatch(/unexpected error|call stack/i);
    expect(text.code, text.stderr).toBe(1);
    expect(text.stdout).toMatch(/LIMIT_EXCEEDED|nesting deeper than/);

    const json = runCli([...args, '--json']);
    expect(json.code, json.stderr).toBe(1);
    const result = JSON.parse(json.stdout) as PathwayProofResult;
    expect(failed(result)).toEqual(['limits:LIMIT_EXCEEDED']);
  });
});

describe('verifyPathwayProof and pathwayProgress never throw on any JSON input', () => {
  // Values JSON.parse can make that trip naive code: non-callable toString / valueOf (String(x)
  // throws), __proto__ as an own key, deep nesting, huge and odd numbers, lone surrogates.
  const odd: fc.Arbitrary<unknown> = fc.oneof(
    fc.constantFrom(
      ...[
        '{"toString":1}',
        '{"valueOf":1,"toString":1}',
        '{"__proto__":{"verified":true}}',
        '{"id":{"toString":1}}',
        '[{"toString":1}]',
        '"\\ud800"',
        '1e400',
        '-0',
        'null',
        '[]',
        '{}',
        '""',
      ].map((t) => JSON.parse(t) as unknown),
    ),
    fc.integer({ min: 50, max: 400 }).map((n) => nested(n)),
    fc.constant(DEEP_VALUE),
  );
  const value: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: odd },
  );
  const subject = fc.record(
    {
      type: fc.oneof(fc.constant(['ClrSubject']), value),
      id: fc.oneof(fc.constant('did:example:a'), value),
      identifier: value,
      verifiableCredential: fc.oneof(fc.array(value, { maxLength: 3 }), value),
      verifiableCredentialJwt: value,
      achievement: fc.oneof(
        fc.array(
          fc.oneof(
            fc.record({ id: fc.constant(pathway.id), pathwayDefinition: value }, { requiredKeys: ['id'] }),
            value,
          ),
          { maxLength: 3 },
        ),
        value,
      ),
      association: fc.oneof(fc.array(value, { maxLength: 3 }), value),
      pathwayProgress: fc.oneof(
        fc.record({
          pathway: fc.oneof(fc.constant(pathway.id), value),
          earned: fc.oneof(fc.array(value, { maxLength: 3 }), value),
          milestones: fc.oneof(fc.array(value, { maxLength: 3 }), value),
          complete: value,
        }),
        value,
      ),
    },
    { requiredKeys: ['type'] },
  );
  const proof: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 1, arbitrary: value },
    {
      weight: 4,
      arbitrary: fc.record(
        {
          type: fc.constant(['VerifiableCredential', 'ClrCredential']),
          credentialSubject: fc.oneof(subject, fc.array(subject, { maxLength: 2 })),
          partial: value,
          issuer: value,
          id: value,
        },
        { requiredKeys: ['type', 'credentialSubject'] },
      ),
    },
  );

  const noString = () => JSON.parse('{"toString":1}') as unknown; // String(x) throws a TypeError

  it('an id, an association or a partial flag that cannot be turned into a string', async () => {
    for (const [where, inner] of [
      ['achievement', [{ id: noString() }]],
      ['association', [{ associationType: noString(), sourceId: 'a', targetId: 'b' }]],
      ['pathwayProgress', { pathway: pathway.id, earned: [{ component: noString() }], milestones: [] }],
    ] as const) {
      const result = await verifyProof(clrWith(where, inner), pathway, { verify: trusting });
      expect(result.verified).toBe(false);
    }
    const partial = { ...clrWith('verifiableCredential', []), partial: noString() };
    expect((await verifyProof(partial, pathway, { verify: trusting })).verified).toBe(false);
    // The CLI prints the result: an embedded credential's id is read for its line.
    const odd = clrWith('verifiableCredential', [{ id: noString() }]);
    const result = await verifyProof(odd, pathway, { verify: trusting });
    expect(formatPathwayProofResult(result, pathway)).toContain('(unreadable)');
  });

  it('a credential whose result value cannot be turned into a string', async () => {
    const scored = smallPathway({
      components: [
        { id: 'a', achievement: ACHIEVEMENT.a, minimumResult: { value: 70 } },
        { id: 'b', achievement: ACHIEVEMENT.b },
      ],
    });
    const credential = {
      id: 'urn:uuid:odd',
      issuer: 'did:example:school',
      credentialSubject: { id: 'did:example:a', achievement: ACHIEVEMENT.a, result: [{ value: noString() }] },
    };
    const report = await pathwayProgress(scored, [credential], { verify: trusting });
    expect(report.rejected.map((r) => r.reason)).toEqual(['result-below-minimum']);
  });

  it(
    'verifyPathwayProof: a well-formed, not-verified result (default and injected verifiers)',
    async () => {
      await fc.assert(
        fc.asyncProperty(proof, fc.boolean(), async (p, inject) => {
          const result = await verifyProof(p, pathway, inject ? { verify: trusting } : {});
          expect(formatPathwayProofResult(result, pathway)).toMatch(/^NOT VERIFIED/);
          expect(typeof result.verified).toBe('boolean');
          expect(result.verified).toBe(false);
          expect(result.complete).toBe(false);
          for (const c of result.checks) expect(c.code).toMatch(/^[A-Z0-9_]+$/);
          expect(result.verified).toBe(!result.checks.some((c) => c.status === 'failed'));
        }),
        runs(60),
      );
    },
    TIMEOUT,
  );

  it(
    'pathwayProgress: a report for any credentials, even those an injected verifier accepts',
    async () => {
      const credential = fc.oneof(
        value,
        fc.record(
          {
            id: value,
            issuer: value,
            validFrom: value,
            credentialSubject: fc.oneof(
              fc.record(
                {
                  id: fc.oneof(fc.constant('did:example:a'), value),
                  identifier: value,
                  achievement: fc.oneof(fc.constant(ACHIEVEMENT.a), fc.constant(ACHIEVEMENT.b), value),
                  result: fc.oneof(
                    fc.array(
                      fc.record(
                        { value, achievedLevel: value, resultDescription: value },
                        { requiredKeys: [] },
                      ),
                      { maxLength: 2 },
                    ),
                    value,
                  ),
                },
                { requiredKeys: ['achievement'] },
              ),
              value,
            ),
          },
          { requiredKeys: ['credentialSubject'] },
        ),
      );
      const minimum = smallPathway({
        components: [
          { id: 'a', achievement: ACHIEVEMENT.a, minimumResult: { value: 'B' } },
          { id: 'b', achievement: ACHIEVEMENT.b, minimumResult: { value: 70 } },
        ],
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(credential, { maxLength: 4 }),
          fc.boolean(),
          fc.constantFrom(pathway, minimum),
          fc.oneof(
            fc.constant(undefined),
            fc.constant({ email: 'a@example.org' }),
            fc.constant({ id: 'did:example:a' }),
          ),
          async (credentials, inject, p, learner) => {
            const report = await pathwayProgress(p, credentials, {
              now: NOW,
              ...(inject ? { verify: trusting } : {}),
              ...(learner ? { learner } : {}),
            });
            expect(report.components).toHaveLength(2);
            expect(typeof formatPathwayProgress(report, p)).toBe('string');
            expect(typeof report.complete).toBe('boolean');
            if (!inject) expect(report.complete).toBe(false);
          },
        ),
        runs(60),
      );
    },
    TIMEOUT,
  );
});
