import { contentHash } from '@samstrat/shared/content-hash';
import type { Deps } from '../context';
import type { Reader } from '../db/client';
import { strategies } from '../db/schema';
import { strategyContent } from '../strategies/content';
import { createVersionIn, latestVersion, type VersionSummary } from './versions';

export const HOUR_MS = 60 * 60 * 1000;

/**
 * Saves an automatic version of every strategy whose text changed and whose newest version (or,
 * without one, whose creation) is at least an hour old at `now`. "Changed" is decided by the content
 * hash, so edits that were undone make no version; without any version, by whether any edit was ever
 * logged. `now` is the clock, passed in so tests need not wait an hour. With several processes, each
 * strategy is decided by one of them at a time (a lock in its transaction), and again inside it.
 */
export async function runHourlyVersions(deps: Deps, now: Date = new Date()): Promise<VersionSummary[]> {
  const made: VersionSummary[] = [];
  const candidates = await deps.db.select({ id: strategies.id, createdAt: strategies.createdAt }).from(strategies);
  for (const strategy of candidates) {
    try {
      if (!(await due(deps, deps.db, strategy, now))) continue;
      const version = await deps.db.transaction(async (tx) => {
        if (!(await tx.tryLock(`samstrat.hourly:${strategy.id}`))) return null;
        if (!(await due(deps, tx, strategy, now))) return null;
        const made = await createVersionIn(deps, tx, strategy.id, { kind: 'hourly', actorId: null, at: now });
        await deps.events.publishIn(tx, strategy.id, { type: 'versions.changed', versionId: made.id });
        return made;
      });
      if (!version) continue;
      made.push(version);
    } catch (err) {
      // One strategy's failure must not keep the others from their versions.
      deps.log.error({ err, strategyId: strategy.id }, 'automatic version failed');
    }
  }
  return made;
}

async function due(deps: Deps, db: Reader, strategy: { id: string; createdAt: Date }, now: Date): Promise<boolean> {
  const last = await latestVersion(db, strategy.id);
  const since = last ? new Date(last.createdAt) : strategy.createdAt;
  if (now.getTime() - since.getTime() < HOUR_MS) return false;
  if (!last) return (await deps.rooms.store.head(strategy.id)) > 0;
  return contentHash(await strategyContent(deps, strategy.id)) !== last.contentHash;
}

/**
 * Runs the hourly check every `everyMs` (a few minutes, so a version follows an hour of edits
 * closely). Returns the function that stops it.
 */
export function startHourlyVersions(deps: Deps, everyMs = 5 * 60 * 1000): () => void {
  const run = () => runHourlyVersions(deps).catch((err) => deps.log.error({ err }, 'automatic versions failed'));
  const timer = setInterval(() => void run(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
