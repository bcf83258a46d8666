import { and, desc, eq, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { AuditAction } from '@samstrat/shared/audit';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db, Tx, Reader } from './db/client';
import { users } from './db/schema';
import { auditLog } from './db/schema-audit';

/** One entry to write; its action is one of shared/audit's (add a new one there, with its label on the web). */
export interface AuditEntryInput {
  strategyId?: string | null;
  actorId?: string | null;
  subjectId?: string | null;
  action: AuditAction;
  /** Particulars for the reader; never a password, a token or a token's hash. */
  detail?: Record<string, unknown>;
}

/**
 * Appends one entry, in the caller's transaction, so the entry is written if and only if the
 * change is.
 */
export async function audit(db: Tx, entry: AuditEntryInput): Promise<void> {
  await db.insert(auditLog).values({
    strategyId: entry.strategyId ?? null,
    actorId: entry.actorId ?? null,
    subjectId: entry.subjectId ?? null,
    action: entry.action,
    detail: entry.detail ?? {},
  });
}

/** Records an entry on its own: for what is not a change (a refusal, a failed login, an export). */
export async function recordAudit(db: Db, entry: AuditEntryInput): Promise<void> {
  await db.transaction(async (tx) => await audit(tx, entry));
}

/** A failed login names the account it was aimed at, when there is one, so its owner's admin sees it. */
export async function auditFailedLogin(
  db: Db,
  action: 'login.failed' | 'login.throttled',
  detail: { email: string; ip: string; reason: string },
): Promise<void> {
  const subject = (await db.select({ id: users.id }).from(users).where(eq(users.email, detail.email)).limit(1))[0];
  await recordAudit(db, { action, subjectId: subject?.id ?? null, detail });
}

export interface AuditEntry {
  id: number;
  at: string;
  /** An AuditAction, unless another version of the server wrote the entry (see isAuditAction). */
  action: string;
  strategyId: string | null;
  actor: { id: string; name: string } | null;
  subject: { id: string; name: string } | null;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: number | null;
}

const actor = alias(users, 'actor');
const subject = alias(users, 'subject');

async function page(db: Reader, where: SQL | undefined, before: number | undefined, limit: number): Promise<AuditPage> {
  const rows = await db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      strategyId: auditLog.strategyId,
      detail: auditLog.detail,
      actorId: actor.id,
      actorName: actor.name,
      subjectId: subject.id,
      subjectName: subject.name,
    })
    .from(auditLog)
    .leftJoin(actor, eq(actor.id, auditLog.actorId))
    .leftJoin(subject, eq(subject.id, auditLog.subjectId))
    .where(and(where, before === undefined ? undefined : lt(auditLog.id, before)))
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const entries = rows.slice(0, limit).map((row) => ({
    id: row.id,
    at: row.at.toISOString(),
    action: row.action,
    strategyId: row.strategyId,
    actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null,
    subject: row.subjectId ? { id: row.subjectId, name: row.subjectName ?? '' } : null,
    detail: row.detail,
  }));
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
}

/** One strategy's entries, newest first. */
export async function strategyAuditPage(
  db: Reader,
  strategyId: string,
  before: number | undefined,
  limit: number,
): Promise<AuditPage> {
  return await page(db, eq(auditLog.strategyId, strategyId), before, limit);
}

/**
 * Account events (logins, password changes, deactivations) of one organization's people, newest
 * first. Strategy events stay out: their details may carry role labels, which only members see.
 */
export async function accountAuditPage(
  db: Reader,
  organizationId: string,
  before: number | undefined,
  limit: number,
): Promise<AuditPage> {
  const people = db.select({ id: users.id }).from(users).where(eq(users.organizationId, organizationId));
  return await page(
    db,
    and(isNull(auditLog.strategyId), or(inArray(auditLog.actorId, people), inArray(auditLog.subjectId, people))),
    before,
    limit,
  );
}
