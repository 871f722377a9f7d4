// A small world with REAL keys and signatures for the pathway tests: three accepted issuers with
// https ids (their keys published through `documents`), a rogue issuer (did:key), two learners
// (did:key), credentials in both proof formats, and a revocation status list.
import {
  createBitstring,
  createOpenBadgeCredential,
  createStatusEntry,
  createStatusListCredential,
  generateKey,
  issueCredential,
  issuerProfileWithKeys,
  type KeyFile,
  setBit,
} from '../../src/index.js';
import { type Pathway, validatePathway } from '../../src/pathway/index.js';
import { fixture, type Json } from './helpers.js';

/** Verification time of the tests: after every credential, before nothing expires. */
export const NOW = new Date('2025-09-01T00:00:00Z');
/** When the proofs are composed. */
export const COMPOSED = new Date('2025-08-15T00:00:00Z');

export const LIST_URL = 'https://alliedhealth-training.example/status/revocation/1';
const REVOKED_INDEX = 4242;

export interface World {
  pathway: Pathway;
  keys: Record<'lakeview' | 'allied' | 'riverside' | 'rogue' | 'learner' | 'other', KeyFile>;
  /** Issuer profiles with keys, and the status list with the BLS credential revoked. */
  documents: Record<string, unknown>;
  /** Same, with the status list before the revocation. */
  documentsBeforeRevocation: Record<string, unknown>;
  creds: {
    core1: Json;
    core2Jwt: string;
    core3: Json;
    core4: Json;
    elective1: Json;
    /** elective-4, revoked via the status list. */
    elective4: Json;
    /** externship from an issuer the component does not accept. */
    rogueExternship: Json;
    /** elective-2 for another learner. */
    otherElective2: Json;
    /** core-3 with its content changed after signing. */
    forged: Json;
  };
  /** Every credential, in a fixed order (the revoked one included). */
  all: unknown[];
}

const ACH = {
  core1: 'https://lakeview-usd.example/achievements/health-science-foundations',
  core2: 'https://lakeview-usd.example/achievements/medical-terminology-anatomy',
  core3: 'https://lakeview-usd.example/achievements/infection-control-sterile-technique',
  elective1: 'https://alliedhealth-training.example/achievements/sterile-processing-basics',
  elective2: 'https://lakeview-usd.example/achievements/patient-care-vital-signs',
  elective4: 'https://alliedhealth-training.example/achievements/bls-healthcare-providers',
  externship: 'https://riverside-health.example/achievements/surgical-services-externship',
  certification: 'https://alliedhealth-training.example/achievements/surgical-technologist-certification',
};

const names: Record<string, string> = {
  'https://lakeview-usd.example/profile': 'Lakeview Unified School District',
  'https://alliedhealth-training.example/profile': 'Allied Health Training Institute',
  'https://riverside-health.example/profile': 'Riverside General Hospital',
};

interface Award {
  key: KeyFile;
  achievement: string | Json;
  learner: KeyFile;
  validFrom: string;
  id?: string;
  results?: Json[];
  credentialStatus?: Json;
}

async function unsignedAward(a: Award): Promise<Json> {
  const achievement =
    typeof a.achievement === 'string'
      ? {
          id: a.achievement,
          name: a.achievement.split('/').pop()!.replace(/-/g, ' '),
          description: 'A module of the surgical technologist pathway.',
          criteria: { narrative: 'Pass the module assessment.' },
        }
      : a.achievement;
  return (await createOpenBadgeCredential({
    issuer: {
      id: a.key.controller,
      type: ['Profile'],
      name: names[a.key.controller] ?? 'Quick Certs Online',
    },
    achievement: achievement as never,
    recipient: { id: a.learner.controller },
    validFrom: a.validFrom,
    ...(a.id ? { id: a.id } : {}),
    ...(a.results ? { results: a.results as never } : {}),
    ...(a.credentialStatus ? { credentialStatus: a.credentialStatus } : {}),
  })) as Json;
}

