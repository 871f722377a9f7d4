// Outcomes demo: a synthetic regional cohort (a few hundred learners on two campuses plus a
// small online group) earns real, signed credentials along a surgical-technologist pathway;
// some are revoked, some forged, some handed in under the wrong learner. pathwayOutcomes
// verifies them all and writes the published figures to demo-out/outcomes.{json,csv,svg}.
//
// Run alone with `npx tsx examples/outcomes-demo.ts` (after `npm run build`), or call
// `outcomesDemo()` from the main demo.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  createBitstring,
  createOpenBadgeCredential,
  createStatusEntry,
  createStatusListCredential,
  generateKey,
  issueCredential,
  issuerProfileWithKeys,
  type KeyFile,
  outcomesToCsv,
  outcomesToSvg,
  type PathwayOutcomes,
  pathwayOutcomes,
  setBit,
  validatePathway,
} from 'credstack';

const HOSPITAL = 'https://riverside-health.example/profile';
const DISTRICT = 'https://lakeview-usd.example/profile';
const PROVIDER = 'https://alliedhealth-training.example/profile';
const LIST_URL = 'https://alliedhealth-training.example/status/revocation/1';
const HIRED = 'https://riverside-health.example/achievements/employment-verification';

const ACHIEVEMENTS = {
  foundations: [
    DISTRICT,
    'https://lakeview-usd.example/achievements/health-science-foundations',
    'Health Science Foundations',
  ],
  sterile: [
    DISTRICT,
    'https://lakeview-usd.example/achievements/infection-control-sterile-technique',
    'Infection Control and Sterile Technique',
  ],
  instruments: [
    PROVIDER,
    'https://alliedhealth-training.example/achievements/surgical-procedures-instrumentation',
    'Surgical Procedures and Instrumentation',
  ],
  externship: [
    HOSPITAL,
    'https://riverside-health.example/achievements/surgical-services-externship',
    'Surgical Services Externship',
  ],
  certification: [
    PROVIDER,
    'https://alliedhealth-training.example/achievements/surgical-technologist-certification',
    'Surgical Technologist Certification',
  ],
  hired: [HOSPITAL, HIRED, 'Employment Verification: Surgical Technologist'],
} as const;
type Step = keyof typeof ACHIEVEMENTS;
const STEPS: Step[] = ['foundations', 'sterile', 'instruments', 'externship', 'certification', 'hired'];

const pathway = validatePathway({
  id: 'https://riverside-health.example/pathways/surgical-technologist-demo',
  type: 'Pathway',
  name: 'Surgical Technologist Pathway',
  occupations: [{ code: '29-2055.00', framework: 'O*NET-SOC', name: 'Surgical Technologists' }],
  employer: { id: HOSPITAL, type: ['Profile'], name: 'Riverside General Hospital' },
  components: (['foundations', 'sterile', 'instruments', 'externship', 'certification'] as const).map(
    (id, i, all) => ({
      id,
      name: ACHIEVEMENTS[id][2],
      achievement: ACHIEVEMENTS[id][1],
      acceptedIssuers: [ACHIEVEMENTS[id][0]],
      ...(i > 0 ? { prerequisites: [all[i - 1]!] } : {}),
    }),
  ),
  milestones: [
    {
      id: 'externship-ready',
      name: 'Externship-ready',
      rule: { allOf: ['foundations', 'sterile', 'instruments'] },
    },
    {
      id: 'job-ready',
      name: 'Job-ready',
      rule: { allOf: ['foundations', 'sterile', 'instruments', 'externship', 'certification'] },
    },
  ],
  completion: { allOf: ['foundations', 'sterile', 'instruments', 'externship', 'certification'] },
});

