import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Db, Reader, Tx } from '../../db/client';
import { organizations, strategies, users } from '../../db/schema';
import { invitations } from '../../db/schema-invitations';
import { identities, ssoAccountRequests } from '../../db/schema-sso';
import { audit } from '../../audit';
import { insertUser } from '../../accounts';
import { consumeInvitation } from '../../members/invitations';
import { isRole } from '@samstrat/shared/roles';
import type { OidcProviderConfig } from './providers';
import type { VerifiedPerson } from './sign-in';

/** Who a checked sign-in turned out to be. */
export type SsoAccountOutcome =
  | { kind: 'signed_in'; userId: string; email: string; name: string; isAdmin: boolean; organizationId: string }
  | { kind: 'inactive'; userId: string }
  | { kind: 'pending'; requestId: string };

/**
 * The organization environment-configured providers belong to: the instance's first (an instance
 * serves one municipality; create-admin and demo make exactly one).
 */
export async function ssoOrganizationId(db: Reader): Promise<string | null> {
  const row = (
    await db.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.createdAt)).limit(1)
  )[0];
  return row?.id ?? null;
}

/**
 * An address for an account whose e-mail the provider did not vouch for: `.invalid` (RFC 2606) never
 * receives mail, and no later sign-in that vouches for a real address can be linked to it.
 */
export function placeholderEmail(providerId: string): string {
  return `${randomUUID()}@${providerId}.sso.invalid`;
}

/**
 * Finds or makes the account of a checked sign-in, in the caller's transaction, with its audit
 * entries (issue 15):
 * 1. a known (issuer, subject) is that account;
 * 2. else an address the provider vouches for (see vouchedEmail) is linked to the account with that
 *    address in our organization, or to the open invitations to it (a new account accepts them);
 * 3. else the provider's NEW_ACCOUNTS decides: `create` an account (with a placeholder address when
 *    the given one is not vouched for), or `approve`: a request waits for an administrator.
 */
export async function resolveSsoAccount(
  tx: Tx,
  provider: OidcProviderConfig,
  organizationId: string,
  person: VerifiedPerson,
  now = new Date(),
): Promise<SsoAccountOutcome> {
  const detail = { provider: provider.id, issuer: person.issuer, subject: person.subject };
  const known = (
    await tx
      .select({ identityId: identities.id, user: users })
      .from(identities)
      .innerJoin(users, eq(users.id, identities.userId))
      .where(and(eq(identities.issuer, person.issuer), eq(identities.subject, person.subject)))
      .limit(1)
  )[0];
  if (known) {
    if (!known.user.active) return { kind: 'inactive', userId: known.user.id };
    await tx.update(identities).set({ lastLoginAt: now }).where(eq(identities.id, known.identityId));
    return signedIn(await syncMappedRights(tx, provider, known.user, person));
  }

  const vouched = person.emailVouched ? person.email : undefined;
  if (vouched) {
    const account = (
      await tx
        .select()
        .from(users)
        .where(and(eq(users.email, vouched), eq(users.organizationId, organizationId)))
        .limit(1)
    )[0];
    if (account) {
      if (!account.active) return { kind: 'inactive', userId: account.id };
      await linkIdentity(tx, provider, account.id, person, now);
      await audit(tx, { actorId: account.id, subjectId: account.id, action: 'sso.account_linked', detail });
      return signedIn(await syncMappedRights(tx, provider, account, person));
    }
    const open = await openInvitationsFor(tx, organizationId, vouched, now);
    if (open.length) {
      const user = await createAccount(tx, provider, organizationId, person, vouched, 'invitation', now);
      for (const invitation of open) await consumeInvitation(tx, invitation, user.id);
      return signedIn(user);
    }
  }

  if (provider.newAccounts === 'create') {
    const user = await createAccount(tx, provider, organizationId, person, vouched, 'provider', now);
    return signedIn(user);
  }

  const existing = (
    await tx
      .select({ id: ssoAccountRequests.id })
      .from(ssoAccountRequests)
      .where(and(eq(ssoAccountRequests.issuer, person.issuer), eq(ssoAccountRequests.subject, person.subject)))
      .limit(1)
  )[0];
  if (existing) return { kind: 'pending', requestId: existing.id };
  const requestId = randomUUID();
  await tx.insert(ssoAccountRequests).values({
    id: requestId,
    organizationId,
    providerId: provider.id,
    issuer: person.issuer,
    subject: person.subject,
    email: vouched ?? null,
    name: person.name ?? person.email ?? provider.label,
    isAdmin: person.admin,
  });
  await audit(tx, { action: 'sso.account_requested', detail: { ...detail, requestId } });
  return { kind: 'pending', requestId };
}

/**
 * Sets the right to create strategies from the provider's role mapping (STRATEGY_ROLES) at a sign-in
 * of an existing account: granted or withdrawn as the token says, each change audited. With the groups
 * overflowed and no app role matching, the token cannot say (Graph is not asked): the right stays and
 * the sign-in is audited as `sso.groups_overage`, so the admin sees why it did not follow the groups.
 */
async function syncMappedRights(
  tx: Tx,
  provider: OidcProviderConfig,
  user: typeof users.$inferSelect,
  person: VerifiedPerson,
): Promise<typeof users.$inferSelect> {
  if (provider.strategyRoles.length === 0) return user;
  if (person.createsStrategies === null) {
    await audit(tx, {
      actorId: user.id,
      subjectId: user.id,
      action: 'sso.groups_overage',
      detail: { provider: provider.id, createsStrategies: user.createsStrategies, kept: true },
    });
    return user;
  }
  if (person.createsStrategies === user.createsStrategies) return user;
  await tx.update(users).set({ createsStrategies: person.createsStrategies }).where(eq(users.id, user.id));
  await audit(tx, {
    actorId: user.id,
    subjectId: user.id,
    action: person.createsStrategies ? 'sso.right_granted' : 'sso.right_withdrawn',
    detail: { provider: provider.id, right: 'creates_strategies' },
  });
  return { ...user, createsStrategies: person.createsStrategies };
}

