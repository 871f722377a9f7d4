import jsonld from 'jsonld';
import { describe, expect, it } from 'vitest';
import { createDocumentLoader } from '../../src/contexts/index.js';
import { isCredstackError } from '../../src/errors.js';
import {
  type CreatePathwayInput,
  createPathway,
  PATHWAY_CONTEXT_URL,
  pathwayAchievement,
  validatePathway,
} from '../../src/pathway/index.js';
import pathwayContext from '../../src/contexts/documents/credstack-pathway-v1.json' with { type: 'json' };
import { fixture, type Json, smallPathway } from './helpers.js';

function errorOf(fn: () => unknown): { code: string; message: string; path?: string } {
  try {
    fn();
  } catch (err) {
    if (isCredstackError(err))
      return { code: err.code, message: err.message, ...(err.path ? { path: err.path } : {}) };
    throw err;
  }
  throw new Error('expected a CredstackError');
}

const small = smallPathway;

describe('validatePathway', () => {
  it('accepts the surgical technologist fixture and normalises rule shorthand', () => {
    const input = fixture();
    const before = JSON.stringify(input);
    const p = validatePathway(input);
    expect(p.components).toHaveLength(10);
    expect(p.completion).toEqual({
      allOf: [
        { component: 'core-1' },
        { component: 'core-2' },
        { component: 'core-3' },
        { component: 'core-4' },
        {
          nOf: {
            n: 2,
            of: [
              { component: 'elective-1' },
              { component: 'elective-2' },
              { component: 'elective-3' },
              { component: 'elective-4' },
            ],
          },
        },
        { component: 'externship' },
        { component: 'certification' },
      ],
    });
    expect(p.milestones?.map((m) => m.id)).toEqual(['externship-ready', 'job-ready']);
    expect(Object.isFrozen(p)).toBe(true);
    expect(Object.isFrozen(p.components[0])).toBe(true);
    expect(JSON.stringify(input)).toBe(before);
  });

  it('createPathway fills type and turns profile ids into Profiles', () => {
    const { type: _t, ...rest } = small();
    const p = createPathway({
      ...(rest as unknown as CreatePathwayInput),
      employer: 'https://employer.example',
      partners: ['https://school.example', { id: 'https://provider.example', name: 'Provider' }],
      completion: 'c',
    });
    expect(p.type).toBe('Pathway');
    expect(p.employer).toEqual({ id: 'https://employer.example', type: 'Profile' });
    expect(p.partners?.[1]).toEqual({ id: 'https://provider.example', name: 'Provider', type: 'Profile' });
    expect(p.completion).toEqual({ component: 'c' });
  });
});

