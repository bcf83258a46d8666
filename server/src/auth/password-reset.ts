import { randomUUID } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Deps } from '../context';
import { sessions, users } from '../db/schema';
import { passwordResets } from '../db/schema-mail';
import { audit } from '../audit';
import { AppError } from '../errors';
import { passwordRefused } from './password-policy';
import { closeSessionSockets } from '../access/revocation';
import { hashPassword } from './password';
import { constantTimeEqual, generateToken, hashToken } from './secrets';

/** How long a link to choose a new password works. */
export const PASSWORD_RESET_LIFETIME_MS = 60 * 60 * 1000;

/**
 * Mails a link to choose a new password to a local account (one with a password, active). Every
 * address gets the same answer, so nobody learns which addresses have accounts; only an account's
 * request is stored and audited. An account whose organization has switched passwords off (all but
 * the break-glass admin) gets a mail pointing to the municipality's sign-in instead, with the same answer. Rate limiting is the route's (per address and per IP).
 * Throws `password_reset_unavailable` (503) when this installation sends no mail.
 */
export async function requestPasswordReset(deps: Deps, email: string, ip: string, now = Date.now()): Promise<void> {
  if (!deps.mail.enabled) throw new AppError('password_reset_unavailable', 503);
  const account = (
    await deps.db
      .select({
        id: users.id,
        organizationId: users.organizationId,
        active: users.active,
        passwordHash: users.passwordHash,
      })
      .from(users)
      .where(eq(users.email, email))
      .limit(1)
  )[0];
  if (!account?.active) {
    deps.log.info({ event: 'password.reset_ignored', ip }, 'password reset asked for an address without an account');
    return;
  }
  // Passwords off: the same answer as for anyone (a different one would name the break-glass admin),
  // and a mail that tells the person to use the municipality's sign-in.
  if (await passwordRefused(deps.db, account)) {
    await deps.db.transaction(async (tx) => {
      await deps.mail.enqueue(tx, {
        kind: 'passwords_off',
        eventKey: `passwords_off:${randomUUID()}`,
        to: { userId: account.id },
        payload: {},
      });
      await audit(tx, {
        subjectId: account.id,
        action: 'password.reset_refused',
        detail: { reason: 'passwords_off', ip },
      });
    });
    return;
  }
  if (!account.passwordHash) {
    deps.log.info({ event: 'password.reset_ignored', ip }, 'password reset asked for an account without a password');
    return;
  }
  const id = randomUUID();
  const token = generateToken();
  await deps.db.transaction(async (tx) => {
    await tx.insert(passwordResets).values({
      id,
      tokenHash: hashToken(token),
      userId: account.id,
      expiresAt: new Date(now + PASSWORD_RESET_LIFETIME_MS),
    });
    await deps.mail.enqueue(tx, {
      kind: 'password_reset',
      eventKey: `password_reset:${id}`,
      to: { userId: account.id },
      payload: {},
      secret: token,
    });
    await audit(tx, { subjectId: account.id, action: 'password.reset_requested', detail: { resetId: id, ip } });
  });
}

/**
 * Sets a new password with a link's token: once (the update only matches an unused link, so of two
 * racing uses one wins), within the hour. Every session of the account ends, and every other open
 * link of it stops working. Throws `password_reset_invalid` (410) for an unknown, used or expired
 * token or an inactive account.
 */
export async function resetPassword(deps: Deps, token: string, newPassword: string, now = Date.now()): Promise<void> {
  const tokenHash = hashToken(token);
  const row = (await deps.db.select().from(passwordResets).where(eq(passwordResets.tokenHash, tokenHash)).limit(1))[0];
  if (!row || !constantTimeEqual(row.tokenHash, tokenHash) || row.usedAt || row.expiresAt.getTime() <= now) {
    throw new AppError('password_reset_invalid', 410);
  }
  const owner = (
    await deps.db
      .select({ id: users.id, organizationId: users.organizationId })
      .from(users)
      .where(eq(users.id, row.userId))
  )[0];
  if (owner && (await passwordRefused(deps.db, owner))) throw new AppError('passwords_off', 403);
  const passwordHash = await hashPassword(newPassword);
  await deps.db.transaction(async (tx) => {
    const used = await tx
      .update(passwordResets)
      .set({ usedAt: new Date(now) })
      .where(and(eq(passwordResets.id, row.id), isNull(passwordResets.usedAt)))
      .returning({ id: passwordResets.id });
    const account = (await tx.select({ active: users.active }).from(users).where(eq(users.id, row.userId)).limit(1))[0];
    if (used.length === 0 || !account?.active) throw new AppError('password_reset_invalid', 410);
    await tx
      .update(passwordResets)
      .set({ usedAt: new Date(now) })
      .where(and(eq(passwordResets.userId, row.userId), isNull(passwordResets.usedAt)));
    await tx.update(users).set({ passwordHash }).where(eq(users.id, row.userId));
    const ended = (await tx.delete(sessions).where(eq(sessions.userId, row.userId)).returning({ id: sessions.id }))
      .length;
    await audit(tx, {
      actorId: row.userId,
      subjectId: row.userId,
      action: 'password.reset',
      detail: { resetId: row.id, sessionsEnded: ended },
    });
  });
  closeSessionSockets(deps, { userId: row.userId });
}
