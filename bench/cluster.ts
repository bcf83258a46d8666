import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import postgres from 'postgres';

/**
 * What a cluster of our server runs on in the bench: a fresh PostgreSQL database per run on the
 * server BENCH_POSTGRES_URL names (a role that may CREATE DATABASE; pg_walinspect, shipped with
 * PostgreSQL 15, when the role may create it), and a redis-server of the bench's own on a free port.
 */

/** Linux reports process CPU time in clock ticks of 1/100 s. */
const CLOCK_TICKS = 100;

/** The PostgreSQL server the cluster scenarios run on, or why there is none. */
export function postgresServerUrl(): string {
  const url = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    throw new Error(
      'the cluster scenarios need a PostgreSQL server: set BENCH_POSTGRES_URL=postgres://user:password@host:port/db (a role that may CREATE DATABASE)',
    );
  }
  return url;
}

/** CPU seconds (user + system) of a process by its pid, read by the kernel; 0 when it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces): utime and stime are fields 14 and 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
  } catch {
    return 0;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A redis-server of the bench's own: nothing stored on disk, stopped with the scenario. */
export class BenchRedis {
  private constructor(
    readonly url: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(): Promise<BenchRedis> {
    const port = await freePort();
    const child = spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const failed = new Promise<never>((_, reject) => {
      child.once('error', (err) => reject(new Error(`redis-server did not start: ${err.message}`)));
      child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
    });
    const accepting = (async () => {
      for (let i = 0; i < 500; i++) {
        const up = await new Promise<boolean>((resolve) => {
          const socket = net.connect(port, '127.0.0.1');
          socket.once('connect', () => {
            socket.end();
            resolve(true);
          });
          socket.once('error', () => resolve(false));
        });
        if (up) return;
        await sleep(20);
      }
      throw new Error('redis-server did not accept connections within 10 s');
    })();
    await Promise.race([accepting, failed]);
    return new BenchRedis(`redis://127.0.0.1:${port}`, child);
  }

  cpuSeconds(): number {
    return this.child.pid ? cpuSecondsOf(this.child.pid) : 0;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** The database's counters at one moment, to subtract. */
interface Reading {
  walLsn: string;
  backendCpu: Map<number, number>;
  commits: number;
}

/** What PostgreSQL did for the cluster over a measured window. */
export interface PostgresWindow {
  /** WAL records of this database (pages of its tables, and the commits of transactions that wrote them); null without pg_walinspect. */
  walBytes: number | null;
  /** WAL of the whole PostgreSQL server over the window: other work on it counts too. */
  serverWalBytes: number;
  /** CPU of the server's backends that serve this database (one per pooled connection). */
  backendCpuSeconds: number;
  /** Transactions committed in this database (from pg_stat_database, which lags up to a second). */
  commits: number;
}

/** A database of the bench's own on the PostgreSQL server, dropped at the end, and its counters. */
export class BenchDatabase {
  private walinspect = false;

  private constructor(
    readonly url: string,
    readonly name: string,
    private readonly admin: postgres.Sql,
    private readonly own: postgres.Sql,
  ) {}

  static async create(serverUrl: string): Promise<BenchDatabase> {
    const name = `samstrat_bench_${Math.random().toString(36).slice(2, 10)}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const own = postgres(url.toString(), { max: 1, onnotice: () => {} });
    const database = new BenchDatabase(url.toString(), name, admin, own);
    try {
      await own`CREATE EXTENSION IF NOT EXISTS pg_walinspect`;
      database.walinspect = true;
    } catch {
      // Not installed, or the role may not create it: the report gives the server's WAL only.
    }
    return database;
  }

  /** pg_database_size: the database's files, in whole 8 kB pages. */
  async sizeBytes(): Promise<number> {
    const [row] = await this.own<{ size: string }[]>`SELECT pg_database_size(current_database()) AS size`;
    return Number(row!.size);
  }

  private async read(): Promise<Reading> {
    const [row] = await this.own<{ lsn: string; commits: string }[]>`
      SELECT pg_current_wal_lsn()::text AS lsn,
        (SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()) AS commits`;
    const pids = await this.own<{ pid: number }[]>`
      SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
    return {
      walLsn: row!.lsn,
      commits: Number(row!.commits),
      backendCpu: new Map(pids.map(({ pid }) => [pid, cpuSecondsOf(pid)])),
    };
  }

  /** Starts a window now; the function it answers ends it and gives what happened in between. */
  async startWindow(): Promise<() => Promise<PostgresWindow>> {
    const start = await this.read();
    return async () => {
      const end = await this.read();
      // A backend that began inside the window used all its CPU in it.
      let backendCpuSeconds = 0;
      for (const [pid, cpu] of end.backendCpu) backendCpuSeconds += cpu - (start.backendCpu.get(pid) ?? 0);
      const [diff] = await this.own<{ bytes: string }[]>`
        SELECT pg_wal_lsn_diff(${end.walLsn}::pg_lsn, ${start.walLsn}::pg_lsn) AS bytes`;
      return {
        walBytes: await this.walBytesOfThisDatabase(start.walLsn, end.walLsn),
        serverWalBytes: Number(diff!.bytes),
        backendCpuSeconds,
        commits: end.commits - start.commits,
      };
    };
  }

  /**
   * The WAL records between two positions that belong to this database: those that touch its
   * relations ("rel <tablespace>/<database oid>/<relation>" in block_ref) and the other records
   * (commits) of the same transactions. Null when pg_walinspect is missing or the WAL was recycled.
   */
  private async walBytesOfThisDatabase(from: string, to: string): Promise<number | null> {
    if (!this.walinspect) return null;
    try {
      const [row] = await this.own<{ bytes: string }[]>`
        WITH db AS (SELECT '%/' || oid || '/%' AS rel FROM pg_database WHERE datname = current_database()),
          r AS (SELECT * FROM pg_get_wal_records_info(${from}::pg_lsn, ${to}::pg_lsn)),
          mine AS (SELECT DISTINCT xid FROM r, db WHERE block_ref LIKE db.rel AND xid <> '0'::xid)
        SELECT coalesce(sum(record_length), 0) AS bytes FROM r, db
        WHERE block_ref LIKE db.rel OR xid IN (SELECT xid FROM mine)`;
      return Number(row!.bytes);
    } catch {
      return null;
    }
  }

  async drop(): Promise<void> {
    await this.own.end({ timeout: 5 });
    // FORCE ends the connections a server that failed to stop may still hold.
    await this.admin.unsafe(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
    await this.admin.end({ timeout: 5 });
  }
}
