import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';
import * as auditSchema from './schema-audit';
import { activeDialect, dialectOf, type Dialect } from './dialect';
import { Mutex } from './mutex';

/**
 * The query builders as our code uses them: typed by the SQLite instance of the tables (see
 * kit.ts), in drizzle's asynchronous SQLite mode, so a query not awaited is a type error. Queries
 * are awaited as they are; `.get()`, `.all()`, `.run()` exist only in SQLite and are not used.
 */
type Queries = BaseSQLiteDatabase<'async', unknown, typeof schema>;

/** What reads: the database outside a transaction, or a transaction. */
export type Reader = Pick<Queries, 'select' | 'selectDistinct'>;

/** A transaction: reads and writes. Every write happens in one (one command, one transaction). */
export type Tx = Pick<Queries, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete'> & {
  readonly engine: Dialect;
  /**
   * Runs `fn` once this transaction has committed (in registration order): events, broadcasts,
   * anything others may see only once the rows are there. Not run if it rolls back.
   */
  afterCommit(fn: () => void): void;
  /** Runs `fn` if this transaction rolls back (also before a retry on PostgreSQL). */
  afterRollback(fn: () => void): void;
  /**
   * Takes a lock named `name` until this transaction ends, unless another transaction holds it
   * (then false, at once). PostgreSQL's advisory locks, so one process at a time does a job;
   * SQLite runs one writer at a time anyway and always answers true.
   */
  tryLock(name: string): Promise<boolean>;
  /**
   * A query of a hot path, built and prepared once rather than on every call (drizzle's building
   * and SQLite's parsing cost more than running it). `build` makes it from this transaction's
   * builders with `sql.placeholder` for the values and ends with `.prepare()`; `key` names it; run
   * it with `.execute(values)`. SQLite keeps the writer connection's statements; on PostgreSQL a
   * transaction's connection is the pool's choice, so it is built for each transaction.
   */
  prepared<P>(key: string, build: (queries: TxQueries) => P): P;
};

export type TxQueries = Pick<Queries, 'select' | 'selectDistinct' | 'insert' | 'update' | 'delete'>;
type Prepare = <P>(key: string, build: (queries: TxQueries) => P) => P;

/** Callbacks registered on one attempt of a transaction. */
class TxHooks {
  private readonly committed: (() => void)[] = [];
  private readonly rolledBack: (() => void)[] = [];

  wrap(queries: TxQueries, engine: Dialect, tryLock: (name: string) => Promise<boolean>, prepared: Prepare): Tx {
    return {
      engine,
      tryLock,
      prepared,
      select: queries.select.bind(queries),
      selectDistinct: queries.selectDistinct.bind(queries),
      insert: queries.insert.bind(queries),
      update: queries.update.bind(queries),
      delete: queries.delete.bind(queries),
      afterCommit: (fn) => this.committed.push(fn),
      afterRollback: (fn) => this.rolledBack.push(fn),
    };
  }

  /** Runs one list; a failing callback is reported, and the others still run. */
  run(which: 'committed' | 'rolledBack', report: (err: unknown) => void): void {
    for (const fn of this[which].splice(0)) {
      try {
        fn();
      } catch (err) {
        report(err);
      }
    }
  }
}

/**
 * A transaction opened inside another would wait for the writer the outer one holds (SQLite) or
 * take a second connection the pool may not have (PostgreSQL): it is refused at once with a clear
 * error instead of hanging. Only a call made while a transaction is open can be one; those look
 * for the runner's frame in their stack, which V8's async stack traces keep across every `await`
 * of the transaction's function. (AsyncLocalStorage would mark the code too, but on Node 20 it
 * puts hooks on every promise of the process, the collaboration hot path included.)
 */
let openTransactions = 0;

async function runInsideTransaction<T>(fn: () => Promise<T>): Promise<T> {
  openTransactions++;
  try {
    return await fn();
  } finally {
    openTransactions--;
  }
}

