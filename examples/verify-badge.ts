// Verify a badge the way an employer would: whatever the candidate sends — a JSON credential, a
// VC-JWT, or a baked PNG/SVG image — goes straight into `verifyCredential`, which never throws for
// bad input and says which check failed and why.
//
//   npx tsx examples/verify-badge.ts path/to/badge.{json,jwt,png,svg}   # verify your own file
//   npx tsx examples/verify-badge.ts                                    # make three and verify them
//
// Exit code 0 when every badge verified, 1 otherwise.
import { readFile } from 'node:fs/promises';
import {
  bake,
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  type VerificationResult,
  verifyCredential,
} from 'credstack';

/** Prints the verdict, then one line per check: what an employer's screen would show. */
function report(label: string, result: VerificationResult): void {
  const container = result.container ? `, baked in ${result.container.toUpperCase()}` : '';
  console.log(`${label}: ${result.verdict.toUpperCase()} (${result.format}${container})`);
  console.log(`  issuer: ${result.issuerName ?? ''} ${result.issuer ?? '(unknown)'}`);
  for (const check of result.checks) {
    if (check.status !== 'passed')
      console.log(`  [${check.status}] ${check.id}: ${check.message} (${check.code})`);
  }
  console.log(`  ${result.checks.filter((c) => c.status === 'passed').length} checks passed`);
}

const file = process.argv[2];
if (file) {
  // Bytes in: verifyCredential sniffs JSON, a compact JWS, a PNG or an SVG by itself.
  const result = await verifyCredential(new Uint8Array(await readFile(file)));
  report(file, result);
  process.exitCode = result.verified ? 0 : 1;
} else {
  // No file given: issue one badge and hand it over in the three shapes a verifier meets.
  const key = await generateKey();
  const badge = await createOpenBadgeCredential({
    issuer: { id: key.controller, name: 'Example School' },
    achievement: createAchievement({
      id: 'https://school.example/achievements/first-aid',
      name: 'First Aid',
      description: 'Provides basic first aid.',
      criteria: { narrative: 'Passed the practical assessment.' },
    }),
    recipient: { id: 'did:example:learner-1234' },
  });
  const json = JSON.stringify(await issueCredential(badge, { key })); // as a .json file would hold it
  const jwt = await issueCredential(badge, { key, format: 'vc-jwt' });

  // A baked badge is an ordinary image carrying the credential (a PNG iTXt chunk or an SVG
  // element). Here: a 1×1 PNG, baked with the JWT.
  const pixel = Uint8Array.from(
    atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='),
    (c) => c.charCodeAt(0),
  );
  const png = bake(pixel, jwt);

  let ok = true;
  for (const [label, input] of [
    ['JSON', json],
    ['VC-JWT', jwt],
    ['baked PNG', png],
  ] as const) {
    const result = await verifyCredential(input);
    report(label, result);
    ok &&= result.verified;
  }

  // And one that must fail: the same JSON with the learner swapped after signing.
  const tampered = json.replace('did:example:learner-1234', 'did:example:someone-else');
  const bad = await verifyCredential(tampered);
  report('tampered JSON', bad);
  if (bad.verified) ok = false; // a tampered badge that verifies would be a bug
  process.exitCode = ok ? 0 : 1;
}
