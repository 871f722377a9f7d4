// A synthetic cohort over the surgical-technologist fixture, with the truth of every learner
// kept beside it, so figures can be checked against a computation that never calls pathways.
import { readFileSync } from 'node:fs';
import { preverified } from '../../src/outcomes/index.js';
import { type Pathway, type VerificationLike, validatePathway } from '../../src/pathway/index.js';

export type Json = Record<string, unknown>;

export const pathwayDoc = (): Json =>
  JSON.parse(
    readFileSync(new URL('../pathway/fixtures/surgical-technologist.json', import.meta.url), 'utf8'),
  );

/** The surgical-technologist fixture, validated. */
export const loadPathway = (): Pathway => validatePathway(pathwayDoc());

const DISTRICT = 'https://lakeview-usd.example/profile';
const PROVIDER = 'https://alliedhealth-training.example/profile';
export const HOSPITAL = 'https://riverside-health.example/profile';
export const HIRED_ACHIEVEMENT = 'https://riverside-health.example/achievements/employment-verification';

export const COMPONENTS = {
  'core-1': ['https://lakeview-usd.example/achievements/health-science-foundations', DISTRICT],
  'core-2': ['https://lakeview-usd.example/achievements/medical-terminology-anatomy', DISTRICT],
  'core-3': ['https://lakeview-usd.example/achievements/infection-control-sterile-technique', DISTRICT],
  'core-4': [
    'https://alliedhealth-training.example/achievements/surgical-procedures-instrumentation',
    PROVIDER,
  ],
  'elective-1': ['https://alliedhealth-training.example/achievements/sterile-processing-basics', PROVIDER],
  'elective-2': ['https://lakeview-usd.example/achievements/patient-care-vital-signs', DISTRICT],
  'elective-3': ['https://alliedhealth-training.example/achievements/surgical-pharmacology', PROVIDER],
  'elective-4': ['https://alliedhealth-training.example/achievements/bls-healthcare-providers', PROVIDER],
  externship: ['https://riverside-health.example/achievements/surgical-services-externship', HOSPITAL],
  certification: [
    'https://alliedhealth-training.example/achievements/surgical-technologist-certification',
    PROVIDER,
  ],
} as const;
export type ComponentId = keyof typeof COMPONENTS;
export const COMPONENT_IDS = Object.keys(COMPONENTS) as ComponentId[];
const PRACTICAL = `${COMPONENTS['core-4'][0]}/results/practical`;
const LEVEL = 'https://alliedhealth-training.example/rubrics/practical/';

/** What goes wrong with one extra credential of a learner. */
export type Noise = 'revoked' | 'forged' | 'other-learner' | 'not-in-pathway' | 'wrong-issuer' | 'low-result';

/** One generated learner: what they earned (component → day), and the noise added. */
export interface TruthLearner {
  learnerId: string;
  attributes: Record<string, string>;
  earned: Partial<Record<ComponentId, number>>;
  /** Later duplicates of earned components (do not change the truth). */
  duplicates: Array<{ component: ComponentId; day: number }>;
  hiredDay?: number;
  noise: Array<{ kind: Noise; component: ComponentId; day: number }>;
}

export const dayIso = (day: number): string =>
  new Date(Date.UTC(2024, 0, 1) + day * 86_400_000).toISOString();
export const learnerDid = (id: string): string => `did:example:${id}`;

let serial = 0;
function credential(
  learner: string,
  achievement: string,
  issuer: string,
  day: number,
  result?: Json[],
): Json {
  serial++;
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id: `urn:uuid:00000000-0000-4000-8000-${String(serial).padStart(12, '0')}`,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer, type: ['Profile'] },
    validFrom: dayIso(day),
    credentialSubject: {
      type: ['AchievementSubject'],
      id: learnerDid(learner),
      achievement: { id: achievement, type: ['Achievement'] },
      ...(result ? { result } : {}),
    },
  };
}

const ok = (c: Json): VerificationLike => ({
  verified: true,
  verdict: 'verified',
  credential: c,
  issuer: (c.issuer as Json).id as string,
  checks: [{ id: 'proof', status: 'passed', code: 'OK', message: 'ok' }],
});

function resultFor(component: ComponentId, low = false): Json[] | undefined {
  if (component === 'core-4')
    return [
      {
        type: ['Result'],
        resultDescription: PRACTICAL,
        achievedLevel: `${LEVEL}${low ? 'developing' : 'proficient'}`,
      },
    ];
  if (component === 'certification') return [{ type: ['Result'], value: low ? '50' : '85' }];
  return undefined;
}

/** The cohort row of a generated learner: every credential pre-verified (or failed) as its noise says. */
export function rowOf(t: TruthLearner): Json {
  const creds: unknown[] = [];
  for (const [component, day] of Object.entries(t.earned) as Array<[ComponentId, number]>) {
    const [achievement, issuer] = COMPONENTS[component];
    creds.push(preverified(ok(credential(t.learnerId, achievement, issuer, day, resultFor(component)))));
  }
  for (const d of t.duplicates) {
    const [achievement, issuer] = COMPONENTS[d.component];
    creds.push(preverified(ok(credential(t.learnerId, achievement, issuer, d.day, resultFor(d.component)))));
  }
  if (t.hiredDay !== undefined)
    creds.push(preverified(ok(credential(t.learnerId, HIRED_ACHIEVEMENT, HOSPITAL, t.hiredDay))));
  for (const n of t.noise) {
    const [achievement, issuer] = COMPONENTS[n.component];
    const c = credential(t.learnerId, achievement, issuer, n.day, resultFor(n.component));
    if (n.kind === 'revoked') creds.push(preverified({ ...ok(c), verified: false, verdict: 'revoked' }));
    else if (n.kind === 'forged')
      creds.push(
        preverified({
          verified: false,
          verdict: 'invalid',
          credential: c,
          checks: [
            { id: 'proof', status: 'failed', code: 'PROOF_SIGNATURE_INVALID', message: 'bad signature' },
          ],
        }),
      );
    else if (n.kind === 'other-learner')
      creds.push(
        preverified(
          ok(credential(`${t.learnerId}-someone-else`, achievement, issuer, n.day, resultFor(n.component))),
        ),
      );
    else if (n.kind === 'not-in-pathway')
      creds.push(
        preverified(
          ok(credential(t.learnerId, 'https://elsewhere.example/achievements/welding', issuer, n.day)),
        ),
      );
    else if (n.kind === 'wrong-issuer')
      creds.push(
        preverified(
          ok(credential(t.learnerId, COMPONENTS['core-1'][0], 'https://diploma-mill.example/profile', n.day)),
        ),
      );
    else
      creds.push(
        preverified(
          ok(
            credential(
              t.learnerId,
              COMPONENTS['core-4'][0],
              COMPONENTS['core-4'][1],
              n.day,
              resultFor('core-4', true),
            ),
          ),
        ),
      );
  }
  return {
    learnerId: t.learnerId,
    learner: { id: learnerDid(t.learnerId) },
    credentials: creds,
    attributes: t.attributes,
  };
}

/** The rejection reason each noise kind must produce. */
export const NOISE_REASON: Record<Noise, string> = {
  revoked: 'revoked',
  forged: 'invalid',
  'other-learner': 'other-learner',
  'not-in-pathway': 'not-in-pathway',
  'wrong-issuer': 'issuer-not-accepted',
  'low-result': 'result-below-minimum',
};
