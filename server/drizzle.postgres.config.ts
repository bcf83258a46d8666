import { defineConfig } from 'drizzle-kit';

// The tables are described once (server/src/db/kit.ts); this picks the PostgreSQL instance of them.
process.env.SAMSTRAT_DB_DIALECT = 'postgres';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/db/schema*.ts',
  out: './drizzle/postgres',
});
