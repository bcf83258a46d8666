import { can } from '@samstrat/shared/access';
import type { Role } from '@samstrat/shared/roles';
import type { Db, Reader } from '../db/client';
import { loadSectionTargets, loadStrategyTarget } from './load';
import { sectionFragmentName } from '../strategies/create';
import type { Rights } from '../collab/guard';
import { and, eq } from 'drizzle-orm';
import { isRole } from '@samstrat/shared/roles';
import { memberships } from '../db/schema';
import type { Grant } from '../collab/route';

/**
 * A connection's rights, computed once when it opens: the roots of the sections shared/access lets
 * the member edit now (a frozen text, or a role that never edits, leaves none: read-only).
 */
export async function connectionRights(db: Reader, strategyId: string, userId: string, role: Role): Promise<Rights> {
  return (await membersConnectionRights(db, strategyId, [{ userId, role }])).get(userId)!;
}

/**
 * `connectionRights` of several members at once: the strategy and its sections are read once, not
 * once per member (an outline change computes every member's rights before and after it).
 */
export async function membersConnectionRights(
  db: Reader,
  strategyId: string,
  members: readonly { userId: string; role: Role }[],
): Promise<Map<string, Rights>> {
  const strategy = await loadStrategyTarget(db, strategyId);
  const targets = strategy ? await loadSectionTargets(db, strategyId, strategy) : new Map<string, never>();
  const rights = new Map<string, Rights>();
  for (const actor of members) {
    const roots = new Set<string>();
    for (const [key, section] of targets) {
      if (can(actor, 'section.edit', section)) roots.add(sectionFragmentName(key));
    }
    rights.set(actor.userId, roots.size === 0 ? { kind: 'read-only' } : { kind: 'edit', roots });
  }
  return rights;
}

/**
 * A person's rights on a strategy's document with the version of them their membership holds, or
 * null when they are not a member (or there is no such strategy). Read in one transaction, so the
 * version belongs to the rights.
 */
export async function memberConnectionRights(db: Db, strategyId: string, userId: string): Promise<Grant | null> {
  return db.transaction(
    async (tx) => {
      const membership = (
        await tx
          .select({ role: memberships.role, rightsVersion: memberships.rightsVersion })
          .from(memberships)
          .where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, userId)))
          .limit(1)
      )[0];
      if (!membership || !isRole(membership.role)) return null;
      const rights = await connectionRights(tx, strategyId, userId, membership.role);
      return { rights, rightsVersion: membership.rightsVersion };
    },
    { isolation: 'repeatable read' },
  );
}
