import { and, asc, eq, ne } from 'drizzle-orm';
import type { Deps } from '../context';
import type { Reader } from '../db/client';
import { sessions, users } from '../db/schema';
import { audit, recordAudit } from '../audit';
import { AppError, notFound } from '../errors';
import { hashPassword, verifyPassword } from '../auth/password';
import { closeSessionSockets } from '../access/revocation';
import { passwordRefused } from '../auth/password-policy';

export interface Account {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  /** Allowed to create strategies ("Ny strategi"); admins may anyway. */
  createsStrategies: boolean;
  active: boolean;
  createdAt: string;
  /** What the admin asking may do with the account now, as the commands below judge it. */
  abilities: { deactivate: boolean };
}

/** The admin who asks: who they are and which organization they administer. */
type Admin = { id: string; organizationId: string };

/** Why the admin may not deactivate the account: never their own, or they would lock themselves out. */
function deactivationRefusal(admin: Admin, userId: string): 'cannot_deactivate_self' | null {
  return userId === admin.id ? 'cannot_deactivate_self' : null;
}

/**
 * The accounts of the admin's organization, by name, with what the admin may do with each.
 * Deliberately without strategies and roles: an admin is not a member of every strategy, and a role
 * label can reveal union membership.
 */
export async function listAccounts(db: Reader, admin: Admin): Promise<Account[]> {
  return (
    await db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        isAdmin: users.isAdmin,
        createsStrategies: users.createsStrategies,
        active: users.active,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.organizationId, admin.organizationId))
      .orderBy(asc(users.name))
  ).map((row) => ({
    ...row,
    createdAt: row.createdAt.toISOString(),
    abilities: { deactivate: row.active && deactivationRefusal(admin, row.id) === null },
  }));
}

async function accountOf(db: Reader, organizationId: string, userId: string) {
  const account = (
    await db
      .select({ id: users.id, active: users.active, createsStrategies: users.createsStrategies })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)))
      .limit(1)
  )[0];
  if (!account) throw notFound();
  return account;
}

/** Deactivates an account: it can no longer log in, every session ends and every socket closes (4401). */
export async function deactivateAccount(deps: Deps, admin: Admin, userId: string): Promise<void> {
  const refusal = deactivationRefusal(admin, userId);
  if (refusal) throw new AppError(refusal, 409);
  await deps.db.transaction(async (db) => {
    const account = await accountOf(db, admin.organizationId, userId);
    if (!account.active) return;
    await db.update(users).set({ active: false }).where(eq(users.id, userId));
    await db.delete(sessions).where(eq(sessions.userId, userId));
    await audit(db, { actorId: admin.id, subjectId: userId, action: 'account.deactivated' });
  });
  closeSessionSockets(deps, { userId });
}

export async function reactivateAccount(deps: Deps, admin: Admin, userId: string): Promise<void> {
  await deps.db.transaction(async (db) => {
    const account = await accountOf(db, admin.organizationId, userId);
    if (account.active) return;
    await db.update(users).set({ active: true }).where(eq(users.id, userId));
    await audit(db, { actorId: admin.id, subjectId: userId, action: 'account.reactivated' });
  });
}

/**
 * Allows an account of the admin's organization to create strategies, or no longer (audited as
 * `account.strategy_creation_changed`; nothing is written when it already is so). The account's
 * sessions read the flag on their next request. 404 for an account of another organization.
 */
export async function setStrategyCreation(
  deps: Deps,
  admin: Admin,
  userId: string,
  createsStrategies: boolean,
): Promise<void> {
  await deps.db.transaction(async (db) => {
    const account = await accountOf(db, admin.organizationId, userId);
    if (account.createsStrategies === createsStrategies) return;
    await db.update(users).set({ createsStrategies }).where(eq(users.id, userId));
    await audit(db, {
      actorId: admin.id,
      subjectId: userId,
      action: 'account.strategy_creation_changed',
      detail: { createsStrategies },
    });
  });
}

/**
 * Changes the caller's password after checking the current one. Every other session of the user
 * ends and its sockets close (4401): whoever knew the old password is out.
 */
export async function changePassword(
  deps: Deps,
  user: { id: string; organizationId: string; sessionId: string },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  // With passwords off only the break-glass admin has one to change; anyone else setting one would
  // keep a way in that the organization has closed.
  if (await passwordRefused(deps.db, user)) {
    await recordAudit(deps.db, {
      actorId: user.id,
      subjectId: user.id,
      action: 'password.change_refused',
      detail: { reason: 'passwords_off' },
    });
    throw new AppError('password_change_passwords_off', 403);
  }
  const row = (
    await deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).limit(1)
  )[0];
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, currentPassword))) {
    await recordAudit(deps.db, { actorId: user.id, subjectId: user.id, action: 'password.change_refused' });
    throw new AppError('wrong_current_password', 400);
  }
  const passwordHash = await hashPassword(newPassword);
  let ended = 0;
  await deps.db.transaction(async (db) => {
    await db.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    ended = (
      await db
        .delete(sessions)
        .where(and(eq(sessions.userId, user.id), ne(sessions.id, user.sessionId)))
        .returning({ id: sessions.id })
    ).length;
    await audit(db, {
      actorId: user.id,
      subjectId: user.id,
      action: 'password.changed',
      detail: { otherSessionsEnded: ended },
    });
  });
  closeSessionSockets(deps, { userId: user.id, exceptSessionId: user.sessionId });
}
