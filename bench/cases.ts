// The benchmark cases: each runs credstack and the reference on the same input, in one process.
import { jwtVerify, importJWK, SignJWT } from 'jose';
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as edSign,
  verify as edVerify,
} from 'node:crypto';
import { issueCredential } from '../src/issue/index.js';
import { verifyCredential } from '../src/verify/index.js';
import {
  credentialFromJwtPayload,
  DEFAULT_JWT_ALGORITHMS,
  decodeJwt,
  jwtClaims,
  proofHashData,
  signDataIntegrity,
  signJwt,
  verifyDataIntegrityProof,
} from '../src/proof/index.js';
import { verifyJwsSignature } from '../src/proof/vc-jwt/verify.js';
import { CREATED, credentialWith, type Fixture, NOW, realisticCredentialWith } from './fixtures.js';

export type Goal =
  | { kind: 'speedup'; target: number; text: string }
  /** The "reference" side is the physical floor: met when credstack takes at most `target` × its time. */
  | { kind: 'floor'; target?: number; text: string }
  | { kind: 'none'; text: string };

export interface Case {
  id: string;
  title: string;
  goal: Goal;
  credstack: () => Promise<unknown>;
  reference: () => Promise<unknown>;
  referenceName: string;
  /**
   * For the cases that run verifyCredential: how many steps credstack's engine handed to the
   * reference stack on this input (`result.engine.fallbacks`; 0 when it did all the work).
   */
  fallbacks?: number;
}

/** The fallbacks verifyCredential reports for `credential` (see Case.fallbacks). */
async function fallbacksOf(
  credential: unknown,
  options: Parameters<typeof verifyCredential>[1],
): Promise<number> {
  const result = await verifyCredential(credential, options);
  assert(result.engine !== undefined, 'verifyCredential reports its engine');
  return result.engine?.fallbacks.length ?? 0;
}

const TEN_X: Goal = { kind: 'speedup', target: 10, text: '≥ 10× faster' };
const JOSE: Goal = { kind: 'speedup', target: 1 / 1.2, text: '≤ 1.2× jose time' };
const INFO: Goal = { kind: 'none', text: 'informational' };
const FLOOR = (target: number): Goal => ({ kind: 'floor', target, text: `≤ ${target}× the floor` });

function assert(ok: unknown, what: string): void {
  if (!ok) throw new Error(`benchmark set-up: ${what}`);
}

