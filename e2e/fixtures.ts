// The E2E run's test function: Playwright's, with one demo server per worker, so specs run in
// parallel workers without sharing data. Each worker starts e2e/serve.mjs (a fresh SQLite file with
// demo data, and the loopback OpenID Connect provider beside it) on ports of its own, and its pages
// and API requests go there (baseURL). A worker that restarts after a failure starts a fresh server.
import { spawn, type ChildProcess } from 'node:child_process';
import { test as base, expect } from '@playwright/test';
import { appPort, providerPort } from './ports';

export * from '@playwright/test';

/** The demo server of this worker: its origin, and the origin of the OpenID provider beside it. */
export interface DemoServer {
  origin: string;
  providerOrigin: string;
}

async function stop(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = new Promise((resolve) => server.once('exit', resolve));
  // Its own process group: serve.mjs starts npx, which starts tsx, which starts the server.
  process.kill(-server.pid!, 'SIGTERM');
  await exited;
}

export const test = base.extend<object, { demoServer: DemoServer }>({
  demoServer: [
    // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern
    async ({}, use, workerInfo) => {
      // parallelIndex stays the same when a worker is replaced, so ports never pile up.
      const port = appPort + workerInfo.parallelIndex;
      const oidcPort = providerPort + workerInfo.parallelIndex;
      const origin = `http://127.0.0.1:${port}`;
      if (await fetch(`${origin}/api/health`).catch(() => null)) {
        throw new Error(`port ${port} is taken (a server from an earlier run?); set E2E_PORT to another`);
      }
      const server = spawn('node', ['e2e/serve.mjs', String(port), String(oidcPort)], {
        detached: true,
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      try {
        await expect
          .poll(async () => (await fetch(`${origin}/api/health`).catch(() => null))?.status, {
            timeout: 90_000,
            message: `the demo server on ${origin} did not come up`,
          })
          .toBe(200);
        await use({ origin, providerOrigin: `http://127.0.0.1:${oidcPort}` });
      } finally {
        await stop(server);
      }
    },
    { scope: 'worker', auto: true, timeout: 120_000 },
  ],
  baseURL: async ({ demoServer }, use) => {
    await use(demoServer.origin);
  },
});
