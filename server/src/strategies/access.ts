import { eq } from 'drizzle-orm';
import { can, type Action, type Actor, type SectionTarget } from '@samstrat/shared/access';
import type { SessionUser } from '../context';
import type { Db } from '../db/client';
import { strategies } from '../db/schema';
import { forbidden, notFound } from '../errors';
import { getMembership } from './membership';

/**
 * The caller as the rules of shared/access see them for one strategy, or null when the strategy
 * does not exist. An organization admin counts as such only for their own organization's strategies.
 */
export function strategyActor(db: Db, strategyId: string, user: SessionUser): Actor | null {
  const strategy = db
    .select({ organizationId: strategies.organizationId })
    .from(strategies)
    .where(eq(strategies.id, strategyId))
    .get();
  if (!strategy) return null;
  return {
    userId: user.id,
    role: getMembership(db, strategyId, user.id)?.role ?? null,
    orgAdmin: user.isAdmin && user.organizationId === strategy.organizationId,
  };
}

/**
 * The one authorization step of every strategy route: returns the actor when `can` allows the
 * action; otherwise 403 for a member (they know the strategy exists) and 404 for anyone else, so
 * strategy ids cannot be probed. The authorization matrix test derives its expectations from this rule.
 */
export function authorize(
  db: Db,
  user: SessionUser,
  strategyId: string,
  action: Action,
  target?: SectionTarget,
): Actor {
  const actor = strategyActor(db, strategyId, user);
  if (!actor) throw notFound();
  if (can(actor, action, target)) return actor;
  throw actor.role ? forbidden() : notFound();
}
