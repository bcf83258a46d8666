import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The audit log: who did what, when. Append-only: triggers created at start (db/client.ts) make
 * SQLite refuse every UPDATE and DELETE of a row, so no route, bug or migration can rewrite history.
 * No foreign keys on purpose: a cascade from a deleted strategy or user would have to delete rows.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    /** Null for events outside any strategy: logins, password changes, deactivations. */
    strategyId: text('strategy_id'),
    /** Who acted; null when nobody is known (a failed login for an unknown address, the system). */
    actorId: text('actor_id'),
    /** Whom the action concerned, when it was a person: the member whose role changed, the account deactivated. */
    subjectId: text('subject_id'),
    /** A dotted name such as `member.role_changed`. */
    action: text('action').notNull(),
    /** JSON with the particulars (never a password or a token). */
    detail: text('detail', { mode: 'json' }).notNull().$type<Record<string, unknown>>(),
  },
  (t) => [
    index('audit_log_strategy_idx').on(t.strategyId, t.id),
    index('audit_log_subject_idx').on(t.subjectId, t.id),
    index('audit_log_actor_idx').on(t.actorId, t.id),
  ],
);

/** The SQL that makes the log append-only; run at every start (idempotent). */
export const AUDIT_APPEND_ONLY_SQL = `
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`;
