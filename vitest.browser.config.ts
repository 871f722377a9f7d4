import { defineConfig } from 'vitest/config';

// `npm run test:browser`: the verifier page in real Chromium (test/browser/**), kept apart from
// `npm test` because it builds the page and needs /usr/bin/chromium.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
