import { describe, expect, it } from 'vitest';
import {
  escoOccupation,
  isCredstackError,
  occupationAlignment,
  onetOccupation,
  validateOccupation,
  validatePathway,
} from '../../src/index.js';
import { fixture } from '../pathway/helpers.js';

const ESCO = 'http://data.europa.eu/esco/occupation/f2b15a0e-e65a-438a-affb-29b9d50b77d1';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isCredstackError(error) ? error.code : `untyped: ${String(error)}`;
  }
  return undefined;
}

describe('occupations', () => {
  it('builds O*NET-SOC and ESCO occupations usable as pathway destinations', () => {
    const onet = onetOccupation('29-2055.00', 'Surgical Technologists');
    expect(onet).toEqual({
      code: '29-2055.00',
      framework: 'O*NET-SOC',
      name: 'Surgical Technologists',
      url: 'https://www.onetonline.org/link/summary/29-2055.00',
    });
    const esco = escoOccupation(ESCO, 'software developer');
    expect(esco).toMatchObject({
      code: 'f2b15a0e-e65a-438a-affb-29b9d50b77d1',
      framework: 'ESCO',
      url: ESCO,
    });
    const pathway = validatePathway({ ...fixture(), occupations: [onet, esco] });
    expect(pathway.occupations?.map((o) => o.framework)).toEqual(['O*NET-SOC', 'ESCO']);
    expect(validateOccupation(esco)).toBe(esco);
  });

  it('makes an alignment to an occupation', () => {
    expect(occupationAlignment(onetOccupation('47-2111.00', 'Electricians'))).toEqual({
      type: ['Alignment'],
      targetType: 'ext:Occupation',
      targetName: 'Electricians',
      targetUrl: 'https://www.onetonline.org/link/summary/47-2111.00',
      targetCode: '47-2111.00',
      targetFramework: 'O*NET-SOC',
    });
  });
});

describe('occupations: negative cases', () => {
  it('refuses codes and URIs in the wrong format', () => {
    expect(codeOf(() => onetOccupation('29-2055', 'Surgical Technologists'))).toBe('ERR_OCCUPATION_INVALID');
    expect(codeOf(() => onetOccupation('292055.00', 'Surgical Technologists'))).toBe(
      'ERR_OCCUPATION_INVALID',
    );
    expect(codeOf(() => onetOccupation('29-2055.00', ' '))).toBe('ERR_OCCUPATION_INVALID');
    expect(codeOf(() => escoOccupation('http://data.europa.eu/esco/skill/abc', 'x'))).toBe(
      'ERR_OCCUPATION_INVALID',
    );
    expect(
      codeOf(() =>
        validateOccupation({ code: '29-2055', framework: 'O*NET-SOC', name: 'Surgical Technologists' }),
      ),
    ).toBe('ERR_OCCUPATION_INVALID');
    expect(codeOf(() => validateOccupation({ code: '', framework: 'ISCO-08', name: 'x' }))).toBe(
      'ERR_OCCUPATION_INVALID',
    );
  });
});
