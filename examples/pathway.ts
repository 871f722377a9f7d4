// A tiny pathway: an employer says "two modules from the college, then our site induction, lead
// to a job". A learner earns credentials, sees their progress, and proves it with one signed
// pathway proof (a CLR 2.0 ClrCredential) that the employer checks in one call.
// `npm run demo` tells the full story; this is the smallest version of it.
// Run: npm run build && npx tsx examples/pathway.ts
import {
  composePathwayProof,
  createAchievement,
  createOpenBadgeCredential,
  createPathway,
  formatPathwayProgress,
  generateKey,
  issueCredential,
  pathwayProgress,
  verifyPathwayProof,
} from 'credstack';

const college = await generateKey();
const employer = await generateKey();
const wallet = await generateKey(); // the learner's own key: their id is its did:key
const learner = wallet.controller;
const achievement = (slug: string) => `https://college.example/achievements/${slug}`;

// 1. The pathway (plain JSON, validated): components, prerequisites, who may issue each, completion.
const pathway = createPathway({
  id: 'https://employer.example/pathways/warehouse-associate',
  name: 'Warehouse Associate',
  occupations: [
    { code: '53-7051.00', framework: 'O*NET-SOC', name: 'Industrial Truck and Tractor Operators' },
  ],
  employer: { id: employer.controller, name: 'Acme Logistics' },
  components: [
    {
      id: 'safety',
      name: 'Workplace Safety',
      achievement: achievement('safety'),
      acceptedIssuers: [college.controller],
    },
    {
      id: 'forklift',
      name: 'Forklift Operation',
      achievement: achievement('forklift'),
      prerequisites: ['safety'],
    },
    {
      id: 'induction',
      name: 'Site Induction',
      achievement: 'https://employer.example/achievements/induction',
      prerequisites: ['forklift'],
      acceptedIssuers: [employer.controller],
    },
  ],
  milestones: [{ id: 'ready', name: 'Ready for induction', rule: { allOf: ['safety', 'forklift'] } }],
  completion: { allOf: ['safety', 'forklift', 'induction'] },
});

// 2. The learner earns the two college modules.
async function earn(slug: string, name: string) {
  const badge = await createOpenBadgeCredential({
    issuer: { id: college.controller, name: 'Example Community College' },
    achievement: createAchievement({ id: achievement(slug), name, description: name, criteria: 'Passed.' }),
    recipient: { id: learner },
  });
  return issueCredential(badge, { key: college });
}
const credentials = [await earn('safety', 'Workplace Safety'), await earn('forklift', 'Forklift Operation')];

// 3. Progress: what is earned, what is available next, which milestones are reached.
const progress = await pathwayProgress(pathway, credentials, { learner: { id: learner } });
console.log(formatPathwayProgress(progress, pathway).trimEnd());

// 4. The wallet signs a pathway proof embedding the credentials that count…
const proof = await composePathwayProof(pathway, credentials, { key: wallet, learner: { id: learner } });

// 5. …and the employer verifies it against its own copy of the pathway: every embedded
//    credential, the claimed components and milestones, all in one result.
const result = await verifyPathwayProof(proof, { pathway });
console.log(
  `\npathway proof: ${result.verdict}, ${result.checks.length} checks, partial: ${String(proof.partial)}`,
);

const ready = progress.milestones.find((m) => m.id === 'ready');
if (!result.verified || !ready?.reached || progress.complete) process.exitCode = 1;
