import { afterEach } from 'vitest';
import { connect, synced, type CollabClient } from './collab-client';
import { startTestServer, type TestServer } from './harness';

/**
 * The servers and clients a collaboration test opens, closed after each test: call once at the
 * top of a test file.
 */
export function collabFixtures() {
  const clients: CollabClient[] = [];
  const servers: TestServer[] = [];
  const cleanups: (() => void)[] = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) cleanup();
    for (const client of clients.splice(0)) client.destroy();
    for (const server of servers.splice(0)) await server.close();
  });

  return {
    /** A real server on a fresh database (or `DATA_DIR`'s), closed after the test unless `forget` is called. */
    async server(overrides: Record<string, string> = {}): Promise<TestServer> {
      const s = await startTestServer(overrides);
      servers.push(s);
      return s;
    },
    /** A synced y-websocket client of the demo strategy as `email` (or with `cookie`, through `baseUrl`). */
    async client(
      s: TestServer,
      email: string,
      options: { cookie?: string; baseUrl?: string } = {},
    ): Promise<CollabClient> {
      const c = connect(options.baseUrl ?? s.url, await s.strategyId(), options.cookie ?? (await s.login(email)));
      clients.push(c);
      await synced(c);
      return c;
    },
    /** Runs `undo` after the test (a proxy to close, a raw socket to end), before the servers close. */
    onCleanup(undo: () => void): void {
      cleanups.push(undo);
    },
    /** Closes a server now and no longer after the test (to start another on its data). */
    async forget(s: TestServer): Promise<void> {
      servers.splice(servers.indexOf(s), 1);
      await s.close();
    },
  };
}
