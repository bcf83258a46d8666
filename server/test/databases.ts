import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll } from 'vitest';
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

// Registered at import, before any afterAll of the test file itself: hooks after the tests run in
// reverse order, so this runs last, once the file's servers are closed. Under Playwright (an E2E
// spec starting a server process) there is no vitest suite, and only SQLite folders to leave.
if (process.env.VITEST) afterAll(removeTestDatabases);

async function removeTestDatabases(): Promise<void> {
  for (const dir of createdDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  if (!admin) return;
  // FORCE ends the connections a server that failed to close may still hold.
  for (const name of createdDatabases.splice(0)) await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
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
  admin ??= postgres(POSTGRES_SERVER_URL, { max: 1, onnotice: () => {} });
  const name = `samstrat_test_${Math.random().toString(36).slice(2, 12)}`;
  await admin.unsafe(`CREATE DATABASE ${name}`);
  createdDatabases.push(name);
  const url = new URL(POSTGRES_SERVER_URL);
  url.pathname = `/${name}`;
  databaseOfDir.set(dataDir, url.toString());
  return url.toString();
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
