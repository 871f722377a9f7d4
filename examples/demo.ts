// The credstack demo: a surgical-technologist pathway agreed between a hospital, a school
// district and a training provider; a learner earning credentials from all three (and one from a
// certificate mill); a revocation; baked badges; the learner's progress; a signed pathway proof
// (CLR 2.0); the hospital verifying it; and the learner presenting it to the hospital's hiring
// portal, which checks it against its trust list. Run with `npm run demo`; everything goes to demo-out/.
//
// It imports 'credstack' exactly as an application would (the package's own built dist).
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import {
  bake,
  composePathwayProof,
  createAchievement,
  createEndorsementCredential,
  createPresentation,
  createOpenBadgeCredential,
  createPathway,
  exportCtdlPathway,
  formatPathwayProgress,
  formatPathwayProofResult,
  generateKey,
  importCtdlPathway,
  issueCredential,
  issuerProfileWithKeys,
  loadTrustRegistry,
  onetOccupation,
  pathwayAchievement,
  pathwayProgress,
  verifyCredential,
  verifyPathwayProof,
  verifyPresentation,
} from 'credstack';
import { initStatusStore, publishStatusList } from 'credstack/status/store';
import { startServer } from 'credstack/serve';
import { clientAuthenticationAnonymous } from '@openid4vc/oauth2';
import { Openid4vciClient } from '@openid4vc/openid4vci';
import { setGlobalConfig } from '@openid4vc/utils';
import { importJWK, SignJWT } from 'jose';
import { outcomesDemo } from './outcomes-demo.js';

const started = Date.now();
const out = new URL('../demo-out/', import.meta.url);
rmSync(out, { recursive: true, force: true });
for (const dir of ['keys', 'public', 'credentials', 'badges', 'status'])
  mkdirSync(new URL(dir, out), { recursive: true });
const write = (name: string, data: string | Uint8Array | object, mode?: number) =>
  writeFileSync(
    new URL(name, out),
    typeof data === 'string' || data instanceof Uint8Array ? data : `${JSON.stringify(data, null, 2)}\n`,
    mode === undefined ? {} : { mode },
  );
const say = (text = '') => console.log(text);
// issueCredential tells when a well-known verifier's published rules refuse a format (here: the
// LMC profile takes only did:key / did:web issuers, DCC and LMC no VC-JWT). Said once, in the story.
const refusals = new Set<string>();
const onWarning = ({ message }: { message: string }) => refusals.add(message);
const indent = (text: string) => text.trimEnd().replace(/^/gm, '   ');
type Json = Record<string, unknown>;

// ─── 1. Keys ────────────────────────────────────────────────────────────────────────────────────
say('1. Keys: three partners with https issuer ids, the learner’s wallet (did:key), and a certificate mill');
const org = {
  district: {
    id: 'https://lakeview-usd.example/profile',
    name: 'Lakeview Unified School District',
    color: '#1f6feb',
  },
  provider: {
    id: 'https://alliedhealth-training.example/profile',
    name: 'Allied Health Training Institute',
    color: '#2da44e',
  },
  hospital: {
    id: 'https://riverside-health.example/profile',
    name: 'Riverside General Hospital',
    color: '#cf222e',
  },
} as const;
const keys = {
  district: await generateKey({ controller: org.district.id }),
  provider: await generateKey({ controller: org.provider.id }),
  hospital: await generateKey({ controller: org.hospital.id }),
  wallet: await generateKey(),
  mill: await generateKey(),
};
for (const [name, key] of Object.entries(keys)) write(`keys/${name}.json`, key, 0o600); // private keys (demo only): owner-only, as keygen writes them

// What each issuer serves at its id (profile + public keys), and every published document by URL:
// verifiers get them through `documents` (offline), as `credstack verify --documents` does.
const documents: Record<string, unknown> = {};
for (const which of ['district', 'provider', 'hospital'] as const) {
  const { documents: published } = issuerProfileWithKeys(keys[which], {
    id: org[which].id,
    name: org[which].name,
  });
  Object.assign(documents, published);
}
const learner = { id: keys.wallet.controller, name: 'Ana Rivera' };
say(`   ${org.district.name}  ${org.district.id}`);
say(`   ${org.provider.name}  ${org.provider.id}`);
say(`   ${org.hospital.name}  ${org.hospital.id}`);
say(`   ${learner.name}’s wallet  ${learner.id.slice(0, 32)}…`);

