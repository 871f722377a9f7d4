import { readFileSync } from 'node:fs';
import * as vc from '@digitalbazaar/vc';
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { cryptosuite as eddsa } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import { createDocumentLoader, createSigner, generateKey } from './src/index.js';
import { signDataIntegrity, verifyDataIntegrityProof } from './src/proof/data-integrity.js';
import { createResolver } from './src/verify/resolve.js';
const doc = JSON.parse(readFileSync('test/vectors/ob-test-vector/credential.unsigned.json', 'utf8'));
const key = await generateKey({ algorithm: 'Ed25519' });
const signer = await createSigner(key);
doc.issuer.id = key.controller;
const loader = createDocumentLoader();
const resolver = createResolver();
const N = 300;
let signed: any;
for (const round of [1, 2]) {
  let t = performance.now();
  for (let i = 0; i < N; i++) signed = await signDataIntegrity(doc, { signer, cryptosuite: 'eddsa-rdfc-2022', documentLoader: loader });
  console.log('credstack sign/s', (N / ((performance.now() - t) / 1000)).toFixed(0));
  resolver.allowKeyUrl(key.id);
  t = performance.now();
  for (let i = 0; i < N; i++) { const r = await verifyDataIntegrityProof(signed, signed.proof, { documentLoader: resolver.documentLoader }); if (!r.verified) throw new Error(r.message); }
  console.log('credstack verify/s', (N / ((performance.now() - t) / 1000)).toFixed(0));
  const { referenceDocumentLoader } = await import('./test/interop/reference-stack.js');
  const M = 60;
  t = performance.now();
  const Ed = await import('@digitalbazaar/ed25519-multikey');
  const kp = await Ed.from({ ...key, '@context': 'https://w3id.org/security/multikey/v1', type: 'Multikey', secretKeyMultibase: key.secretKeyMultibase });
  for (let i = 0; i < M; i++) await vc.issue({ credential: structuredClone(doc), suite: new DataIntegrityProof({ signer: kp.signer(), cryptosuite: eddsa }), documentLoader: referenceDocumentLoader });
  console.log('reference sign/s', (M / ((performance.now() - t) / 1000)).toFixed(0));
}
