import { and, count, eq } from 'drizzle-orm';
import { lintStrategy, type Finding } from '@samstrat/shared/lint';
import type { Deps } from '../context';
import { commentThreads } from '../db/schema-comments';
import { strategies } from '../db/schema';
import { strategyContent } from '../strategies/content';

/**
 * The quality checks as they stand when someone is about to submit to a gate, open comment
 * threads included. They are shown as warnings; a gate is never blocked by them.
 */
export async function gateFindings(deps: Deps, strategyId: string): Promise<Finding[]> {
  const { db } = deps;
  const strategy = (
    await db
      .select({ periodStart: strategies.periodStart, periodEnd: strategies.periodEnd })
      .from(strategies)
      .where(eq(strategies.id, strategyId))
      .limit(1)
  )[0];
  if (!strategy) return [];
  const sections = await strategyContent(deps, strategyId);
  const openThreads =
    (
      await db
        .select({ n: count() })
        .from(commentThreads)
        .where(and(eq(commentThreads.strategyId, strategyId), eq(commentThreads.status, 'open')))
        .limit(1)
    )[0]?.n ?? 0;
  return lintStrategy({
    periodStart: strategy.periodStart,
    periodEnd: strategy.periodEnd,
    outline: sections.map(({ key, title, parentKey, number }) => ({ key, title, parentKey, number })),
    content: Object.fromEntries(sections.map((s) => [s.key, s.content])),
    openCommentThreads: openThreads,
  });
}
