// The notebook export run for every preset (about 20 s each, too long for `npm test`, which runs it for
// LeNet-5 only): npx vitest run --config bench/formats/vitest.config.ts
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { include: ['bench/formats/*.measure.ts'], environment: 'node', testTimeout: 1_800_000, pool: 'forks' },
});
