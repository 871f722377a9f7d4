import { importJWK, SignJWT, jwtVerify, compactVerify } from 'jose';
import { createSigner, generateKey } from './src/keys/index.js';
import { jwtClaims, signJwt, decodeJwt, DEFAULT_JWT_ALGORITHMS, credentialFromJwtPayload } from './src/proof/index.js';
import { verifyJwsSignature } from './src/proof/vc-jwt.js';
import { credentialWith } from './bench/fixtures.js';
const key = await generateKey({ algorithm: 'Ed25519' });
const signer = await createSigner(key);
const cred = credentialWith(1, key.controller);
const claims = jwtClaims(cred);
const priv = (await importJWK(key.privateKeyJwk as any, 'EdDSA')) as CryptoKey;
const pub = (await importJWK(key.publicKeyJwk as any, 'EdDSA')) as CryptoKey;
const jwt = await signJwt(claims, { signer });
const N = 1500;
async function t(name: string, fn: () => Promise<unknown>) { const s = performance.now(); for (let i = 0; i < N; i++) await fn(); return (performance.now() - s) * 1000 / N; }
for (let r = 0; r < 4; r++) {
  const a = await t('ours', () => signJwt(jwtClaims(cred), { signer }));
  const b = await t('jose', () => new SignJWT(claims).setProtectedHeader({ alg: 'EdDSA', kid: key.id, typ: 'JWT' }).sign(priv));
  const c = await t('subtle', () => crypto.subtle.sign('Ed25519', priv, new Uint8Array(300)));
  const d = await t('oursv', async () => { const { payload } = decodeJwt(jwt); await verifyJwsSignature(jwt, pub, DEFAULT_JWT_ALGORITHMS); return credentialFromJwtPayload(payload); });
  const e = await t('josev', () => jwtVerify(jwt, pub));
  console.log(`sign ours ${a.toFixed(0)}us jose ${b.toFixed(0)}us subtle ${c.toFixed(0)}us | verify ours ${d.toFixed(0)} jose ${e.toFixed(0)}`);
}
