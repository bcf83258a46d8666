import { asc, eq } from 'drizzle-orm';
import type { OutlineEntry, SectionSubstrategy } from '@samstrat/shared/outline';
import { isStage } from '@samstrat/shared/workflow';
import type { Deps } from '../context';
import type { Reader, Tx } from '../db/client';
import { sections, strategies } from '../db/schema';
import { sectionSubstrategies } from '../db/schema-outline';
import { publications } from '../db/schema-workflow';

/** The sub-strategies of a strategy's areas, by section key. */
export async function substrategiesOf(db: Reader, strategyId: string): Promise<Map<string, SectionSubstrategy>> {
  const rows = await db
    .select({
      sectionKey: sectionSubstrategies.sectionKey,
      id: strategies.id,
      title: strategies.title,
      stage: strategies.stage,
      slug: publications.slug,
    })
    .from(sectionSubstrategies)
    .innerJoin(strategies, eq(strategies.id, sectionSubstrategies.substrategyId))
    .leftJoin(publications, eq(publications.strategyId, strategies.id))
    .where(eq(sectionSubstrategies.strategyId, strategyId));
  return new Map(
    rows.map((r) => [
      r.sectionKey,
      {
        id: r.id,
        title: r.title,
        stage: isStage(r.stage) ? r.stage : 'utkast',
        publishedPath: r.slug ? `/vedtatt/${r.slug}` : null,
      },
    ]),
  );
}

/**
 * The outline as every member sees it, in reading order, for the `outline.changed` event: read in
 * the changing transaction, so the event carries exactly what it committed.
 */
export async function outlineEntries(db: Reader, strategyId: string): Promise<OutlineEntry[]> {
  const substrategies = await substrategiesOf(db, strategyId);
  const rows = await db
    .select({ key: sections.key, number: sections.number, title: sections.title, parentKey: sections.parentKey })
    .from(sections)
    .where(eq(sections.strategyId, strategyId))
    .orderBy(asc(sections.position));
  return rows.map((row) => ({ ...row, substrategy: substrategies.get(row.key) ?? null }));
}

/** Tells every open page of the strategy the outline the transaction `tx` leaves (`outline.changed`). */
export async function publishOutline(deps: Pick<Deps, 'events'>, tx: Tx, strategyId: string): Promise<void> {
  await deps.events.publishIn(tx, strategyId, {
    type: 'outline.changed',
    outline: await outlineEntries(tx, strategyId),
  });
}
