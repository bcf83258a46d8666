import { defineConfig } from 'drizzle-kit';

// The tables are described once (server/src/db/kit.ts); this picks the SQLite instance of them.
process.env.SAMSTRAT_DB_DIALECT = 'sqlite';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/src/db/schema*.ts',
  // scripts/check-migrations.mjs generates into a copy to compare.
  out: process.env.SAMSTRAT_MIGRATIONS_OUT ?? './drizzle/sqlite',
});