// ─── 2. The pathway ─────────────────────────────────────────────────────────────────────────────
say('\n2. Riverside defines the pathway with its partners → demo-out/pathway.json');
const district = (slug: string) => `https://lakeview-usd.example/achievements/${slug}`;
const provider = (slug: string) => `https://alliedhealth-training.example/achievements/${slug}`;
const practical = `${provider('surgical-procedures-instrumentation')}/results/practical`;
const level = (name: string) => `https://alliedhealth-training.example/rubrics/practical/${name}`;
const pathway = createPathway({
  id: 'https://riverside-health.example/pathways/surgical-technologist',
  name: 'Surgical Technologist Pathway',
  description:
    'Health-science modules in high school, electives, a hospital externship and the certification exam lead to a surgical technologist role at Riverside General Hospital.',
  version: '1.0.0',
  occupations: [{ code: '29-2055.00', framework: 'O*NET-SOC', name: 'Surgical Technologists' }],
  alignments: [
    {
      type: ['Alignment'],
      targetName: 'Maintain a sterile field during surgical procedures',
      targetUrl: 'https://case.riverside-health.example/uri/sterile-field',
      targetCode: 'ST.3.2',
      targetFramework: 'Riverside Surgical Services Competency Framework',
      targetType: 'CFItem',
    } as never,
  ],
  employer: { id: org.hospital.id, name: org.hospital.name },
  partners: [
    { id: org.district.id, name: org.district.name },
    { id: org.provider.id, name: org.provider.name },
  ],
  components: [
    {
      id: 'core-1',
      name: 'Health Science Foundations',
      achievement: district('health-science-foundations'),
      acceptedIssuers: ['https://lakeview-usd.example/*'],
    },
    {
      id: 'core-2',
      name: 'Medical Terminology and Anatomy',
      achievement: district('medical-terminology-anatomy'),
      prerequisites: ['core-1'],
      acceptedIssuers: ['https://lakeview-usd.example/*'],
    },
    {
      id: 'core-3',
      name: 'Infection Control and Sterile Technique',
      achievement: district('infection-control-sterile-technique'),
      prerequisites: ['core-1'],
      acceptedIssuers: ['https://lakeview-usd.example/*', 'https://alliedhealth-training.example/*'],
    },
    {
      id: 'core-4',
      name: 'Surgical Procedures and Instrumentation',
      achievement: {
        id: provider('surgical-procedures-instrumentation'),
        type: ['Achievement'],
        achievementType: 'Course',
        name: 'Surgical Procedures and Instrumentation',
        description:
          'Identifies, prepares and passes surgical instruments for common procedures in a simulated operating room.',
        criteria: {
          narrative:
            'Complete the 60-hour lab and the instrumentation practical, assessed against the lab rubric.',
        },
        resultDescription: [
          {
            id: practical,
            type: ['ResultDescription'],
            name: 'Instrumentation practical',
            resultType: 'RubricCriterionLevel',
            rubricCriterionLevel: ['developing', 'proficient', 'exemplary'].map((l) => ({
              id: level(l),
              type: ['RubricCriterionLevel'],
              name: l[0]!.toUpperCase() + l.slice(1),
            })),
          },
        ],
      },
      prerequisites: ['core-2', 'core-3'],
      acceptedIssuers: ['https://alliedhealth-training.example/*'],
      minimumResult: { resultDescription: practical, achievedLevel: level('proficient') },
    },
    {
      id: 'elective-1',
      name: 'Sterile Processing Basics',
      achievement: provider('sterile-processing-basics'),
    },
    {
      id: 'elective-2',
      name: 'Patient Care and Vital Signs',
      achievement: district('patient-care-vital-signs'),
    },
    {
      id: 'elective-3',
      name: 'Pharmacology for Surgical Settings',
      achievement: provider('surgical-pharmacology'),
      prerequisites: ['core-2'],
    },
    {
      id: 'elective-4',
      name: 'BLS for Healthcare Providers',
      achievement: provider('bls-healthcare-providers'),
    },
    {
      id: 'externship',
      name: 'Surgical Services Externship',
      achievement: 'https://riverside-health.example/achievements/surgical-services-externship',
      prerequisites: ['core-4'],
      acceptedIssuers: [org.hospital.id],
    },
    {
      id: 'certification',
      name: 'Surgical Technologist Certification',
      achievement: provider('surgical-technologist-certification'),
      prerequisites: ['externship'],
      acceptedIssuers: ['https://alliedhealth-training.example/*'],
      minimumResult: { value: 70 },
    },
  ],
  milestones: [
    {
      id: 'externship-ready',
      name: 'Externship-ready',
      description: 'All core modules: the learner can start the externship.',
      rule: { allOf: ['core-1', 'core-2', 'core-3', 'core-4'] },
    },
    {
      id: 'job-ready',
      name: 'Job-ready',
      description: 'Core modules, externship and certification: Riverside interviews.',
      rule: { allOf: ['core-1', 'core-2', 'core-3', 'core-4', 'externship', 'certification'] },
    },
  ],
  completion: {
    allOf: [
      'core-1',
      'core-2',
      'core-3',
      'core-4',
      { nOf: { n: 2, of: ['elective-1', 'elective-2', 'elective-3', 'elective-4'] } },
      'externship',
      'certification',
    ],
  },
});
write('pathway.json', pathway);
// The pathway is also an Open Badges Achievement, so the hospital can endorse it.
const endorsement = await issueCredential(
  await createEndorsementCredential({
    issuer: { id: org.hospital.id, type: ['Profile'], name: org.hospital.name },
    subjectId: pathway.id,
    name: 'Riverside endorses the Surgical Technologist Pathway',
    endorsementComment: 'Completers are invited to interview for surgical technologist roles.',
  }),
  { key: keys.hospital, onWarning },
);
write('pathway-achievement.json', pathwayAchievement(pathway));
write('pathway-endorsement.json', endorsement);
say(
  `   ${pathway.components.length} components, completion: 4 core modules + 2 of 4 electives + externship + certification`,
);
say(
  '   milestones: Externship-ready (core 1–4), Job-ready (+ externship, certification); endorsed by Riverside',
);

