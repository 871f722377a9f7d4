// Endorsements: a third party vouches for something — here an employer endorses a school's
// achievement ("we hire people who hold this"). The endorsement is its own signed
// EndorsementCredential, by the employer's key, embedded in the achievement; verifying the badge
// verifies the endorsement too and reports it as an `endorsement` check.
// Run: npm run build && npx tsx examples/endorsement.ts
import {
  createAchievement,
  createEndorsementCredential,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  verifyCredential,
} from 'credstack';

const school = await generateKey();
const employer = await generateKey();
const achievementId = 'https://school.example/achievements/welding-level-2';

// 1. The employer signs an endorsement of the achievement (its subject is the achievement's id).
const endorsement = await issueCredential(
  await createEndorsementCredential({
    issuer: { id: employer.controller, name: 'Acme Fabrication' },
    subjectId: achievementId,
    name: 'Acme Fabrication endorses Welding Level 2',
    endorsementComment: 'Holders meet our entry requirements for welder apprentices.',
  }),
  { key: employer },
);

// 2. The school puts it in the achievement and issues badges as usual.
const achievement = createAchievement({
  id: achievementId,
  name: 'Welding Level 2',
  description: 'MIG and TIG welding of mild steel in all positions.',
  criteria: { narrative: 'Passed the bend test on four positions.' },
  endorsement: [endorsement], // other OB 3.0 Achievement properties pass through as given
});
const badge = await issueCredential(
  await createOpenBadgeCredential({
    issuer: { id: school.controller, name: 'Example Technical College' },
    achievement,
    recipient: { id: 'did:example:learner-1234' },
  }),
  { key: school },
);

// 3. Verify: the badge, and inside it the employer's endorsement (its own proof, dates, status).
const result = await verifyCredential(badge);
console.log(`badge: ${result.verdict}`);
for (const check of result.checks.filter((c) => c.id === 'endorsement')) {
  console.log(`  [${check.status}] ${check.message} (${check.code}) at ${check.path}`);
}
const [endorsed] = result.endorsements ?? [];
console.log(
  `endorsement: ${endorsed?.verdict}, by ${endorsed?.issuerName} ${endorsed?.issuer?.slice(0, 24)}…`,
);

// Pass `trust: [employer.controller]` (or a registry) and the check says ENDORSEMENT_TRUSTED.
const trusted = await verifyCredential(badge, { trust: [employer.controller] });
console.log(`with the employer on a trust list: ${trusted.checks.find((c) => c.id === 'endorsement')?.code}`);

const ok =
  result.verified &&
  endorsed?.verified === true &&
  trusted.checks.some((c) => c.code === 'ENDORSEMENT_TRUSTED');
process.exitCode = ok ? 0 : 1;
