import { randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Actor } from '@samstrat/shared/access';
import { decodeRelativePosition, quoteInContext } from '@samstrat/shared/anchors';
import {
  COMMENT_LIMITS,
  commentBodyProblem,
  isEncodedPosition,
  mentionedUserIds,
  suggestionProblem,
  type CreateThreadInput,
  type ThreadStatus,
} from '@samstrat/shared/comments';
import type { CommentChange } from '@samstrat/shared/events';
import type { Deps } from '../context';
import type { Tx } from '../db/client';
import { memberships, sectionOwners } from '../db/schema';
import { commentMentions, comments, commentThreads } from '../db/schema-comments';
import { AppError, notFound } from '../errors';
import { audit } from '../audit';
import { sectionFragmentName } from '../strategies/create';
import { withStrategyDocument } from '../strategies/content';
import { enforce } from '../access/authorize';
import { loadSectionTarget, loadStrategyTarget } from '../access/load';
import { enforceOnComment, type CommentContext } from './load';
import { membersAmong, notify, type NewNotification, type PendingEvents } from './notifications';

// Each command validates and runs one transaction (rows, mentions, notifications, audit, events);
// the events go out once it commits, so nobody hears of a change that did not happen.

function checkBody(body: string): void {
  const problem = commentBodyProblem(body);
  if (problem) throw new AppError(problem, 400);
}

/** Stores the command's events in its transaction; they go out when it commits. */
export async function publishIn(deps: Deps, tx: Tx, events: PendingEvents): Promise<void> {
  for (const { strategyId, event } of events) await deps.events.publishIn(tx, strategyId, event);
}

/** Records who a comment mentions now; answers the members mentioned for the first time. */
async function recordMentions(tx: Tx, strategyId: string, commentId: string, body: string): Promise<string[]> {
  const mentioned = await membersAmong(tx, strategyId, mentionedUserIds(body));
  const before = new Set(
    (
      await tx
        .select({ userId: commentMentions.userId })
        .from(commentMentions)
        .where(eq(commentMentions.commentId, commentId))
    ).map((m) => m.userId),
  );
  await tx.delete(commentMentions).where(eq(commentMentions.commentId, commentId));
  for (const userId of mentioned) await tx.insert(commentMentions).values({ commentId, userId });
  return mentioned.filter((id) => !before.has(id));
}

/** Starts a thread on a range of a section, optionally with replacement text. Answers the thread id. */
export async function createThread(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  input: CreateThreadInput,
): Promise<string> {
  const strategy = await loadStrategyTarget(deps.db, strategyId);
  if (!strategy) throw notFound();
  enforce(actor, input.suggestion ? 'suggestion.create' : 'comment.create', strategy);
  checkBody(input.body);
  if (input.suggestion) {
    const problem = suggestionProblem(input.suggestion.text);
    if (problem) throw new AppError(problem, 400);
  }
  if (!(await loadSectionTarget(deps.db, strategyId, input.sectionKey, strategy)))
    throw new AppError('anchor_invalid', 400);
  // Positions Yjs cannot resolve would throw below; the route's schema refuses them too.
  const ends = [input.anchor.start, input.anchor.end];
  if (!ends.every(isEncodedPosition)) throw new AppError('anchor_malformed', 400);
  // Resolving a position that names a root type creates that type in the live document: only the
  // section's own root may be named.
  const root = sectionFragmentName(input.sectionKey);
  if (ends.some((end) => (decodeRelativePosition(end)?.tname ?? root) !== root)) {
    throw new AppError('anchor_invalid', 400);
  }
  // The server's copy decides what the anchor covers: a range it cannot find is refused, and the
  // stored quote is the text as the server reads it, not whatever the client sent.
  const covered = await withStrategyDocument(deps, strategyId, (doc) =>
    quoteInContext(doc, doc.getXmlFragment(sectionFragmentName(input.sectionKey)), input.anchor),
  );
  if (!covered) throw new AppError('anchor_invalid', 400);
  const quote = covered.quote.slice(0, COMMENT_LIMITS.quote);

  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await tx.insert(commentThreads).values({
      id,
      strategyId,
      sectionKey: input.sectionKey,
      anchorStart: input.anchor.start,
      anchorEnd: input.anchor.end,
      quote,
      // With the words around it, the thread can find its quote again if it comes loose (reanchor.ts);
      // a quote cut at its limit could not be found whole.
      quoteContext: quote === covered.quote ? covered.context : null,
      authorId: actor.userId,
      suggestionText: input.suggestion?.text ?? null,
      suggestionStatus: input.suggestion ? 'open' : null,
    });
    await tx.insert(comments).values({ id, threadId: id, authorId: actor.userId, body: input.body });
    const mentioned = await recordMentions(tx, strategyId, id, input.body);
    const recipients: NewNotification[] = mentioned.map((userId) => ({ userId, kind: 'mention' }));
    if (input.suggestion) {
      for (const userId of await suggestionReviewers(deps, strategyId, input.sectionKey))
        recipients.push({ userId, kind: 'suggestion' });
    }
    const notified = await notify(tx, deps.mail, {
      strategyId,
      threadId: id,
      commentId: id,
      actorId: actor.userId,
      recipients,
    });
    await publishIn(deps, tx, [
      {
        strategyId,
        event: { type: 'comment.created', threadId: id, sectionKey: input.sectionKey, authorId: actor.userId },
      },
      ...notified,
    ]);
  });
  return id;
}

