// A custom Signer: the private key lives "elsewhere" (a KMS, an HSM, a signing service) and
// credstack never sees it. A Signer is a plain object — { id, algorithm, sign({ data }) } — so
// wrapping any service takes a few lines. Here the "elsewhere" is a WebCrypto CryptoKey created
// non-extractable: it can sign, but its private bytes cannot be read, just like a KMS key.
// Run: npm run build && npx tsx examples/kms-signer.ts
import {
  createAchievement,
  createOpenBadgeCredential,
  didKeyFromPublicKey,
  issueCredential,
  type Jwk,
  parseDidKey,
  type Signer,
  verifyCredential,
} from 'credstack';

// 1. "In the KMS": a P-256 key pair whose private key cannot be exported (extractable: false).
const pair = await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, false, [
  'sign',
  'verify',
]);
const exportable = await crypto.subtle.exportKey('jwk', pair.privateKey).then(
  () => true,
  () => false,
);
console.log(
  `private key extractable: ${pair.privateKey.extractable}, export attempt succeeded: ${exportable}`,
);

// 2. What the KMS gives you: the public key. From it, the issuer's did:key and the verification
//    method id that goes into every proof (with a KMS you might use did:web or an https issuer
//    and publish the public key there instead; see issuerProfileWithKeys).
const publicJwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as Jwk;
const did = didKeyFromPublicKey(publicJwk);
const { verificationMethodId } = parseDidKey(did);

// 3. The Signer. `sign` gets the exact bytes to sign and must return a raw signature: for P-256
//    that is IEEE P1363 r||s (64 bytes), which WebCrypto returns as is. Cloud KMSs (AWS, GCP,
//    Azure) return DER for ECDSA: convert DER → r||s in this function before returning.
let calls = 0;
const signer: Signer = {
  id: verificationMethodId,
  algorithm: 'P-256',
  async sign({ data }) {
    calls++; // a real signer would call the KMS API here (and log / rate-limit / audit)
    const signature = await crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      pair.privateKey,
      data as Uint8Array<ArrayBuffer>,
    );
    return new Uint8Array(signature);
  },
};

// 4. Issue with `signer` instead of `key`; the issuer is the DID the signer speaks for.
const badge = await createOpenBadgeCredential({
  issuer: { id: did, name: 'Example School (KMS-held key)' },
  achievement: createAchievement({
    id: 'https://school.example/achievements/first-aid',
    name: 'First Aid',
    description: 'Provides basic first aid.',
    criteria: { narrative: 'Passed the practical assessment.' },
  }),
  recipient: { id: 'did:example:learner-1234' },
});
const signed = await issueCredential(badge, { signer }); // ecdsa-rdfc-2019 for a P-256 signer
const jwt = await issueCredential(badge, { signer, format: 'vc-jwt' }); // ES256

// 5. Verifiers neither know nor care where the key lives.
let ok = calls === 2;
for (const credential of [signed, jwt]) {
  const result = await verifyCredential(credential);
  console.log(`${result.format.padEnd(14)} signed by ${signer.id.slice(0, 30)}… → ${result.verdict}`);
  ok &&= result.verified;
}
console.log(`the signer was called ${calls} times`);
process.exitCode = ok ? 0 : 1;
