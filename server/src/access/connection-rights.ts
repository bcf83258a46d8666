import { and, eq } from 'drizzle-orm';
import { can } from '@samstrat/shared/access';
import type { Role } from '@samstrat/shared/roles';
import type { Db } from '../db/client';
import { sectionOwners, sections } from '../db/schema';
import { sectionFragmentName } from '../strategies/create';
import { textFrozen } from '../workflow/frozen';
import type { Rights } from '../collab/guard';
import { getMembership } from '../strategies/membership';

/** A connection's rights, computed once when it opens from the member's role and the outline. */
export function connectionRights(db: Db, strategyId: string, userId: string, role: Role): Rights {
  // Under approval or adopted, the text is the candidate the approvals name: nobody edits it.
  if (textFrozen(db, strategyId)) return { kind: 'read-only' };
  const outline = db.select().from(sections).where(eq(sections.strategyId, strategyId)).all();
  const owned = new Set(
    db
      .select({ key: sectionOwners.sectionKey })
      .from(sectionOwners)
      .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.userId, userId)))
      .all()
      .map((row) => row.key),
  );
  const roots = new Set(
    outline
      .filter((section) =>
        can({ userId, role }, 'section.edit', {
          restricted: section.restricted,
          ownerIds: owned.has(section.key) ? [userId] : [],
        }),
      )
      .map((section) => sectionFragmentName(section.key)),
  );
  return roots.size === 0 ? { kind: 'read-only' } : { kind: 'edit', roots };
}

/** A person's rights on a strategy's document, or null when they are not a member (or there is no such strategy). */
export function memberConnectionRights(db: Db, strategyId: string, userId: string): Rights | null {
  const membership = getMembership(db, strategyId, userId);
  return membership ? connectionRights(db, strategyId, userId, membership.role) : null;
}
