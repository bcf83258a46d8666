import { and, asc, eq, ne } from 'drizzle-orm';
import type { Deps } from '../context';
import type { Db } from '../db/client';
import { sessions, users } from '../db/schema';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { hashPassword, verifyPassword } from '../auth/password';
import { closeSessionSockets } from '../access/revocation';

export interface Account {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
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
export function listAccounts(db: Db, admin: Admin): Account[] {
  return db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      isAdmin: users.isAdmin,
      active: users.active,
      createdAt: users.createdAt,
    })
    .from(users)
    .where(eq(users.organizationId, admin.organizationId))
    .orderBy(asc(users.name))
    .all()
    .map((row) => ({
      ...row,
      createdAt: row.createdAt.toISOString(),
      abilities: { deactivate: row.active && deactivationRefusal(admin, row.id) === null },
    }));
}

function accountOf(db: Db, organizationId: string, userId: string) {
  const account = db
    .select({ id: users.id, active: users.active })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)))
    .get();
  if (!account) throw notFound();
  return account;
}

/** Deactivates an account: it can no longer log in, every session ends and every socket closes (4401). */
export function deactivateAccount(deps: Deps, admin: Admin, userId: string): void {
  const refusal = deactivationRefusal(admin, userId);
  if (refusal) throw new AppError(refusal, 409);
  deps.db.transaction((db) => {
    const account = accountOf(deps.db, admin.organizationId, userId);
    if (!account.active) return;
    db.update(users).set({ active: false }).where(eq(users.id, userId)).run();
    db.delete(sessions).where(eq(sessions.userId, userId)).run();
    audit(db, { actorId: admin.id, subjectId: userId, action: 'account.deactivated' });
  });
  closeSessionSockets(deps, (socket) => socket.userId === userId);
}

export function reactivateAccount(deps: Deps, admin: Admin, userId: string): void {
  deps.db.transaction((db) => {
    const account = accountOf(deps.db, admin.organizationId, userId);
    if (account.active) return;
    db.update(users).set({ active: true }).where(eq(users.id, userId)).run();
    audit(db, { actorId: admin.id, subjectId: userId, action: 'account.reactivated' });
  });
}

/**
 * Changes the caller's password after checking the current one. Every other session of the user
 * ends and its sockets close (4401): whoever knew the old password is out.
 */
export async function changePassword(
  deps: Deps,
  user: { id: string; sessionId: string },
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const row = deps.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id)).get();
  if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, currentPassword))) {
    audit(deps.db, { actorId: user.id, subjectId: user.id, action: 'password.change_refused' });
    throw new AppError('wrong_current_password', 400);
  }
  const passwordHash = await hashPassword(newPassword);
  let ended = 0;
  deps.db.transaction((db) => {
    db.update(users).set({ passwordHash }).where(eq(users.id, user.id)).run();
    ended = db
      .delete(sessions)
      .where(and(eq(sessions.userId, user.id), ne(sessions.id, user.sessionId)))
      .returning({ id: sessions.id })
      .all().length;
    audit(db, {
      actorId: user.id,
      subjectId: user.id,
      action: 'password.changed',
      detail: { otherSessionsEnded: ended },
    });
  });
  closeSessionSockets(deps, (socket) => socket.userId === user.id && socket.sessionId !== user.sessionId);
}
