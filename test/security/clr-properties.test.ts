// The property "no single semantic mutation of a signed credential verifies"
// (properties.test.ts), carried over to what wraps credentials: a ClrCredential (a mutation
// anywhere, including inside the credentials it carries and their proofs) and a presentation
// (Data Integrity and VP-JWT, including inside the presented credentials and a presented CLR).
// Short and seeded by default; CREDSTACK_FUZZ=1 runs each 50× longer.
import fc from 'fast-check';
import { base64url } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  createClrCredential,
  createOpenBadgeCredential,
  createPresentation,
  generateKey,
  issueCredential,
  type KeyFile,
  verifyCredential,
  verifyPresentation,
} from '../../src/index.js';
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

const challenge = 'a1b2c3-nonce';
const domain = 'employer.example';
const verifyVp = (vp: unknown) => verifyPresentation(vp, { challenge, domain, now: NOW });

let school: KeyFile;
let learner: KeyFile;
let clrPool: JsonObject[];
let vpPool: JsonObject[];
let vpJwtPool: Array<{ header: JsonObject; payload: JsonObject; signature: string }>;

beforeAll(async () => {
  [school, learner] = await Promise.all([generateKey(), generateKey()]);
  const builds = fc.sample(credentialInput, { numRuns: FUZZ ? 8 : 3, seed: 11 });
  const badges = await Promise.all(
    builds.map(async (build) => {
      const input = build(school.controller);
      const unsigned = await createOpenBadgeCredential({ ...input, recipient: { id: learner.controller } });
      return (await issueCredential(unsigned, { key: school, created: CREATED })) as unknown as JsonObject;
    }),
  );
  // Each CLR carries two of the badges, signed by the school for the learner.
  clrPool = await Promise.all(
    badges.map(async (badge, i) => {
      const unsigned = await createClrCredential({
        issuer: { id: school.controller, name: 'Riverside School' },
        learner: { id: learner.controller },
        name: `Record ${i}`,
        credentials: [badge, badges[(i + 1) % badges.length]!] as never,
        validFrom: '2025-01-01T00:00:00Z',
      });
      return (await issueCredential(unsigned, { key: school, created: CREATED })) as unknown as JsonObject;
    }),
  );
  // Presentations by the learner: one of a badge, one of a CLR.
  vpPool = (await Promise.all([
    createPresentation([badges[0]!], { key: learner, challenge, domain, created: NOW }),
    createPresentation([clrPool[0]!], { key: learner, challenge, domain, created: NOW }),
  ])) as unknown as JsonObject[];
  vpJwtPool = await Promise.all(
    [badges[1]!, clrPool[1]!].map(async (credential) => {
      const jwt = (await createPresentation([credential], {
        key: learner,
        challenge,
        domain,
        created: NOW,
        format: 'vp-jwt',
      })) as unknown as string;
      const [h, p, signature] = jwt.split('.') as [string, string, string];
      const json = (part: string) => JSON.parse(new TextDecoder().decode(base64url.decode(part)));
      return { header: json(h), payload: json(p), signature };
    }),
  );
}, 120_000);

const encode = (value: Json | undefined) =>
  value === undefined ? '' : base64url.encode(JSON.stringify(value));

/** Pick a document from the pool, then a mutation of it (within the places `within` allows). */
const mutated = (pool: () => JsonObject[], within?: (path: Path) => boolean) =>
  fc.nat().chain((i) => {
    const doc = pool()[i % pool().length]!;
    return mutationOf(doc, 'json-ld', within).map((m) => ({ doc, m }));
  });

const inEmbedded = (path: Path) => path[0] === 'credentialSubject' && path.includes('verifiableCredential');

describe('a single mutation of a signed ClrCredential is never verified', () => {
  it('the harness is sound: every unmutated CLR and presentation verifies', async () => {
    for (const clr of clrPool) {
      const result = await verifyCredential(cloneJson(clr), { now: NOW });
      expect(result.verdict, explain(result)).toBe('verified');
    }
    for (const vp of vpPool) {
      const result = await verifyVp(cloneJson(vp));
      expect(result.verdict, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(
        'verified',
      );
    }
    for (const { header, payload, signature } of vpJwtPool) {
      const result = await verifyVp(`${encode(header)}.${encode(payload)}.${signature}`);
      expect(result.verdict, JSON.stringify(result.checks.filter((c) => c.status === 'failed'))).toBe(
        'verified',
      );
    }
  });

  it(
    'anywhere in the CLR',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated(() => clrPool),
          async ({ doc, m }) => {
            const result = await verifyCredential(mutate(doc, m), { now: NOW });
            expectWellFormed(result);
            expect(result.verified, `${m.description} → ${explain(result)}`).toBe(false);
          },
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );

  it(
    'inside a credential the CLR carries, its proof included',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated(() => clrPool, inEmbedded),
          async ({ doc, m }) => {
            const result = await verifyCredential(mutate(doc, m), { now: NOW });
            expectWellFormed(result);
            expect(result.verified, `${m.description} → ${explain(result)}`).toBe(false);
          },
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );
});

describe('a single mutation of a signed presentation is never verified', () => {
  it(
    'Data Integrity: anywhere in the presentation, in what it presents, or in a presented CLR',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated(() => vpPool),
          async ({ doc, m }) => {
            const result = await verifyVp(mutate(doc, m));
            expect(result.verified, `${m.description} → ${result.verdict}`).toBe(false);
          },
        ),
        runs(50),
      );
    },
    TIMEOUT,
  );

  it(
    'Data Integrity: inside the presented credentials only',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          mutated(
            () => vpPool,
            (path) => path[0] === 'verifiableCredential',
          ),
          async ({ doc, m }) => {
            const result = await verifyVp(mutate(doc, m));
            expect(result.verified, `${m.description} → ${result.verdict}`).toBe(false);
          },
        ),
        runs(30),
      );
    },
    TIMEOUT,
  );

  it(
    'VP-JWT: a change anywhere in the header or the payload (the presented credentials included)',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.nat().chain((i) => {
            const { header, payload, signature } = vpJwtPool[i % vpJwtPool.length]!;
            return mutationOf({ header, payload }, 'bytes').map((m) => ({ header, payload, signature, m }));
          }),
          async ({ header, payload, signature, m }) => {
            const changed = mutate({ header, payload }, m) as { header?: Json; payload?: Json };
            const result = await verifyVp(
              `${encode(changed.header)}.${encode(changed.payload)}.${signature}`,
            );
            expect(result.verified, `${m.description} → ${result.verdict}`).toBe(false);
          },
        ),
        runs(40),
      );
    },
    TIMEOUT,
  );
});
