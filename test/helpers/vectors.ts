import { readFileSync } from 'node:fs';
import { base64url } from 'jose';
import { fromHex } from '../../src/lib/bytes.js';

export function readVector(dir: string, file: string): unknown {
  const text = readFileSync(new URL(`../vectors/${dir}/${file}`, import.meta.url), 'utf8');
  return file.endsWith('.json') ? JSON.parse(text) : text;
}

/** A credstack key file for a published test-vector Ed25519 key pair (hex seed + public key). */
export function keyFileFromVector(vector: { keyPair: Record<string, string> }): Record<string, unknown> {
  const { publicKeyHex, privateKeyHex, publicKeyMultibase, verificationMethodId, controller } =
    vector.keyPair as Record<string, string>;
  const x = base64url.encode(fromHex(publicKeyHex!));
  const d = base64url.encode(fromHex(privateKeyHex!.slice(0, 64)));
  return {
    id: verificationMethodId,
    controller,
    type: 'Multikey',
    algorithm: 'Ed25519',
    publicKeyJwk: { kty: 'OKP', crv: 'Ed25519', x, kid: verificationMethodId, alg: 'EdDSA' },
    privateKeyJwk: { kty: 'OKP', crv: 'Ed25519', x, d, kid: verificationMethodId, alg: 'EdDSA' },
    publicKeyMultibase,
  };
}

/** A controller document publishing a test-vector key for an https issuer (what the verifier dereferences). */
export function controllerDocument(
  controller: string,
  vmId: string,
  publicKeyMultibase: string,
): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/multikey/v1'],
    id: controller,
    verificationMethod: [{ id: vmId, type: 'Multikey', controller, publicKeyMultibase }],
    assertionMethod: [vmId],
  };
}