/** Deterministic randomness, so the demo writes the same figures every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Swaps a VC-JWT's payload for an edited one without re-signing: a forgery. */
function forge(jwt: string): string {
  const [h, p, s] = jwt.split('.');
  const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
  const subject = payload.credentialSubject ?? payload.vc?.credentialSubject;
  subject.achievement.name = 'Chief of Surgery';
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

export interface OutcomesDemoOptions {
  /** Directory to write outcomes.{json,csv,svg}. Default: demo-out/ next to examples/. */
  out?: URL;
  /** Learners per campus (North, South); the Online and Evening groups have 6 and 8. Default 150. */
  perCampus?: number;
  log?: (line: string) => void;
}

export async function outcomesDemo(options: OutcomesDemoOptions = {}): Promise<PathwayOutcomes> {
  const out = options.out ?? new URL('../demo-out/', import.meta.url);
  const log = options.log ?? console.log;
  const perCampus = options.perCampus ?? 150;
  mkdirSync(out, { recursive: true });

  log('Outcomes: three partners generate keys and publish their issuer profiles');
  const keys: Record<string, KeyFile> = {};
  const documents: Record<string, unknown> = {};
  for (const [id, name] of [
    [DISTRICT, 'Lakeview Unified School District'],
    [PROVIDER, 'Allied Health Training Institute'],
    [HOSPITAL, 'Riverside General Hospital'],
  ] as const) {
    keys[id] = await generateKey({ controller: id });
    Object.assign(documents, issuerProfileWithKeys(keys[id]!, { id, name }).documents);
  }

  const random = rng(2025);
  const campuses = [
    ...Array.from({ length: perCampus }, () => 'North'),
    ...Array.from({ length: perCampus }, () => 'South'),
    ...Array.from({ length: 6 }, () => 'Online'),
    ...Array.from({ length: 8 }, () => 'Evening'),
  ];
  // Odds of going on to the next step, by campus: the equity gap the region wants to see.
  const odds: Record<string, number> = { North: 0.86, South: 0.72, Online: 0.8, Evening: 0.75 };
  const revoked = new Set<number>();
  let statusIndex = 0;
  const issued: Array<{ learner: number; step: Step; jwt: string }> = [];
  const jobs: Array<Promise<void>> = [];

  log(`Outcomes: ${campuses.length} learners earn their credentials (VC-JWT, EdDSA)`);
  const refusedBy = new Set<string>();
  campuses.forEach((campus, learner) => {
    let day = Math.floor(random() * 120);
    for (const step of STEPS) {
      if (step !== 'foundations' && random() > odds[campus]!) break;
      day += step === 'externship' ? 60 + Math.floor(random() * 60) : 20 + Math.floor(random() * 50);
      const [issuer, id, name] = ACHIEVEMENTS[step];
      const index = issuer === PROVIDER ? statusIndex++ : undefined;
      // About one provider credential in 40 is revoked later (issued in error).
      if (index !== undefined && random() < 0.025) revoked.add(index);
      const validFrom = new Date(Date.UTC(2023, 8, 1) + day * 86_400_000);
      jobs.push(
        (async () => {
          const unsigned = await createOpenBadgeCredential({
            issuer: { id: issuer, type: ['Profile'], name },
            achievement: {
              id,
              name,
              description: `${name}, part of the surgical technologist pathway.`,
              criteria: { narrative: 'Pass the assessment.' },
            },
            recipient: { id: `did:example:student-${learner}` },
            validFrom,
            ...(index === undefined
              ? {}
              : {
                  credentialStatus: createStatusEntry({
                    listCredential: LIST_URL,
                    index,
                    purpose: 'revocation',
                  }),
                }),
          });
          issued.push({
            learner,
            step,
            // Compact JWTs keep the synthetic cohort small and fast; which wallets would refuse
            // them (EdDSA VC-JWT: the 1EdTech validator, DCC, LMC) is said once, below.
            jwt: await issueCredential(unsigned, {
              key: keys[issuer]!,
              format: 'vc-jwt',
              onWarning: ({ verifier }) => refusedBy.add(verifier),
            }),
          });
        })(),
      );
    }
  });
  await Promise.all(jobs);
  log(`Outcomes: (a real school would pick another format: ${[...refusedBy].join(', ')} refuse these)`);
  issued.sort((a, b) => a.learner - b.learner || STEPS.indexOf(a.step) - STEPS.indexOf(b.step));

  const bits = createBitstring();
  for (const i of revoked) setBit(bits, i, true);
  documents[LIST_URL] = await issueCredential(
    createStatusListCredential({
      id: LIST_URL,
      issuer: PROVIDER,
      purpose: 'revocation',
      bits,
      validFrom: '2025-01-01T00:00:00Z',
    }),
    { key: keys[PROVIDER]!, validate: false },
  );

  // The rows the institutions supply: their own learner ids and campus, the learner's credentials.
  const rows = campuses.map((campus, learner) => ({
    learnerId: `LV-${String(learner).padStart(4, '0')}`,
    learner: { id: `did:example:student-${learner}` },
    credentials: issued.filter((c) => c.learner === learner).map((c) => c.jwt) as unknown[],
    attributes: { campus },
  }));
  let forged = 0;
  let misfiled = 0;
  for (const [i, row] of rows.entries()) {
    if (i % 37 === 5 && row.credentials.length > 1) {
      row.credentials[1] = forge(row.credentials[1] as string);
      forged++;
    }
    if (i % 53 === 7 && i + 1 < rows.length) {
      row.credentials.push(rows[i + 1]!.credentials[0]!);
      misfiled++;
    }
  }
  rows.push({ ...rows[0]!, attributes: { campus: 'North' } }); // a learner exported twice
  log(
    `Outcomes: ${issued.length} credentials, ${revoked.size} revoked, ${forged} forged, ${misfiled} filed under the wrong learner, 1 duplicate row`,
  );

  const report = await pathwayOutcomes(pathway, rows, {
    by: 'campus',
    stages: ['started', 'externship-ready', 'externship', 'job-ready', 'hired'],
    hired: { achievementId: HIRED },
    documents,
  });
  writeFileSync(new URL('outcomes.json', out), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(new URL('outcomes.csv', out), outcomesToCsv(report));
  writeFileSync(new URL('outcomes.svg', out), outcomesToSvg(report));
  const o = report.overall;
  log(
    `Outcomes: ${o.learners} learners, ${o.started.count} started, ${o.completed.count} completed (${Math.round((o.completed.rate ?? 0) * 100)}%), ` +
      `hired ${o.stages.at(-1)?.count}; rejected ${JSON.stringify(Object.fromEntries(Object.entries(report.credentials.rejected.byReason).filter(([, n]) => n > 0)))}`,
  );
  const hidden = report.breakdowns[0]!.groups.filter((g) => g.suppressed).map((g) => g.label);
  log(
    `Outcomes: groups suppressed (under ${report.minCellSize} learners, or complementary): ${hidden.join(', ') || 'none'}`,
  );
  log(`Outcomes: wrote ${fileURLToPath(new URL('outcomes.json', out))}, outcomes.csv, outcomes.svg`);
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await outcomesDemo();