export async function award(a: Award): Promise<Json> {
  return (await issueCredential(await unsignedAward(a), { key: a.key, created: a.validFrom })) as Json;
}

export async function awardJwt(a: Award): Promise<string> {
  return issueCredential(await unsignedAward(a), { key: a.key, format: 'vc-jwt' });
}

async function statusList(key: KeyFile, revoked: boolean): Promise<Json> {
  const bits = createBitstring();
  if (revoked) setBit(bits, REVOKED_INDEX, true);
  const unsigned = createStatusListCredential({
    id: LIST_URL,
    issuer: key.controller,
    purpose: 'revocation',
    bits,
    validFrom: '2025-07-01T00:00:00Z',
  });
  return (await issueCredential(unsigned, {
    key,
    validate: false,
    created: '2025-07-01T00:00:00Z',
  })) as unknown as Json;
}

export async function buildWorld(): Promise<World> {
  const pathway = validatePathway(fixture());
  const [lakeview, allied, riverside, rogue, learner, other] = await Promise.all([
    generateKey({ controller: 'https://lakeview-usd.example/profile' }),
    generateKey({ controller: 'https://alliedhealth-training.example/profile' }),
    generateKey({ controller: 'https://riverside-health.example/profile' }),
    generateKey(),
    generateKey(),
    generateKey(),
  ]);
  const keyDocuments: Record<string, unknown> = {};
  for (const key of [lakeview, allied, riverside]) {
    Object.assign(
      keyDocuments,
      issuerProfileWithKeys(key, { id: key.controller, name: names[key.controller]! }).documents,
    );
  }
  const core4Achievement = pathway.components.find((c) => c.id === 'core-4')!.achievement as Json;
  const practical = (core4Achievement.resultDescription as Json[])[0]!;
  const levels = practical.rubricCriterionLevel as Json[];

  const [core1, core2Jwt, core3, core4, elective1, elective4, rogueExternship, otherElective2] =
    await Promise.all([
      award({ key: lakeview, achievement: ACH.core1, learner, validFrom: '2024-05-20T00:00:00Z' }),
      awardJwt({ key: lakeview, achievement: ACH.core2, learner, validFrom: '2024-12-10T00:00:00Z' }),
      award({ key: allied, achievement: ACH.core3, learner, validFrom: '2025-01-15T00:00:00Z' }),
      award({
        key: allied,
        achievement: core4Achievement,
        learner,
        validFrom: '2025-03-01T00:00:00Z',
        results: [{ resultDescription: practical.id, achievedLevel: levels[2]!.id }],
      }),
      award({ key: allied, achievement: ACH.elective1, learner, validFrom: '2025-02-01T00:00:00Z' }),
      award({
        key: allied,
        achievement: ACH.elective4,
        learner,
        validFrom: '2025-02-10T00:00:00Z',
        credentialStatus: createStatusEntry({
          listCredential: LIST_URL,
          index: REVOKED_INDEX,
          purpose: 'revocation',
        }) as unknown as Json,
      }),
      award({ key: rogue, achievement: ACH.externship, learner, validFrom: '2025-04-01T00:00:00Z' }),
      award({ key: lakeview, achievement: ACH.elective2, learner: other, validFrom: '2025-02-03T00:00:00Z' }),
    ]);
  const forged = structuredClone(core3);
  (forged.credentialSubject as Json).id = other.controller;

  const [revokedList, freshList] = await Promise.all([statusList(allied, true), statusList(allied, false)]);
  return {
    pathway,
    keys: { lakeview, allied, riverside, rogue, learner, other },
    documents: { ...keyDocuments, [LIST_URL]: revokedList },
    documentsBeforeRevocation: { ...keyDocuments, [LIST_URL]: freshList },
    creds: { core1, core2Jwt, core3, core4, elective1, elective4, rogueExternship, otherElective2, forged },
    all: [core1, core2Jwt, core3, core4, elective1, elective4, rogueExternship, otherElective2, forged],
  };
}

export { ACH };