function refuseNesting(): void {
  if (openTransactions === 0) return;
  // The stack as call sites, not as text: no source maps applied, no formatting.
  const { prepareStackTrace, stackTraceLimit } = Error;
  Error.stackTraceLimit = 500;
  Error.prepareStackTrace = (_error, callSites) => callSites;
  let callSites: NodeJS.CallSite[];
  try {
    callSites = new Error().stack as unknown as NodeJS.CallSite[];
  } finally {
    Error.prepareStackTrace = prepareStackTrace;
    Error.stackTraceLimit = stackTraceLimit;
  }
  if (callSites.some((site) => site.getFunctionName() === runInsideTransaction.name)) {
    throw new Error('db.transaction was called inside a transaction: pass the outer transaction (tx) instead');
  }
}

/** A callback after commit or rollback failed; the transaction's outcome stands. */
const reportHookFailure = (err: unknown) => console.error('a transaction callback failed', err);

export interface TransactionOptions {
  /**
   * PostgreSQL only; SQLite runs one writer at a time, which is serializable. Commands default to
   * `serializable` and are retried on a serialization failure, so a check-then-write never races;
   * the update log uses `read committed` with a row lock of its own.
   */
  isolation?: 'serializable' | 'repeatable read' | 'read committed';
}

/**
 * The database, asynchronous on both engines. Reads go straight to it; writes only inside
 * `transaction`, whose function may run more than once on PostgreSQL (after a serialization
 * failure), so it must do nothing but database work: publish events after it returns.
 */
export interface Db extends Reader {
  readonly engine: Dialect;
  transaction<T>(fn: (tx: Tx) => Promise<T>, options?: TransactionOptions): Promise<T>;
  /** Runs one statement of plain SQL (maintenance: checks, locks, backups). */
  execute(statement: ReturnType<typeof sql>): Promise<unknown>;
  close(): Promise<void>;
}

const migrationsRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'drizzle');

export interface DatabaseOptions {
  /** SQLite: the folder of samstrat.sqlite. */
  dataDir: string;
  /** postgres://… for PostgreSQL; unset for SQLite. */
  databaseUrl?: string;
  /** PostgreSQL connections per process. */
  poolSize?: number;
}

/** Opens the database the options name and brings its schema up to date. */
export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  const dialect = dialectOf(options.databaseUrl);
  if (dialect !== activeDialect) {
    // The tables were built for the other database when the schema was imported.
    throw new Error(`DATABASE_URL names ${dialect} but this process was started for ${activeDialect}`);
  }
  return dialect === 'postgres'
    ? openPostgres(options.databaseUrl!, options.poolSize ?? 10)
    : openSqlite(options.dataDir);
}

/**
 * SQLite through better-sqlite3, which is synchronous: a transaction that awaits would let other
 * requests' statements run inside it. So there are two connections: reads use one (WAL lets them
 * run beside a writer and see only committed data), and transactions use the other, one at a time.
 */
