import { createFixture, credentialWith, CREATED } from './bench/fixtures.js';
import { signDataIntegrity, verifyDataIntegrityProof } from './src/proof/index.js';
const fx = await createFixture();
const signed = await signDataIntegrity(credentialWith(1, fx.key.controller), { signer: fx.signer, cryptosuite: 'eddsa-rdfc-2022', documentLoader: fx.documentLoader, created: CREATED });
for (let r = 0; r < 3; r++) {
  const N = 3000; const t = performance.now();
  for (let i = 0; i < N; i++) await verifyDataIntegrityProof(signed, signed.proof as any, { documentLoader: fx.documentLoader });
  console.log('verify/s', (N / ((performance.now() - t) / 1000)).toFixed(0));
}
