// O*NET Basic Skills as Credential Engine publishes it in CTDL-ASN (test/vectors/pathways/SOURCES.md).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAchievement, importCtdlCompetencyFramework, isCredstackError } from '../../src/index.js';

const doc = JSON.parse(
  readFileSync(new URL('../vectors/pathways/ctdl-asn-onet-basic-skills.json', import.meta.url), 'utf8'),
);

describe('importCtdlCompetencyFramework', () => {
  it('turns each O*NET competency into a ceasn:Competency alignment usable in an achievement', () => {
    const onet = importCtdlCompetencyFramework(doc);
    expect(onet.framework.name).toBe(
      'O*NET Content Model Worker Requirements - Basic Skills: U.S. Department of Labor (DOL)',
    );
    expect(onet.alignments).toHaveLength(12);
    const reading = onet.alignment('2.A.1.a');
    expect(reading).toEqual({
      type: ['Alignment'],
      targetType: 'ceasn:Competency',
      targetName: 'Reading Comprehension',
      targetDescription: 'Understanding written sentences and paragraphs in work related documents.',
      targetUrl: 'https://www.onetcenter.org/ctdlasn/resources/ce-07c260d5-9119-11e8-b852-782bcb5df6ac',
      targetFramework: onet.framework.name,
      targetCode: '2.A.1.a',
    });
    const achievement = createAchievement({
      id: 'https://school.example/achievements/reading',
      name: 'Workplace reading',
      description: 'd',
      criteria: { narrative: 'n' },
      alignment: [reading],
    });
    expect(achievement.alignment).toEqual([reading]);
  });
});

describe('importCtdlCompetencyFramework: negative cases', () => {
  it('throws ERR_CTDL_INVALID without a framework or for an unknown code', () => {
    const codeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return isCredstackError(e) ? e.code : 'untyped';
      }
      return undefined;
    };
    expect(codeOf(() => importCtdlCompetencyFramework({ '@graph': [] }))).toBe('ERR_CTDL_INVALID');
    expect(codeOf(() => importCtdlCompetencyFramework(42))).toBe('ERR_CTDL_INVALID');
    expect(codeOf(() => importCtdlCompetencyFramework(doc).alignment('9.Z'))).toBe('ERR_CTDL_INVALID');
  });
});
