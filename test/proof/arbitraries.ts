// fast-check generators of Open Badges 3.0 / CLR 2.0 credentials for the differential tests: the
// shapes credentials really have (alignments, results, evidence, identifiers, endorsements, proofs,
// embedded credentials) plus what a careless or hostile issuer writes (unknown terms, odd numbers,
// nulls, empty objects and arrays, blank node ids, value objects, relative or invalid IRIs).
import fc from 'fast-check';

export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const OB_300 = 'https://purl.imsglobal.org/spec/ob/v3p0/context.json';
export const OB_303 = 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json';
export const OB_EXT = 'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json';
export const CLR_201 = 'https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json';

const text = fc.oneof(
  { weight: 6, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 16 }) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"quoted"', 'back\\slash', 'line\nbreak\ttab\r', 'Zoë 外科 🏥', ''),
  },
);

const iri = fc.oneof(
  { weight: 8, arbitrary: fc.uuid().map((u) => `urn:uuid:${u}`) },
  { weight: 4, arbitrary: fc.webUrl({ withQueryParameters: true }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom('did:example:123', 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK'),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('_:b0', '_:b1', '_:shared', 'relative/path', 'http://ex.com/a b', '@reserved'),
  },
);

const date = fc
  .date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString().replace('.000Z', 'Z'));

const number = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(0, 1.5, 2.0, 1e21, 1e-7, 123456789012345680000, -3.25, 2 ** 53),
);

const scalar = fc.oneof(text, number, fc.boolean(), fc.constant(null));

/** Properties no context defines (VC 2.0's @vocab catches them; VC 1.1 has none). */
const unknownProperty = fc.constantFrom(
  'customField',
  'x-extra',
  'score',
  'ex:thing',
  'schema:name',
  'https://example.org/p',
);

const extras = fc.dictionary(
  unknownProperty,
  fc.oneof(
    scalar,
    fc.array(scalar, { maxLength: 3 }),
    fc.record({ type: fc.constantFrom('Thing', 'Other'), name: text }),
    fc.constant({}),
    fc.constant([]),
    fc.record({ '@value': text, '@language': fc.constantFrom('en', 'fr-CA', 'EN-us') }),
    fc.record({ '@value': date, '@type': fc.constant('http://www.w3.org/2001/XMLSchema#dateTime') }),
  ),
  { maxKeys: 2 },
);

// `freq`: one object in `freq` gets extra (often undefined) properties
const withExtras = <T extends object>(arb: fc.Arbitrary<T>, freq = 12) =>
  fc
    .tuple(
      arb,
      fc.oneof({ weight: freq - 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: extras }),
    )
    .map(([v, e]) => ({ ...v, ...(e ?? {}) }));

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const alignment = withExtras(
  fc
    .record({
      type: fc.constantFrom(['Alignment'], 'Alignment'),
      targetName: text,
      targetUrl: fc.webUrl(),
      targetDescription: optional(text),
      targetCode: optional(text),
      targetFramework: optional(text),
      targetType: optional(fc.constantFrom('CFItem', 'ceasn:Competency', 'ext:Custom', 'Unknown')),
    })
    .map(compact),
  200,
);

const result = withExtras(
  fc
    .record({
      type: fc.constant(['Result']),
      resultDescription: optional(iri),
      value: optional(text),
      status: optional(fc.constantFrom('Completed', 'Enrolled', 'Failed')),
      achievedLevel: optional(iri),
    })
    .map(compact),
  100,
);

const profile = withExtras(
  fc
    .record({
      id: iri,
      type: fc.oneof(
        { weight: 9, arbitrary: fc.constantFrom(['Profile'], 'Profile') },
        { weight: 1, arbitrary: fc.constant(['Profile', 'Organization']) },
      ),
      name: optional(text),
      url: optional(fc.webUrl()),
      email: optional(fc.emailAddress()),
    })
    .map(compact),
);

const achievement = withExtras(
  fc
    .record({
      id: iri,
      type: fc.constantFrom(['Achievement'], 'Achievement'),
      name: text,
      description: optional(text),
      criteria: fc.record({ narrative: text }),
      alignment: optional(fc.array(alignment, { maxLength: 12 })),
      creditsAvailable: optional(number),
      tag: optional(fc.array(text, { maxLength: 4 })),
      achievementType: optional(fc.constantFrom('Badge', 'Certificate', 'ext:Custom')),
      resultDescription: optional(
        fc.array(
          fc.record({
            id: iri,
            type: fc.constant(['ResultDescription']),
            name: text,
            resultType: fc.constantFrom('Status', 'ext:x'),
          }),
          { maxLength: 3 },
        ),
      ),
    })
    .map(compact),
);

