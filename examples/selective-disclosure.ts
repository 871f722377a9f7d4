// Show a badge without the grade: the school signs with ecdsa-sd-2023 (selective disclosure), the
// learner derives a copy that hides their result, and an employer verifies that copy — authentic,
// issued by the school, for this achievement — without ever seeing the grade.
// Run: npm run build && npx tsx examples/selective-disclosure.ts
import {
  createAchievement,
  createOpenBadgeCredential,
  deriveCredential,
  generateKey,
  issueCredential,
  verifyCredential,
} from 'credstack';

// The school: a P-256 key (ecdsa-sd-2023 signs with P-256).
const school = await generateKey({ algorithm: 'P-256' });
const badge = await createOpenBadgeCredential({
  issuer: { id: school.controller, name: 'Lakeview Technical College' },
  achievement: createAchievement({
    id: 'https://lakeview.example/achievements/welding-1',
    name: 'Structural Welding I',
    description: 'Makes fillet and groove welds to AWS D1.1 in the flat and horizontal positions.',
    criteria: { narrative: 'Passed the bend test and the written exam.' },
  }),
  recipient: { id: 'did:example:ana' },
  results: [{ value: 'C+' }],
});
// By default every derived copy must reveal the issuer, the dates, the types and the achievement
// (defaultMandatoryPointers); the holder decides about the rest.
const issued = await issueCredential(badge, { key: school, format: 'ecdsa-sd-2023' });

// The learner: show who they are and what they earned, not the grade.
const shown = await deriveCredential(issued, { reveal: ['/credentialSubject/id'] });
console.log(`the grade is in what the employer gets: ${JSON.stringify(shown).includes('C+')}`);

// The employer: an ordinary verify.
const result = await verifyCredential(shown);
console.log(`verdict: ${result.verdict}, issuer ${result.issuer?.slice(0, 24)}…`);
console.log(`disclosed: ${result.disclosed?.join(', ')}`);

// A learner who edits what they show is caught.
const edited = structuredClone(shown) as { credentialSubject: { achievement: { name: string } } };
edited.credentialSubject.achievement.name = 'Structural Welding III';
const forged = await verifyCredential(edited);
console.log(`edited copy: ${forged.verdict}`);

if (!result.verified || forged.verified || JSON.stringify(shown).includes('C+')) process.exitCode = 1;
