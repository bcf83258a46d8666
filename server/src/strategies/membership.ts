import { and, eq } from 'drizzle-orm';
import { isRole, type Role } from '@samstrat/shared/roles';
import type { Db } from '../db/client';
import { memberships } from '../db/schema';

/** The caller's role in one strategy, or null when they are not a member (or the strategy does not exist). */
export function getMembership(db: Db, strategyId: string, userId: string): { role: Role } | null {
  const row = db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.strategyId, strategyId), eq(memberships.userId, userId)))
    .get();
  // A role this version does not know grants nothing rather than guessing at its rights.
  if (!row || !isRole(row.role)) return null;
  return { role: row.role };
}
