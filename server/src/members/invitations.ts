import { randomUUID } from 'node:crypto';
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { isRole, type Role } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import type { Db, Reader } from '../db/client';
import { memberships, organizations, strategies, users } from '../db/schema';
import { invitations } from '../db/schema-invitations';
import { takesPart } from '../strategies/participants';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { constantTimeEqual, generateToken, hashToken } from '../auth/secrets';
import { normalizeEmail } from '../accounts';
import type { Locale } from '@samstrat/shared/errors';
import type { Tx } from '../db/client';

const DAY_MS = 24 * 60 * 60 * 1000;
export const INVITATION_LIFETIME_MS = 7 * DAY_MS;

/** The page of the web app where an invitation is accepted. */
export function invitationPath(token: string): string {
  return `/invitasjon/${token}`;
}

export interface NewInvitation {
  id: string;
  /** The secret part of the link; returned once, never stored. */
  token: string;
  expiresAt: Date;
}

/**
 * Invites an e-mail address to a strategy with a role. Earlier open invitations of the same
 * address to the same strategy are withdrawn, so only the newest link works.
 *
 * E-mail: with SMTP configured the link is mailed (the outbox row is written in this transaction,
 * in the invitee's language if they have an account, else in `locale`, the inviter's); without
 * SMTP the inviter copies the link from the answer and passes it on. The mail never names the role.
 */
export async function createInvitation(
  deps: Deps,
  input: { strategyId: string; email: string; role: Role; invitedBy: string; locale?: Locale },
  now = Date.now(),
): Promise<NewInvitation> {
  const email = normalizeEmail(input.email);
  const token = generateToken();
  const invitation = { id: randomUUID(), token, expiresAt: new Date(now + INVITATION_LIFETIME_MS) };
  await deps.db.transaction(async (db) => {
    const existing = (
      await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(eq(memberships.strategyId, input.strategyId), eq(users.email, email)))
        .limit(1)
    )[0];
    if (existing) throw new AppError('already_member', 409);
    await db
      .update(invitations)
      .set({ revokedAt: new Date(now) })
      .where(
        and(
          eq(invitations.strategyId, input.strategyId),
          eq(invitations.email, email),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
        ),
      );
    await db.insert(invitations).values({
      id: invitation.id,
      tokenHash: hashToken(token),
      strategyId: input.strategyId,
      email,
      role: input.role,
      invitedBy: input.invitedBy,
      expiresAt: invitation.expiresAt,
    });
    await enqueueInvitationMail(db, deps, { ...input, email, locale: input.locale ?? 'nb' }, invitation);
    await audit(db, {
      strategyId: input.strategyId,
      actorId: input.invitedBy,
      action: 'member.invited',
      detail: { invitationId: invitation.id, email, role: input.role, expiresAt: invitation.expiresAt.toISOString() },
    });
  });
  return invitation;
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  invitedBy: string;
}

/** Invitations of a strategy that can still be accepted, oldest first. */
export async function listPendingInvitations(
  db: Reader,
  strategyId: string,
  now = Date.now(),
): Promise<PendingInvitation[]> {
  return (
    await db
      .select({
        id: invitations.id,
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
        invitedBy: users.name,
      })
      .from(invitations)
      .innerJoin(users, eq(users.id, invitations.invitedBy))
      .where(
        and(
          eq(invitations.strategyId, strategyId),
          isNull(invitations.acceptedAt),
          isNull(invitations.revokedAt),
          gt(invitations.expiresAt, new Date(now)),
        ),
      )
      .orderBy(asc(invitations.createdAt))
  ).flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role, expiresAt: row.expiresAt.toISOString() }] : []));
}

/** Withdraws an open invitation; its link stops working at once. */
export async function revokeInvitation(
  deps: Deps,
  strategyId: string,
  invitationId: string,
  actorId: string,
): Promise<void> {
  await deps.db.transaction(async (db) => {
    const revoked = (
      await db
        .update(invitations)
        .set({ revokedAt: new Date() })
        .where(
          and(
            eq(invitations.id, invitationId),
            eq(invitations.strategyId, strategyId),
            isNull(invitations.acceptedAt),
            isNull(invitations.revokedAt),
          ),
        )
        .returning({ email: invitations.email, role: invitations.role })
    )[0];
    if (!revoked) throw notFound();
    await audit(db, { strategyId, actorId, action: 'invitation.revoked', detail: { invitationId, ...revoked } });
  });
}

export interface OpenInvitation {
  id: string;
  strategyId: string;
  strategyTitle: string;
  municipality: string;
  /** The strategy's own organization's executive title, which the role's name follows (see StrategySummary). */
  executiveTitle: string;
  /** The organization a new account made from it joins: the inviter's when it takes part, else the strategy's. */
  organizationId: string;
  email: string;
  role: Role;
  expiresAt: Date;
}

