// CTDL Pathway import/export against Credential Engine's own sample
// (CredentialEngine/pathways PathwayConditions.json, see test/vectors/pathways/SOURCES.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  composePathwayProof,
  exportCtdlPathway,
  importCtdlPathway,
  isCredstackError,
  pathwayProgress,
  verifyPathwayProof,
} from '../../src/index.js';
import { fakeSign, fakeVerify, issue, type Json, LEARNER } from '../pathway/helpers.js';

const vector = (name: string): Json =>
  JSON.parse(readFileSync(new URL(`../vectors/pathways/${name}`, import.meta.url), 'utf8'));
const sample = vector('ctdl-pathway-conditions.json');
const E = 'http://example.edu/';
const KEY = {
  destination: 'b5107f1f-07a3-49fc-827f-14ccc318dcdf',
  assessment: 'ec05c0e5-3215-4707-a58e-2123d35ffd38',
  a: '2a45a345-8431-4a01-b645-a103d0d40ab',
  b: 'e752fe59-4cc3-402a-8c2d-b2cc51e5dee',
  c: '051a2f7a-ab1c-491a-8d97-abb4a4d83915',
  d: '4fec78ed-f39f-4a63-b495-a15d40583b41',
};
const BOARD = { id: 'https://board.example/profile', type: 'Profile', name: 'Example Workforce Board' };
const options = {
  employer: BOARD,
  occupations: [{ code: '15-1252.00', framework: 'O*NET-SOC', name: 'Software Developers' }],
};

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isCredstackError(error) ? error.code : `untyped: ${String(error)}`;
  }
  return undefined;
}

describe('importCtdlPathway', () => {
  const { pathway, warnings } = importCtdlPathway(sample, options);

  it('imports every component of the published sample with its CTDL class and URI', () => {
    expect(pathway.id).toBe(`${E}a7f231f4-21cb-4ba3-8c03-4f7a5f67781c`);
    expect(pathway.components.map((c) => c.id)).toEqual([
      KEY.destination,
      KEY.assessment,
      KEY.a,
      KEY.b,
      KEY.c,
      KEY.d,
    ]);
    expect(pathway.components.map((c) => c.ctdl?.type)).toEqual([
      'CredentialComponent',
      'AssessmentComponent',
      'CourseComponent',
      'CourseComponent',
      'CourseComponent',
      'CourseComponent',
    ]);
    const a = pathway.components.find((c) => c.id === KEY.a);
    expect(a).toMatchObject({ name: 'Course A', achievement: `${E}${KEY.a}` });
    expect(a?.ctdl?.hasChild).toEqual([`${E}${KEY.b}`, `${E}${KEY.c}`, `${E}${KEY.d}`]);
    expect(pathway.components[0]?.ctdl?.destination).toBe(true);
    expect(pathway.employer).toEqual(BOARD);
  });

  it('keeps OR, required numbers and nesting instead of flattening to AND', () => {
    expect(pathway.completion).toEqual({ nOf: { n: 1, of: [{ component: KEY.assessment }] } });
    const twoOfBcd = {
      nOf: { n: 2, of: [{ component: KEY.b }, { component: KEY.c }, { component: KEY.d }] },
    };
    expect(pathway.milestones).toEqual([
      {
        id: KEY.assessment,
        name: KEY.assessment,
        description: 'Select one or the other of the two options',
        rule: { anyOf: [twoOfBcd, { nOf: { n: 1, of: [{ component: KEY.a }] } }] },
      },
      { id: KEY.a, name: 'Course A', rule: twoOfBcd },
    ]);
    expect(warnings).toContain('the Pathway has no name; its URI is used');
  });

  it('reads per-resource documents with ceterms: terms as the registry serves them', () => {
    const graph = sample['@graph'] as Json[];
    const prefixed = graph.map((node) => {
      const out: Json = { '@context': 'https://credreg.net/ctdl/schema/context/json' };
      for (const [k, v] of Object.entries(node)) {
        if (k === 'id') out['@id'] = v;
        else if (k === 'type') out['@type'] = String(v).startsWith('ceterms:') ? v : `ceterms:${v}`;
        else out[`ceterms:${k}`] = v;
      }
      return out;
    });
    const again = importCtdlPathway(prefixed.reverse(), options).pathway;
    expect(again.completion).toEqual(pathway.completion);
    expect(again.milestones).toEqual(pathway.milestones);
  });

  it('shows a learner progress and a signed proof that verifies, naming the CTDL components', async () => {
    const earn = (key: string, date: string) =>
      issue({
        id: `urn:uuid:${key}`,
        issuer: 'https://college.example/profile',
        achievement: `${E}${key}`,
        validFrom: date,
      });
    const credentials = await Promise.all([
      earn(KEY.b, '2025-01-10T00:00:00Z'),
      earn(KEY.d, '2025-03-01T00:00:00Z'),
    ]);
    const verify = fakeVerify();
    const progress = await pathwayProgress(pathway, credentials, { verify, learner: { id: LEARNER } });
    expect(progress.complete).toBe(false);
    const byId = Object.fromEntries(progress.milestones.map((m) => [m.id, m]));
    expect(byId[KEY.a]?.reached).toBe(true);
    expect(byId[KEY.a]?.reachedAt).toBe('2025-03-01T00:00:00Z');
    expect(byId[KEY.assessment]?.reached).toBe(true);

    const full = [...credentials, await earn(KEY.assessment, '2025-04-01T00:00:00Z')];
    expect((await pathwayProgress(pathway, full, { verify, learner: { id: LEARNER } })).complete).toBe(true);
    const proof = await composePathwayProof(pathway, full, {
      issuer: BOARD,
      learner: { id: LEARNER },
      verify,
      sign: fakeSign,
      now: new Date('2025-05-01T00:00:00Z'),
      id: 'urn:uuid:ctdl-proof',
    });
    const assoc = (proof.credentialSubject as Json).association as Json[];
    expect(assoc).toContainEqual({
      type: 'Association',
      associationType: 'isChildOf',
      sourceId: `${E}${KEY.a}`,
      targetId: pathway.id,
    });
    const result = await verifyPathwayProof(proof, {
      pathway,
      verify: fakeVerify(),
      learner: { id: LEARNER },
      now: new Date('2025-05-02T00:00:00Z'),
    });
    expect(result.checks.filter((c) => c.status === 'failed')).toEqual([]);
    expect(result.complete).toBe(true);
  });
});

