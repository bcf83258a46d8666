import { and, asc, eq, inArray } from 'drizzle-orm';
import { COMMENT_ABILITIES, can, present, type Actor, type StrategyTarget } from '@samstrat/shared/access';
import { resolveAnchor } from '@samstrat/shared/anchors';
import {
  type CommentView,
  type PersonView,
  type ThreadFilters,
  type ThreadStatus,
  type ThreadView,
} from '@samstrat/shared/comments';
import { isRole } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import { memberships, users } from '../db/schema';
import { comments, commentThreads } from '../db/schema-comments';
import { forbidden, notFound } from '../errors';
import { sectionFragmentName } from '../strategies/create';
import { strategyOutline, withStrategyDocument } from '../strategies/content';
import {
  commentTarget,
  loadSectionTargets,
  loadStrategyTarget,
  removedSection,
  suggestionTarget,
  threadTarget,
} from '../access/load';
import type { CommentRow, ThreadRow } from './load';

/** The strategy's threads as this member sees them, in document order (outline, then position). */
export async function listThreads(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  filters: ThreadFilters,
): Promise<ThreadView[]> {
  // The author's role is a label only those who may see roles can filter by.
  if (filters.role && !can(actor, 'role.see', await strategyOf(deps, strategyId))) throw forbidden();
  const rows = await deps.db
    .select()
    .from(commentThreads)
    .where(
      and(
        eq(commentThreads.strategyId, strategyId),
        filters.status ? eq(commentThreads.status, filters.status) : undefined,
        filters.section ? eq(commentThreads.sectionKey, filters.section) : undefined,
      ),
    );
  let views = await presentThreads(deps, strategyId, actor, rows);
  if (filters.mine) views = views.filter((t) => t.comments.some((c) => c.author.id === actor.userId));
  if (filters.role) views = views.filter((t) => t.author.role === filters.role);
  return views;
}

/** One thread as this member sees it. */
export async function threadView(deps: Deps, threadId: string, actor: Actor): Promise<ThreadView> {
  const view = await findThreadView(deps, threadId, actor);
  if (!view) throw notFound();
  return view;
}

/** The thread, or null once every comment in it is deleted. */
export async function findThreadView(deps: Deps, threadId: string, actor: Actor): Promise<ThreadView | null> {
  const row = (await deps.db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).limit(1))[0];
  return (row && (await presentThreads(deps, row.strategyId, actor, [row]))[0]) ?? null;
}

async function strategyOf(deps: Deps, strategyId: string): Promise<StrategyTarget> {
  const strategy = await loadStrategyTarget(deps.db, strategyId);
  if (!strategy) throw notFound();
  return strategy;
}

async function presentThreads(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  threads: ThreadRow[],
): Promise<ThreadView[]> {
  if (threads.length === 0) return [];
  const { db } = deps;
  const strategy = await strategyOf(deps, strategyId);
  const commentRows = await db
    .select()
    .from(comments)
    .where(
      inArray(
        comments.threadId,
        threads.map((t) => t.id),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id));
  const byThread = new Map<string, CommentRow[]>();
  for (const row of commentRows) byThread.set(row.threadId, [...(byThread.get(row.threadId) ?? []), row]);

  const person = await peopleOf(deps, can(actor, 'role.see', strategy), strategyId, [
    ...threads.flatMap((t) => [t.authorId, t.resolvedBy, t.suggestionDecidedBy]),
    ...commentRows.flatMap((c) => [c.authorId, c.hiddenBy]),
  ]);

  const outline = await loadSectionTargets(db, strategyId, strategy);
  const sectionOf = (key: string) => outline.get(key) ?? removedSection(strategy);

  const positions = await withStrategyDocument(deps, strategyId, (doc) => {
    const map = new Map<string, { from: number; to: number; detached: boolean }>();
    for (const t of threads) {
      const { from, to, detached } = resolveAnchor(doc, doc.getXmlFragment(sectionFragmentName(t.sectionKey)), {
        start: t.anchorStart,
        end: t.anchorEnd,
      });
      map.set(t.id, { from, to, detached });
    }
    return map;
  });

  const commenter = can(actor, 'comment.create', strategy);
  const views: ThreadView[] = [];
  for (const t of threads) {
    // The first comment carries the thread's id; sort it first whatever the clock said.
    const rows = (byThread.get(t.id) ?? []).sort((a, b) => (a.id === t.id ? -1 : b.id === t.id ? 1 : 0));
    // A thread whose every comment was deleted by its authors is gone for readers.
    if (rows.length === 0 || rows.every((c) => c.deletedAt)) continue;
    const section = sectionOf(t.sectionKey);
    const suggestion = suggestionTarget(t, section);
    const root = rows.find((c) => c.id === t.id);
    const rootWithheld = !root || !can(actor, 'comment.readBody', commentTarget(root));
    const commentViews = rows.map((c): CommentView => {
      const target = { ...commentTarget(c), strategy };
      return {
        id: c.id,
        threadId: c.threadId,
        author: person(c.authorId),
        body: can(actor, 'comment.readBody', target) ? c.body : null,
        createdAt: c.createdAt.toISOString(),
        editedAt: c.editedAt?.toISOString() ?? null,
        deleted: c.deletedAt !== null,
        hidden: c.hiddenAt ? { by: person(c.hiddenBy), at: c.hiddenAt.toISOString() } : null,
        abilities: present(actor, target, COMMENT_ABILITIES),
      };
    });
    views.push({
      id: t.id,
      strategyId: t.strategyId,
      sectionKey: t.sectionKey,
      anchor: { start: t.anchorStart, end: t.anchorEnd },
      quote: t.quote,
      status: t.status as ThreadStatus,
      resolvedBy: t.resolvedBy ? person(t.resolvedBy) : null,
      resolvedAt: t.resolvedAt?.toISOString() ?? null,
      author: person(t.authorId),
      createdAt: t.createdAt.toISOString(),
      updatedAt: t.updatedAt.toISOString(),
      position: positions.get(t.id)!,
      suggestion:
        suggestion === null
          ? null
          : {
              text: rootWithheld ? null : t.suggestionText,
              status: suggestion.status,
              decidedBy: t.suggestionDecidedBy ? person(t.suggestionDecidedBy) : null,
              decidedAt: t.suggestionDecidedAt?.toISOString() ?? null,
              reason: t.suggestionReason,
            },
      comments: commentViews,
      abilities: {
        reply: commenter,
        resolve: can(actor, 'thread.resolve', threadTarget(t, section)),
        decide: suggestion !== null && can(actor, 'suggestion.decide', suggestion),
      },
    });
  }

  const order = new Map((await strategyOutline(db, strategyId)).map((s, i) => [s.key, i]));
  return views.sort(
    (a, b) =>
      (order.get(a.sectionKey) ?? Infinity) - (order.get(b.sectionKey) ?? Infinity) ||
      a.position.from - b.position.from ||
      a.createdAt.localeCompare(b.createdAt),
  );
}

/** Names, and role labels for those who may see them, of everyone the threads mention by id. */
async function peopleOf(deps: Deps, seeRoles: boolean, strategyId: string, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = await deps.db
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.strategyId, strategyId)))
    .where(inArray(users.id, wanted));
  const people = new Map<string, PersonView>(
    rows.map((r) => [r.id, { id: r.id, name: r.name, role: seeRoles && isRole(r.role) ? r.role : null }]),
  );
  return (id: string | null): PersonView => people.get(id ?? '') ?? { id: id ?? '', name: '', role: null };
}
