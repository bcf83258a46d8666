import { ServerChild, type ReadyInfo, type ServerKind } from './child';
import { BenchDatabase, BenchRedis, postgresServerUrl, type PostgresWindow } from './cluster';
import type { Setup, Usage } from './servers/ipc';

export interface StartOptions {
  env?: Record<string, string>;
  cpuProfileDir?: string;
  /** Set: our server as a cluster of this many processes (1 or more), on a fresh PostgreSQL database and a Redis of its own. */
  processes?: number;
}

/** Kernel figures of the group: sums over its processes. */
export interface ProcFigures {
  peakRssBytes: number;
  rssBytes: number;
  storageWriteBytes: number;
  writeCalls: number;
  preemptions: number;
}

/** What a cluster's shared services did over a measured window. */
export interface ClusterWindow extends PostgresWindow {
  redisCpuSeconds: number;
}

/**
 * The server a scenario measures: one child process, or (ours only) several processes that serve
 * the same strategies from one PostgreSQL database and share news through one Redis. Figures of
 * the kernel are summed over the processes; questions go to the first process unless asked of all.
 */
export class ServerGroup {
  private constructor(
    readonly members: ServerChild[],
    private readonly database: BenchDatabase | null,
    private readonly redis: BenchRedis | null,
  ) {}

  static async start(kind: ServerKind, setup: Setup, options: StartOptions = {}): Promise<ServerGroup> {
    const processes = options.processes;
    if (processes === undefined) {
      // Never the environment's database or Redis: one process stands alone on SQLite in its folder.
      const env = { DATABASE_URL: '', REDIS_URL: '', ...options.env };
      return new ServerGroup([await ServerChild.start(kind, setup, { ...options, env })], null, null);
    }
    if (kind !== 'ours') throw new Error(`${kind} has no cluster mode`);
    const database = await BenchDatabase.create(postgresServerUrl());
    let redis: BenchRedis | null = null;
    const members: ServerChild[] = [];
    try {
      redis = await BenchRedis.start();
      const env = { ...options.env, DATABASE_URL: database.url, REDIS_URL: redis.url };
      // The first one migrates and seeds; the others start on what it made, all at once.
      members.push(await ServerChild.start(kind, setup, { ...options, env }));
      const others = await Promise.allSettled(
        Array.from({ length: processes - 1 }, () =>
          ServerChild.start(kind, { ...setup, seed: false }, { ...options, env }),
        ),
      );
      for (const other of others) if (other.status === 'fulfilled') members.push(other.value);
      const failed = others.find((o) => o.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
      return new ServerGroup(members, database, redis);
    } catch (err) {
      await new ServerGroup(members, database, redis).stop();
      throw err;
    }
  }

  get kind(): ServerKind {
    return this.members[0]!.kind;
  }

  /** The first process's answer at start: its URL and the scenario's documents. */
  get ready(): ReadyInfo {
    return this.members[0]!.ready;
  }

  get size(): number {
    return this.members.length;
  }

  /** Asks the first process. */
  call<T = unknown>(cmd: string, arg?: unknown): Promise<T> {
    return this.members[0]!.call<T>(cmd, arg);
  }

  /** Asks every process; answers in the order of the processes. */
  callAll<T = unknown>(cmd: string, arg?: unknown): Promise<T[]> {
    return Promise.all(this.members.map((m) => m.call<T>(cmd, arg)));
  }

  usage(): Promise<Usage[]> {
    return Promise.all(this.members.map((m) => m.usage()));
  }

  /** CPU seconds of the server processes, summed (not PostgreSQL's or Redis's: see startWindow). */
  cpuSeconds(): number {
    return this.members.reduce((sum, m) => sum + m.cpuSeconds(), 0);
  }

  proc(): ProcFigures {
    const all = this.members.map((m) => m.proc());
    const sum = (pick: (p: ProcFigures) => number) => all.reduce((s, p) => s + pick(p), 0);
    return {
      peakRssBytes: sum((p) => p.peakRssBytes),
      rssBytes: sum((p) => p.rssBytes),
      storageWriteBytes: sum((p) => p.storageWriteBytes),
      writeCalls: sum((p) => p.writeCalls),
      preemptions: sum((p) => p.preemptions),
    };
  }

  /** Every process collects its garbage; their memory after it, summed. */
  async gc(): Promise<{ heapUsed: number; external: number }> {
    const all = await this.callAll<NodeJS.MemoryUsage>('gc');
    return {
      heapUsed: all.reduce((s, m) => s + m.heapUsed, 0),
      external: all.reduce((s, m) => s + m.external, 0),
    };
  }

  /** Bytes of the database: the SQLite files of the one process, or pg_database_size for a cluster. */
  databaseBytes(): Promise<number> {
    return this.database ? this.database.sizeBytes() : Promise.resolve(this.members[0]!.databaseBytes());
  }

  /**
   * A cluster only (null for one process): starts measuring what PostgreSQL and Redis do; the
   * function it answers ends the window.
   */
  async startWindow(): Promise<(() => Promise<ClusterWindow>) | null> {
    const { database, redis } = this;
    if (!database || !redis) return null;
    const redisStart = redis.cpuSeconds();
    const end = await database.startWindow();
    return async () => ({ ...(await end()), redisCpuSeconds: redis.cpuSeconds() - redisStart });
  }

  logTail(): string {
    return this.members.map((m, i) => (this.size > 1 ? `--- process ${i + 1}\n` : '') + m.logTail()).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.members.map((m) => m.stop()));
    await this.redis?.stop();
    await this.database?.drop();
  }
}
