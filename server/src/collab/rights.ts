import { can } from '@samstrat/shared/access';
import type { Role } from '@samstrat/shared/roles';
import type { Db } from '../db/client';
import { loadSectionTargets, loadStrategyTarget } from '../access/load';
import { sectionFragmentName } from '../strategies/create';
import type { Rights } from './guard';

/**
 * A connection's rights, computed once when it opens: the roots of the sections shared/access lets
 * the member edit now (a frozen text, or a role that never edits, leaves none: read-only).
 */
export function connectionRights(db: Db, strategyId: string, userId: string, role: Role): Rights {
  const strategy = loadStrategyTarget(db, strategyId);
  if (!strategy) return { kind: 'read-only' };
  const actor = { userId, role };
  const roots = new Set<string>();
  for (const [key, section] of loadSectionTargets(db, strategyId, strategy)) {
    if (can(actor, 'section.edit', section)) roots.add(sectionFragmentName(key));
  }
  return roots.size === 0 ? { kind: 'read-only' } : { kind: 'edit', roots };
}
