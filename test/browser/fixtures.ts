// Inputs for the browser test, made fresh on every run with real keys and real signatures: a
// baked badge, a tampered copy, a revoked badge with its signed status list, a VC-JWT, and a
// pathway proof (a ClrCredential composed with credstack/pathway).
import { PNG } from 'pngjs';
import { bake } from '../../src/bake/index.js';
import { issueCredential } from '../../src/issue/index.js';
import { deriveCredential } from '../../src/proof/data-integrity/ecdsa-sd-2023.js';
import { generateKey, type KeyFile } from '../../src/keys/index.js';
import { createAchievement, createOpenBadgeCredential } from '../../src/model/index.js';
import { composePathwayProof, createPathway, type Pathway } from '../../src/pathway/index.js';
import {
  createBitstring,
  createStatusEntry,
  createStatusListCredential,
  setBit,
} from '../../src/status/index.js';
import { verifyCredential } from '../../src/verify/index.js';

type Json = Record<string, unknown>;

export interface BrowserFixtures {
  validPng: Uint8Array;
  tamperedPng: Uint8Array;
  revokedSvg: Uint8Array;
  /** `{ statusListUrl: signed BitstringStatusListCredential }`, the trusted-documents file. */
  statusDocuments: Json;
  jwt: string;
  pathwayProof: Json;
  pathway: Pathway;
  /** The issuer of validPng (a did:key). */
  schoolId: string;
  /** A key file as `credstack keygen` writes it, private key included. */
  keyFile: Json;
  /** An image with nothing baked in. */
  plainPng: Uint8Array;
  /** An ecdsa-sd-2023 badge with a grade, derived to hide the grade (selective disclosure). */
  derived: Json;
}

const LEARNER = { email: 'ana.learner@example.org', salt: 'browser-test-salt' };
const STATUS_URL = 'https://lakeview-usd.example/status/revocation/1';
const REVOKED_INDEX = 42;

/** A round badge: a teal disc with a gold ring on transparency (no text, so no fonts needed). */
export function badgePng(size = 160): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const r = Math.hypot(x - c, y - c) / c;
      const i = (y * size + x) * 4;
      const [red, green, blue, alpha] =
        r > 1
          ? [0, 0, 0, 0]
          : r > 0.86
            ? [201, 146, 18, 255]
            : r > 0.8
              ? [255, 255, 255, 255]
              : r > 0.34
                ? [14, 116, 144, 255]
                : [255, 255, 255, 255];
      png.data[i] = red;
      png.data[i + 1] = green;
      png.data[i + 2] = blue;
      png.data[i + 3] = alpha;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

const BADGE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 160 160" width="160" height="160">
  <circle cx="80" cy="80" r="78" fill="#c99212"/>
  <circle cx="80" cy="80" r="66" fill="#7e3af2"/>
  <path d="M52 82 l18 18 l38 -40" fill="none" stroke="#fff" stroke-width="12" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;

function achievement(id: string, name: string, description: string) {
  return createAchievement({
    id,
    name,
    description,
    criteria: { narrative: `Passed the ${name} assessment.` },
    achievementType: 'Course',
  });
}

async function badge(
  key: KeyFile,
  issuerName: string,
  ach: ReturnType<typeof achievement>,
  validFrom: string,
  extra: Json = {},
): Promise<Json> {
  const unsigned = await createOpenBadgeCredential({
    issuer: { id: key.controller, type: ['Profile'], name: issuerName },
    achievement: ach,
    recipient: LEARNER,
    validFrom,
    ...extra,
  });
  return issueCredential(unsigned, { key });
}

