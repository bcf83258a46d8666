import { k } from './dialect';

/**
 * The audit log: who did what, when. Append-only: triggers created at start (db/client.ts) make
 * SQLite refuse every UPDATE and DELETE of a row, so no route, bug or migration can rewrite history.
 * No foreign keys on purpose: a cascade from a deleted strategy or user would have to delete rows.
 */
export const auditLog = k.table(
  'audit_log',
  {
    id: k.serial('id'),
    at: k.timestamp('at').notNull().default(k.now()),
    /** Null for events outside any strategy: logins, password changes, deactivations. */
    strategyId: k.text('strategy_id'),
    /** Who acted; null when nobody is known (a failed login for an unknown address, the system). */
    actorId: k.text('actor_id'),
    /** Whom the action concerned, when it was a person: the member whose role changed, the account deactivated. */
    subjectId: k.text('subject_id'),
    /** A dotted name such as `member.role_changed`. */
    action: k.text('action').notNull(),
    /** JSON with the particulars (never a password or a token). */
    detail: k.json<Record<string, unknown>>('detail').notNull(),
  },
  (t) => [
    k.index('audit_log_strategy_idx').on(t.strategyId, t.id),
    k.index('audit_log_subject_idx').on(t.subjectId, t.id),
    k.index('audit_log_actor_idx').on(t.actorId, t.id),
  ],
);

/** The SQL that makes the log append-only, per database; run at every start (idempotent). */
export const AUDIT_APPEND_ONLY_SQL = {
  sqlite: `
CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
  postgres: `
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$;
CREATE OR REPLACE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
`,
};
