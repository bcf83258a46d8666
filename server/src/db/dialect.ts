import { postgresKit, sqliteKit, type Kit } from './kit';

export type Dialect = 'sqlite' | 'postgres';

/** The database a DATABASE_URL names: PostgreSQL for postgres:// URLs, otherwise the embedded SQLite. */
export function dialectOf(databaseUrl: string | undefined): Dialect {
  return databaseUrl && /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
}

/**
 * The database this process runs on, decided once when the schema is first imported: from
 * SAMSTRAT_DB_DIALECT when set (drizzle-kit's configs set it to generate each database's
 * migrations), else from DATABASE_URL as the configuration reads it. One process, one database.
 */
export const activeDialect: Dialect =
  (process.env.SAMSTRAT_DB_DIALECT as Dialect | undefined) ?? dialectOf(process.env.DATABASE_URL);

/** The column kit of the active database; every table is built from it. */
export const k: Kit = activeDialect === 'postgres' ? postgresKit : sqliteKit;
