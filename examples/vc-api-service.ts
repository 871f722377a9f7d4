// credstack as a VC-API service, from code: start it (generated did:keys, SQLite status stores in
// a temporary directory, any free port), issue an Open Badge over HTTP with a revocation slot,
// verify it, revoke it, verify again. The same endpoints `npx credstack serve` offers.
// Run: npm run build && npx tsx examples/vc-api-service.ts
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAchievement, createOpenBadgeCredential } from 'credstack';
import { startServer } from 'credstack/serve';

const dataDir = mkdtempSync(join(tmpdir(), 'credstack-example-'));
const server = await startServer({ port: 0, dataDir, logLevel: 'silent' });
const post = async (path: string, body: unknown) => {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
};

try {
  const issuer = server.issuers.find((i) => i.name === 'eddsa')!;
  console.log(`listening at ${server.url}; issuer ${issuer.id.slice(0, 24)}… (${issuer.cryptosuite})`);
  const credential = {
    ...(await createOpenBadgeCredential({
      issuer: { id: issuer.id, name: 'Riverside Adult School' },
      achievement: createAchievement({
        id: 'https://riverside.example/achievements/osha-10',
        name: 'OSHA 10 Construction',
        description: 'Completed the 10-hour OSHA construction safety course.',
        criteria: { narrative: 'Attended all sessions and passed the final quiz.' },
      }),
      recipient: { id: 'did:example:jordan' },
    })),
    id: 'urn:uuid:5b9e3a2c-1d4f-4e6a-8b7c-0d9e8f7a6b5c',
  };
  const issued = await post(issuer.endpoint.slice(server.url.length), {
    credential,
    options: { credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation' } },
  });
  const vc = issued.body.verifiableCredential;
  console.log(
    `issue: ${issued.status}, status list ${vc.credentialStatus.statusListCredential.slice(server.url.length)}`,
  );

  const first = await post('/credentials/verify', { verifiableCredential: vc });
  console.log(`verify: ${first.status} ${first.body.verdict}`);

  const revoked = await post('/credentials/status', {
    credentialId: vc.id,
    credentialStatus: [{ type: 'BitstringStatusListEntry', status: 'revoked' }],
  });
  console.log(`revoke: ${revoked.status}`);

  const again = await post('/credentials/verify', { verifiableCredential: vc });
  console.log(`verify: ${again.status} ${again.body.verdict} (${again.body.code})`);
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
