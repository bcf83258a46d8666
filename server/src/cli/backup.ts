/**
 * `npm run backup -- <file>`: an online backup of the SQLite database in DATA_DIR, safe while the
 * server runs. `npm run restore -- <file>`: puts a backup back (stop the server first).
 * On PostgreSQL use pg_dump and pg_restore instead (README, "Backup and restore").
 */
import { loadConfig } from '../config';
import { backupSqlite, restoreSqlite } from '../db/backup';

const [command, file] = process.argv.slice(2);
const config = loadConfig();
if (config.DATABASE_URL) {
  console.error('DATABASE_URL names PostgreSQL: back it up with pg_dump (see the README).');
  process.exit(2);
}
if (!file || (command !== 'backup' && command !== 'restore')) {
  console.error('Usage: npm run backup -- <file>   or   npm run restore -- <file>');
  process.exit(2);
}
try {
  if (command === 'backup') {
    await backupSqlite(config.DATA_DIR, file);
    console.log(`Backed up ${config.DATA_DIR} to ${file}.`);
  } else {
    restoreSqlite(file, config.DATA_DIR);
    console.log(`Restored ${file} into ${config.DATA_DIR}. Start the server again.`);
  }
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
