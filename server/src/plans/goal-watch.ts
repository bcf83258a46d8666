import { eq } from 'drizzle-orm';
import { canonicalJson } from '@samstrat/shared/action-plans';
import type { Deps } from '../context';
import { actionPlans } from '../db/schema-plans';
import { liveGoals } from './goals';

/** How soon after a saved change of the text the plan's goals are compared: at most once per this, per strategy. */
export const GOAL_WATCH_DELAY_MS = 250;

/**
 * Tells open plan pages when the goals of the text changed (a goal reworded, added, deleted or
 * restored), so they show the new words or the "uten mål" flag within a second. The plan stores
 * only goal ids; this compares the goals as the text has them now with what this process saw last,
 * and publishes `plan.goalsChanged` when they differ. Strategies without a plan are skipped.
 * Answers the check to run after saves (see `startReanchoring`'s scheduler in server.ts).
 */
export function goalWatch(): (deps: Deps, strategyId: string) => Promise<void> {
  const seen = new Map<string, string>();
  return async (deps, strategyId) => {
    const [plan] = await deps.db
      .select({ id: actionPlans.id })
      .from(actionPlans)
      .where(eq(actionPlans.strategyId, strategyId))
      .limit(1);
    if (!plan) return;
    const goals = canonicalJson((await liveGoals(deps, strategyId)).map((g) => [g.goalId, g.kind, g.text]));
    if (seen.get(strategyId) === goals) return;
    seen.set(strategyId, goals);
    await deps.events.publish(strategyId, { type: 'plan.goalsChanged' });
  };
}