describe('validatePathway: negative cases', () => {
  it('rejects a non-object', () => {
    expect(errorOf(() => validatePathway('nope'))).toMatchObject({ code: 'ERR_PATHWAY_INVALID' });
  });

  it('names the component for a schema error', () => {
    const doc = small();
    (doc.components as Json[])[1]!.achievement = 'not a uri';
    const e = errorOf(() => validatePathway(doc));
    expect(e.code).toBe('ERR_PATHWAY_INVALID');
    expect(e.message).toContain("component 'b'");
    expect(e.message).toContain('/components/1/achievement');
  });

  it('names the property for a misspelt rule operator', () => {
    const e = errorOf(() => validatePathway(small({ completion: { allof: ['a'] } })));
    expect(e.code).toBe('ERR_PATHWAY_INVALID');
    expect(e.message).toContain('completion rule');
    expect(e.message).toContain("'allof'");
  });

  it('rejects a missing required property', () => {
    const { completion: _c, ...doc } = small();
    const e = errorOf(() => validatePathway(doc));
    expect(e.code).toBe('ERR_PATHWAY_INVALID');
    expect(e.message).toContain('completion');
  });

  it('accepts a school-only pathway: no employer, no occupations', () => {
    const { employer: _e, occupations: _o, ...doc } = small();
    const pathway = validatePathway(doc);
    expect(pathway.employer).toBeUndefined();
    expect(pathway.occupations).toBeUndefined();
  });

  it('rejects duplicate component ids and shared achievements', () => {
    const doc = small();
    (doc.components as Json[])[2]!.id = 'a';
    expect(errorOf(() => validatePathway(doc))).toMatchObject({ code: 'ERR_PATHWAY_INVALID', path: 'a' });
    const doc2 = small();
    (doc2.components as Json[])[2]!.achievement = 'https://school.example/a';
    const e = errorOf(() => validatePathway(doc2));
    expect(e.code).toBe('ERR_PATHWAY_INVALID');
    expect(e.message).toContain("components 'a' and 'c'");
  });

  it('rejects an unknown prerequisite, naming both components', () => {
    const doc = small();
    (doc.components as Json[])[2]!.prerequisites = ['b', 'zz'];
    const e = errorOf(() => validatePathway(doc));
    expect(e.code).toBe('ERR_PATHWAY_REFERENCE');
    expect(e.message).toBe("component 'c' lists unknown prerequisite 'zz'");
  });

  it('rejects an unknown component in a rule', () => {
    const e = errorOf(() =>
      validatePathway(small({ completion: { anyOf: ['a', { allOf: ['b', 'ghost'] }] } })),
    );
    expect(e).toMatchObject({ code: 'ERR_PATHWAY_REFERENCE', path: 'ghost' });
    expect(e.message).toContain("'ghost'");
    const m = errorOf(() =>
      validatePathway(small({ milestones: [{ id: 'm1', name: 'M1', rule: { component: 'nope' } }] })),
    );
    expect(m.code).toBe('ERR_PATHWAY_REFERENCE');
    expect(m.message).toContain("milestone 'm1'");
  });

  it('detects a prerequisite cycle and lists it', () => {
    const doc = small();
    (doc.components as Json[])[0]!.prerequisites = ['c'];
    const e = errorOf(() => validatePathway(doc));
    expect(e.code).toBe('ERR_PATHWAY_CYCLE');
    expect(e.message).toBe('Prerequisite cycle: a → c → b → a');
  });

  it('detects a self-prerequisite as a cycle', () => {
    const doc = small();
    (doc.components as Json[])[1]!.prerequisites = ['b'];
    expect(errorOf(() => validatePathway(doc))).toMatchObject({
      code: 'ERR_PATHWAY_CYCLE',
      message: 'Prerequisite cycle: b → b',
    });
  });

  it('rejects nOf with n out of range and empty lists as unsatisfiable', () => {
    const cases: Array<[unknown, string]> = [
      [{ nOf: { n: 4, of: ['a', 'b', 'c'] } }, 'n = 4 over 3'],
      [{ nOf: { n: 0, of: ['a'] } }, 'n = 0'],
      [{ nOf: { n: 1.5, of: ['a', 'b'] } }, 'INVALID'],
      [{ allOf: [] }, 'empty allOf'],
      [{ allOf: ['a', { anyOf: [] }] }, 'empty anyOf'],
      [{ nOf: { n: 1, of: [] } }, 'empty nOf'],
    ];
    for (const [completion, text] of cases) {
      const e = errorOf(() => validatePathway(small({ completion })));
      if (text === 'INVALID') expect(e.code).toBe('ERR_PATHWAY_INVALID');
      else {
        expect(e.code).toBe('ERR_PATHWAY_UNSATISFIABLE');
        expect(e.message).toContain(text);
      }
    }
  });

  it('names the milestone whose rule is unsatisfiable', () => {
    const e = errorOf(() =>
      validatePathway(
        small({ milestones: [{ id: 'job-ready', name: 'J', rule: { nOf: { n: 3, of: ['a', 'b'] } } }] }),
      ),
    );
    expect(e.code).toBe('ERR_PATHWAY_UNSATISFIABLE');
    expect(e.message).toContain("milestone 'job-ready'");
  });

  it('rejects a component listed twice in one list', () => {
    const e = errorOf(() => validatePathway(small({ completion: { nOf: { n: 2, of: ['a', 'a', 'b'] } } })));
    expect(e.code).toBe('ERR_PATHWAY_INVALID');
    expect(e.message).toContain("'a' twice");
  });

  it('rejects a minimum result no result can meet', () => {
    const doc = fixture();
    const core4 = (doc.components as Json[])[3]!;
    (core4.minimumResult as Json).achievedLevel =
      'https://alliedhealth-training.example/rubrics/practical/legendary';
    const e = errorOf(() => validatePathway(doc));
    expect(e.code).toBe('ERR_PATHWAY_UNSATISFIABLE');
    expect(e.message).toContain("component 'core-4'");
    (core4.minimumResult as Json).resultDescription = 'https://elsewhere.example/rd';
    expect(errorOf(() => validatePathway(doc)).code).toBe('ERR_PATHWAY_REFERENCE');
  });

  it('rejects a minimum-result order that leaves out the minimum, or has nothing to rank', () => {
    const withMin = (minimumResult: Json) =>
      small({ components: [{ id: 'a', achievement: 'https://school.example/a', minimumResult }] }).components;
    const at = (minimumResult: Json) =>
      errorOf(() => validatePathway(small({ components: withMin(minimumResult), completion: 'a' })));
    expect(at({ achievedLevel: 'urn:l:2', levelOrder: ['urn:l:1', 'urn:l:3'] }).code).toBe(
      'ERR_PATHWAY_INVALID',
    );
    expect(at({ value: 'B', valueOrder: ['C', 'A'] }).message).toContain('valueOrder must list');
    expect(at({ value: 70, valueOrder: ['C', 'A'] }).code).toBe('ERR_PATHWAY_INVALID');
    // An order without the minimum it ranks: the schema's dependentRequired.
    expect(at({ levelOrder: ['urn:l:1'] }).message).toMatch(/achievedLevel/);
    expect(() =>
      validatePathway(
        small({
          components: withMin({ achievedLevel: 'urn:l:2', levelOrder: ['urn:l:1', 'urn:l:2'] }),
          completion: 'a',
        }),
      ),
    ).not.toThrow();
  });

  it('refuses a definition nested past the depth limit with a code, not a stack overflow', () => {
    let rule: unknown = 'a';
    for (let i = 0; i < 100_000; i++) rule = { allOf: [rule] };
    const e = errorOf(() => validatePathway(small({ completion: rule })));
    expect(e.code).toBe('ERR_PATHWAY_INVALID');
    expect(e.message).toContain('nesting deeper than 64 levels');
  });

  it('walks a prerequisite chain of 100,000 components without recursion, and finds a cycle closing it', () => {
    const n = 100_000;
    const components = Array.from({ length: n }, (_, i) => ({
      id: `c${i}`,
      achievement: `https://school.example/a/${i}`,
      ...(i > 0 ? { prerequisites: [`c${i - 1}`] } : {}),
    }));
    // The chain runs from the last component back to the first: the walk goes n deep.
    const chain = small({ components: [...components].reverse(), completion: `c${n - 1}` });
    expect(() => validatePathway(chain)).not.toThrow();
    components[0]!.prerequisites = [`c${n - 1}`];
    const e = errorOf(() =>
      validatePathway(small({ components: [...components].reverse(), completion: `c${n - 1}` })),
    );
    expect(e.code).toBe('ERR_PATHWAY_CYCLE');
    expect(e.message).toContain('c0');
  });

  it('rejects a component using the pathway id as its achievement', () => {
    const doc = small();
    (doc.components as Json[])[0]!.achievement = doc.id;
    expect(errorOf(() => validatePathway(doc)).code).toBe('ERR_PATHWAY_INVALID');
  });
});