export async function makeFixtures(): Promise<BrowserFixtures> {
  const [school, institute, wallet] = await Promise.all([generateKey(), generateKey(), generateKey()]);
  const SCHOOL = 'Lakeview Unified School District';
  const INSTITUTE = 'Allied Health Training Institute';
  const a = {
    foundations: achievement(
      'https://lakeview-usd.example/achievements/health-science-foundations',
      'Health Science Foundations',
      'Explains the structure of the health-care system, professional ethics and patient privacy.',
    ),
    terminology: achievement(
      'https://lakeview-usd.example/achievements/medical-terminology',
      'Medical Terminology and Anatomy',
      'Uses medical terminology for the body systems in written and spoken communication.',
    ),
    infection: achievement(
      'https://lakeview-usd.example/achievements/infection-control',
      'Infection Control and Sterile Technique',
      'Applies aseptic technique and infection-control protocols in a simulated operating room.',
    ),
    bls: achievement(
      'https://alliedhealth-training.example/achievements/bls',
      'BLS for Healthcare Providers',
      'Performs high-quality CPR and uses an AED for adults, children and infants.',
    ),
  };

  // 1. A valid badge baked in a PNG, and a copy whose achievement name was changed after signing.
  const infection = await badge(school, SCHOOL, a.infection, '2025-11-03T09:00:00Z');
  const validPng = bake(badgePng(), infection);
  const tampered = structuredClone(infection) as { credentialSubject: { achievement: Json } };
  tampered.credentialSubject.achievement.name = 'Chief Surgeon';
  const tamperedPng = bake(badgePng(), tampered);

  // 2. A badge revoked in a Bitstring Status List the school signed; baked in an SVG.
  const bits = createBitstring();
  setBit(bits, REVOKED_INDEX, true);
  const statusList = await issueCredential(
    createStatusListCredential({
      id: STATUS_URL,
      issuer: school.controller,
      purpose: 'revocation',
      bits,
      validFrom: '2025-01-01T00:00:00Z',
    }),
    // No Open Badges JSON Schema applies to a status list credential.
    { key: school, validate: false },
  );
  const revoked = await badge(school, SCHOOL, a.terminology, '2025-10-01T09:00:00Z', {
    credentialStatus: createStatusEntry({
      listCredential: STATUS_URL,
      index: REVOKED_INDEX,
      purpose: 'revocation',
    }),
  });
  const revokedSvg = bake(BADGE_SVG, revoked);

  // 3. The same kind of badge as a VC-JWT, to paste.
  const jwt = await issueCredential(
    await createOpenBadgeCredential({
      issuer: { id: institute.controller, type: ['Profile'], name: INSTITUTE },
      achievement: a.bls,
      recipient: LEARNER,
      validFrom: '2025-08-20T09:00:00Z',
    }),
    { key: institute, format: 'vc-jwt' },
  );

  // 4. A pathway proof: four credentials earned along an employer's pathway, composed into a
  //    ClrCredential signed by the learner's wallet.
  const pathway = createPathway({
    id: 'https://riverside-health.example/pathways/surgical-technologist',
    name: 'Surgical Technologist Pathway',
    description:
      'Health-science modules in high school, a hospital externship and the certification exam lead to a surgical technologist role at Riverside General Hospital.',
    version: '1.0.0',
    occupations: [{ code: '29-2055.00', framework: 'O*NET-SOC', name: 'Surgical Technologists' }],
    employer: { id: 'https://riverside-health.example/profile', name: 'Riverside General Hospital' },
    partners: [
      { id: school.controller, name: SCHOOL },
      { id: institute.controller, name: INSTITUTE },
    ],
    components: [
      {
        id: 'core-1',
        name: 'Health Science Foundations',
        achievement: a.foundations.id,
        acceptedIssuers: [school.controller],
      },
      {
        id: 'core-2',
        name: 'Medical Terminology and Anatomy',
        achievement: a.terminology.id,
        prerequisites: ['core-1'],
      },
      {
        id: 'core-3',
        name: 'Infection Control and Sterile Technique',
        achievement: a.infection.id,
        prerequisites: ['core-1'],
      },
      {
        id: 'core-4',
        name: 'Surgical Procedures and Instrumentation',
        achievement: 'https://alliedhealth-training.example/achievements/surgical-procedures',
        prerequisites: ['core-2', 'core-3'],
      },
      { id: 'elective-1', name: 'BLS for Healthcare Providers', achievement: a.bls.id },
      {
        id: 'elective-2',
        name: 'Patient Care and Vital Signs',
        achievement: 'https://lakeview-usd.example/achievements/patient-care',
      },
      {
        id: 'externship',
        name: 'Surgical Services Externship',
        achievement: 'https://riverside-health.example/achievements/externship',
        prerequisites: ['core-4'],
      },
      {
        id: 'certification',
        name: 'Surgical Technologist Certification',
        achievement: 'https://alliedhealth-training.example/achievements/certification',
        prerequisites: ['externship'],
      },
    ],
    milestones: [
      {
        id: 'foundations',
        name: 'Health-science foundations',
        rule: { allOf: ['core-1', 'core-2', 'core-3'] },
      },
      {
        id: 'externship-ready',
        name: 'Ready for the externship',
        rule: {
          allOf: [
            'core-1',
            'core-2',
            'core-3',
            'core-4',
            { nOf: { n: 1, of: ['elective-1', 'elective-2'] } },
          ],
        },
      },
    ],
    completion: {
      allOf: [
        'core-1',
        'core-2',
        'core-3',
        'core-4',
        'externship',
        'certification',
        { nOf: { n: 1, of: ['elective-1', 'elective-2'] } },
      ],
    },
  });
  const earned = [
    await badge(school, SCHOOL, a.foundations, '2025-03-14T09:00:00Z'),
    await badge(school, SCHOOL, a.terminology, '2025-06-06T09:00:00Z'),
    infection,
    await badge(institute, INSTITUTE, a.bls, '2025-08-20T09:00:00Z'),
  ];
  const pathwayProof = await composePathwayProof(pathway, earned, {
    issuer: { id: wallet.controller, type: ['Profile'], name: 'Ana Learner (wallet)' },
    verify: (c) => verifyCredential(c),
    sign: (clr) => issueCredential(clr, { key: wallet }),
    name: 'Surgical Technologist Pathway: progress of Ana Learner',
  });

  // 5. A badge with a grade, issued for selective disclosure; the learner shows it without the grade.
  const p256 = await generateKey({ algorithm: 'P-256' });
  const withGrade = (await createOpenBadgeCredential({
    issuer: { id: p256.controller, type: ['Profile'], name: SCHOOL },
    achievement: a.foundations,
    recipient: LEARNER,
    validFrom: '2025-03-14T09:00:00Z',
  })) as Json & { credentialSubject: Json };
  withGrade.credentialSubject.result = [{ type: ['Result'], value: 'B-' }];
  const sdBase = await issueCredential(withGrade, { key: p256, format: 'ecdsa-sd-2023' });
  const derived = await deriveCredential(sdBase, { reveal: [] });

  return {
    validPng,
    tamperedPng,
    revokedSvg,
    statusDocuments: { [STATUS_URL]: statusList },
    jwt,
    pathwayProof,
    pathway,
    schoolId: school.controller,
    keyFile: wallet as unknown as Json,
    plainPng: badgePng(),
    derived,
  };
}
