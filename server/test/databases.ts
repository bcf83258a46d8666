import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { openDatabase, type Db } from '../src/db/client';
import { dialectOf } from '../src/db/dialect';

/**
 * Fresh databases for tests, on the database this run is for. The suite runs once on SQLite (each
 * server its own file in a temporary folder) and once on PostgreSQL, when DATABASE_URL names a
 * PostgreSQL server (scripts/test.mjs sets it from TEST_POSTGRES_URL): then every data folder gets
 * a database of its own on that server, created here and dropped when the test file ends.
 */

/** The PostgreSQL server of this run, or undefined when the run is on SQLite. */
export const POSTGRES_SERVER_URL =
  dialectOf(process.env.DATABASE_URL) === 'postgres' ? process.env.DATABASE_URL : undefined;

const databaseOfDir = new Map<string, string>();
const createdDirs: string[] = [];
let admin: postgres.Sql | null = null;
const createdDatabases: string[] = [];

/**
 * Removes the temporary folders and PostgreSQL databases made since the last call: run after each
 * test file (server/test/after-each-file.ts registers it), once the file's servers are closed.
 */
export async function removeTestDatabases(): Promise<void> {
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  if (!admin) return;
  // FORCE ends the connections a server that failed to close may still hold.
  const names = createdDatabases.splice(0);
  const dropNext = async (sql: postgres.Sql): Promise<void> => {
    for (let name = names.pop(); name; name = names.pop())
      await sql.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  };
  await Promise.all(Array.from({ length: 4 }, () => dropNext(admin!)));
  await admin.end();
  admin = null;
  databaseOfDir.clear();
}

/** A new temporary folder, removed when the test file ends. */
export function tempDir(prefix = 'samstrat-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  createdDirs.push(dir);
  return dir;
}

/**
 * The DATABASE_URL a server on `dataDir` runs with: undefined on SQLite (the folder holds the
 * file); on PostgreSQL a database of the folder's own, created on first use, so a server started
 * again on the same folder finds the data it left.
 */
export async function databaseUrlFor(dataDir: string): Promise<string | undefined> {
  if (!POSTGRES_SERVER_URL) return undefined;
  const known = databaseOfDir.get(dataDir);
  if (known) return known;
  admin ??= postgres(POSTGRES_SERVER_URL, { max: 4, onnotice: () => {} });
  template ??= migratedTemplate(admin);
  const name = `samstrat_test_${Math.random().toString(36).slice(2, 12)}`;
  await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${await template}`);
  createdDatabases.push(name);
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  databaseOfDir.set(dataDir, url.toString());
  return url.toString();
}

let template: Promise<string> | null = null;

/**
 * The name of a database holding the schema of the current PostgreSQL migrations and nothing else,
 * made once for all test processes: copying it (CREATE DATABASE … TEMPLATE) takes a few tens of
 * milliseconds, running the migrations on every test server's new database took over a second each.
 * The name carries a hash of the migration files, so a changed migration gets a template of its own;
 * an advisory lock lets one process build it while the others wait. A server started on a copy finds
 * every migration applied, as on any database it ran on before. Old templates are left in place: other
 * checkouts on the same server may still copy theirs.
 */
async function migratedTemplate(sql: postgres.Sql): Promise<string> {
  const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'drizzle', 'postgres');
  const hash = createHash('sha256');
  for (const file of fs.readdirSync(folder, { recursive: true, encoding: 'utf8' }).sort()) {
    const full = path.join(folder, file);
    if (fs.statSync(full).isFile()) hash.update(file).update(fs.readFileSync(full));
  }
  const name = `samstrat_template_${hash.digest('hex').slice(0, 16)}`;
  // One connection for the lock: a session's advisory lock is released on the session that took it.
  const session = await sql.reserve();
  await session`SELECT pg_advisory_lock(730215)`;
  try {
    const [exists] = await session`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (!exists) {
      await session.unsafe(`CREATE DATABASE ${name}`);
      const url = new URL(POSTGRES_SERVER_URL!);
      url.pathname = `/${name}`;
      // Migrates, then closes every connection: a template must have none while it is copied.
      await (await openDatabase({ dataDir: os.tmpdir(), databaseUrl: url.toString(), poolSize: 1 })).close();
    }
  } finally {
    await session`SELECT pg_advisory_unlock(730215)`;
    session.release();
  }
  return name;
}

/**
 * The environment a child process (the server, a CLI) needs for the database of `dataDir`: always
 * names DATABASE_URL, so a child never falls back on the run's own (the server's admin database).
 */
export async function databaseEnvFor(dataDir: string): Promise<{ DATA_DIR: string; DATABASE_URL: string }> {
  return { DATA_DIR: dataDir, DATABASE_URL: (await databaseUrlFor(dataDir)) ?? '' };
}

/** A fresh, migrated database of this run's kind, for tests of the data layer itself; close it. */
export async function openTestDatabase(dataDir = tempDir()): Promise<Db> {
  return openDatabase({ dataDir, databaseUrl: await databaseUrlFor(dataDir) });
}
