import { and, asc, eq } from 'drizzle-orm';
import { roleMay } from '@samstrat/shared/access';
import { isRole, type Role } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import type { Db } from '../db/client';
import { memberships, sectionOwners, users } from '../db/schema';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { changingRights } from '../access/revocation';
import { memberRole } from '../access/load';

/** The database or an open transaction: the queries below run in both. */
type Reader = Pick<Db, 'select'>;

export interface Member {
  userId: string;
  name: string;
  email: string;
  /** Shown only to members of the same strategy (the route checks `member.read`, which implies `role.see`). */
  role: Role;
  active: boolean;
  ownedSections: string[];
}

/** The strategy's members, by name, with the sections each owns. */
export async function listMembers(db: Reader, strategyId: string): Promise<Member[]> {
  const owned = new Map<string, string[]>();
  for (const { userId, sectionKey } of await db
    .select({ userId: sectionOwners.userId, sectionKey: sectionOwners.sectionKey })
    .from(sectionOwners)
    .where(eq(sectionOwners.strategyId, strategyId))) {
    owned.set(userId, [...(owned.get(userId) ?? []), sectionKey]);
  }
  return (
    await db
      .select({ userId: users.id, name: users.name, email: users.email, role: memberships.role, active: users.active })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.strategyId, strategyId))
      .orderBy(asc(users.name))
  ).flatMap((row) =>
    isRole(row.role) ? [{ ...row, role: row.role, ownedSections: owned.get(row.userId) ?? [] }] : [],
  );
}

async function otherLeaders(db: Reader, strategyId: string, userId: string): Promise<number> {
  return (
    await db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.strategyId, strategyId), eq(memberships.role, 'leader')))
  ).filter((row) => row.userId !== userId).length;
}

/**
 * Gives a member another role. Sections they own stay theirs only if the new role may edit;
 * their open sockets close so they reconnect with the new rights.
 */
export async function changeRole(
  deps: Deps,
  strategyId: string,
  actorId: string,
  userId: string,
  role: Role,
): Promise<Member> {
  const current = await memberRole(deps.db, strategyId, userId);
  if (!current) throw notFound();
  // Nothing changes, so nobody's page needs to reload.
  if (current === role) return (await listMembers(deps.db, strategyId)).find((member) => member.userId === userId)!;
  await changingRights(
    deps,
    strategyId,
    async (db) => {
      const from = await memberRole(db, strategyId, userId);
      if (!from) throw notFound();
      if (from === role) return;
      if (from === 'leader' && (await otherLeaders(db, strategyId, userId)) === 0)
        throw new AppError('last_leader', 409);
      await db
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, userId)));
      let droppedSections: string[] = [];
      if (!roleMay(role, 'section.edit')) {
        droppedSections = (
          await db
            .delete(sectionOwners)
            .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.userId, userId)))
            .returning({ key: sectionOwners.sectionKey })
        ).map((row) => row.key);
      }
      await audit(db, {
        strategyId,
        actorId,
        subjectId: userId,
        action: 'member.role_changed',
        detail: { from, to: role, droppedSections },
      });
    },
    [userId],
  );
  return (await listMembers(deps.db, strategyId)).find((member) => member.userId === userId)!;
}

/** Removes a member and their section ownerships; their sockets close and their next request gets 404. */
export async function removeMember(deps: Deps, strategyId: string, actorId: string, userId: string): Promise<void> {
  await changingRights(deps, strategyId, async (db) => {
    const role = await memberRole(db, strategyId, userId);
    if (!role) throw notFound();
    if (role === 'leader' && (await otherLeaders(db, strategyId, userId)) === 0) throw new AppError('last_leader', 409);
    await db.delete(memberships).where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, userId)));
    const droppedSections = (
      await db
        .delete(sectionOwners)
        .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.userId, userId)))
        .returning({ key: sectionOwners.sectionKey })
    ).map((row) => row.key);
    await audit(db, {
      strategyId,
      actorId,
      subjectId: userId,
      action: 'member.removed',
      detail: { role, droppedSections },
    });
  });
}
