import { can } from '@samstrat/shared/access';
import type { Role } from '@samstrat/shared/roles';
import type { Db, Reader } from '../db/client';
import { loadSectionTargets, loadStrategyTarget } from './load';
import { sectionFragmentName } from '../strategies/create';
import type { Rights } from '../collab/guard';
import { getMembership } from '../strategies/membership';

/**
 * A connection's rights, computed once when it opens: the roots of the sections shared/access lets
 * the member edit now (a frozen text, or a role that never edits, leaves none: read-only).
 */
export async function connectionRights(db: Reader, strategyId: string, userId: string, role: Role): Promise<Rights> {
  const strategy = await loadStrategyTarget(db, strategyId);
  if (!strategy) return { kind: 'read-only' };
  const actor = { userId, role };
  const roots = new Set<string>();
  for (const [key, section] of await loadSectionTargets(db, strategyId, strategy)) {
    if (can(actor, 'section.edit', section)) roots.add(sectionFragmentName(key));
  }
  return roots.size === 0 ? { kind: 'read-only' } : { kind: 'edit', roots };
}

/** A person's rights on a strategy's document, or null when they are not a member (or there is no such strategy). */
export async function memberConnectionRights(db: Reader, strategyId: string, userId: string): Promise<Rights | null> {
  const membership = await getMembership(db, strategyId, userId);
  return membership ? await connectionRights(db, strategyId, userId, membership.role) : null;
}
