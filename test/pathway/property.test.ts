// Property tests: random prerequisite DAGs and nested rules, checked against a brute-force
// reference evaluation written here independently of src/pathway.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  evaluateRule,
  type PathwayInput,
  pathwayProgress,
  type Rule,
  validatePathway,
} from '../../src/pathway/index.js';
import { fakeVerify, issue, type Json, LEARNER } from './helpers.js';

const SEED = 20250601;

function ref(rule: Rule, earned: ReadonlySet<string>): boolean {
  if (typeof rule === 'string') return earned.has(rule);
  if ('component' in rule) return earned.has(rule.component);
  if ('allOf' in rule) return rule.allOf.every((r) => ref(r, earned));
  if ('anyOf' in rule) return rule.anyOf.some((r) => ref(r, earned));
  return rule.nOf.of.filter((r) => ref(r, earned)).length >= rule.nOf.n;
}

function subsets<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let mask = 0; mask < 1 << items.length; mask++) out.push(items.filter((_, i) => mask & (1 << i)));
  return out;
}

/** Leaves only once per list (validatePathway rejects a component listed twice in one list). */
function dedupe(rules: Rule[]): Rule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const id = typeof r === 'string' ? r : 'component' in r ? r.component : undefined;
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

const ruleArb = (ids: string[]): fc.Arbitrary<Rule> => {
  const { rule } = fc.letrec<{ rule: Rule }>((tie) => ({
    rule: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom(...ids).map((id): Rule => id),
      fc.constantFrom(...ids).map((id): Rule => ({ component: id })),
      fc.array(tie('rule'), { minLength: 1, maxLength: 4 }).map((l): Rule => ({ allOf: dedupe(l) })),
      fc.array(tie('rule'), { minLength: 1, maxLength: 4 }).map((l): Rule => ({ anyOf: dedupe(l) })),
      fc.tuple(fc.array(tie('rule'), { minLength: 1, maxLength: 4 }), fc.nat()).map(([l, k]): Rule => {
        const of = dedupe(l);
        return { nOf: { n: 1 + (k % of.length), of } };
      }),
    ),
  }));
  return rule;
};

interface Scenario {
  ids: string[];
  prerequisites: string[][];
  completion: Rule;
  milestones: Rule[];
  earned: boolean[];
  days: number[];
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.integer({ min: 1, max: 7 }).chain((k) => {
  const ids = Array.from({ length: k }, (_, i) => `c${i}`);
  return fc.record({
    ids: fc.constant(ids),
    // Edges only from earlier to later components: a DAG by construction.
    prerequisites: fc.tuple(
      ...ids.map((_, i) => (i === 0 ? fc.constant([] as string[]) : fc.subarray(ids.slice(0, i)))),
    ),
    completion: ruleArb(ids),
    milestones: fc.array(ruleArb(ids), { maxLength: 3 }),
    earned: fc.array(fc.boolean(), { minLength: k, maxLength: k }),
    days: fc.array(fc.integer({ min: 1, max: 28 }), { minLength: k, maxLength: k }),
  });
});

describe('evaluateRule agrees with a brute-force reference', () => {
  it('on random nested rules and earned sets', () => {
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    fc.assert(
      fc.property(ruleArb(ids), fc.subarray(ids), (rule, earnedList) => {
        const earned = new Set(earnedList);
        const result = evaluateRule(rule, earned);
        expect(result.satisfied).toBe(ref(rule, earned));
        if (result.satisfied) {
          expect(result.missing).toEqual([]);
        } else {
          // What is reported missing is unearned, and earning all of it satisfies the rule.
          expect(result.missing.length).toBeGreaterThan(0);
          for (const m of result.missing) expect(earned.has(m)).toBe(false);
          expect(ref(rule, new Set([...earned, ...result.missing]))).toBe(true);
          expect(result.explanation.startsWith('needs ')).toBe(true);
        }
      }),
      { seed: SEED, numRuns: 400 },
    );
  });
});

describe('pathwayProgress agrees with a brute-force reference', () => {
  it('on random DAGs, rules and earned credentials', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (s) => {
        const input: PathwayInput = {
          id: 'https://employer.example/pathways/random',
          type: 'Pathway',
          name: 'Random',
          occupations: [{ code: '1', framework: 'test', name: 'Tester' }],
          employer: { id: 'https://employer.example', type: 'Profile' },
          components: s.ids.map((id, i) => ({
            id,
            achievement: `https://school.example/achievements/${id}`,
            ...(s.prerequisites[i]!.length ? { prerequisites: s.prerequisites[i]! } : {}),
          })),
          completion: s.completion,
          milestones: s.milestones.map((rule, i) => ({ id: `m${i}`, name: `M${i}`, rule })),
        };
        const pathway = validatePathway(input);
        const earnedIds = s.ids.filter((_, i) => s.earned[i]);
        const dateOf = (id: string): string =>
          `2025-02-${String(s.days[s.ids.indexOf(id)]).padStart(2, '0')}T00:00:00Z`;
        const credentials: Json[] = [];
        for (const id of earnedIds) {
          credentials.push(
            await issue({
              id: `urn:uuid:cred-${id}`,
              issuer: 'https://school.example',
              achievement: `https://school.example/achievements/${id}`,
              validFrom: dateOf(id),
            }),
          );
        }
        // Noise that must never count: another learner's credential and one outside the pathway.
        credentials.push(
          await issue({
            id: 'urn:uuid:other',
            issuer: 'https://school.example',
            achievement: 'https://school.example/achievements/c0',
            subject: { id: 'did:example:someone-else' },
          }),
          await issue({
            id: 'urn:uuid:outside',
            issuer: 'https://school.example',
            achievement: 'https://x.example/a',
          }),
        );
        const report = await pathwayProgress(pathway, credentials, {
          learner: { id: LEARNER },
          verify: fakeVerify(),
        });

        const earned = new Set(earnedIds);
        for (const [i, c] of report.components.entries()) {
          const prereqs = s.prerequisites[i]!;
          const expected = earned.has(c.id)
            ? 'earned'
            : prereqs.every((p) => earned.has(p))
              ? 'available'
              : 'locked';
          expect(c.state).toBe(expected);
          expect(c.missingPrerequisites).toEqual(prereqs.filter((p) => !earned.has(p)));
        }
        expect(report.rejected.map((r) => r.reason).sort()).toEqual(['not-in-pathway', 'other-learner']);

        const rules = [...s.milestones, s.completion];
        const reports = [...report.milestones, report.completion];
        for (const [i, rule] of rules.entries()) {
          const m = reports[i]!;
          expect(m.reached).toBe(ref(rule, earned));
          if (!m.reached) continue;
          // reachedAt = min over satisfying subsets of the latest date in the subset.
          const best = subsets(earnedIds)
            .filter((sub) => ref(rule, new Set(sub)))
            .map((sub) => Math.max(...sub.map((id) => Date.parse(dateOf(id)))))
            .reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
          expect(Date.parse(m.reachedAt!)).toBe(best);
          const by = new Set(m.satisfiedBy);
          expect(ref(rule, by)).toBe(true);
          expect(Math.max(...[...by].map((id) => Date.parse(dateOf(id))))).toBe(best);
          for (const id of by) {
            const without = new Set(by);
            without.delete(id);
            expect(ref(rule, without)).toBe(false);
          }
        }
        expect(report.complete).toBe(ref(s.completion, earned));
        for (const step of report.nextSteps) {
          expect(report.components.find((c) => c.id === step.component)?.state).toBe('available');
        }
        expect(report.nextSteps.length).toBe(report.components.filter((c) => c.state === 'available').length);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});