export async function buildCases(fx: Fixture): Promise<Case[]> {
  const { key, signer, documentLoader } = fx;
  const cases: Case[] = [];
  const signOptions = { signer, cryptosuite: 'eddsa-rdfc-2022' as const, documentLoader, created: CREATED };

  for (const n of [1, 10, 50]) {
    const credential = credentialWith(n, key.controller);
    const ours = await signDataIntegrity(credential, signOptions);
    const theirs = await fx.referenceIssue(credential);
    // same key, same `created`: the outputs must be the same bytes
    assert(JSON.stringify(ours) === JSON.stringify(theirs), `issue n=${n}: outputs differ`);
    assert(
      (await verifyDataIntegrityProof(ours, ours.proof as never, { documentLoader })).verified,
      'verify',
    );
    assert(await fx.referenceVerify(ours), 'reference verify');
    const size = JSON.stringify(credential).length;
    cases.push({
      id: `di-issue-${n}`,
      title: `eddsa-rdfc-2022 issue, ${n} alignment${n > 1 ? 's' : ''} (${(size / 1024).toFixed(1)} KB)`,
      goal: TEN_X,
      credstack: () => signDataIntegrity(credential, signOptions),
      reference: () => fx.referenceIssue(credential),
      referenceName: '@digitalbazaar/vc issue',
    });
    cases.push({
      id: `di-verify-${n}`,
      title: `eddsa-rdfc-2022 verify, ${n} alignment${n > 1 ? 's' : ''}`,
      goal: TEN_X,
      credstack: () => verifyDataIntegrityProof(ours, ours.proof as never, { documentLoader }),
      reference: () => fx.referenceVerify(ours),
      referenceName: '@digitalbazaar/vc verifyCredential',
    });
    if (n === 1) {
      cases.push({
        id: 'verify-credential-1',
        title: 'verifyCredential, all checks (JSON-LD, schema, proof, dates), 1 alignment',
        goal: INFO,
        credstack: async () =>
          assert((await verifyCredential(ours, { now: NOW })).verified, 'verifyCredential'),
        reference: () => fx.referenceVerify(ours),
        referenceName: '@digitalbazaar/vc verifyCredential',
        fallbacks: await fallbacksOf(ours, { now: NOW }),
      });
    }
  }

  // The realistic credential (rubrics, allowedValue lists, achieved levels) through the public
  // functions as users call them, and the physical floor of the same work: SHA-256 of the two
  // canonical N-Quads (document and proof configuration) and one Ed25519 operation in node:crypto.
  const edPrivate = createPrivateKey({ key: key.privateKeyJwk as never, format: 'jwk' });
  const edPublic = createPublicKey({ key: key.publicKeyJwk as never, format: 'jwk' });
  for (const n of [1, 10, 50]) {
    const credential = realisticCredentialWith(n, key.controller);
    const issueOptions = { signer, format: 'eddsa-rdfc-2022' as const, created: CREATED };
    const ours = await issueCredential(credential, issueOptions);
    const theirs = await fx.referenceIssue(credential);
    assert(JSON.stringify(ours) === JSON.stringify(theirs), `realistic issue n=${n}: outputs differ`);
    assert(await fx.referenceVerify(ours), 'reference verifies ours');
    const verifyOptions = { now: NOW, checkSchema: false, checkStatus: false };
    assert((await verifyCredential(theirs, verifyOptions)).verified, 'credstack verifies the reference');
    const { documentCanon: nquads, proofCanon: config } = await proofHashData(
      ours,
      ours.proof as never,
      documentLoader,
    );
    const hashData = () =>
      Buffer.concat([
        createHash('sha256').update(config).digest(),
        createHash('sha256').update(nquads).digest(),
      ]);
    const signature = edSign(null, hashData(), edPrivate);
    const blank = (nquads.match(/_:c14n\d+/g) ?? []).length;
    const label = `${n} alignment${n > 1 ? 's' : ''}, ${(JSON.stringify(credential).length / 1024).toFixed(1)} KB, ${blank} blank node refs`;
    cases.push({
      id: `real-issue-${n}`,
      title: `issueCredential (signer, eddsa-rdfc-2022), realistic badge, ${label}`,
      goal: TEN_X,
      credstack: () => issueCredential(credential, issueOptions),
      reference: () => fx.referenceIssue(credential),
      referenceName: '@digitalbazaar/vc issue',
    });
    cases.push({
      id: `real-verify-${n}`,
      title: `verifyCredential (schema, status off), realistic badge, ${label}`,
      goal: TEN_X,
      credstack: async () => assert((await verifyCredential(ours, verifyOptions)).verified, 'verify'),
      reference: () => fx.referenceVerify(ours),
      referenceName: '@digitalbazaar/vc verifyCredential',
      fallbacks: await fallbacksOf(ours, verifyOptions),
    });
    cases.push({
      id: `real-verify-floor-${n}`,
      title: `verifyCredential as a multiple of the floor (SHA-256 of both N-Quads + Ed25519 verify, node:crypto), ${n} alignment${n > 1 ? 's' : ''}`,
      // issue 27's goal: within 3× of the floor at one alignment, 8× at 50
      goal: n === 1 ? FLOOR(3) : n === 50 ? FLOOR(8) : { kind: 'floor', text: 'informational' },
      credstack: async () => assert((await verifyCredential(ours, verifyOptions)).verified, 'verify'),
      reference: async () => assert(edVerify(null, hashData(), edPublic, signature), 'floor'),
      referenceName: 'floor (hash + verify)',
    });
  }

  // A pathway proof: a ClrCredential carrying 10 signed OpenBadgeCredentials, itself signed.
  const embedded = await Promise.all(
    Array.from({ length: 10 }, (_, i) =>
      signDataIntegrity(
        credentialWith(3, key.controller, `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`),
        signOptions,
      ),
    ),
  );
  const clr = await signDataIntegrity(
    {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      ],
      id: 'urn:uuid:6b2c4a55-6a43-4b9f-9a1e-1f1c0a2b3c4d',
      type: ['VerifiableCredential', 'ClrCredential'],
      issuer: { id: key.controller, type: ['Profile'], name: 'Example Community College' },
      validFrom: '2025-06-01T00:00:00Z',
      name: 'Surgical Technologist pathway: progress',
      credentialSubject: {
        type: ['ClrSubject'],
        id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
        verifiableCredential: embedded,
      },
    },
    signOptions,
  );
  const all = [clr, ...embedded];
  assert((await verifyCredential(clr, { now: NOW })).verified, 'CLR verifies');
  cases.push({
    id: 'pathway-proofs-10',
    title: 'pathway proof: ClrCredential + 10 embedded credentials, all 11 proofs',
    goal: TEN_X,
    credstack: async () => {
      for (const c of all)
        assert((await verifyDataIntegrityProof(c, c.proof as never, { documentLoader })).verified, 'x');
    },
    reference: async () => {
      for (const c of all) assert(await fx.referenceVerify(c), 'reference CLR');
    },
    referenceName: '@digitalbazaar/vc verifyCredential ×11',
  });
  cases.push({
    id: 'pathway-verify-10',
    title: 'pathway proof, verifyCredential with all checks (11 credentials)',
    goal: INFO,
    credstack: async () => assert((await verifyCredential(clr, { now: NOW })).verified, 'CLR'),
    reference: async () => {
      for (const c of all) assert(await fx.referenceVerify(c), 'reference CLR');
    },
    referenceName: '@digitalbazaar/vc verifyCredential ×11',
  });

  // VC-JWT against bare jose, same key (WebCrypto in both).
  const credential = credentialWith(1, key.controller);
  const claims = jwtClaims(credential);
  const privateKey = (await importJWK(key.privateKeyJwk as never, 'EdDSA')) as CryptoKey;
  const publicKey = (await importJWK(key.publicKeyJwk as never, 'EdDSA')) as CryptoKey;
  const jwt = await signJwt(claims, { signer });
  cases.push({
    id: 'jwt-sign',
    title: 'VC-JWT sign (EdDSA)',
    goal: JOSE,
    credstack: () => signJwt(jwtClaims(credential), { signer }),
    reference: () =>
      new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: key.id, typ: 'JWT' }).sign(privateKey),
    referenceName: 'jose SignJWT',
  });
  cases.push({
    id: 'jwt-verify',
    title: 'VC-JWT verify (EdDSA): decode, signature, credential',
    goal: JOSE,
    credstack: async () => {
      const { payload } = decodeJwt(jwt);
      await verifyJwsSignature(jwt, publicKey, DEFAULT_JWT_ALGORITHMS);
      return credentialFromJwtPayload(payload);
    },
    reference: () => jwtVerify(jwt, publicKey),
    referenceName: 'jose jwtVerify',
  });
  return cases;
}
