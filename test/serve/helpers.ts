// One service for a test file: generated keys, SQLite status stores in a temporary directory,
// the four default issuer instances, Fastify's inject (no socket).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createAchievement,
  createOpenBadgeCredential,
  createSigner,
  generateKey,
  type KeyFile,
} from '../../src/index.js';
import {
  type Authorizer,
  createAuthorizer,
  createServeApp,
  type IssuerInstance,
  openStatusKeeper,
  type ServeAppOptions,
  type ServeAuthConfig,
} from '../../src/serve/index.js';

export interface TestService {
  app: Awaited<ReturnType<typeof createServeApp>>;
  ed: KeyFile;
  p256: KeyFile;
  close(): Promise<void>;
}

export const BASE = 'https://badges.test';

export async function startTestService(
  options: { auth?: ServeAuthConfig; app?: Partial<ServeAppOptions>; authorizer?: Authorizer } = {},
): Promise<TestService> {
  const dir = mkdtempSync(join(tmpdir(), 'credstack-serve-'));
  const ed = await generateKey({ algorithm: 'Ed25519' });
  const p256 = await generateKey({ algorithm: 'P-256' });
  const edSigner = await createSigner(ed);
  const p256Signer = await createSigner(p256);
  const issuers: IssuerInstance[] = [
    { name: 'eddsa', key: ed, signer: edSigner, format: 'eddsa-rdfc-2022', profile: 'vc' },
    { name: 'ecdsa', key: p256, signer: p256Signer, format: 'ecdsa-rdfc-2019', profile: 'vc' },
    { name: 'ecdsa-sd', key: p256, signer: p256Signer, format: 'ecdsa-sd-2023', profile: 'vc' },
    { name: 'jwt', key: p256, signer: p256Signer, format: 'vc-jwt', profile: 'vc' },
  ];
  const status = await openStatusKeeper({
    keys: [
      { name: 'eddsa', key: ed, signer: edSigner },
      { name: 'ecdsa', key: p256, signer: p256Signer },
    ],
    database: dir,
    baseUrl: BASE,
    size: 1024,
    allowSmallLists: true,
  });
  const app = await createServeApp({
    issuers,
    status,
    authorizer: options.authorizer ?? createAuthorizer(options.auth ?? {}),
    baseUrl: BASE,
    logLevel: false,
    ...options.app,
  });
  return {
    app,
    ed,
    p256,
    async close() {
      await app.close();
      await status.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A plain VCDM 2.0 credential of `issuer` (the examples context: any term). */
export function plainCredential(issuer: string, id = `urn:uuid:${crypto.randomUUID()}`) {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    id,
    type: ['VerifiableCredential', 'ExampleAchievementCredential'],
    issuer,
    validFrom: '2026-01-01T00:00:00Z',
    credentialSubject: { id: 'did:example:learner', grade: 'A', name: 'Ana' },
  };
}

/** An Open Badges 3.0 badge of `key`'s controller. */
export async function badgeOf(key: KeyFile, id = `urn:uuid:${crypto.randomUUID()}`) {
  return {
    ...(await createOpenBadgeCredential({
      issuer: { id: key.controller, name: 'Example School' },
      achievement: createAchievement({
        id: 'https://school.example/a/forklift',
        name: 'Forklift Safety',
        description: 'Operates a forklift safely.',
        criteria: { narrative: 'Passed the driving assessment.' },
      }),
      recipient: { id: 'did:example:learner' },
    })),
    id,
  };
}
