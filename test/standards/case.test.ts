// CASE CFPackage → Open Badges 3.0 alignments, on a real OpenSALT export and the official
// CASE 1.1 CFPackage JSON Schema (test/vectors/pathways/SOURCES.md).
import { readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import {
  createAchievement,
  createOpenBadgeCredential,
  generateKey,
  importCaseFramework,
  isCredstackError,
  issueCredential,
  verifyCredential,
} from '../../src/index.js';

type Json = Record<string, unknown>;
const vector = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../vectors/pathways/${name}`, import.meta.url), 'utf8'));
const pkg = vector('case-opensalt-what-standards-could-be.json');
const addFormats = addFormatsModule as unknown as (ajv: Ajv2019) => void;
const ajv = new Ajv2019({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(vector('case-v1p1-cfpackage.schema.json'));

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isCredstackError(error) ? error.code : `untyped: ${String(error)}`;
  }
  return undefined;
}

/** The same package as CASE 1.1 writes it: 1.0-only properties dropped, dates with a zone. */
function asCase11(p: Json): Json {
  const copy = structuredClone(p) as Record<string, Json[] & Json>;
  const fix = (o: Json) => {
    for (const k of ['CFDocumentURI', 'CFItemAssociationURI', 'CFPackageURI', 'educationalLevel'])
      delete o[k];
    if (typeof o.lastChangeDateTime === 'string' && !o.lastChangeDateTime.endsWith('Z'))
      o.lastChangeDateTime += 'Z';
    if (typeof o.sequenceNumber === 'string') o.sequenceNumber = Number(o.sequenceNumber);
  };
  fix(copy.CFDocument as Json);
  for (const list of [copy.CFItems, copy.CFAssociations]) for (const o of list as Json[]) fix(o);
  delete copy.CFDefinitions;
  return copy;
}

describe('importCaseFramework', () => {
  const framework = importCaseFramework(pkg);

  it('turns every CFItem of the real package into a CFItem alignment', () => {
    expect(framework.document).toMatchObject({ title: 'What Standards Could Be', creator: 'Brandon Dorman' });
    expect(framework.alignments).toHaveLength((pkg.CFItems as unknown[]).length);
    expect(framework.alignment('CCSS.Math.Content.6.RP.A.1')).toEqual({
      type: ['Alignment'],
      targetType: 'CFItem',
      targetName:
        'Understand the concept of a ratio and use ratio language to describe a ratio relationship between two quantities.',
      targetDescription:
        'Understand the concept of a ratio and use ratio language to describe a ratio relationship between two quantities.',
      targetUrl: 'http://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e',
      targetFramework: 'What Standards Could Be',
      targetCode: 'CCSS.Math.Content.6.RP.A.1',
    });
    // By URI and by identifier, the same target.
    expect(
      framework.alignment('http://opensalt-staging.opened.com/uri/b6f61076-aa12-450b-8f9d-b86bc071f85e'),
    ).toBe(framework.alignment('b6f61076-aa12-450b-8f9d-b86bc071f85e'));
  });

  it('keeps the CFAssociations (isChildOf, precedes, exactMatchOf, …) as typed edges', () => {
    const counts: Record<string, number> = {};
    for (const a of framework.associations) counts[a.type] = (counts[a.type] ?? 0) + 1;
    expect(counts).toEqual({ exactMatchOf: 16, isChildOf: 16, precedes: 3, exemplar: 2, isRelatedTo: 2 });
    expect(framework.associations[0]).toEqual({
      type: 'exactMatchOf',
      origin: 'http://opensalt-staging.opened.com/uri/edfce0e7-dbbf-40d5-af1a-baccabef85e9',
      destination: 'http://opensalt-staging.opened.com/uri/5b6c487e-04f1-5ba9-9722-d099849b9167',
    });
  });

  it('is checked against the official CASE 1.1 CFPackage schema', () => {
    // The OpenSALT export is CASE 1.0: the 1.1 schema rejects its 1.0-only properties.
    expect(validate(pkg)).toBe(false);
    expect(validate.errors?.some((e) => e.params.additionalProperty === 'CFItemAssociationURI')).toBe(true);
    const v11 = asCase11(pkg);
    expect(validate(v11), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(importCaseFramework(v11).alignments).toEqual(framework.alignments);
  });

  it('becomes alignments in an issued badge that verifies', async () => {
    const key = await generateKey();
    const achievement = createAchievement({
      id: 'https://school.example/achievements/ratios',
      name: 'Ratios and Rates',
      description: 'Understands ratios and unit rates.',
      criteria: { narrative: 'Passed the unit assessment.' },
      alignment: [
        framework.alignment('CCSS.Math.Content.6.RP.A.1'),
        framework.alignment('CCSS.Math.Content.6.RP.A.2'),
      ],
    });
    const badge = await createOpenBadgeCredential({
      issuer: { id: key.controller, name: 'Example School' },
      achievement,
      recipient: { id: 'did:example:learner-1' },
    });
    const signed = await issueCredential(badge, { key });
    const result = await verifyCredential(signed);
    expect(result.verdict).toBe('verified');
    const subject = signed.credentialSubject as { achievement: { alignment: Json[] } };
    expect(subject.achievement.alignment.map((a) => a.targetCode)).toEqual([
      'CCSS.Math.Content.6.RP.A.1',
      'CCSS.Math.Content.6.RP.A.2',
    ]);
  });
});

describe('importCaseFramework: negative cases', () => {
  it('throws ERR_CASE_INVALID for packages missing what CASE requires', () => {
    expect(codeOf(() => importCaseFramework(null))).toBe('ERR_CASE_INVALID');
    expect(codeOf(() => importCaseFramework({}))).toBe('ERR_CASE_INVALID');
    const noUri = structuredClone(pkg) as { CFItems: Json[] };
    delete noUri.CFItems[0]?.uri;
    expect(codeOf(() => importCaseFramework(noUri))).toBe('ERR_CASE_INVALID');
    const badType = structuredClone(pkg) as { CFAssociations: Json[] };
    (badType.CFAssociations[0] as Json).associationType = 'isFriendOf';
    expect(codeOf(() => importCaseFramework(badType))).toBe('ERR_CASE_INVALID');
    const dup = structuredClone(pkg) as { CFItems: Json[] };
    dup.CFItems.push(structuredClone(dup.CFItems[0] as Json));
    expect(codeOf(() => importCaseFramework(dup))).toBe('ERR_CASE_INVALID');
    expect(codeOf(() => importCaseFramework(pkg).alignment('no-such-code'))).toBe('ERR_CASE_INVALID');
  });
});
