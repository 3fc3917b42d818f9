import { defineConfig } from 'vitest/config';

// Browser tests: real headless Chromium against the built app. Files run one at a time (2-core machines,
// software WebGL); each file opens one browser and closes it once.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/globalSetup.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
