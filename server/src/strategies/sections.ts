import { and, asc, eq, inArray } from 'drizzle-orm';
import { roleMay } from '@samstrat/shared/access';
import { isRole } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import { memberships, sectionOwners, sections, users } from '../db/schema';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { changingRights } from '../access/revocation';

export interface SectionChange {
  restricted?: boolean;
  ownerIds?: string[];
}

export interface SectionAccess {
  key: string;
  restricted: boolean;
  owners: { id: string; name: string }[];
}

/**
 * Marks a section restricted or open and sets its owners, in one transaction with the audit
 * entries; then closes the sockets of the members whose edit rights changed, so they reconnect
 * with the new ones. Owners must be members whose role may edit: owning grants no other rights.
 */
export async function updateSection(
  deps: Deps,
  strategyId: string,
  key: string,
  actorId: string,
  change: SectionChange,
): Promise<SectionAccess> {
  await changingRights(deps, strategyId, async (db) => {
    const section = (
      await db
        .select({ restricted: sections.restricted })
        .from(sections)
        .where(and(eq(sections.strategyId, strategyId), eq(sections.key, key)))
        .limit(1)
    )[0];
    if (!section) throw notFound();

    if (change.restricted !== undefined && change.restricted !== section.restricted) {
      await db
        .update(sections)
        .set({ restricted: change.restricted })
        .where(and(eq(sections.strategyId, strategyId), eq(sections.key, key)));
      await audit(db, {
        strategyId,
        actorId,
        action: 'section.restriction_changed',
        detail: { section: key, restricted: change.restricted },
      });
    }

    if (change.ownerIds !== undefined) {
      const wanted = [...new Set(change.ownerIds)];
      const editors = (
        await db
          .select({ userId: memberships.userId, role: memberships.role })
          .from(memberships)
          .where(
            and(eq(memberships.strategyId, strategyId), inArray(memberships.userId, wanted.length ? wanted : [''])),
          )
      ).filter((m) => isRole(m.role) && roleMay(m.role, 'section.edit'));
      if (editors.length !== wanted.length) throw new AppError('invalid_owner', 400);

      const current = (
        await db
          .select({ userId: sectionOwners.userId })
          .from(sectionOwners)
          .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.sectionKey, key)))
      ).map((row) => row.userId);
      const added = wanted.filter((id) => !current.includes(id));
      const removed = current.filter((id) => !wanted.includes(id));
      if (removed.length > 0) {
        await db
          .delete(sectionOwners)
          .where(
            and(
              eq(sectionOwners.strategyId, strategyId),
              eq(sectionOwners.sectionKey, key),
              inArray(sectionOwners.userId, removed),
            ),
          );
      }
      for (const userId of added) await db.insert(sectionOwners).values({ strategyId, sectionKey: key, userId });
      if (added.length > 0 || removed.length > 0) {
        await audit(db, {
          strategyId,
          actorId,
          action: 'section.owners_changed',
          detail: { section: key, added, removed },
        });
      }
    }
  });
  return await sectionAccess(deps, strategyId, key);
}

async function sectionAccess(deps: Deps, strategyId: string, key: string): Promise<SectionAccess> {
  const section = (
    await deps.db
      .select({ restricted: sections.restricted })
      .from(sections)
      .where(and(eq(sections.strategyId, strategyId), eq(sections.key, key)))
      .limit(1)
  )[0];
  const owners = await deps.db
    .select({ id: users.id, name: users.name })
    .from(sectionOwners)
    .innerJoin(users, eq(users.id, sectionOwners.userId))
    .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.sectionKey, key)))
    .orderBy(asc(users.name));
  return { key, restricted: section?.restricted ?? false, owners };
}
