// Revocation with a W3C Bitstring Status List: issue a badge with a status slot, revoke it,
// publish the signed list, and watch the verifier answer `revoked`.
// The status store is Node-only (credstack/status/store): an SQLite database (the default, one
// file) or a postgres:// URL for issuers on several machines; here it lives in a temporary directory.
// Run: npm run build && npx tsx examples/revocation.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  issueCredential,
  verifyCredential,
} from 'credstack';
import { initStatusStore, publishStatusList } from 'credstack/status/store';

const dir = mkdtempSync(join(tmpdir(), 'credstack-revocation-'));
try {
  const key = await generateKey();

  // 1. A status store: one SQLite database holding the lists (131,072 slots each) and which
  //    credential has which slot; every change is a transaction, safe for many processes.
  const store = await initStatusStore(join(dir, 'status.sqlite'), {
    url: 'https://school.example/status/1', // where you will serve the signed list
    purpose: 'revocation',
    issuer: key.controller,
  });

  // 2. Issue with `statusList`: a random free slot is allocated and written as credentialStatus.
  const unsigned = await createOpenBadgeCredential({
    issuer: { id: key.controller, name: 'Example School' },
    achievement: createAchievement({
      id: 'https://school.example/achievements/first-aid',
      name: 'First Aid',
      description: 'Provides basic first aid.',
      criteria: { narrative: 'Passed the practical assessment.' },
    }),
    recipient: { email: 'learner@example.org' },
  });
  const badge = await issueCredential(unsigned, { key, statusList: store });
  const entry = badge.credentialStatus as { statusListCredential: string; statusListIndex: string };
  console.log(
    `issued ${String(badge.id)} with status slot ${entry.statusListIndex} of ${entry.statusListCredential}`,
  );

  // Verifiers read the list from `documents` (offline) or the network. In production you upload
  // each published list to its URL; here we hand them over as documents.
  const documents: Record<string, unknown> = {};
  const publish = async () => {
    for (const { url, credential } of await publishStatusList(store, { key })) documents[url] = credential;
  };

  await publish();
  const before = await verifyCredential(badge, { documents });
  console.log(`before revoking: ${before.verdict}`);

  // 3. Revoke by credential id, publish again (verifiers only see what is published), verify.
  await store.revoke(String(badge.id));
  await publish();
  const after = await verifyCredential(badge, { documents });
  const status = after.checks.find((c) => c.id === 'status');
  console.log(`after revoking:  ${after.verdict} — ${status?.message} (${status?.code})`);

  // Without the list the verifier cannot know: `indeterminate`, never `verified`.
  const offline = await verifyCredential(badge);
  console.log(`without the list: ${offline.verdict}`);

  if (!before.verified || after.verdict !== 'revoked' || offline.verdict !== 'indeterminate')
    process.exitCode = 1;
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
