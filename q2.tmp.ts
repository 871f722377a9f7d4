import { readFileSync } from 'node:fs';
import { createDocumentLoader, createSigner, generateKey } from './src/index.js';
import { signDataIntegrity } from './src/proof/data-integrity.js';
const doc = JSON.parse(readFileSync('test/vectors/ob-test-vector/credential.unsigned.json', 'utf8'));
const key = await generateKey({ algorithm: 'Ed25519' });
const signer = await createSigner(key);
doc.issuer.id = key.controller;
const loader = createDocumentLoader();
for (let r = 0; r < 3; r++) {
  const N = 1000;
  const t = performance.now();
  for (let i = 0; i < N; i++) await signDataIntegrity(doc, { signer, cryptosuite: 'eddsa-rdfc-2022', documentLoader: loader });
  console.log('sign/s', (N / ((performance.now() - t) / 1000)).toFixed(0));
}