function openSqlite(dataDir: string): Db {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'samstrat.sqlite');
  const open = () => {
    const connection = new Database(file);
    connection.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode; only a power loss may drop the last commits.
    connection.pragma('synchronous = NORMAL');
    connection.pragma('foreign_keys = ON');
    connection.pragma('busy_timeout = 5000');
    return connection;
  };
  const writerConnection = open();
  const writer = drizzleSqlite(writerConnection, { schema });
  migrateSqlite(writer, { migrationsFolder: path.join(migrationsRoot, 'sqlite') });
  writerConnection.exec(auditSchema.AUDIT_APPEND_ONLY_SQL.sqlite);
  const readerConnection = open();
  readerConnection.pragma('query_only = ON');
  // Typed as asynchronous (see Queries): awaiting what better-sqlite3 answers at once is harmless.
  const reader = drizzleSqlite(readerConnection, { schema }) as unknown as Queries;
  const writerQueries = writer as unknown as Queries;
  const mutex = new Mutex();
  // Statements prepared once on the writer connection; parsing SQL is most of a small write's cost.
  const begin = writerConnection.prepare('BEGIN IMMEDIATE');
  const commit = writerConnection.prepare('COMMIT');
  const rollback = writerConnection.prepare('ROLLBACK');
  const preparedStatements = new Map<string, unknown>();
  const preparedOnWriter: Prepare = <P>(key: string, build: (queries: TxQueries) => P): P => {
    if (!preparedStatements.has(key)) preparedStatements.set(key, build(writerQueries));
    return preparedStatements.get(key) as P;
  };

  return {
    engine: 'sqlite',
    select: reader.select.bind(reader),
    selectDistinct: reader.selectDistinct.bind(reader),
    transaction: (fn) => {
      refuseNesting();
      return (
        mutex
          .run(() =>
            runInsideTransaction(async () => {
              const hooks = new TxHooks();
              begin.run();
              try {
                const result = await fn(hooks.wrap(writerQueries, 'sqlite', async () => true, preparedOnWriter));
                commit.run();
                return { result, hooks };
              } catch (err) {
                if (writerConnection.inTransaction) rollback.run();
                hooks.run('rolledBack', reportHookFailure);
                throw err;
              }
            }),
          )
          // Outside the lock: a callback may start the next transaction.
          .then(({ result, hooks }) => {
            hooks.run('committed', reportHookFailure);
            return result;
          })
      );
    },
    execute: async (statement) => mutex.run(async () => writer.run(statement)),
    close: async () => {
      await mutex.run(async () => {
        readerConnection.close();
        writerConnection.close();
      });
    },
  };
}

/** pg_try_advisory_xact_lock on the transaction's own connection. */
function tryLockIn(tx: { execute(query: ReturnType<typeof sql>): Promise<unknown> }) {
  return async (name: string): Promise<boolean> => {
    const rows = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(hashtext(${name})) AS locked`)) as unknown as {
      locked: boolean;
    }[];
    return rows[0]?.locked === true;
  };
}

/** The SQLSTATE of a failed query: drizzle wraps postgres.js's error and keeps it as the cause. */
function postgresCode(err: unknown): string | undefined {
  for (let e = err; e instanceof Error; e = e.cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** PostgreSQL's code for a transaction that lost a race under serializable isolation. */
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK = '40P01';
const MAX_ATTEMPTS = 10;

async function openPostgres(url: string, poolSize: number): Promise<Db> {
  const client = postgres(url, { max: poolSize, onnotice: () => {} });
  const pg = drizzlePostgres(client, { schema });
  // Several processes may start at once: one migrates, the others wait for it.
  await client.begin(async (lock) => {
    await lock`SELECT pg_advisory_xact_lock(hashtext('samstrat.migrations'))`;
    await migratePostgres(pg, { migrationsFolder: path.join(migrationsRoot, 'postgres') });
    await lock.unsafe(auditSchema.AUDIT_APPEND_ONLY_SQL.postgres);
  });
  // Typed as the SQLite builders on purpose: the calls and the values they read back are the same.
  const queries = pg as unknown as Queries;
  return {
    engine: 'postgres',
    select: queries.select.bind(queries),
    selectDistinct: queries.selectDistinct.bind(queries),
    async transaction(fn, options) {
      refuseNesting();
      const isolationLevel = options?.isolation ?? 'serializable';
      for (let attempt = 1; ; attempt++) {
        const hooks = new TxHooks();
        try {
          const result = await pg.transaction(
            (tx) =>
              runInsideTransaction(() => {
                const txQueries = tx as unknown as TxQueries;
                return fn(hooks.wrap(txQueries, 'postgres', tryLockIn(tx), (_key, build) => build(txQueries)));
              }),
            {
              isolationLevel,
            },
          );
          hooks.run('committed', reportHookFailure);
          return result;
        } catch (err) {
          hooks.run('rolledBack', reportHookFailure);
          const code = postgresCode(err);
          if ((code !== SERIALIZATION_FAILURE && code !== DEADLOCK) || attempt >= MAX_ATTEMPTS) throw err;
          // Back off a little so the winners finish; jitter keeps the losers from meeting again.
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        }
      }
    },
    execute: (statement) => pg.execute(statement),
    close: () => client.end({ timeout: 5 }),
  };
}
