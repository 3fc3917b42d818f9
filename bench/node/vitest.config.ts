// Node-side measurements that take minutes (not tests): run one file at a time, e.g.
//   npx vitest run --config bench/node/vitest.config.ts bench/node/stepProfile.node.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['bench/node/**/*.node.ts'],
    environment: 'node',
    testTimeout: 4 * 60 * 60_000,
    pool: 'forks',
  },
});
