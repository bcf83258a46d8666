import { customType as pgCustomType } from 'drizzle-orm/pg-core';
import * as pg from 'drizzle-orm/pg-core';
import * as lite from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/**
 * The column types our tables use, once per database. The tables are described once
 * (db/tables.ts) in terms of this kit; each database gets its own instance of them, and
 * drizzle-kit generates each database's migrations from its instance.
 *
 * The query code is typed against the SQLite instance: the PostgreSQL builders accept the same
 * calls (select, insert, update, delete, returning, onConflict…) and read back the same
 * JavaScript values (Date, boolean, number, string, Buffer, JSON), so one set of queries serves
 * both. What only one driver has (`.get()`, `.all()`, `.run()`, `$client`) is not used: queries
 * are awaited.
 */
export const sqliteKit = {
  dialect: 'sqlite' as 'sqlite' | 'postgres',
  table: lite.sqliteTable,
  text: (name: string) => lite.text(name),
  /** A text limited to the given values (checked by the TypeScript types, not by the database). */
  textEnum: <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
    lite.text(name, { enum: values as unknown as [T[number], ...T[number][]] }),
  integer: (name: string) => lite.integer(name),
  /** An integer key the database assigns in insertion order. */
  serial: (name: string) => lite.integer(name).primaryKey({ autoIncrement: true }),
  boolean: (name: string) => lite.integer(name, { mode: 'boolean' }),
  /** A moment, read back as a Date with millisecond precision. */
  timestamp: (name: string) => lite.integer(name, { mode: 'timestamp_ms' }),
  /** Any JSON value; the type parameter says which. */
  json: <T>(name: string) => lite.text(name, { mode: 'json' }).$type<T>(),
  /** Bytes, read back as a Buffer (Yjs states and updates). */
  bytes: (name: string) => lite.blob(name, { mode: 'buffer' }),
  /** The database's clock, as a column default for timestamps. */
  now: () => sql`(unixepoch('subsec') * 1000)`,
  index: lite.index,
  uniqueIndex: lite.uniqueIndex,
  primaryKey: lite.primaryKey,
};

export type Kit = typeof sqliteKit;

const bytea = pgCustomType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
  // postgres.js hands bytea over as a Buffer already.
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value as Uint8Array)),
  toDriver: (value) => value,
});

/**
 * The same kit for PostgreSQL. Typed as the SQLite kit on purpose (see above): the tables built
 * from it are used through the same query code.
 */
export const postgresKit = {
  dialect: 'postgres',
  table: pg.pgTable,
  text: (name: string) => pg.text(name),
  textEnum: <const T extends readonly [string, ...string[]]>(name: string, values: T) =>
    pg.text(name, { enum: values as unknown as [T[number], ...T[number][]] }),
  integer: (name: string) => pg.integer(name),
  serial: (name: string) => pg.integer(name).primaryKey().generatedAlwaysAsIdentity(),
  boolean: (name: string) => pg.boolean(name),
  timestamp: (name: string) => pg.timestamp(name, { mode: 'date', precision: 3, withTimezone: true }),
  json: <T>(name: string) => pg.jsonb(name).$type<T>(),
  bytes: (name: string) => bytea(name),
  now: () => sql`now()`,
  index: pg.index,
  uniqueIndex: pg.uniqueIndex,
  primaryKey: pg.primaryKey,
} as unknown as Kit;
