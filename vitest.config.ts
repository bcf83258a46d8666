import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/src/**/*.test.ts',
      'server/src/**/*.test.ts',
      'server/test/**/*.test.ts',
      // The editor's Yjs binding logic runs without a DOM.
      'web/src/lib/editor/**/*.test.ts',
    ],
    // Integration tests start real servers on real SQLite files; forks keep native modules apart.
    pool: 'forks',
    // vitest's default (one fewer than the cores): three workers on two cores made the run slower, not
    // faster (the tests are busy on the CPU, not waiting). VITEST_MAX_WORKERS overrides it.
    ...(process.env.VITEST_MAX_WORKERS ? { maxWorkers: Number(process.env.VITEST_MAX_WORKERS) } : {}),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
