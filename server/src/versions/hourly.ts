import { eq, sql } from 'drizzle-orm';
import { contentHash } from '@samstrat/shared/content-hash';
import type { Deps } from '../context';
import { strategies, yjsStates, yjsUpdates } from '../db/schema';
import { strategyContent } from '../strategies/content';
import { createVersion, latestVersion, type VersionSummary } from './versions';

export const HOUR_MS = 60 * 60 * 1000;

/** Whether the strategy's text was ever edited after it was created (any update reached the log). */
async function everEdited(deps: Deps, strategyId: string): Promise<boolean> {
  const logged = (
    await deps.db
      .select({ n: sql<number>`count(*)` })
      .from(yjsUpdates)
      .where(eq(yjsUpdates.strategyId, strategyId))
      .limit(1)
  )[0];
  if ((logged?.n ?? 0) > 0) return true;
  const state = (
    await deps.db
      .select({ lastUpdateId: yjsStates.lastUpdateId })
      .from(yjsStates)
      .where(eq(yjsStates.strategyId, strategyId))
      .limit(1)
  )[0];
  // The first state of a new strategy folds in no logged update; any later compaction does.
  return (state?.lastUpdateId ?? 0) > 0;
}

/**
 * Saves an automatic version of every strategy whose text changed and whose newest version (or,
 * without one, whose creation) is at least an hour old at `now`. "Changed" is decided by the content
 * hash, so edits that were undone make no version. `now` is the clock, passed in so tests need not
 * wait an hour.
 */
export async function runHourlyVersions(deps: Deps, now: Date = new Date()): Promise<VersionSummary[]> {
  const made: VersionSummary[] = [];
  const candidates = await deps.db.select({ id: strategies.id, createdAt: strategies.createdAt }).from(strategies);
  for (const strategy of candidates) {
    try {
      const last = await latestVersion(deps, strategy.id);
      const since = last ? new Date(last.createdAt) : strategy.createdAt;
      if (now.getTime() - since.getTime() < HOUR_MS) continue;
      const changed = last
        ? contentHash(await strategyContent(deps, strategy.id)) !== last.contentHash
        : await everEdited(deps, strategy.id);
      if (!changed) continue;
      made.push(await createVersion(deps, strategy.id, { kind: 'hourly', actorId: null, at: now }));
    } catch (err) {
      // One strategy's failure must not keep the others from their versions.
      deps.log.error({ err, strategyId: strategy.id }, 'automatic version failed');
    }
  }
  return made;
}

/**
 * Runs the hourly check every `everyMs` (a few minutes, so a version follows an hour of edits
 * closely). Returns the function that stops it.
 */
export function startHourlyVersions(deps: Deps, everyMs = 5 * 60 * 1000): () => void {
  const timer = setInterval(async () => await runHourlyVersions(deps), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
