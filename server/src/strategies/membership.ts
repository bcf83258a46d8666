import type { Role } from '@samstrat/shared/roles';
import type { Reader } from '../db/client';
import { memberRole } from '../access/load';

/** The caller's role in one strategy, or null when they are not a member (or the strategy does not exist). */
export async function getMembership(db: Reader, strategyId: string, userId: string): Promise<{ role: Role } | null> {
  const role = await memberRole(db, strategyId, userId);
  return role ? { role } : null;
}