const subject = withExtras(
  fc
    .record({
      id: optional(iri),
      type: fc.constantFrom(['AchievementSubject'], 'AchievementSubject'),
      achievement,
      result: optional(fc.array(result, { maxLength: 6 })),
      creditsEarned: optional(number),
      identifier: optional(
        fc.array(
          fc.record({
            type: fc.constant('IdentityObject'),
            identityHash: text,
            identityType: fc.constantFrom('emailAddress', 'studentId', 'ext:x'),
            hashed: fc.boolean(),
          }),
          { maxLength: 2 },
        ),
      ),
    })
    .map(compact),
);

const proof = fc.record({
  type: fc.constant('DataIntegrityProof'),
  cryptosuite: fc.constantFrom('eddsa-rdfc-2022', 'ecdsa-rdfc-2019'),
  created: date,
  verificationMethod: iri,
  proofPurpose: fc.constantFrom('assertionMethod', 'authentication'),
  proofValue: fc.constant(
    'z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKwbMnbEJfsV3gCBjm',
  ),
});

const contexts = fc.oneof(
  { weight: 12, arbitrary: fc.constant([VC_V2, OB_303]) },
  { weight: 2, arbitrary: fc.constant([VC_V2, OB_303, OB_EXT]) },
  { weight: 1, arbitrary: fc.constant([VC_V1, OB_300]) },
  { weight: 1, arbitrary: fc.constant([VC_V2, OB_303, 'https://example.org/unknown-context.json']) },
  { weight: 1, arbitrary: fc.constant([VC_V2, OB_303, { ex: 'https://example.org/ns#' }]) },
);

/** An OpenBadgeCredential (sometimes malformed on purpose). */
export const openBadgeCredential: fc.Arbitrary<Record<string, unknown>> = withExtras(
  fc
    .record({
      '@context': contexts,
      id: iri,
      type: fc.constantFrom(
        ['VerifiableCredential', 'OpenBadgeCredential'],
        ['VerifiableCredential', 'AchievementCredential'],
      ),
      issuer: fc.oneof(profile, iri),
      validFrom: date,
      validUntil: optional(date),
      name: optional(text),
      credentialSubject: subject,
      evidence: optional(
        fc.array(
          fc
            .record({
              id: optional(iri),
              type: fc.constant(['Evidence']),
              name: text,
              narrative: optional(text),
            })
            .map(compact),
          { maxLength: 3 },
        ),
      ),
      proof: optional(fc.oneof(proof, fc.array(proof, { minLength: 1, maxLength: 2 }))),
    })
    .map(compact),
);

/** A ClrCredential embedding OpenBadgeCredentials. */
export const clrCredential: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: iri,
    issuer: profile,
    validFrom: date,
    name: text,
    embedded: fc.array(openBadgeCredential, { minLength: 1, maxLength: 3 }),
    proof: optional(proof),
  })
  .map(({ embedded, ...rest }) =>
    compact({
      '@context': [VC_V2, CLR_201, OB_303],
      type: ['VerifiableCredential', 'ClrCredential'],
      ...rest,
      credentialSubject: { type: ['ClrSubject'], verifiableCredential: embedded },
    }),
  );

/** An OpenBadgeCredential with exactly `n` alignments and results (the benchmark shape). */
export function credentialWith(
  n: number,
  issuer = 'did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK',
): Record<string, unknown> {
  return {
    '@context': [VC_V2, OB_303],
    id: 'urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Sterile Processing Technician',
    issuer: { id: issuer, type: ['Profile'], name: 'Example Community College' },
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:learner-1',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/sterile-processing',
        type: ['Achievement'],
        name: 'Sterile Processing',
        description: 'Decontamination, assembly and sterilisation of surgical instruments.',
        criteria: { narrative: 'Completed 400 supervised hours and the final assessment.' },
        alignment: Array.from({ length: n }, (_, i) => ({
          type: ['Alignment'],
          targetName: `Competency ${i + 1}`,
          targetUrl: `https://example.org/frameworks/sp/competencies/${i + 1}`,
          targetFramework: 'Sterile Processing Framework',
          targetCode: `SP-${i + 1}`,
        })),
      },
      result: Array.from({ length: n }, (_, i) => ({
        type: ['Result'],
        resultDescription: `https://example.edu/achievements/sterile-processing/results/${i + 1}`,
        value: String(70 + (i % 30)),
      })),
    },
  };
}