describe('exportCtdlPathway', () => {
  const { pathway } = importCtdlPathway(sample, options);
  const exported = exportCtdlPathway(pathway);

  it('round-trips the sample: same components, conditions, counts and order', () => {
    const again = importCtdlPathway(exported).pathway;
    expect(again).toEqual(pathway);
  });

  it('writes the sample conditions back as requiredNumber / logical:Or ComponentConditions', () => {
    const nodes = exported['@graph'] as Json[];
    const node = (key: string) => nodes.find((n) => n['@id'] === `${E}${key}`) as Json;
    expect(node(KEY.a)['@type']).toBe('ceterms:CourseComponent');
    expect(node(KEY.a)['ceterms:hasCondition']).toEqual([
      {
        '@type': 'ceterms:ComponentCondition',
        'ceterms:requiredNumber': 2,
        'ceterms:targetComponent': [`${E}${KEY.b}`, `${E}${KEY.c}`, `${E}${KEY.d}`],
      },
    ]);
    const or = (node(KEY.assessment)['ceterms:hasCondition'] as Json[])[0] as Json;
    expect(or['ceterms:logicalOperator']).toBe('logical:Or');
    expect(or['ceterms:description']).toEqual({ 'en-US': 'Select one or the other of the two options' });
    expect((or['ceterms:hasCondition'] as Json[]).map((c) => c['ceterms:requiredNumber'])).toEqual([2, 1]);
    expect((nodes[0] as Json)['ceterms:hasDestinationComponent']).toEqual([`${E}${KEY.destination}`]);
    // Structure equal to the input sample, condition by condition (modulo the 2019 reqNum spelling).
    for (const input of sample['@graph'] as Json[]) {
      if (!input.hasCondition) continue;
      const out = node(String(input.id).slice(E.length));
      expect(JSON.stringify(out['ceterms:hasChild'])).toBe(JSON.stringify([input.hasChild].flat()));
    }
  });

  it('carries what CTDL has no term for in credstack:extensions and reads it back', () => {
    const withExtras = {
      ...pathway,
      version: '2.0.0',
      components: pathway.components.map((c) =>
        c.id === KEY.b ? { ...c, acceptedIssuers: ['https://college.example/*'] } : c,
      ),
      milestones: [
        ...(pathway.milestones ?? []),
        { id: 'half', name: 'Half way', rule: { component: KEY.c } },
      ],
    };
    const ctdl = exportCtdlPathway(withExtras);
    const root = (ctdl['@graph'] as Json[])[0] as Json;
    expect(root['credstack:extensions']).toMatchObject({
      version: '2.0.0',
      components: { [KEY.b]: { acceptedIssuers: ['https://college.example/*'] } },
      milestones: [{ id: 'half', name: 'Half way', rule: { component: KEY.c } }],
    });
    const back = importCtdlPathway(ctdl).pathway;
    expect(back.version).toBe('2.0.0');
    expect(back.components.find((c) => c.id === KEY.b)?.acceptedIssuers).toEqual([
      'https://college.example/*',
    ]);
    expect(back.milestones?.map((m) => m.id)).toEqual([KEY.assessment, KEY.a, 'half']);
  });
});

