// Test helpers: fake issuance, signing and verification. The fake proof is a SHA-256 digest
// of the credential without its proof, so any change after signing is detected — enough to
// test pathway logic; real signatures are tested where signing lives.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { VerificationLike } from '../../src/pathway/index.js';

export type Json = Record<string, unknown>;

export const fixture = (): Json =>
  JSON.parse(readFileSync(new URL('./fixtures/surgical-technologist.json', import.meta.url), 'utf8'));

export function stable(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Json;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stable(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

const digest = (value: unknown): string => createHash('sha256').update(stable(value)).digest('hex');

export async function fakeSign(doc: Json): Promise<Json> {
  const { proof: _ignored, ...rest } = doc;
  return { ...rest, proof: { type: 'FakeProof', digest: digest(rest) } };
}

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A fake compact VC-JWT (VC-JOSE-COSE: the payload is the credential). */
export function fakeJwt(credential: Json): string {
  const head = b64({ alg: 'FAKE', typ: 'vc+jwt' });
  const body = b64(credential);
  return `${head}.${body}.${createHash('sha256').update(`${head}.${body}`).digest('base64url')}`;
}

export const hashEmail = (email: string, salt: string): string =>
  `sha256$${createHash('sha256')
    .update(email + salt)
    .digest('hex')}`;

export interface CredentialInput {
  id: string;
  issuer: string;
  achievement: string | Json;
  subject?: Json;
  validFrom?: string;
  result?: Json[];
}

export const LEARNER = 'did:example:learner-ana';

export async function issue(input: CredentialInput): Promise<Json> {
  return fakeSign({
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: input.id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: input.issuer, type: ['Profile'], name: input.issuer },
    validFrom: input.validFrom ?? '2025-01-01T00:00:00Z',
    name: `credential ${input.id}`,
    credentialSubject: {
      type: ['AchievementSubject'],
      ...(input.subject ?? { id: LEARNER }),
      achievement:
        typeof input.achievement === 'string'
          ? {
              id: input.achievement,
              type: ['Achievement'],
              name: `Achievement ${input.achievement}`,
              description: 'd',
              criteria: { narrative: 'n' },
            }
          : input.achievement,
      ...(input.result ? { result: input.result } : {}),
    },
  });
}

export interface FakeVerifyOptions {
  /** credential id → verdict to return instead of 'verified' (status problems). */
  status?: Record<string, string>;
  calls?: unknown[];
}

/** Checks the fake proof (objects) or the fake JWT signature (strings). */
export function fakeVerify(options: FakeVerifyOptions = {}): (c: unknown) => Promise<VerificationLike> {
  return async (c) => {
    options.calls?.push(c);
    let credential: Json | undefined;
    let ok = false;
    if (typeof c === 'string') {
      const [h, b, s] = c.split('.');
      credential = JSON.parse(Buffer.from(b ?? '', 'base64url').toString()) as Json;
      ok = createHash('sha256').update(`${h}.${b}`).digest('base64url') === s;
    } else if (c && typeof c === 'object') {
      credential = c as Json;
      const { proof, ...rest } = credential;
      ok = (proof as Json | undefined)?.digest === digest(rest);
    }
    if (!ok) {
      return {
        verified: false,
        verdict: 'invalid',
        checks: [
          { id: 'proof', status: 'failed', code: 'PROOF_INVALID', message: 'fake proof does not match' },
        ],
        ...(credential ? { credential } : {}),
      };
    }
    const verdict = options.status?.[String(credential?.id)] ?? 'verified';
    const issuer = credential?.issuer;
    return {
      verified: verdict === 'verified',
      verdict,
      credential: credential as Json,
      issuer: typeof issuer === 'string' ? issuer : String((issuer as Json).id),
      checks: [
        { id: 'proof', status: 'passed', code: 'OK', message: 'fake proof ok' },
        ...(verdict === 'verified'
          ? []
          : [
              {
                id: 'status',
                status: 'failed',
                code: verdict.toUpperCase(),
                message: `credential is ${verdict}`,
              },
            ]),
      ],
    };
  };
}

/** A minimal valid pathway (three components in a chain, all required), with `over` merged in. */
export const smallPathway = (over: Partial<Json> = {}): Json => ({
  id: 'https://employer.example/pathways/p',
  type: 'Pathway',
  name: 'P',
  occupations: [{ code: '29-2055.00', framework: 'O*NET-SOC', name: 'Surgical Technologists' }],
  employer: { id: 'https://employer.example', type: 'Profile', name: 'Employer' },
  components: [
    { id: 'a', achievement: 'https://school.example/a' },
    { id: 'b', achievement: 'https://school.example/b', prerequisites: ['a'] },
    { id: 'c', achievement: 'https://school.example/c', prerequisites: ['b'] },
  ],
  completion: { allOf: ['a', 'b', 'c'] },
  ...over,
});
