// RDF canonicalization blow-up ("Verified means authentic", finding 9). RDFC-1.0 is linear on
// blank nodes that first-degree hashing tells apart (every genuine credential in test/vectors) and
// super-linear on look-alike ones: a ring of identical blank nodes (`"_:n0" → "_:n1" → … → "_:n0"`)
// copies an n-entry identifier issuer n times. rdf-canonize's own limit (maxWorkFactor 1) counts
// the runs, not what each costs, so a 1 MB credential held the verifier for 89 s per proof (and the
// fast path's failure then ran jsonld.js for the same answer). Now one budget, proportional to the
// credential's size, meters the work of every proof of a verification on both canonicalization
// paths, and past it the proof check fails PROOF_CANONICALIZATION_LIMIT, `indeterminate`: a
// resource bound says "could not be checked", not "forged" — and never "verified".
//
// The credentials are signed by a test key before the ring is added, so the proof check really
// canonicalizes (and would then find the signature wrong, if it got that far).
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { issueCredential } from '../../src/issue/index.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { type VerificationResult, type VerifyOptions, verifyCredential } from '../../src/verify/index.js';
import { publishedKeys } from '../verify/helpers.js';
import { explain } from './arbitraries.js';
import { plainBadge } from '../helpers/badge.js';

type Json = Record<string, any>;
const NOW = '2026-01-01T00:00:00Z';

const verify = (input: unknown, options: VerifyOptions = {}) =>
  verifyCredential(input, { now: NOW, ...options });

function badge(issuer: string, achievement: Json = {}): Json {
  return plainBadge(issuer, {
    id: 'urn:uuid:0b2f7c1e-8d5a-4e1b-9c3d-2a6f8e4b1d70',
    issuerName: 'Ring Road Institute',
    name: 'Cartography',
    subject: 'did:example:learner-4',
    description: 'Maps.',
    narrative: 'Drew one.',
    achievement,
  });
}

/**
 * `n` alignments, identical but for their blank node ids, each pointing at the next: a ring no
 * hash can tell apart. Schema-valid (an Alignment may carry more properties), every term defined.
 */
function ring(n: number): Json[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `_:n${i}`,
    type: ['Alignment'],
    targetName: 'Road',
    targetUrl: 'https://example.edu/road',
    alignment: [{ id: `_:n${(i + 1) % n}` }],
  }));
}

/**
 * Not verified; each proof failed PROOF_CANONICALIZATION_LIMIT (indeterminate); nothing else
 * failed but `also`. A ring needs blank node labels, which the JSON-LD check refuses on its own
 * (JSONLD_BLANK_NODE_ID, invalid): the proof check still runs, and must still stop in time.
 */
function expectLimit(result: VerificationResult, proofs = 1, also: readonly string[] = []): void {
  expect(result.verified, explain(result)).toBe(false);
  expect(result.verdict, explain(result)).toBe(also.length === 0 ? 'indeterminate' : 'invalid');
  const limited = result.checks.filter(
    (c) => c.status === 'failed' && c.code === 'PROOF_CANONICALIZATION_LIMIT',
  );
  expect(limited, explain(result)).toHaveLength(proofs);
  for (const check of limited) expect(check.verdict).toBe('indeterminate');
  const others = result.checks.filter(
    (c) => c.status === 'failed' && c.code !== 'PROOF_CANONICALIZATION_LIMIT',
  );
  expect(others.map((c) => c.code)).toEqual(also);
}

let key: KeyFile;
let signed: Json;

beforeAll(async () => {
  key = await generateKey();
  signed = await issueCredential(badge(key.controller), { key, created: '2025-06-01T00:00:00Z' });
}, 60_000);

