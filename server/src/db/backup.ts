import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** The SQLite file of a data directory. */
export function sqliteFile(dataDir: string): string {
  return path.join(dataDir, 'samstrat.sqlite');
}

/**
 * Copies the SQLite database to `target` while the server runs: SQLite's online backup, which
 * takes a consistent snapshot page by page without stopping writers (better-sqlite3's `backup`).
 * Throws when the data directory has no database.
 */
export async function backupSqlite(dataDir: string, target: string): Promise<void> {
  const source = sqliteFile(dataDir);
  if (!fs.existsSync(source)) throw new Error(`There is no database at ${source}.`);
  fs.mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place as the data directory's database. The server must be stopped: the
 * current file and its write-ahead log are replaced. Checks first that the backup is a readable
 * SQLite database that passes its integrity check.
 */
export function restoreSqlite(backup: string, dataDir: string): void {
  const check = new Database(backup, { readonly: true, fileMustExist: true });
  try {
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`The backup ${backup} fails SQLite's integrity check: ${String(result)}`);
  } finally {
    check.close();
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const target = sqliteFile(dataDir);
  for (const leftover of [`${target}-wal`, `${target}-shm`]) fs.rmSync(leftover, { force: true });
  fs.copyFileSync(backup, target);
}
