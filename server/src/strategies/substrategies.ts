import { and, eq, isNull } from 'drizzle-orm';
import type { Actor } from '@samstrat/shared/access';
import type { Deps } from '../context';
import { sections, strategies } from '../db/schema';
import { sectionSubstrategies } from '../db/schema-outline';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { memberRole } from '../access/load';
import type { SectionSubstrategy } from '@samstrat/shared/outline';
import { publishOutline, substrategiesOf } from './outline-entries';

/**
 * Links the area `key` to `substrategyId` as its delstrategi (or unlinks it, `null`), audited. The
 * sub-strategy must be another, unarchived strategy of the same organization that the caller may read
 * (a member of it, or the organization's admin): its title and stage are shown to everyone in this
 * strategy, so linking must not reveal a strategy the caller cannot see. Any other answers 404 like
 * one that does not exist, so the answer leaks nothing; the strategy itself is 400. Only an area (a section under a chapter) takes a link, as the source material has
 * large service areas getting their own sub-strategy.
 */
export async function linkSubstrategy(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  key: string,
  substrategyId: string | null,
): Promise<SectionSubstrategy | null> {
  const actorId = actor.userId;
  await deps.db.transaction(async (tx) => {
    const section = (
      await tx
        .select({ parentKey: sections.parentKey })
        .from(sections)
        .where(and(eq(sections.strategyId, strategyId), eq(sections.key, key)))
        .limit(1)
    )[0];
    if (!section) throw notFound();
    if (section.parentKey === null) throw new AppError('substrategy_chapter', 400);
    const where = and(eq(sectionSubstrategies.strategyId, strategyId), eq(sectionSubstrategies.sectionKey, key));
    if (substrategyId === null) {
      const deleted = await tx
        .delete(sectionSubstrategies)
        .where(where)
        .returning({ key: sectionSubstrategies.sectionKey });
      if (deleted.length > 0) {
        await audit(tx, { strategyId, actorId, action: 'outline.substrategy_unlinked', detail: { section: key } });
        await publishOutline(deps, tx, strategyId);
      }
      return;
    }
    if (substrategyId === strategyId) throw new AppError('substrategy_self', 400);
    const own = (
      await tx.select({ org: strategies.organizationId }).from(strategies).where(eq(strategies.id, strategyId)).limit(1)
    )[0]!;
    const target = (
      await tx
        .select({ title: strategies.title })
        .from(strategies)
        .where(
          and(eq(strategies.id, substrategyId), eq(strategies.organizationId, own.org), isNull(strategies.archivedAt)),
        )
        .limit(1)
    )[0];
    if (!target) throw notFound();
    if (!actor.orgAdmin && (await memberRole(tx, substrategyId, actorId)) === null) throw notFound();
    await tx.delete(sectionSubstrategies).where(where);
    await tx.insert(sectionSubstrategies).values({ strategyId, sectionKey: key, substrategyId, linkedBy: actorId });
    await audit(tx, {
      strategyId,
      actorId,
      action: 'outline.substrategy_linked',
      detail: { section: key, substrategyId, title: target.title },
    });
    // Open pages of the strategy show the area's delstrategi: the event carries it.
    await publishOutline(deps, tx, strategyId);
  });
  return (await substrategiesOf(deps.db, strategyId)).get(key) ?? null;
}
