import os from 'node:os';
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
    // The integration tests mostly wait on sockets and databases, so one file per core leaves the
    // cores idle (vitest's default is one fewer than the cores: a single worker on two). Every test
    // server has its own port and database, so files never share state.
    maxWorkers: Number(process.env.VITEST_MAX_WORKERS ?? os.availableParallelism() + 1),
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