/**
 * The invitation a link's token opens, if it can still be used: 404 when no invitation has this
 * token, 410 when it was used, withdrawn or has expired.
 */
export async function openInvitation(db: Pick<Db, 'select'>, token: string, now = Date.now()): Promise<OpenInvitation> {
  const tokenHash = hashToken(token);
  const row = (
    await db
      .select({
        id: invitations.id,
        tokenHash: invitations.tokenHash,
        strategyId: invitations.strategyId,
        strategyTitle: strategies.title,
        municipality: strategies.municipality,
        executiveTitle: organizations.executiveTitle,
        organizationId: strategies.organizationId,
        inviterOrganizationId: users.organizationId,
        email: invitations.email,
        role: invitations.role,
        expiresAt: invitations.expiresAt,
        acceptedAt: invitations.acceptedAt,
        revokedAt: invitations.revokedAt,
      })
      .from(invitations)
      .innerJoin(strategies, eq(strategies.id, invitations.strategyId))
      .innerJoin(organizations, eq(organizations.id, strategies.organizationId))
      .innerJoin(users, eq(users.id, invitations.invitedBy))
      .where(eq(invitations.tokenHash, tokenHash))
      .limit(1)
  )[0];
  // The lookup is by the hash, whose bytes an attacker cannot steer; comparing again in constant
  // time keeps the check honest should the lookup ever match loosely (collation, a prefix index).
  if (!row || !constantTimeEqual(row.tokenHash, tokenHash) || !isRole(row.role))
    throw new AppError('invitation_not_found', 404);
  if (row.acceptedAt) throw new AppError('invitation_used', 410);
  if (row.revokedAt || row.expiresAt.getTime() <= now) throw new AppError('invitation_expired', 410);
  const { tokenHash: _hash, acceptedAt: _accepted, revokedAt: _revoked, inviterOrganizationId, ...open } = row;
  // In a joint strategy each organization brings its own people: a new account joins the inviter's.
  const organizationId =
    inviterOrganizationId !== row.organizationId && (await takesPart(db, row.strategyId, inviterOrganizationId))
      ? inviterOrganizationId
      : row.organizationId;
  return { ...open, organizationId, role: row.role };
}

/**
 * Marks the invitation used and adds the membership, in the caller's transaction. The update only
 * matches an unused invitation, so of two acceptances racing for one link exactly one wins.
 * Someone who is already a member keeps the role they have. It needs only what it marks and grants:
 * a sign-in through the organization's provider accepts the invitations it found by their address.
 */
export async function consumeInvitation(
  db: Parameters<Parameters<Db['transaction']>[0]>[0],
  invitation: Pick<OpenInvitation, 'id' | 'strategyId' | 'email' | 'role'>,
  userId: string,
): Promise<void> {
  const used = (
    await db
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: userId })
      .where(and(eq(invitations.id, invitation.id), isNull(invitations.acceptedAt), isNull(invitations.revokedAt)))
      .returning({ id: invitations.id })
  )[0];
  if (!used) throw new AppError('invitation_used', 410);
  await db
    .insert(memberships)
    .values({ strategyId: invitation.strategyId, userId, role: invitation.role })
    .onConflictDoNothing();
  await audit(db, {
    strategyId: invitation.strategyId,
    actorId: userId,
    subjectId: userId,
    action: 'invitation.accepted',
    detail: { invitationId: invitation.id, email: invitation.email, role: invitation.role },
  });
}

/** The invitation's mail, keyed by the invitation: to the address, with the token as the row's secret. */
async function enqueueInvitationMail(
  tx: Tx,
  deps: Deps,
  input: { strategyId: string; email: string; invitedBy: string; locale: Locale },
  invitation: NewInvitation,
): Promise<void> {
  if (!deps.mail.enabled) return;
  const strategy = (
    await tx
      .select({ title: strategies.title, municipality: strategies.municipality })
      .from(strategies)
      .where(eq(strategies.id, input.strategyId))
      .limit(1)
  )[0];
  const inviter = (await tx.select({ name: users.name }).from(users).where(eq(users.id, input.invitedBy)).limit(1))[0];
  if (!strategy || !inviter) return;
  const account = (await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1))[0];
  await deps.mail.enqueue(tx, {
    kind: 'invitation',
    eventKey: `invitation:${invitation.id}`,
    to: account ? { userId: account.id } : { address: input.email, locale: input.locale },
    payload: {
      strategyTitle: strategy.title,
      municipality: strategy.municipality,
      inviterName: inviter.name,
      email: input.email,
      expiresAt: invitation.expiresAt.toISOString(),
    },
    secret: invitation.token,
  });
}
