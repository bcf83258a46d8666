import { and, asc, eq, inArray } from 'drizzle-orm';
import { can, type Actor, type SectionTarget } from '@samstrat/shared/access';
import { resolveAnchor } from '@samstrat/shared/anchors';
import {
  mayResolveThread,
  type CommentView,
  type PersonView,
  type SuggestionStatus,
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
import { textFrozen } from '../workflow/frozen';
import { sectionTarget, type CommentRow, type ThreadRow } from './load';

/** The strategy's threads as this member sees them, in document order (outline, then position). */
export function listThreads(deps: Deps, strategyId: string, actor: Actor, filters: ThreadFilters): ThreadView[] {
  // The author's role is a label only those who may see roles can filter by.
  if (filters.role && !can(actor, 'role.see')) throw forbidden();
  const rows = deps.db
    .select()
    .from(commentThreads)
    .where(
      and(
        eq(commentThreads.strategyId, strategyId),
        filters.status ? eq(commentThreads.status, filters.status) : undefined,
        filters.section ? eq(commentThreads.sectionKey, filters.section) : undefined,
      ),
    )
    .all();
  let views = present(deps, strategyId, actor, rows);
  if (filters.mine) views = views.filter((t) => t.comments.some((c) => c.author.id === actor.userId));
  if (filters.role) views = views.filter((t) => t.author.role === filters.role);
  return views;
}

/** One thread as this member sees it. */
export function threadView(deps: Deps, threadId: string, actor: Actor): ThreadView {
  const view = findThreadView(deps, threadId, actor);
  if (!view) throw notFound();
  return view;
}

/** The thread, or null once every comment in it is deleted. */
export function findThreadView(deps: Deps, threadId: string, actor: Actor): ThreadView | null {
  const row = deps.db.select().from(commentThreads).where(eq(commentThreads.id, threadId)).get();
  return (row && present(deps, row.strategyId, actor, [row])[0]) ?? null;
}

function present(deps: Deps, strategyId: string, actor: Actor, threads: ThreadRow[]): ThreadView[] {
  if (threads.length === 0) return [];
  const { db } = deps;
  const commentRows = db
    .select()
    .from(comments)
    .where(
      inArray(
        comments.threadId,
        threads.map((t) => t.id),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .all();
  const byThread = new Map<string, CommentRow[]>();
  for (const row of commentRows) byThread.set(row.threadId, [...(byThread.get(row.threadId) ?? []), row]);

  const person = peopleOf(deps, strategyId, actor, [
    ...threads.flatMap((t) => [t.authorId, t.resolvedBy, t.suggestionDecidedBy]),
    ...commentRows.flatMap((c) => [c.authorId, c.hiddenBy]),
  ]);

  const targets = new Map<string, SectionTarget>();
  const targetOf = (key: string) => {
    let target = targets.get(key);
    if (!target) {
      target = sectionTarget(db, strategyId, key) ?? { restricted: true, ownerIds: [] };
      targets.set(key, target);
    }
    return target;
  };

  const positions = withStrategyDocument(deps, strategyId, (doc) => {
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

  const moderator = can(actor, 'comment.moderate');
  const frozen = textFrozen(db, strategyId);
  const commenter = can(actor, 'comment.create');
  const views: ThreadView[] = [];
  for (const t of threads) {
    // The first comment carries the thread's id; sort it first whatever the clock said.
    const rows = (byThread.get(t.id) ?? []).sort((a, b) => (a.id === t.id ? -1 : b.id === t.id ? 1 : 0));
    // A thread whose every comment was deleted by its authors is gone for readers.
    if (rows.length === 0 || rows.every((c) => c.deletedAt)) continue;
    const section = targetOf(t.sectionKey);
    const mayEditSection = can(actor, 'section.edit', section);
    const root = rows.find((c) => c.id === t.id);
    const rootWithheld =
      !root || root.deletedAt !== null || (root.hiddenAt !== null && !moderator && root.authorId !== actor.userId);
    const commentViews = rows.map((c): CommentView => {
      const own = c.authorId === actor.userId;
      const withheld = c.deletedAt !== null || (c.hiddenAt !== null && !moderator && !own);
      return {
        id: c.id,
        threadId: c.threadId,
        author: person(c.authorId),
        body: withheld ? null : c.body,
        createdAt: c.createdAt.toISOString(),
        editedAt: c.editedAt?.toISOString() ?? null,
        deleted: c.deletedAt !== null,
        hidden: c.hiddenAt ? { by: person(c.hiddenBy), at: c.hiddenAt.toISOString() } : null,
        abilities: {
          edit: own && commenter && c.deletedAt === null,
          delete: own && commenter && c.deletedAt === null,
          hide: moderator && !own && c.deletedAt === null,
        },
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
        t.suggestionStatus === null
          ? null
          : {
              text: rootWithheld ? null : t.suggestionText,
              status: t.suggestionStatus as SuggestionStatus,
              decidedBy: t.suggestionDecidedBy ? person(t.suggestionDecidedBy) : null,
              decidedAt: t.suggestionDecidedAt?.toISOString() ?? null,
              reason: t.suggestionReason,
            },
      comments: commentViews,
      abilities: {
        reply: commenter,
        resolve: commenter && mayResolveThread({ isThreadAuthor: t.authorId === actor.userId, mayEditSection }),
        // Accepting writes the text, which a frozen workflow stage forbids; rejecting waits with it.
        decide: t.suggestionStatus === 'open' && !frozen && can(actor, 'suggestion.decide', section),
      },
    });
  }

  const order = new Map(strategyOutline(db, strategyId).map((s, i) => [s.key, i]));
  return views.sort(
    (a, b) =>
      (order.get(a.sectionKey) ?? Infinity) - (order.get(b.sectionKey) ?? Infinity) ||
      a.position.from - b.position.from ||
      a.createdAt.localeCompare(b.createdAt),
  );
}

/** Names, and role labels for those who may see them, of everyone the threads mention by id. */
function peopleOf(deps: Deps, strategyId: string, actor: Actor, ids: (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  const rows = deps.db
    .select({ id: users.id, name: users.name, role: memberships.role })
    .from(users)
    .leftJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.strategyId, strategyId)))
    .where(inArray(users.id, wanted))
    .all();
  const seeRoles = can(actor, 'role.see');
  const people = new Map<string, PersonView>(
    rows.map((r) => [r.id, { id: r.id, name: r.name, role: seeRoles && isRole(r.role) ? r.role : null }]),
  );
  return (id: string | null): PersonView => people.get(id ?? '') ?? { id: id ?? '', name: '', role: null };
}