function signedIn(user: typeof users.$inferSelect): SsoAccountOutcome {
  const { id, email, name, isAdmin, organizationId } = user;
  return { kind: 'signed_in', userId: id, email, name, isAdmin, organizationId };
}

async function linkIdentity(
  tx: Tx,
  provider: OidcProviderConfig,
  userId: string,
  person: Pick<VerifiedPerson, 'issuer' | 'subject'>,
  now: Date,
): Promise<void> {
  await tx.insert(identities).values({
    id: randomUUID(),
    userId,
    providerId: provider.id,
    issuer: person.issuer,
    subject: person.subject,
    lastLoginAt: now,
  });
}

async function createAccount(
  tx: Tx,
  provider: OidcProviderConfig,
  organizationId: string,
  person: VerifiedPerson,
  vouchedEmail: string | undefined,
  via: 'invitation' | 'provider',
  now: Date,
) {
  const email = vouchedEmail ?? placeholderEmail(provider.id);
  const name = person.name ?? vouchedEmail ?? provider.label;
  const id = await insertUser(tx, {
    organizationId,
    email,
    name,
    passwordHash: null,
    isAdmin: person.admin,
    createsStrategies: person.createsStrategies ?? false,
  });
  await linkIdentity(tx, provider, id, person, now);
  await audit(tx, {
    actorId: id,
    subjectId: id,
    action: 'sso.account_created',
    detail: {
      provider: provider.id,
      via,
      admin: person.admin,
      createsStrategies: person.createsStrategies ?? false,
      groupsOverage: person.groupsOverage,
    },
  });
  return (await tx.select().from(users).where(eq(users.id, id)).limit(1))[0]!;
}

async function openInvitationsFor(tx: Tx, organizationId: string, email: string, now: Date) {
  const rows = await tx
    .select({
      id: invitations.id,
      strategyId: invitations.strategyId,
      strategyTitle: strategies.title,
      municipality: strategies.municipality,
      organizationId: strategies.organizationId,
      email: invitations.email,
      role: invitations.role,
      expiresAt: invitations.expiresAt,
    })
    .from(invitations)
    .innerJoin(strategies, eq(strategies.id, invitations.strategyId))
    .where(
      and(
        eq(invitations.email, email),
        eq(strategies.organizationId, organizationId),
        isNull(invitations.acceptedAt),
        isNull(invitations.revokedAt),
        gt(invitations.expiresAt, now),
      ),
    );
  return rows.flatMap((row) => (isRole(row.role) ? [{ ...row, role: row.role }] : []));
}

/** A request waiting for approval, as the administrator's list shows it. */
export interface SsoAccountRequestView {
  id: string;
  providerId: string;
  /** The provider's name as the sign-in button says it (its id when no longer configured). */
  providerLabel: string;
  name: string;
  /** Only an address the provider vouched for; null otherwise. */
  email: string | null;
  createdAt: string;
}

/** The requests of an organization, oldest first; `providers` give their labels. */
export async function listSsoAccountRequests(
  db: Reader,
  organizationId: string,
  providers: readonly Pick<OidcProviderConfig, 'id' | 'label'>[],
): Promise<SsoAccountRequestView[]> {
  const rows = await db
    .select()
    .from(ssoAccountRequests)
    .where(eq(ssoAccountRequests.organizationId, organizationId))
    .orderBy(asc(ssoAccountRequests.createdAt));
  return rows.map((r) => ({
    id: r.id,
    providerId: r.providerId,
    providerLabel: providers.find((p) => p.id === r.providerId)?.label ?? r.providerId,
    name: r.name,
    email: r.email,
    createdAt: r.createdAt.toISOString(),
  }));
}

/**
 * An administrator's decision on a request: `approve` creates the account (with the vouched
 * address, or a placeholder when none was vouched or the address is taken) and links the identity;
 * `reject` drops the request (the person may sign in again and ask anew). Returns false when the
 * request is not in the admin's organization (or already decided).
 */
export async function decideSsoAccountRequest(
  db: Db,
  admin: { id: string; organizationId: string },
  requestId: string,
  decision: 'approve' | 'reject',
): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const request = (
      await tx
        .delete(ssoAccountRequests)
        .where(and(eq(ssoAccountRequests.id, requestId), eq(ssoAccountRequests.organizationId, admin.organizationId)))
        .returning()
    )[0];
    if (!request) return false;
    const detail = { provider: request.providerId, issuer: request.issuer, subject: request.subject, requestId };
    if (decision === 'reject') {
      await audit(tx, { actorId: admin.id, action: 'sso.account_rejected', detail });
      return true;
    }
    const taken =
      request.email &&
      (await tx.select({ id: users.id }).from(users).where(eq(users.email, request.email)).limit(1))[0];
    const email = request.email && !taken ? request.email : placeholderEmail(request.providerId);
    const id = await insertUser(tx, {
      organizationId: request.organizationId,
      email,
      name: request.name,
      passwordHash: null,
      isAdmin: request.isAdmin,
    });
    await tx.insert(identities).values({
      id: randomUUID(),
      userId: id,
      providerId: request.providerId,
      issuer: request.issuer,
      subject: request.subject,
    });
    await audit(tx, { actorId: admin.id, subjectId: id, action: 'sso.account_approved', detail });
    return true;
  });
}
