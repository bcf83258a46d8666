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
    // Files share one module graph per worker: loading the server's modules took 1.6 s per file, half
    // the run (154 s of 196). Every test starts its own server on its own database, so no state is
    // shared between files that a test relies on; the per-file cleanup is a setup file, as setup files
    // run for every file.
    isolate: false,
    setupFiles: ['server/test/after-each-file.ts'],
    // Two workers: with the module graph shared, two files side by side on two cores took the
    // PostgreSQL run from 200 s to 141 s here (the database server works while a test waits).
    // VITEST_MAX_WORKERS overrides it.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? 2),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
