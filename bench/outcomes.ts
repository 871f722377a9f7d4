// Outcomes at scale: a synthetic cohort of N learners × 10 credentials, streamed through
// pathwayOutcomes with already-verified results (verification has its own benchmark), broken
// down by campus. Reports time and peak RSS; memory must not grow with the credentials.
//
//   npx tsx bench/outcomes.ts                          # 10,000 and 100,000 learners
//   npx tsx bench/outcomes.ts 250000                   # other sizes
//   node --expose-gc --import tsx bench/outcomes.ts    # also the heap left after a run
import { readFileSync } from 'node:fs';
import { pathwayOutcomes, preverified, validatePathway } from '../src/index.js';

const pathway = validatePathway(
  JSON.parse(
    readFileSync(new URL('../test/pathway/fixtures/surgical-technologist.json', import.meta.url), 'utf8'),
  ),
);
const PROVIDER = 'https://alliedhealth-training.example/profile';
const ISSUER: Record<string, string> = {
  'lakeview-usd': 'https://lakeview-usd.example/profile',
  'alliedhealth-training': PROVIDER,
  'riverside-health': 'https://riverside-health.example/profile',
};
const components = pathway.components.map((c) => {
  const achievement = typeof c.achievement === 'string' ? c.achievement : c.achievement.id;
  const host = new URL(achievement).hostname.split('.')[0]!;
  return { id: c.id, achievement, issuer: ISSUER[host]! };
});
const PRACTICAL = `${components[3]!.achievement}/results/practical`;
const RESULTS: Record<string, unknown[]> = {
  'core-4': [
    {
      type: ['Result'],
      resultDescription: PRACTICAL,
      achievedLevel: 'https://alliedhealth-training.example/rubrics/practical/proficient',
    },
  ],
  certification: [{ type: ['Result'], value: '85' }],
};

/** A cheap deterministic PRNG so runs are comparable. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Wrapped = ReturnType<typeof preverified>;
const unwrap = (w: Wrapped): Record<string, unknown> => {
  const sym = Object.getOwnPropertySymbols(w)[0]!;
  return (w as unknown as Record<symbol, { credential: Record<string, unknown> }>)[sym]!.credential;
};

function* cohort(n: number) {
  const random = rng(42);
  const day = (d: number) => new Date(Date.UTC(2024, 0, 1) + d * 86_400_000).toISOString();
  for (let i = 0; i < n; i++) {
    const learner = `did:example:learner-${i}`;
    const credentials = components.map((c, k) => {
      const credential = {
        '@context': [
          'https://www.w3.org/ns/credentials/v2',
          'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        ],
        id: `urn:uuid:bench-${i}-${k}`,
        type: ['VerifiableCredential', 'OpenBadgeCredential'],
        issuer: { id: c.issuer, type: ['Profile'] },
        validFrom: day(k * 40 + Math.floor(random() * 60)),
        credentialSubject: {
          type: ['AchievementSubject'],
          id: learner,
          achievement: { id: c.achievement, type: ['Achievement'] },
          ...(RESULTS[c.id] ? { result: RESULTS[c.id] } : {}),
        },
      };
      const r = random();
      // Most learners drop out somewhere along the way; a few credentials are revoked.
      const verdict = r < 0.02 ? 'revoked' : 'verified';
      return preverified({
        verified: verdict === 'verified',
        verdict,
        credential,
        issuer: c.issuer,
        checks: [{ id: 'proof', status: 'passed', code: 'OK', message: 'ok' }],
      });
    });
    // Learners drop out along the way; their other credentials belong to other pathways.
    const reached = Math.max(1, Math.min(10, Math.floor(random() * 14)));
    for (let k = reached; k < 10; k++) {
      const other = structuredClone(unwrap(credentials[k]!));
      (other.credentialSubject as { achievement: { id: string } }).achievement.id =
        `https://elsewhere.example/achievements/${k}`;
      credentials[k] = preverified({
        verified: true,
        verdict: 'verified',
        credential: other,
        issuer: PROVIDER,
        checks: [],
      });
    }
    yield {
      learnerId: `s-${i}`,
      learner: { id: learner },
      credentials,
      attributes: {
        campus: random() < 0.6 ? 'North' : 'South',
        year: String(2023 + Math.floor(random() * 3)),
      },
    };
  }
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n > 0);
for (const n of sizes.length ? sizes : [10_000, 100_000]) {
  globalThis.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakHeap = 0;
  const t0 = performance.now();
  const report = await pathwayOutcomes(pathway, cohort(n), {
    by: ['campus', 'year'],
    progressInterval: 5000,
    onProgress: () => {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    },
  });
  const ms = performance.now() - t0;
  globalThis.gc?.();
  const retained = globalThis.gc
    ? `, heap after GC ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`
    : '';
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  console.log(
    `${n.toLocaleString('en')} learners × 10 credentials (${report.credentials.total.toLocaleString('en')} credentials): ` +
      `${(ms / 1000).toFixed(1)} s, ${Math.round((report.credentials.total / ms) * 1000).toLocaleString('en')} credentials/s; ` +
      `peak heap ${mb(peakHeap)}, RSS before ${mb(rssBefore)}, peak RSS so far ${mb(process.resourceUsage().maxRSS * 1024)}; ` +
      `completed ${report.overall.completed.count}${retained}`,
  );
}
