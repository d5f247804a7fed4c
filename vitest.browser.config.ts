import { defineConfig } from 'vitest/config';

// Browser tests of the staff console: playwright-core driving Debian's Chromium (/usr/bin/chromium).
// Run with: npx vitest run --config vitest.browser.config.ts (.ci/run does it).
export default defineConfig({
  test: {
    include: ['test/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 90_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
