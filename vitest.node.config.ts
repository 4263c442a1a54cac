import { defineConfig } from 'vitest/config';

/**
 * The Node test project: interop checks against native readers that cannot
 * run in workerd (avsc, Debian's python3-avro). The rest of the suite runs
 * in workerd (`vitest.config.ts`).
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test-node/**/*.test.ts'],
    typecheck: { enabled: false },
  },
});