// ─── 3. Credentials ─────────────────────────────────────────────────────────────────────────────
say('\n3. Ana earns credentials over two years (Data Integrity, one VC-JWT); the provider tracks revocation');
// The provider's status store: one SQLite database (a postgres:// URL works the same way).
const store = await initStatusStore(new URL('status/provider-revocation.sqlite', out).pathname, {
  url: 'https://alliedhealth-training.example/status/revocation/1',
  issuer: org.provider.id,
});

interface Award {
  by: 'district' | 'provider' | 'hospital' | 'mill';
  component: string;
  date: string;
  jwt?: boolean;
  revocable?: boolean;
  results?: Json[];
}
const millProfile = { id: keys.mill.controller, name: 'QuickCerts Online' };
async function award(a: Award): Promise<Json | string> {
  const component = pathway.components.find((c) => c.id === a.component)!;
  const issuer = a.by === 'mill' ? millProfile : org[a.by];
  const achievement =
    typeof component.achievement === 'object'
      ? component.achievement
      : createAchievement({
          id: component.achievement,
          name: component.name ?? component.id,
          description: `${component.name}: a module of the surgical technologist pathway.`,
          criteria: { narrative: 'Passed the module assessment.' },
          achievementType: a.component.startsWith('cert') ? 'Certification' : 'Course',
        });
  const unsigned = await createOpenBadgeCredential({
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name },
    achievement: achievement as never,
    recipient: { id: learner.id },
    validFrom: a.date,
    ...(a.results ? { results: a.results as never } : {}),
  });
  const key = keys[a.by];
  if (a.jwt) return issueCredential(unsigned, { key, format: 'vc-jwt', onWarning });
  return issueCredential(unsigned, {
    key,
    created: a.date,
    onWarning,
    ...(a.revocable ? { statusList: store } : {}),
  });
}
const awards: Award[] = [
  { by: 'district', component: 'core-1', date: '2025-05-23T15:00:00Z' },
  { by: 'district', component: 'core-2', date: '2025-12-12T15:00:00Z', jwt: true },
  { by: 'provider', component: 'core-3', date: '2026-01-16T17:00:00Z' },
  { by: 'provider', component: 'elective-1', date: '2026-02-06T17:00:00Z' },
  { by: 'provider', component: 'elective-4', date: '2026-02-20T17:00:00Z', revocable: true },
  {
    by: 'provider',
    component: 'core-4',
    date: '2026-03-13T17:00:00Z',
    results: [{ resultDescription: practical, achievedLevel: level('exemplary') }],
  },
  { by: 'hospital', component: 'externship', date: '2026-06-26T12:00:00Z' },
  { by: 'mill', component: 'certification', date: '2026-07-10T09:00:00Z', results: [{ value: '98' }] },
];
const wallet: Array<Json | string> = [];
for (const a of awards) {
  const credential = await award(a);
  wallet.push(credential);
  const file = `credentials/${a.component}${a.by === 'mill' ? '-quickcerts' : ''}.${typeof credential === 'string' ? 'jwt' : 'json'}`;
  write(file, typeof credential === 'string' ? `${credential}\n` : credential);
  const name = pathway.components.find((c) => c.id === a.component)!.name;
  say(
    `   ${a.date.slice(0, 10)}  ${(name ?? '').padEnd(40)} ${a.by === 'mill' ? millProfile.name : org[a.by].name}${a.jwt ? ' (VC-JWT)' : ''}${a.revocable ? ' (revocable)' : ''}`,
  );
}
for (const message of refusals) say(`   note from issueCredential: ${message}`);

