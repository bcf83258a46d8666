/**
 * Our server in a child process, started the way `npm start` starts it (demo mode, fresh
 * DATA_DIR, or the DATABASE_URL and REDIS_URL of the environment), with the scenario's documents
 * put straight into its database first. On a cluster only the first process seeds; the others
 * start on the database it filled.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { asc, eq } from 'drizzle-orm';
import * as Y from 'yjs';
import { readUpdates } from '../history';
import { readSetup, serveIpc } from './ipc';

// BENCH_OURS_ROOT points at another checkout (with node_modules reachable from it) to measure
// that version of the server instead, e.g. the code before a change.
const root = process.env.BENCH_OURS_ROOT ?? path.resolve(import.meta.dirname, '..', '..');
const load = <T>(file: string): Promise<T> =>
  import(pathToFileURL(path.join(root, 'server', 'src', file)).href) as Promise<T>;
const { loadConfig } = await load<typeof import('../../server/src/config')>('config.ts');
const { DocumentStore } = await load<typeof import('../../server/src/collab/persistence')>('collab/persistence.ts');
const { memberships, strategies, users } = await load<typeof import('../../server/src/db/schema')>('db/schema.ts');
const { DEMO_ACCOUNTS, DEMO_STRATEGY_TITLE } = await load<typeof import('../../server/src/demo')>('demo.ts');
const { startServer } = await load<typeof import('../../server/src/server')>('server.ts');
const { createStrategyFromTemplate } =
  await load<typeof import('../../server/src/strategies/create')>('strategies/create.ts');

const setup = readSetup();
const config = loadConfig({
  ...process.env,
  PORT: '0',
  HOST: '127.0.0.1',
  SAMSTRAT_DEMO: '1',
  LOG_LEVEL: 'warn',
  DATA_DIR: setup.dataDir,
  // Each demo account's one session stands for many browsers here (up to 150 sockets of one
  // session in a room): the per-person and per-session caps, which a commit before them ignores,
  // would refuse them. The room's own cap stays as it is.
  COLLAB_MAX_CONNECTIONS_PER_PERSON: '100000',
  COLLAB_MAX_CONNECTIONS_PER_SESSION: '100000',
});
const running = await startServer(config);
const { db } = running.deps;
const store = new DocumentStore(db);

/** The scenario's strategies: the demo one first, then the ones made for the bench, in the order made. */
async function seed(): Promise<string[]> {
  const [demo] = await db.select().from(strategies).where(eq(strategies.title, DEMO_STRATEGY_TITLE)).limit(1);
  if (!demo) throw new Error('demo data missing');
  const ids = [demo.id];
  const accounts = await db.select({ id: users.id, email: users.email }).from(users).orderBy(asc(users.email));
  for (let i = 1; i < setup.documents; i++) {
    const id = await db.transaction(async (tx) => {
      const id = await createStrategyFromTemplate(tx, {
        organizationId: demo.organizationId,
        title: `Benchmark ${i}`,
        municipality: demo.municipality,
        periodStart: 2027,
        periodEnd: 2030,
      });
      for (const account of accounts) {
        const role = DEMO_ACCOUNTS.find((a) => a.email === account.email)?.role;
        if (role) await tx.insert(memberships).values({ strategyId: id, userId: account.id, role });
      }
      return id;
    });
    ids.push(id);
  }
  return ids;
}

// Only the first process of a cluster seeds; the parent gives the others' clients its list.
const ids = setup.seed === false ? [] : await seed();

let history: { updates: number; bytes: number } | null = null;
if (setup.historyFile && ids[0]) {
  const updates = readUpdates(setup.historyFile);
  // Straight into the update log, in the batches the rooms themselves would write.
  for (let i = 0; i < updates.length; i += 1_000) await store.append(ids[0], updates.slice(i, i + 1_000));
  history = { updates: updates.length, bytes: updates.reduce((sum, u) => sum + u.length, 0) };
}

serveIpc(
  {
    isLoaded: (id: string) => running.rooms.isLoaded(id),
    stages: () => running.rooms.metrics.summary(),
    resetStages: () => running.rooms.metrics.reset(),
    pendingUpdates: (id: string) => store.pendingUpdates(id),
    /** Bytes of one document's state, as a client's first sync receives it. */
    stateSize: async (id: string) => {
      const live = running.rooms.get(id)?.doc;
      const doc = live ?? (await store.load(id));
      const size = Y.encodeStateAsUpdate(doc).length;
      if (!live) doc.destroy();
      return size;
    },
    stop: async () => {
      await running.close();
      setImmediate(() => process.exit(0));
    },
  },
  { url: running.url, documents: ids, history },
);