describe('RDF canonicalization: look-alike blank nodes', () => {
  it('a signed credential verifies; the same with a ring of 8,000 look-alike blank nodes (1 MB) → PROOF_CANONICALIZATION_LIMIT (indeterminate) in seconds, was 89 s', async () => {
    expect((await verify(signed)).verdict).toBe('verified');
    const hostile = structuredClone(signed);
    hostile.credentialSubject.achievement.alignment = ring(8000);
    expect(JSON.stringify(hostile).length).toBeGreaterThan(900_000);
    expectLimit(await verify(JSON.stringify(hostile)), 1, ['JSONLD_BLANK_NODE_ID']);
  });

  it('eight proofs share one budget: all eight fail at once (was 8 × 89 s)', async () => {
    const hostile = structuredClone(signed);
    hostile.credentialSubject.achievement.alignment = ring(8000);
    hostile.proof = Array.from({ length: 8 }, () => structuredClone(signed.proof));
    expectLimit(await verify(hostile), 8, ['JSONLD_BLANK_NODE_ID']);
  });

  it('the reference path (jsonld-signatures, Ed25519Signature2020) is held to the same budget', async () => {
    // the 1EdTech validator's Ed25519Signature2020 credential: verified as it is
    const vector = JSON.parse(
      readFileSync(new URL('../vectors/validator/simple_v1.json', import.meta.url), 'utf8'),
    ) as Json;
    const documents = publishedKeys(
      ['https://example.com/issuers/876543#z6MknNHHrBzPytzu6CUBP9Lg7fg4KSBjzimc2Frh693YbMiv'],
      'Ed25519VerificationKey2020',
    );
    expect((await verify(vector, { documents })).verdict).toBe('verified');
    vector.credentialSubject.achievement.alignment = ring(4000);
    expectLimit(await verify(vector, { documents }), 1, ['JSONLD_BLANK_NODE_ID']);
  });

  it('a small ring already exceeds the work rdf-canonize allows: the same code, not PROOF_SIGNATURE_INVALID', async () => {
    const hostile = structuredClone(signed);
    hostile.credentialSubject.achievement.alignment = ring(12);
    expectLimit(await verify(hostile), 1, ['JSONLD_BLANK_NODE_ID']);
  });

  it('look-alike blank nodes without a single label (two alignments holding two alike each) → indeterminate, nothing else wrong', async () => {
    // rdf-canonize's own limit: no issuer can sign this either (its RDFC-1.0 stops the same way)
    const leaf = { type: ['Alignment'], targetName: 'Leaf', targetUrl: 'https://example.edu/leaf' };
    const hub = {
      type: ['Alignment'],
      targetName: 'Hub',
      targetUrl: 'https://example.edu/hub',
      alignment: [leaf, leaf],
    };
    const hostile = structuredClone(signed);
    hostile.credentialSubject.achievement.alignment = [hub, hub];
    expectLimit(await verify(hostile));
  });
});

describe('RDF canonicalization: genuine credentials and the limits', () => {
  // Blank nodes first-degree hashing cannot tell apart, in a credential its issuer really signed:
  // alignments and results alike but for what they point at, so RDFC-1.0's N-degree algorithm runs.
  let lookAlike: Json;
  beforeAll(async () => {
    const alignment = { type: ['Alignment'], targetName: 'Same', targetUrl: 'https://example.edu/same' };
    const credential = badge(key.controller, {
      alignment: [alignment, alignment, alignment],
      resultDescription: [1, 2, 3].map((i) => ({
        id: `urn:uuid:00000000-0000-4000-8000-00000000000${i}`,
        type: ['ResultDescription'],
        name: 'Score',
        resultType: 'LetterGrade',
        rubricCriterionLevel: [
          {
            id: `urn:uuid:10000000-0000-4000-8000-00000000000${i}`,
            type: ['RubricCriterionLevel'],
            name: 'A',
          },
        ],
      })),
    });
    lookAlike = await issueCredential(credential, { key, created: '2025-06-01T00:00:00Z' });
  });

  it('look-alike blank nodes in a genuinely signed credential → verified, also with eight proofs', async () => {
    expect((await verify(lookAlike)).verdict).toBe('verified');
    const eight = { ...lookAlike, proof: Array.from({ length: 8 }, () => lookAlike.proof) };
    expect((await verify(eight)).verdict).toBe('verified');
  });

  it('limits.maxBlankNodes below what the credential holds → PROOF_CANONICALIZATION_LIMIT; with room → verified', async () => {
    expectLimit(await verify(lookAlike, { limits: { maxBlankNodes: 1 } }));
    expect((await verify(lookAlike, { limits: { maxBlankNodes: 16 } })).verdict).toBe('verified');
  });

  it('a limit that is not a positive integer is refused, not ignored', async () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '8']) {
      const result = await verify(lookAlike, { limits: { canonicalizationWorkFactor: bad as number } });
      expect(result.verified).toBe(false);
      expect(result.checks[0]!.code).toBe('OPTION_INVALID');
    }
  });
});