async function publishLists(): Promise<void> {
  for (const { url, credential } of await publishStatusList(store, { key: keys.provider }))
    documents[url] = credential;
}
await publishLists();

// ─── 4. Baked badges ────────────────────────────────────────────────────────────────────────────
say('\n4. Badges baked into images a person can open (SVG for each, a PNG for the lab course)');
function badgeSvg(title: string, issuer: string, color: string): string {
  const words = title.split(' ');
  const lines: string[] = [''];
  for (const w of words) {
    if ((lines.at(-1)! + w).length > 18) lines.push('');
    lines[lines.length - 1] = `${lines.at(-1)} ${w}`.trim();
  }
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const text = lines
    .map(
      (l, i) =>
        `<text x="150" y="${140 + (i - (lines.length - 1) / 2) * 24}" font-size="20" font-weight="bold" text-anchor="middle" fill="#fff">${esc(l)}</text>`,
    )
    .join('\n  ');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="300" viewBox="0 0 300 300" font-family="Helvetica, Arial, sans-serif">
  <polygon points="150,8 273,79 273,221 150,292 27,221 27,79" fill="${color}" stroke="#f5c542" stroke-width="8"/>
  <polygon points="150,30 254,90 254,210 150,270 46,210 46,90" fill="none" stroke="#ffffff55" stroke-width="2"/>
  ${text}
  <text x="150" y="222" font-size="11" text-anchor="middle" fill="#ffffffdd">${esc(issuer)}</text>
  <text x="150" y="248" font-size="10" text-anchor="middle" fill="#ffffffaa">Open Badges 3.0</text>
</svg>
`;
}
function badgePng(size = 160): Uint8Array {
  const png = new PNG({ width: size, height: size });
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 4;
      const r = Math.hypot(x - c, y - c) / (size / 2);
      const ring = r > 0.82 && r <= 1;
      png.data[i] = ring ? 245 : Math.round(30 + 40 * (x / size));
      png.data[i + 1] = ring ? 197 : Math.round(130 + 60 * (y / size));
      png.data[i + 2] = ring ? 66 : 80;
      png.data[i + 3] = r <= 1 ? 255 : 0;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}
for (const [i, a] of awards.entries()) {
  if (a.by === 'mill') continue;
  const name = pathway.components.find((c) => c.id === a.component)!.name ?? a.component;
  write(`badges/${a.component}.svg`, bake(badgeSvg(name, org[a.by].name, org[a.by].color), wallet[i]!));
}
const core4 = wallet[awards.findIndex((a) => a.component === 'core-4')]!;
const png = bake(badgePng(), core4);
write('badges/core-4.png', png);
const fromPng = await verifyCredential(png, { documents });
say(
  `   demo-out/badges/*.svg, core-4.png; the PNG verifies on its own: ${fromPng.verdict.toUpperCase()} (${fromPng.format}, baked ${fromPng.container})`,
);

// ─── 5. Progress, then a revocation ─────────────────────────────────────────────────────────────
const before = await pathwayProgress(pathway, wallet, { documents, learner: { id: learner.id } });
say(
  `\n5. Progress before any revocation: ${before.components.filter((c) => c.state === 'earned').length} components earned; completion ${before.completion.explanation}`,
);
const blsIndex = awards.findIndex((a) => a.component === 'elective-4');
const bls = wallet[blsIndex] as Json;
await store.revoke(String(bls.id));
await publishLists();
say(
  '   The provider revokes the BLS badge (the skills check-off was never recorded) and republishes its status list.',
);

const progress = await pathwayProgress(pathway, wallet, { documents, learner: { id: learner.id } });
write('progress.json', progress);
say('\n   Ana’s progress report (demo-out/progress.json):\n');
say(indent(formatPathwayProgress(progress, pathway)));

// ─── 6. The pathway proof ───────────────────────────────────────────────────────────────────────
const proof = await composePathwayProof(pathway, wallet, {
  key: keys.wallet,
  issuer: { id: keys.wallet.controller, type: ['Profile'], name: `${learner.name} (wallet)` },
  learner: { id: learner.id },
  documents,
  onWarning,
});
write('pathway-proof.json', proof);
const embedded = proof.credentialSubject as Json;
say(
  `\n6. Ana’s wallet signs a pathway proof (CLR 2.0 ClrCredential, eddsa-rdfc-2022) → demo-out/pathway-proof.json\n   ${(embedded.verifiableCredential as unknown[]).length} credentials + ${(embedded.verifiableCredentialJwt as unknown[] | undefined)?.length ?? 0} VC-JWT embedded as issued, partial: ${String(proof.partial)}; the revoked and the QuickCerts credentials are left out`,
);

// ─── 7. The employer verifies ───────────────────────────────────────────────────────────────────
say('\n7. Riverside verifies the proof against its own copy of the pathway:\n');
const result = await verifyPathwayProof(proof, { pathway, documents });
say(indent(formatPathwayProofResult(result, pathway)));

const tampered = structuredClone(proof) as Json;
((tampered.credentialSubject as Json).pathwayProgress as { milestones: Json[] }).milestones.push({
  id: 'job-ready',
  reachedAt: '2026-07-10T09:00:00Z',
});
write('pathway-proof.tampered.json', tampered);
const bad = await verifyPathwayProof(tampered, { pathway, documents });
say('\n8. A copy edited to claim "Job-ready" (demo-out/pathway-proof.tampered.json) is refused:');
say(`   ${bad.verified ? 'VERIFIED (unexpected!)' : `NOT VERIFIED (${bad.verdict})`}`);
for (const c of bad.checks.filter((x) => x.status === 'failed'))
  say(`   [FAIL] ${c.id.padEnd(11)} ${c.message}  [${c.code}]`);

// ─── 9. The learner presents it; the hospital checks it against its trust list ─────────────────
// Hiring asks Ana's wallet for a presentation bound to a fresh nonce and its own domain, and only
// believes issuers on its registry (the DCC issuer-registry format works too).
const challenge = crypto.randomUUID();
const trustRegistry = loadTrustRegistry({
  name: 'Riverside HR trusted issuers',
  issuers: (['district', 'provider', 'hospital'] as const).map((w) => ({ id: org[w].id, name: org[w].name })),
});
write('trust-registry.json', trustRegistry);
const vp = await createPresentation([proof], {
  key: keys.wallet,
  challenge,
  domain: 'hiring.riverside-health.example',
});
write('presentation.json', vp);
const presented = await verifyPresentation(vp, {
  challenge,
  domain: 'hiring.riverside-health.example',
  documents,
  trust: trustRegistry,
});
const inner = presented.credentials[0]?.embedded ?? [];
const trusted = inner.filter((r) => r.issuerTrust === 'trusted').length;
say(
  '\n9. Ana presents the proof to Riverside’s hiring portal (challenge + domain), checked against its trust list:',
);
say(
  `   presentation: ${presented.verified ? 'VERIFIED' : presented.verdict.toUpperCase()} — holder ${presented.holder}`,
);
for (const c of presented.checks.filter((x) => ['holder', 'challenge', 'domain'].includes(x.id))) {
  say(`   [${c.status === 'passed' ? 'ok' : c.status}] ${c.id.padEnd(10)} ${c.message}`);
}
say(`   embedded credentials from trusted issuers: ${trusted} of ${inner.length}`);
const replay = await verifyPresentation(vp, {
  challenge: crypto.randomUUID(),
  domain: 'hiring.riverside-health.example',
  documents,
});
say(
  `   the same presentation replayed against a new challenge: ${replay.verified ? 'VERIFIED (unexpected!)' : 'refused'}`,
);

// ─── 10. Outcomes ───────────────────────────────────────────────────────────────────────────────
// The region judges the pathway by outcomes computed from verifiable credentials: a synthetic
// cohort of a few hundred learners on several campuses (some credentials revoked, some forged).
say('\n10. Regional outcomes for a synthetic cohort → demo-out/outcomes.{json,csv,svg}');
const outcomes = await outcomesDemo({ out, log: (line: string) => say(indent(line)) });

// ─── 11. A pathway from the registry ────────────────────────────────────────────────────────────
// Credential Engine's published CTDL conditions sample (an OR of "2 of courses B–D" and "course A"),
// imported as is; the district issues two courses and the assessment, Ana's wallet proves it.
say('\n11. A CTDL pathway from the Credential Registry sample → demo-out/ctdl-pathway.json');
const ctdlSample = JSON.parse(
  readFileSync(new URL('../test/vectors/pathways/ctdl-pathway-conditions.json', import.meta.url), 'utf8'),
);
const { pathway: ctdlPathway } = importCtdlPathway(ctdlSample, {
  employer: { id: org.district.id, type: 'Profile', name: org.district.name },
  occupations: [onetOccupation('29-2055.00', 'Surgical Technologists')],
});
write('ctdl-pathway.json', ctdlPathway);
const ctdlEarned = await Promise.all(
  ctdlPathway.components
    .slice(1, 6)
    .filter((_, i) => i !== 1 && i !== 3)
    .map(async (c) =>
      issueCredential(
        await createOpenBadgeCredential({
          issuer: { id: org.district.id, name: org.district.name },
          achievement: createAchievement({
            id: typeof c.achievement === 'string' ? c.achievement : c.achievement.id,
            name: c.name ?? c.id,
            description: `${c.ctdl?.type ?? 'Component'} of the CTDL sample pathway.`,
            criteria: { narrative: 'Completed.' },
          }),
          recipient: { id: learner.id },
        }),
        { key: keys.district, onWarning },
      ),
    ),
);
const ctdlProof = await composePathwayProof(ctdlPathway, ctdlEarned, {
  key: keys.wallet,
  issuer: { id: keys.wallet.controller, type: ['Profile'], name: `${learner.name} (wallet)` },
  learner: { id: learner.id },
  documents,
  onWarning,
});
const ctdlResult = await verifyPathwayProof(ctdlProof, { pathway: ctdlPathway, documents });
const roundTrip =
  JSON.stringify(importCtdlPathway(exportCtdlPathway(ctdlPathway)).pathway) === JSON.stringify(ctdlPathway);
say(
  `   ${ctdlPathway.components.length} components, ${ctdlPathway.milestones?.length ?? 0} condition milestones; proof ${ctdlResult.verified ? 'VERIFIED' : ctdlResult.verdict}, complete: ${String(ctdlResult.complete)}; CTDL round trip ${roundTrip ? 'equal' : 'DIFFERENT'}`,
);

// ─── 12. Into Ana's wallet ──────────────────────────────────────────────────────────────────────
// The district runs `credstack serve` and offers Ana a badge; a scripted wallet (the client half of
// @openid4vc/openid4vci, the OpenID4VCI library credstack's server uses) scans the offer, takes a
// token, proves its key and receives the badge issued to that key.
say('\n12. The district offers a badge; Ana’s wallet receives it over OpenID4VCI');
setGlobalConfig({ allowInsecureUrls: true }); // the demo's service is on loopback http
const service = await startServer({
  port: 0,
  dataDir: new URL('serve', out).pathname,
  issuers: [{ name: 'district', key: new URL('keys/district.json', out).pathname }],
  logLevel: 'silent',
});
let delivered = false;
try {
  const offered = (await (
    await fetch(`${service.url}/offers`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        credential: await createOpenBadgeCredential({
          issuer: { id: org.district.id, name: org.district.name },
          achievement: createAchievement({
            id: 'https://lakeview-usd.example/achievements/career-readiness',
            name: 'Career Readiness',
            description: 'Completed the district’s career readiness seminar.',
            criteria: { narrative: 'Attended all sessions.' },
          }),
          recipient: { id: 'did:example:replaced-by-the-wallet-key' },
        }),
      }),
    })
  ).json()) as { credentialOfferUri: string; interactionUrl: string };
  const phone = await generateKey({ algorithm: 'P-256' }); // the wallet app's own key
  const client = new Openid4vciClient({
    callbacks: {
      fetch,
      hash: (data: Uint8Array, alg: string) =>
        createHash(alg.replace('-', '').toLowerCase()).update(data).digest(),
      generateRandom: (bytes: number) => randomBytes(bytes),
      clientAuthentication: clientAuthenticationAnonymous(),
      signJwt: async (_signer: unknown, { header, payload }: { header: object; payload: object }) => ({
        jwt: await new SignJWT(payload as never)
          .setProtectedHeader(header as never)
          .sign(await importJWK(phone.privateKeyJwk as never, 'ES256')),
        signerJwk: phone.publicKeyJwk,
      }),
      verifyJwt: async () => ({ verified: false }),
    } as never,
  });
  const offer = await client.resolveCredentialOffer(offered.credentialOfferUri);
  const issuerMetadata = await client.resolveIssuerMetadata(offer.credential_issuer);
  const { accessTokenResponse } = await client.retrievePreAuthorizedCodeAccessTokenFromOffer({
    credentialOffer: offer,
    issuerMetadata,
  });
  const configuration = 'OpenBadgeCredential_ldp_vc';
  const { jwt } = await client.createCredentialRequestJwtProof({
    issuerMetadata,
    credentialConfigurationId: configuration,
    nonce: accessTokenResponse.c_nonce as string,
    signer: { method: 'did', didUrl: phone.id, alg: 'ES256' },
  });
  const { credentialResponse } = await client.retrieveCredentials({
    issuerMetadata,
    accessToken: accessTokenResponse.access_token,
    credentialConfigurationId: configuration,
    proof: { proof_type: 'jwt', jwt },
  });
  const [first] = (credentialResponse.credentials ?? []) as { credential: Json }[];
  if (!first) throw new Error('the wallet received no credential');
  const received = first.credential;
  write('wallet-career-readiness.json', received);
  const checked = await verifyCredential(received, { documents });
  delivered = checked.verified && JSON.stringify(received).includes(phone.controller);
  say(
    `   offer ${offered.interactionUrl.replace(service.url, '')} → the wallet holds it, issued to ${phone.controller.slice(0, 24)}…: ${checked.verified ? 'VERIFIED' : checked.verdict}`,
  );
} finally {
  await service.close();
}

// ─── Files for the CLI ──────────────────────────────────────────────────────────────────────────
const map: Record<string, string> = {};
for (const [url, doc] of Object.entries(documents)) {
  const slug = url
    .replace(/^https?:\/\//, '')
    .replace(/\.json$/, '')
    .replace(/[^A-Za-z0-9.-]+/g, '_');
  const file = `public/${slug}.json`;
  write(file, doc as object);
  map[url] = file;
}
write('documents.json', map);
await store.close();

say(`\nFiles in ${out.pathname} (${((Date.now() - started) / 1000).toFixed(1)} s). Try the CLI on them:`);
say('   npx credstack verify demo-out/badges/core-4.png --documents demo-out/documents.json');
say(
  '   npx credstack pathway progress --pathway demo-out/pathway.json --documents demo-out/documents.json demo-out/credentials/*',
);
say(
  '   npx credstack pathway verify demo-out/pathway-proof.json --pathway demo-out/pathway.json --documents demo-out/documents.json',
);
say('   npx credstack status show demo-out/status/provider-revocation.sqlite --json');
if (
  !result.verified ||
  bad.verified ||
  progress.complete ||
  !presented.verified ||
  replay.verified ||
  !ctdlResult.verified ||
  !roundTrip ||
  outcomes.rows.counted === 0 ||
  !delivered
)
  process.exitCode = 1;
