// Issue a badge to an email address without writing the address into the badge: OB 3.0 stores a
// salted SHA-256 hash (an IdentityObject), so the badge can travel publicly while only someone who
// already knows the address can check it belongs to that learner.
// Run: npm run build && npx tsx examples/hashed-email.ts
import {
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  matchesRecipient,
  verifyCredential,
} from 'credstack';

const key = await generateKey();
const badge = await createOpenBadgeCredential({
  issuer: { id: key.controller, name: 'Example School' },
  achievement: createAchievement({
    id: 'https://school.example/achievements/forklift-safety',
    name: 'Forklift Safety',
    description: 'Operates a counterbalance forklift safely.',
    criteria: { narrative: 'Passed the written test and the driving assessment.' },
  }),
  // An email becomes { type: 'IdentityObject', identityType: 'emailAddress', hashed: true,
  // identityHash: 'sha256$…', salt: '<random>' }. The address is trimmed and lower-cased first.
  recipient: { email: 'Ana.Rivera@example.org' },
});
const signed = await issueCredential(badge, { key });

const subject = signed.credentialSubject as { identifier: Array<{ identityHash: string; salt: string }> };
const [identity] = subject.identifier;
console.log(`recipient stored as ${identity!.identityHash.slice(0, 24)}… (salt ${identity!.salt})`);
console.log(`the address appears in the badge: ${JSON.stringify(signed).includes('example.org')}`);

// An employer who was given the badge and knows the candidate's address checks the two belong
// together. Verify the signature first: a match on an unverified badge means nothing.
const result = await verifyCredential(signed);
console.log(`badge: ${result.verdict}`);

const same = await matchesRecipient(signed, { email: 'ana.rivera@example.org' });
const other = await matchesRecipient(signed, { email: 'someone.else@example.org' });
console.log(`issued to ana.rivera@example.org?    ${same.matched} (by ${same.by}, ${same.identityType})`);
console.log(`issued to someone.else@example.org?  ${other.matched}`);

if (!result.verified || !same.matched || other.matched) process.exitCode = 1;
