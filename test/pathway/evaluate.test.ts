import { describe, expect, it } from 'vitest';
import { evaluateRule, type Rule, ruleComponents, ruleHolds } from '../../src/pathway/index.js';

const electives: Rule = { nOf: { n: 2, of: ['e1', 'e2', 'e3', 'e4'] } };
const program: Rule = { allOf: ['c1', 'c2', electives, { anyOf: ['x', { allOf: ['y', 'z'] }] }] };

describe('evaluateRule', () => {
  const table: Array<[string, Rule, string[], boolean, string]> = [
    ['leaf, earned', 'a', ['a'], true, 'satisfied'],
    ['leaf, not earned', { component: 'a' }, [], false, 'needs a'],
    ['allOf, all earned', { allOf: ['a', 'b'] }, ['a', 'b'], true, 'satisfied'],
    ['allOf, one missing', { allOf: ['a', 'b'] }, ['a'], false, 'needs b'],
    ['allOf, two missing', { allOf: ['a', 'b', 'c'] }, ['a'], false, 'needs all of: b, c'],
    ['anyOf, one earned', { anyOf: ['a', 'b'] }, ['b'], true, 'satisfied'],
    ['anyOf, none', { anyOf: ['a', 'b'] }, [], false, 'needs 1 of: a, b'],
    ['nOf, enough', electives, ['e1', 'e4'], true, 'satisfied'],
    ['nOf, more than enough', electives, ['e1', 'e2', 'e4'], true, 'satisfied'],
    ['nOf, one short', electives, ['e2'], false, 'needs 1 more of: e1, e3, e4'],
    ['nOf, none', electives, [], false, 'needs 2 more of: e1, e2, e3, e4'],
    ['nOf n = of.length', { nOf: { n: 2, of: ['a', 'b'] } }, ['a'], false, 'needs 1 more of: b'],
    [
      'nested program, partly done',
      program,
      ['c1', 'e3', 'y'],
      false,
      'needs all of: c2, (1 more of: e1, e2, e4), (1 of: x, z)',
    ],
    ['nested program, done via y+z', program, ['c1', 'c2', 'e1', 'e2', 'y', 'z'], true, 'satisfied'],
    ['nested program, done via x', program, ['c1', 'c2', 'e3', 'e4', 'x'], true, 'satisfied'],
    [
      'nested program, electives missing only',
      program,
      ['c1', 'c2', 'x'],
      false,
      'needs 2 more of: e1, e2, e3, e4',
    ],
    [
      'nOf over composite rules',
      { nOf: { n: 2, of: [{ allOf: ['a', 'b'] }, { anyOf: ['c', 'd'] }, 'e'] } },
      ['a', 'c'],
      false,
      'needs 1 more of: b, e',
    ],
    [
      'nOf over composite rules, satisfied',
      { nOf: { n: 2, of: [{ allOf: ['a', 'b'] }, { anyOf: ['c', 'd'] }, 'e'] } },
      ['a', 'b', 'd'],
      true,
      'satisfied',
    ],
    [
      'composite inside a list gets brackets',
      { nOf: { n: 1, of: [{ allOf: ['a', 'b'] }, 'e'] } },
      [],
      false,
      'needs 1 more of: (all of: a, b), e',
    ],
  ];
  for (const [title, rule, earned, satisfied, explanation] of table) {
    it(`${title}: ${satisfied ? 'holds' : 'does not hold'}`, () => {
      const result = evaluateRule(rule, new Set(earned));
      expect(result.satisfied).toBe(satisfied);
      expect(result.explanation).toBe(explanation);
      expect(ruleHolds(rule, new Set(earned))).toBe(satisfied);
      if (satisfied) expect(result.missing).toEqual([]);
      else {
        expect(result.missing.length).toBeGreaterThan(0);
        for (const m of result.missing) expect(earned).not.toContain(m);
      }
    });
  }

  it('lists the components that would count toward the unmet part', () => {
    expect(evaluateRule(program, ['c1', 'e3', 'y']).missing).toEqual(['c2', 'e1', 'e2', 'e4', 'x', 'z']);
  });

  it('accepts any iterable of earned ids', () => {
    expect(evaluateRule({ allOf: ['a', 'b'] }, ['a', 'b']).satisfied).toBe(true);
  });

  it('ruleComponents lists every mentioned component once', () => {
    expect(ruleComponents(program)).toEqual(['c1', 'c2', 'e1', 'e2', 'e3', 'e4', 'x', 'y', 'z']);
  });
});

describe('evaluateRule: negative cases', () => {
  it('rejects a malformed rule with a typed error', () => {
    expect(() => evaluateRule({ oneOf: ['a'] } as never, [])).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_INVALID' }),
    );
    expect(() => evaluateRule(42 as never, [])).toThrow(
      expect.objectContaining({ code: 'ERR_PATHWAY_INVALID' }),
    );
  });
});
