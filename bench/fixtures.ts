// Shared set-up of the benchmarks: one Ed25519 issuer (did:key), the same credentials for both
// stacks, and the reference stack (@digitalbazaar/vc + data-integrity + eddsa-rdfc-2022) wired to
// the same bundled context files, so both canonicalize exactly the same documents.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as DidKey from '@digitalbazaar/did-method-key';
import { cryptosuite as eddsaRdfc2022 } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import * as vc from '@digitalbazaar/vc';
import { createDocumentLoader, type DocumentLoader, getBundledContext } from '../src/contexts/index.js';
import { createSigner, didKeyDocument, generateKey, type KeyFile, type Signer } from '../src/keys/index.js';

export const CREATED = '2025-01-01T00:00:00Z';
export const NOW = '2026-01-01T00:00:00Z';

export interface Fixture {
  key: KeyFile;
  signer: Signer;
  /** Contexts + did:key documents and their verification methods. */
  documentLoader: DocumentLoader;
  referenceLoader: (url: string) => Promise<{ contextUrl: null; documentUrl: string; document: unknown }>;
  referenceIssue(credential: Record<string, unknown>): Promise<Record<string, unknown>>;
  referenceVerify(credential: Record<string, unknown>): Promise<boolean>;
}

/** The benchmark credential: an OpenBadgeCredential with `n` alignments and `n` results (~2.4 KB at n = 1). */
export function credentialWith(
  n: number,
  issuer: string,
  id = 'urn:uuid:a63a60be-f4af-491c-87fc-2c8fd3007a58',
): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
    ],
    id,
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    name: 'Sterile Processing Technician',
    description: 'Awarded for completing the sterile processing programme.',
    issuer: {
      id: issuer,
      type: ['Profile'],
      name: 'Example Community College',
      url: 'https://college.example',
      email: 'registrar@college.example',
    },
    validFrom: '2025-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://college.example/achievements/sterile-processing',
        type: ['Achievement'],
        achievementType: 'Certificate',
        name: 'Sterile Processing',
        description: 'Decontamination, assembly, packaging and sterilisation of surgical instruments.',
        criteria: {
          narrative: 'Completed 400 supervised clinical hours and passed the final practical assessment.',
        },
        image: { id: 'https://college.example/achievements/sterile-processing/image.png', type: 'Image' },
        alignment: Array.from({ length: n }, (_, i) => ({
          type: ['Alignment'],
          targetName: `Competency ${i + 1}`,
          targetDescription: `Demonstrates competency ${i + 1} of the sterile processing framework.`,
          targetUrl: `https://frameworks.example/sterile-processing/competencies/${i + 1}`,
          targetFramework: 'Sterile Processing Framework',
          targetCode: `SP-${i + 1}`,
          targetType: 'CFItem',
        })),
      },
      result: Array.from({ length: n }, (_, i) => ({
        type: ['Result'],
        resultDescription: `https://college.example/achievements/sterile-processing/results/${i + 1}`,
        value: String(70 + (i % 30)),
      })),
    },
  };
}

/**
 * The realistic credential: what real badges carry beside alignments, per alignment a
 * ResultDescription with a four-level rubric and an allowedValue list, and a Result naming its
 * achieved level. Each adds blank nodes (the levels' ids are URLs, the lists are not), which is
 * where RDFC-1.0 spends its time on real badges.
 */
export function realisticCredentialWith(n: number, issuer: string): Record<string, unknown> {
  const base = credentialWith(n, issuer, 'urn:uuid:0f3c8a4e-7d1b-4c2a-9e5f-6b7a8c9d0e1f');
  const subject = base.credentialSubject as Record<string, Record<string, unknown>>;
  const achievement = subject.achievement!;
  const levels = ['novice', 'developing', 'proficient', 'exemplary'];
  const rd = (i: number) => `https://college.example/achievements/sterile-processing/results/${i + 1}`;
  achievement.resultDescription = Array.from({ length: n }, (_, i) => ({
    id: rd(i),
    type: ['ResultDescription'],
    name: `Competency ${i + 1} rubric`,
    resultType: 'RubricCriterionLevel',
    allowedValue: ['Not yet', 'Partly', 'Met', 'Exceeded'],
    requiredLevel: `${rd(i)}/levels/proficient`,
    rubricCriterionLevel: levels.map((level, l) => ({
      id: `${rd(i)}/levels/${level}`,
      type: ['RubricCriterionLevel'],
      name: level[0]!.toUpperCase() + level.slice(1),
      description: `Level ${l + 1} of 4 for competency ${i + 1}.`,
      level: String(l + 1),
      points: String((l + 1) * 25),
    })),
  }));
  subject.result = Array.from({ length: n }, (_, i) => ({
    type: ['Result'],
    resultDescription: rd(i),
    achievedLevel: `${rd(i)}/levels/${levels[2 + (i % 2)]}`,
    value: ['Met', 'Exceeded'][i % 2],
  })) as never;
  return base;
}

/** The reference stack's signer (@digitalbazaar/ed25519-multikey) for an Ed25519 key file. */
export async function referenceSignerOf(key: KeyFile): Promise<unknown> {
  const pair = await Ed25519Multikey.from({
    '@context': 'https://w3id.org/security/multikey/v1',
    type: 'Multikey',
    id: key.id,
    controller: key.controller,
    publicKeyMultibase: key.publicKeyMultibase,
    secretKeyMultibase: key.secretKeyMultibase,
  });
  return pair.signer();
}

export async function createFixture(): Promise<Fixture> {
  const key = await generateKey({ algorithm: 'Ed25519' });
  const signer = await createSigner(key);
  const contexts = createDocumentLoader();
  const documentLoader: DocumentLoader = async (url) => {
    if (url.startsWith('did:key:')) {
      const [did] = url.split('#');
      const doc = didKeyDocument(did!) as unknown as { verificationMethod: Array<{ id: string }> };
      const document = url.includes('#') ? doc.verificationMethod.find((m) => m.id === url) : doc;
      return { contextUrl: null, documentUrl: url, document };
    }
    return contexts(url);
  };

  const driver = DidKey.driver();
  driver.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });
  const referenceLoader = async (url: string) => {
    const context = getBundledContext(url);
    if (context) return { contextUrl: null, documentUrl: url, document: context };
    if (url.startsWith('did:key:'))
      return { contextUrl: null, documentUrl: url, document: await driver.get({ url }) };
    throw new Error(`reference loader: no document for ${url}`);
  };
  const referenceSigner = await referenceSignerOf(key);
  return {
    key,
    signer,
    documentLoader,
    referenceLoader,
    async referenceIssue(credential) {
      const suite = new DataIntegrityProof({
        signer: referenceSigner,
        cryptosuite: eddsaRdfc2022,
        date: CREATED,
      });
      return vc.issue({ credential: structuredClone(credential), suite, documentLoader: referenceLoader });
    },
    async referenceVerify(credential) {
      const result = await vc.verifyCredential({
        credential,
        suite: new DataIntegrityProof({ cryptosuite: eddsaRdfc2022 }),
        documentLoader: referenceLoader,
        checkStatus: async () => ({ verified: true }),
        now: NOW,
      });
      return result.verified === true;
    },
  };
}