describe('importCtdlPathway: negative cases', () => {
  const graph = () => structuredClone(sample) as { '@graph': Json[] };

  it('refuses a condition that targets its own component', () => {
    const doc = graph();
    (doc['@graph'][3] as Json).hasCondition = { type: 'ComponentCondition', targetComponent: `${E}${KEY.a}` };
    expect(codeOf(() => importCtdlPathway(doc, options))).toBe('ERR_CTDL_CYCLE');
  });

  it('refuses conditions that require each other', () => {
    const doc = graph();
    (doc['@graph'][4] as Json).hasCondition = { type: 'ComponentCondition', targetComponent: `${E}${KEY.a}` };
    expect(codeOf(() => importCtdlPathway(doc, options))).toBe('ERR_CTDL_CYCLE');
  });

  it('refuses a requiredNumber larger than its targets', () => {
    const doc = graph();
    ((doc['@graph'][3] as Json).hasCondition as Json[])[0] = {
      type: 'ComponentCondition',
      requiredNumber: 4,
      targetComponent: [`${E}${KEY.b}`, `${E}${KEY.c}`, `${E}${KEY.d}`],
    };
    expect(codeOf(() => importCtdlPathway(doc, options))).toBe('ERR_CTDL_INVALID');
  });

  it('refuses a reference to a component not in the document, and documents without a Pathway', () => {
    const doc = graph();
    doc['@graph'].pop();
    expect(codeOf(() => importCtdlPathway(doc, options))).toBe('ERR_CTDL_INVALID');
    expect(codeOf(() => importCtdlPathway({ '@graph': [] }, options))).toBe('ERR_CTDL_INVALID');
    expect(codeOf(() => importCtdlPathway('not json-ld', options))).toBe('ERR_CTDL_INVALID');
    expect(codeOf(() => importCtdlPathway(null, options))).toBe('ERR_CTDL_INVALID');
  });

  it('imports a document with no owner or occupation as a school-only pathway, with warnings', () => {
    const noOwner = importCtdlPathway(sample, { occupations: options.occupations });
    expect(noOwner.pathway.employer).toBeUndefined();
    expect(noOwner.warnings.some((w) => w.includes('no offeredBy'))).toBe(true);
    const noOccupation = importCtdlPathway(sample, { employer: BOARD });
    expect(noOccupation.pathway.occupations).toBeUndefined();
    expect(noOccupation.warnings.some((w) => w.includes('no occupationType'))).toBe(true);
    // A school-only pathway exports without offeredBy and comes back the same.
    const back = importCtdlPathway(exportCtdlPathway(noOccupation.pathway));
    expect(back.pathway).toEqual(noOccupation.pathway);
  });

  it('refuses deeply nested conditions without overflowing the stack', () => {
    const doc = graph();
    let cond: Json = { type: 'ComponentCondition', targetComponent: `${E}${KEY.b}` };
    for (let i = 0; i < 5000; i++) cond = { type: 'ComponentCondition', hasCondition: cond };
    (doc['@graph'][3] as Json).hasCondition = cond;
    expect(codeOf(() => importCtdlPathway(doc, options))).toBe('ERR_CTDL_INVALID');
  });
});
