import { eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import { loadConfig } from '../src/config';
import type { Deps } from '../src/context';
import { DocumentStore } from '../src/collab/persistence';
import type { RoomRegistry } from '../src/collab/rooms';
import { strategies } from '../src/db/schema';
import { DEMO_PASSWORD, DEMO_STRATEGY_TITLE } from '../src/demo';
import { startServer } from '../src/server';
import { databaseUrlFor, tempDir } from './databases';

export interface TestServer {
  url: string;
  /** The same server as ws://… for the collaboration socket. */
  wsUrl: string;
  dataDir: string;
  deps: Deps;
  rooms: RoomRegistry;
  close(): Promise<void>;
  /** Logs in (demo password unless given) and returns the Cookie header value to send back. */
  login(email: string, password?: string): Promise<string>;
  /** The id of the demo strategy. */
  strategyId(): Promise<string>;
  /** Rows in the update log not yet compacted, read from the database. */
  pendingUpdates(strategyId?: string): Promise<number>;
  /** The strategy's document as the database holds it. */
  loadDocument(strategyId?: string): Promise<Y.Doc>;
}

/**
 * A real server on a free port with a fresh database, in demo mode unless overridden. The data
 * folder (and on PostgreSQL its database, see databases.ts) lives until the test file ends, not
 * until close: a test may start a server again on the same data with `DATA_DIR`.
 */
export async function startTestServer(
  overrides: Record<string, string> = {},
  options: { log?: Logger } = {},
): Promise<TestServer> {
  const dataDir = overrides.DATA_DIR ?? tempDir();
  const databaseUrl = overrides.DATABASE_URL ?? (await databaseUrlFor(dataDir));
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    SAMSTRAT_DEMO: '1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    NODE_ENV: 'test',
    ...overrides,
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
  });
  const running = await startServer(config, options.log);
  const { db } = running.deps;

  const demoStrategyId = async () => {
    const [row] = await db
      .select({ id: strategies.id })
      .from(strategies)
      .where(eq(strategies.title, DEMO_STRATEGY_TITLE))
      .limit(1);
    if (!row) throw new Error('This test server has no demo strategy');
    return row.id;
  };

  return {
    url: running.url,
    wsUrl: running.url.replace(/^http/, 'ws'),
    dataDir,
    deps: running.deps,
    rooms: running.rooms,
    close: () => running.close(),
    async login(email, password = DEMO_PASSWORD) {
      const res = await fetch(`${running.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password }),
      });
      if (res.status !== 200) throw new Error(`Login as ${email} failed with ${res.status}: ${await res.text()}`);
      return sessionCookie(res);
    },
    strategyId: demoStrategyId,
    pendingUpdates: async (strategyId) => new DocumentStore(db).pendingUpdates(strategyId ?? (await demoStrategyId())),
    loadDocument: async (strategyId) => new DocumentStore(db).load(strategyId ?? (await demoStrategyId())),
  };
}

/** `samstrat_session=<token>` from a response's Set-Cookie, ready to send as a Cookie header. */
export function sessionCookie(res: Response): string {
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('samstrat_session='));
  if (!cookie) throw new Error('The response set no session cookie');
  return cookie.split(';')[0]!;
}
