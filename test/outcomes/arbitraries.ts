import fc from 'fast-check';
import { COMPONENT_IDS, type ComponentId, type Noise, type TruthLearner } from './helpers.js';

const day = fc.integer({ min: 0, max: 700 });
const NOISE: Noise[] = ['revoked', 'forged', 'other-learner', 'not-in-pathway', 'wrong-issuer', 'low-result'];

/** A weighted attribute value: some groups are much smaller than others; sometimes missing. */
const attribute = (values: string[]) =>
  fc.oneof(
    ...values.map((v, i) => ({
      arbitrary: fc.constant<string | undefined>(v),
      weight: 2 ** (values.length - i),
    })),
    { arbitrary: fc.constant<string | undefined>(undefined), weight: 1 },
  );

/** `balanced`: two campuses and three years in equal odds, so groups are rarely small as a whole. */
export type AttributeMix = 'skewed' | 'balanced';

export const learnerArb = (i: number, mix: AttributeMix = 'skewed') =>
  fc
    .record({
      earned: fc.record(
        Object.fromEntries(
          COMPONENT_IDS.map((c) => [c, fc.option(day, { freq: 3, nil: undefined })]),
        ) as Record<ComponentId, fc.Arbitrary<number | undefined>>,
      ),
      duplicates: fc.array(
        fc.record({ component: fc.constantFrom(...COMPONENT_IDS), delay: fc.integer({ min: 1, max: 50 }) }),
        {
          maxLength: 2,
        },
      ),
      hiredDay: fc.option(fc.integer({ min: 300, max: 900 }), { freq: 2, nil: undefined }),
      noise: fc.array(
        fc.record({ kind: fc.constantFrom(...NOISE), component: fc.constantFrom(...COMPONENT_IDS), day }),
        {
          maxLength: 2,
        },
      ),
      campus:
        mix === 'skewed' ? attribute(['North', 'South', 'East', 'West']) : fc.constantFrom('North', 'South'),
      year: mix === 'skewed' ? attribute(['2024', '2025', '2026']) : fc.constantFrom('2024', '2025', '2026'),
    })
    .map((r): TruthLearner => {
      const earned: TruthLearner['earned'] = {};
      for (const [c, d] of Object.entries(r.earned)) if (d !== undefined) earned[c as ComponentId] = d;
      const attributes: Record<string, string> = {};
      if (r.campus !== undefined) attributes.campus = r.campus;
      if (r.year !== undefined) attributes.year = r.year;
      return {
        learnerId: `learner-${i}`,
        attributes,
        earned,
        duplicates: r.duplicates
          .filter((d) => earned[d.component] !== undefined)
          .map((d) => ({ component: d.component, day: earned[d.component]! + d.delay })),
        ...(r.hiredDay === undefined ? {} : { hiredDay: r.hiredDay }),
        noise: r.noise,
      };
    });

export const cohortArb = (maxLength: number, mix: AttributeMix = 'skewed', minLength = 0) =>
  fc
    .integer({ min: minLength, max: maxLength })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => learnerArb(i, mix))));
