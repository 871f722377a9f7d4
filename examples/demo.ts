// The credstack demo: an issuer key, a badge issued in both proof formats, and an employer
// verifying them. Run with `npm run demo`; files go to demo-out/.
import { mkdirSync, writeFileSync } from 'node:fs';
import {
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  validate,
  verifyCredential,
} from 'credstack';

const out = new URL('../demo-out/', import.meta.url);
mkdirSync(out, { recursive: true });
const write = (name: string, data: string) => writeFileSync(new URL(name, out), data);

console.log('1. A school generates its issuer key (Ed25519, did:key)');
const key = await generateKey();
write('school-key.json', JSON.stringify(key, null, 2));
console.log(`   ${key.controller}`);

console.log('2. It describes an achievement and builds an unsigned Open Badges 3.0 credential');
const achievement = createAchievement({
  id: 'https://district.example/achievements/infection-control',
  name: 'Infection Control and Sterile Technique',
  description: 'Applies aseptic technique and infection-control protocols in a simulated operating room.',
  criteria: { narrative: 'Scored at least 80% on the practical sterile-field assessment.' },
  achievementType: 'Competency',
});
const unsigned = await createOpenBadgeCredential({
  issuer: { id: key.controller, name: 'Riverside School District', type: ['Profile'] },
  achievement,
  recipient: { email: 'ana.learner@example.org', salt: 'demo-salt' },
  name: 'Infection Control and Sterile Technique',
});
const validation = validate(unsigned);
console.log(`   schema: ${validation.valid ? 'valid' : 'INVALID'} (${validation.schema})`);
write('badge.unsigned.json', JSON.stringify(unsigned, null, 2));

console.log('3. It signs the badge twice: Data Integrity (eddsa-rdfc-2022) and VC-JWT (EdDSA)');
const signed = await issueCredential(unsigned, { key });
const jwt = await issueCredential(unsigned, { key, format: 'vc-jwt' });
write('badge.signed.json', JSON.stringify(signed, null, 2));
write('badge.jwt', `${jwt}\n`);

console.log('4. An employer verifies both, offline');
for (const [label, input] of [
  ['Data Integrity', signed],
  ['VC-JWT', jwt],
] as const) {
  const result = await verifyCredential(input);
  console.log(`   ${label}: ${result.verdict.toUpperCase()}`);
  for (const check of result.checks) console.log(`     [${check.status}] ${check.id}: ${check.message}`);
}

console.log('5. A tampered copy is caught');
const tampered = structuredClone(signed) as Record<string, any>;
tampered.credentialSubject.achievement.name = 'Chief Surgeon';
const bad = await verifyCredential(tampered);
console.log(`   ${bad.verdict.toUpperCase()}: ${bad.checks.find((c) => c.status === 'failed')?.message}`);
console.log(`\nFiles written to ${out.pathname}`);
