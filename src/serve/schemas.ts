// Request shapes of the VC-API routes: Fastify validates bodies against them before a handler
// runs (a JSON string where an object belongs is a 400 here), and @fastify/swagger turns them
// into the OpenAPI description at /openapi.json. No response schemas: Fastify would serialize
// answers through them and drop every member they do not name.

const object = { type: 'object' } as const;
const pointers = { type: 'array', items: { type: 'string', pattern: '^/' }, maxItems: 1000 } as const;

const statusRequest = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    statusPurpose: { enum: ['revocation', 'suspension'] },
  },
} as const;

export const SCHEMAS = {
  issue: {
    tags: ['issuer'],
    description:
      'Signs `credential` (201 `{ verifiableCredential }`). `options.credentialStatus` allocates a Bitstring Status List slot; `options.mandatoryPointers` (ecdsa-sd-2023) names what every derived copy must show; `options.challenge` and `options.domain` go into (and are signed with) an eddsa-rdfc-2022 or ecdsa-rdfc-2019 proof.',
    body: {
      type: 'object',
      required: ['credential'],
      additionalProperties: false,
      properties: {
        credential: object,
        options: {
          type: 'object',
          additionalProperties: false,
          properties: {
            created: { type: 'string' },
            challenge: { type: 'string', minLength: 1 },
            domain: { type: 'string', minLength: 1 },
            credentialStatus: statusRequest,
            mandatoryPointers: pointers,
          },
        },
      },
    },
  },
  verify: {
    tags: ['verifier'],
    summary: 'Verify a credential',
    description:
      '200 `{ verified: true, checks, warnings, errors: [] }` when authentic, unaltered, current and not revoked; 400 problem details with `verdict` and `errors` otherwise. A VC-JWT comes as an EnvelopedVerifiableCredential.',
    body: {
      type: 'object',
      required: ['verifiableCredential'],
      additionalProperties: false,
      properties: {
        verifiableCredential: object,
        options: {
          type: 'object',
          additionalProperties: false,
          properties: { checks: { type: 'array', items: { type: 'string' } } },
        },
      },
    },
  },
  verifyPresentation: {
    tags: ['verifier'],
    summary: 'Verify a presentation',
    description:
      'The holder proof with the challenge and domain this verifier gave, then every credential in it.',
    body: {
      type: 'object',
      required: ['verifiablePresentation', 'options'],
      additionalProperties: false,
      properties: {
        verifiablePresentation: object,
        options: {
          type: 'object',
          required: ['challenge', 'domain'],
          additionalProperties: false,
          properties: {
            challenge: { type: 'string', minLength: 1 },
            domain: { type: 'string', minLength: 1 },
            checks: { type: 'array', items: { type: 'string' } },
          },
        },
      },
    },
  },
  derive: {
    tags: ['holder'],
    summary: 'Derive a selectively disclosed credential (ecdsa-sd-2023)',
    body: {
      type: 'object',
      required: ['verifiableCredential'],
      additionalProperties: false,
      properties: {
        verifiableCredential: object,
        options: {
          type: 'object',
          additionalProperties: false,
          properties: { selectivePointers: pointers },
        },
      },
    },
  },
  status: {
    tags: ['issuer'],
    summary: 'Revoke, suspend or reinstate a credential',
    description:
      '`credentialStatus: [{ type: "BitstringStatusListEntry", status: "revoked" | "suspended" | "active" }]`, or `credentialStatus: { statusPurpose }` with `status: true | false`.',
    body: {
      type: 'object',
      required: ['credentialId', 'credentialStatus'],
      additionalProperties: false,
      properties: {
        credentialId: { type: 'string', minLength: 1 },
        credentialStatus: { anyOf: [object, { type: 'array', items: object, minItems: 1, maxItems: 2 }] },
        status: { type: 'boolean' },
      },
    },
  },
  statusList: {
    tags: ['status'],
    summary: 'A published BitstringStatusListCredential (ETag, Cache-Control from its ttl)',
  },
  issuers: {
    tags: ['issuer'],
    summary: 'The issuer instances: [{ id, name, cryptosuite, verificationMethod, endpoint }]',
  },
  health: { tags: ['service'], summary: 'Liveness and the status store' },
} as const;
