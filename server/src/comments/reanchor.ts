import { and, eq } from 'drizzle-orm';
import { reanchor, type QuoteContext } from '@samstrat/shared/anchors';
import type { Deps } from '../context';
import { commentThreads } from '../db/schema-comments';
import { sectionFragmentName } from '../strategies/create';
import { withStrategyDocument } from '../strategies/content';

/**
 * Keeps comment threads on their text when it comes back under new Yjs ids. Yjs links deleted text to
 * what an undo restores only on the replica that pressed undo; everyone else, the server included,
 * would show the thread detached. After the document changes, the server finds each loose thread's
 * quote by the words around it (`reanchor` in shared/anchors), stores the new anchor, and tells the
 * clients, so every replica agrees.
 */

/** How long after a saved change the strategy's threads are checked: at most once per this, per strategy. */
export const REANCHOR_DELAY_MS = 1_000;

/** A change to one thread, made only if its anchor is still the one the change was computed from. */
type ThreadUpdate = {
  id: string;
  sectionKey: string;
  from: { anchorStart: string; anchorEnd: string };
  set: Partial<typeof commentThreads.$inferInsert>;
  moves: boolean;
};

/**
 * Checks the open threads of a strategy against its document as it is now (the live room's, else
 * the stored one). A thread that came loose and whose quote is back in its section, with the same
 * words around it in exactly one place, gets its anchor there; the words around every attached
 * quote are kept current, so they match what an undo restores. One transaction, which leaves alone
 * a thread whose anchor changed since it was read (an accepted suggestion moved it); then one
 * `comment.reanchored` event per moved thread. Answers the ids of the moved threads.
 */
export async function reanchorDetachedThreads(deps: Deps, strategyId: string): Promise<string[]> {
  const threads = await deps.db
    .select({
      id: commentThreads.id,
      sectionKey: commentThreads.sectionKey,
      anchorStart: commentThreads.anchorStart,
      anchorEnd: commentThreads.anchorEnd,
      quote: commentThreads.quote,
      quoteContext: commentThreads.quoteContext,
    })
    .from(commentThreads)
    .where(and(eq(commentThreads.strategyId, strategyId), eq(commentThreads.status, 'open')));
  if (threads.length === 0) return [];
  const bySection = new Map<string, typeof threads>();
  for (const t of threads) bySection.set(t.sectionKey, [...(bySection.get(t.sectionKey) ?? []), t]);

  const updates: ThreadUpdate[] = [];
  await withStrategyDocument(deps, strategyId, (doc) => {
    for (const [sectionKey, inSection] of bySection) {
      const outcomes = reanchor(
        doc,
        doc.getXmlFragment(sectionFragmentName(sectionKey)),
        inSection.map((t) => ({
          anchor: { start: t.anchorStart, end: t.anchorEnd },
          quote: t.quote,
          context: t.quoteContext,
        })),
      );
      outcomes.forEach((outcome, i) => {
        const thread = inSection[i]!;
        const change = { id: thread.id, sectionKey, from: thread };
        if (outcome.kind === 'moved') {
          const { start, end } = outcome.anchor;
          const set = { anchorStart: start, anchorEnd: end, quoteContext: outcome.context };
          updates.push({ ...change, set, moves: true });
        } else if (outcome.kind === 'attached' && !sameContext(outcome.context, thread.quoteContext)) {
          updates.push({ ...change, set: { quoteContext: outcome.context }, moves: false });
        }
      });
    }
  });
  if (updates.length === 0) return [];

  const moved = await deps.db.transaction(async (tx) => {
    const done: ThreadUpdate[] = [];
    for (const update of updates) {
      const changed = await tx
        .update(commentThreads)
        .set(update.set)
        .where(
          and(
            eq(commentThreads.id, update.id),
            eq(commentThreads.anchorStart, update.from.anchorStart),
            eq(commentThreads.anchorEnd, update.from.anchorEnd),
          ),
        )
        .returning({ id: commentThreads.id });
      if (changed.length === 0 || !update.moves) continue;
      done.push(update);
      await deps.events.publishIn(tx, strategyId, {
        type: 'comment.reanchored',
        threadId: update.id,
        sectionKey: update.sectionKey,
      });
    }
    return done;
  });
  if (moved.length > 0) deps.log.info({ strategyId, threadIds: moved.map((t) => t.id) }, 'comment threads re-anchored');
  return moved.map((t) => t.id);
}

function sameContext(a: QuoteContext | null, b: QuoteContext | null): boolean {
  return a === b || (!!a && !!b && a.before === b.before && a.after === b.after && a.occurrences === b.occurrences);
}

export interface ReanchorSchedule {
  /** Tells that a strategy's document was saved; cheap, never throws, never runs the check itself. */
  saved(strategyId: string): void;
  /** Cancels what is scheduled; later `saved` calls do nothing. */
  stop(): void;
}

/**
 * Runs `check` (the re-anchoring above) for a strategy `delayMs` after a save asks for it, at most
 * once per `delayMs`: saves meanwhile are covered by the run already scheduled, which reads the
 * document when it runs. It runs on a timer, off the socket's path; a failure is logged and the next
 * save tries again.
 */
export function startReanchoring(
  deps: Deps,
  { delayMs = REANCHOR_DELAY_MS, check = reanchorDetachedThreads }: ReanchorScheduleOptions = {},
): ReanchorSchedule {
  const scheduled = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const run = async (strategyId: string) => {
    scheduled.delete(strategyId);
    try {
      await check(deps, strategyId);
    } catch (err) {
      deps.log.error({ err, strategyId }, 're-anchoring comment threads failed');
    }
  };
  return {
    saved(strategyId) {
      if (stopped || scheduled.has(strategyId)) return;
      const timer = setTimeout(() => void run(strategyId), delayMs);
      timer.unref();
      scheduled.set(strategyId, timer);
    },
    stop() {
      stopped = true;
      for (const timer of scheduled.values()) clearTimeout(timer);
      scheduled.clear();
    },
  };
}

export interface ReanchorScheduleOptions {
  delayMs?: number;
  /** What runs per strategy; tests count the runs. */
  check?: (deps: Deps, strategyId: string) => unknown;
}
