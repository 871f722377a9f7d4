// A plain W3C Verifiable Credential (no Open Badges type), as the VCDM 2.0 examples write one.

const EXAMPLES = 'https://www.w3.org/ns/credentials/examples/v2';
export function plainVc(issuer: string, extra: Record<string, unknown> = {}): Record<string, any> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', EXAMPLES],
    id: 'urn:uuid:1f0e8d2c-5b4a-4c3e-8d7f-6a5b4c3d2e1f',
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    issuer,
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science' },
    },
    ...extra,
  };
}
