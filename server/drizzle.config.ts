import { defineConfig } from 'drizzle-kit';

// The tables are described once (server/src/db/kit.ts); this picks the SQLite instance of them.
process.env.SAMSTRAT_DB_DIALECT = 'sqlite';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/src/db/schema*.ts',
  out: './drizzle/sqlite',
});