describe('pathwayAchievement', () => {
  it('is a LearningProgram Achievement carrying the definition', () => {
    const p = validatePathway(fixture());
    const a = pathwayAchievement(p);
    expect(a).toMatchObject({
      id: p.id,
      type: ['Achievement'],
      achievementType: 'LearningProgram',
      name: p.name,
    });
    expect(a.pathwayDefinition).toEqual(JSON.parse(JSON.stringify(p)));
    expect(a.alignment).toContainEqual(
      expect.objectContaining({
        targetCode: '29-2055.00',
        targetFramework: 'O*NET-SOC',
        targetType: 'ext:Occupation',
      }),
    );
    expect(String((a.criteria as Json).narrative)).toContain('2 of: Sterile Processing Basics');
    expect(a.creator).toEqual(p.employer);
  });

  it('gives O*NET occupations a targetUrl when none is given', () => {
    const a = pathwayAchievement(validatePathway(small()));
    expect(a.alignment).toEqual([
      expect.objectContaining({ targetUrl: 'https://www.onetonline.org/link/summary/29-2055.00' }),
    ]);
  });

  it('canonicalises in JSON-LD safe mode inside a credential (every term defined)', async () => {
    const p = validatePathway(fixture());
    const credential = {
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        PATHWAY_CONTEXT_URL,
      ],
      id: 'urn:uuid:0b9d4f0e-7c55-4c8a-9b1f-3c2d1e0f4a11',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: 'https://riverside-health.example/profile', type: ['Profile'], name: 'Riverside' },
      validFrom: '2025-06-01T00:00:00Z',
      name: 'Pathway completed',
      credentialSubject: {
        id: 'did:example:learner',
        type: ['AchievementSubject'],
        achievement: pathwayAchievement(p),
      },
    };
    const documentLoader = createDocumentLoader({ documents: { [PATHWAY_CONTEXT_URL]: pathwayContext } });
    const nquads = (await jsonld.canonize(credential, {
      algorithm: 'URDNA2015',
      format: 'application/n-quads',
      safe: true,
      documentLoader,
    } as never)) as string;
    expect(nquads).toContain('<https://credstack.dev/vocab#pathwayDefinition>');
    expect(nquads).toContain('^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON>');
    // Unknown terms would fail safe mode: prove the check bites.
    await expect(
      jsonld.canonize({ ...credential, notATerm: 1, '@context': credential['@context'].slice(0, 2) }, {
        algorithm: 'URDNA2015',
        format: 'application/n-quads',
        safe: true,
        documentLoader,
      } as never),
    ).rejects.toThrow();
  });
});