/** The section's owners; for a section nobody owns, the project leaders. */
async function suggestionReviewers(deps: Deps, strategyId: string, sectionKey: string): Promise<string[]> {
  const owners = await deps.db
    .select({ userId: sectionOwners.userId })
    .from(sectionOwners)
    .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.sectionKey, sectionKey)));
  if (owners.length > 0) return owners.map((o) => o.userId);
  return (
    await deps.db
      .select({ userId: memberships.userId })
      .from(memberships)
      .where(and(eq(memberships.strategyId, strategyId), inArray(memberships.role, ['leader'])))
  ).map((m) => m.userId);
}

export async function reply(deps: Deps, ctx: CommentContext, body: string): Promise<string> {
  const { thread, actor } = ctx;
  enforce(actor, 'comment.create', ctx.strategy);
  checkBody(body);
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await tx.insert(comments).values({ id, threadId: thread.id, authorId: actor.userId, body });
    await tx.update(commentThreads).set({ updatedAt: new Date() }).where(eq(commentThreads.id, thread.id));
    const mentioned = await recordMentions(tx, thread.strategyId, id, body);
    const recipients: NewNotification[] = [
      ...mentioned.map((userId): NewNotification => ({ userId, kind: 'mention' })),
      { userId: thread.authorId, kind: 'reply' },
    ];
    const notified = await notify(tx, deps.mail, {
      strategyId: thread.strategyId,
      threadId: thread.id,
      commentId: id,
      actorId: actor.userId,
      recipients,
    });
    await publishIn(deps, tx, [
      {
        strategyId: thread.strategyId,
        event: { type: 'comment.reply', threadId: thread.id, commentId: id, authorId: actor.userId },
      },
      ...notified,
    ]);
  });
  return id;
}

export async function editBody(deps: Deps, ctx: CommentContext, body: string): Promise<void> {
  enforceOnComment(ctx, 'comment.edit');
  checkBody(body);
  const { comment, thread, actor } = ctx;
  await deps.db.transaction(async (tx) => {
    await tx.update(comments).set({ body, editedAt: new Date() }).where(eq(comments.id, comment.id));
    await tx.update(commentThreads).set({ updatedAt: new Date() }).where(eq(commentThreads.id, thread.id));
    // Only people mentioned for the first time hear of an edit.
    const added = await recordMentions(tx, thread.strategyId, comment.id, body);
    const notified = await notify(tx, deps.mail, {
      strategyId: thread.strategyId,
      threadId: thread.id,
      commentId: comment.id,
      actorId: actor.userId,
      recipients: added.map((userId) => ({ userId, kind: 'mention' })),
    });
    await publishIn(deps, tx, [updated(ctx, 'body', comment.id), ...notified]);
  });
}

/** Deleting blanks the body and keeps the row, so the replies around it still read in order. */
export async function deleteComment(deps: Deps, ctx: CommentContext): Promise<void> {
  enforceOnComment(ctx, 'comment.delete');
  await deps.db.transaction(async (tx) => {
    await tx.update(comments).set({ body: '', deletedAt: new Date() }).where(eq(comments.id, ctx.comment.id));
    await tx.delete(commentMentions).where(eq(commentMentions.commentId, ctx.comment.id));
    await tx.update(commentThreads).set({ updatedAt: new Date() }).where(eq(commentThreads.id, ctx.thread.id));
    await publishIn(deps, tx, [updated(ctx, 'deleted', ctx.comment.id)]);
  });
}

export async function setStatus(deps: Deps, ctx: CommentContext, status: ThreadStatus): Promise<void> {
  enforceOnComment(ctx, 'thread.resolve');
  const { thread, actor } = ctx;
  if (thread.status === status) return;
  const now = new Date();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(commentThreads)
      .set(
        status === 'resolved'
          ? { status, resolvedBy: actor.userId, resolvedAt: now, updatedAt: now }
          : { status, resolvedBy: null, resolvedAt: null, updatedAt: now },
      )
      .where(eq(commentThreads.id, thread.id));
    await publishIn(deps, tx, [updated(ctx, 'status')]);
  });
}

/** Leaders hide someone else's comment, or show it again; the comment itself is never deleted. */
export async function setHidden(deps: Deps, ctx: CommentContext, hidden: boolean): Promise<void> {
  enforceOnComment(ctx, 'comment.moderate');
  const { comment, thread, actor } = ctx;
  if ((comment.hiddenAt !== null) === hidden) return;
  await deps.db.transaction(async (tx) => {
    await tx
      .update(comments)
      .set(hidden ? { hiddenAt: new Date(), hiddenBy: actor.userId } : { hiddenAt: null, hiddenBy: null })
      .where(eq(comments.id, comment.id));
    await audit(tx, {
      strategyId: thread.strategyId,
      actorId: actor.userId,
      subjectId: comment.authorId,
      action: hidden ? 'comment.hidden' : 'comment.unhidden',
      detail: { threadId: thread.id, commentId: comment.id, sectionKey: thread.sectionKey },
    });
    await publishIn(deps, tx, [updated(ctx, 'hidden', comment.id)]);
  });
}

export function updated(ctx: CommentContext, change: CommentChange, commentId?: string): PendingEvents[number] {
  return {
    strategyId: ctx.thread.strategyId,
    event: {
      type: 'comment.updated',
      threadId: ctx.thread.id,
      ...(commentId ? { commentId } : {}),
      change,
      by: ctx.actor.userId,
    },
  };
}
