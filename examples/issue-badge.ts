// Issue one Open Badges 3.0 badge, in both proof formats credstack signs:
//   - Data Integrity (eddsa-rdfc-2022): a JSON credential with an embedded `proof`;
//   - VC-JWT: the same credential as a compact JWS (header.payload.signature).
// Then verify both, offline. Run: npm run build && npx tsx examples/issue-badge.ts
import {
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  verifyCredential,
} from 'credstack';

// 1. The issuer's key. `generateKey()` makes an Ed25519 key whose id is a did:key, so anyone can
//    check the signature without fetching anything. Keep the private part secret (a file, a KMS).
const key = await generateKey();

// 2. What the badge is for: an Achievement (usually defined once and reused for every learner).
const achievement = createAchievement({
  id: 'https://school.example/achievements/first-aid',
  name: 'First Aid',
  description: 'Provides basic first aid in a workplace setting.',
  criteria: { narrative: 'Passed the practical assessment with an instructor.' },
});

// 3. The unsigned credential: issuer + achievement + recipient. The issuer id must be the key's
//    controller, or the verifier will not accept that this key speaks for the issuer.
const badge = await createOpenBadgeCredential({
  issuer: { id: key.controller, name: 'Example School' },
  achievement,
  recipient: { id: 'did:example:learner-1234' },
});

// 4. Sign it, twice.
const signed = await issueCredential(badge, { key }); // Data Integrity, the default for Ed25519
const jwt = await issueCredential(badge, { key, format: 'vc-jwt' }); // a string

console.log(`issued "${String(signed.name)}" to did:example:learner-1234 by ${key.controller.slice(0, 24)}…`);
console.log(`  Data Integrity: proof ${(signed.proof as { cryptosuite?: string }).cryptosuite}`);
console.log(`  VC-JWT:         ${jwt.slice(0, 40)}… (${jwt.length} characters)`);

// 5. Both verify (see verify-badge.ts for what the result holds).
for (const credential of [signed, jwt]) {
  const result = await verifyCredential(credential);
  console.log(`  verify ${result.format.padEnd(14)} → ${result.verdict}`);
  if (!result.verified) process.exitCode = 1;
}
