// Shared by the pathway security tests (test/security/pathway-*.test.ts): real keys (did:key, so
// nothing needs publishing), real Data Integrity signatures, a small pathway, and re-signing a
// pathway proof the way an attacker with their own wallet key would.
import {
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  type KeyFile,
  type OpenBadgeCredentialInput,
} from '../../src/index.js';
import {
  type Pathway,
  type PathwayProofResult,
  validatePathway,
  verifyPathwayProof,
  type VerifyPathwayProofOptions,
} from '../../src/pathway/index.js';

export type Json = Record<string, any>;

/** Verification time: after every credential and proof below. */
export const NOW = '2026-01-01T00:00:00Z';
/** When credentials are issued. */
export const ISSUED = '2025-03-01T00:00:00Z';
/** When proofs are composed (and re-signed). */
export const COMPOSED = new Date('2025-06-01T00:00:00Z');

export const ACHIEVEMENT = {
  a: 'https://school.example/achievements/first-aid',
  b: 'https://school.example/achievements/patient-care',
};

/** Two components, both required; `over` is merged into the definition. */
export function smallPathway(over: Json = {}): Pathway {
  return validatePathway({
    id: 'https://employer.example/pathways/care-assistant',
    type: 'Pathway',
    name: 'Care assistant',
    occupations: [{ code: '31-1131.00', framework: 'O*NET-SOC', name: 'Nursing Assistants' }],
    employer: { id: 'https://employer.example', type: 'Profile', name: 'Employer' },
    components: [
      { id: 'a', achievement: ACHIEVEMENT.a },
      { id: 'b', achievement: ACHIEVEMENT.b },
    ],
    completion: { allOf: ['a', 'b'] },
    ...over,
  });
}

export interface Keys {
  school: KeyFile;
  victim: KeyFile;
  attacker: KeyFile;
}

export async function keys(): Promise<Keys> {
  const [school, victim, attacker] = await Promise.all([generateKey(), generateKey(), generateKey()]);
  return { school, victim, attacker };
}

/** A signed OpenBadgeCredential from `issuer` for `achievement` (an id or an Achievement). */
export async function badge(
  issuer: KeyFile,
  achievement: string | Json,
  recipient: OpenBadgeCredentialInput['recipient'],
  extra: Partial<OpenBadgeCredentialInput> = {},
): Promise<Json> {
  const unsigned = await createOpenBadgeCredential({
    issuer: { id: issuer.controller, type: ['Profile'], name: 'Lakeside School' },
    achievement: (typeof achievement === 'string'
      ? {
          id: achievement,
          name: achievement.split('/').pop()!,
          description: 'A module of the care assistant pathway.',
          criteria: { narrative: 'Pass the module.' },
        }
      : achievement) as never,
    recipient,
    validFrom: ISSUED,
    ...extra,
  });
  return (await issueCredential(unsigned, { key: issuer, created: ISSUED })) as Json;
}

/** The attacker edits a copy of a proof and signs it again with their own key (a valid proof). */
export async function resign(proof: Json, key: KeyFile, edit: (subject: Json, proof: Json) => void) {
  const copy = structuredClone(proof);
  delete copy.proof;
  edit(copy.credentialSubject, copy);
  return (await issueCredential(copy, { key, created: COMPOSED })) as Json;
}

export function verifyProof(
  proof: unknown,
  pathway: Pathway,
  extra: Partial<VerifyPathwayProofOptions> = {},
): Promise<PathwayProofResult> {
  return verifyPathwayProof(proof, { pathway, now: NOW, ...extra });
}

/** `id:CODE` of every failed check. */
export function failed(result: PathwayProofResult): string[] {
  return result.checks.filter((c) => c.status === 'failed').map((c) => `${c.id}:${c.code}`);
}
