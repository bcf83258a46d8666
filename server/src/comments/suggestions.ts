import { eq } from 'drizzle-orm';
import { replaceRange, resolveAnchor } from '@samstrat/shared/anchors';
import { reasonProblem } from '@samstrat/shared/comments';
import type { Deps } from '../context';
import { commentThreads } from '../db/schema-comments';
import { AppError } from '../errors';
import { audit } from '../audit';
import { sectionFragmentName } from '../strategies/create';
import { publishIn, updated } from './commands';
import { enforceOnComment, type CommentContext } from './load';
import { notify } from './notifications';

/**
 * Applies the suggested text to the document as the accepting member's edit, and records the decision
 * on the thread (which it also resolves). The text is replaced through the room registry's `edit`, in
 * one Y transaction, so it is persisted and broadcast like any accepted update; the anchor moves to
 * the new text.
 */
export async function acceptSuggestion(deps: Deps, ctx: CommentContext): Promise<void> {
  enforceOnComment(ctx, 'suggestion.decide');
  const { thread, actor } = ctx;
  const origin = { kind: 'suggestion.accepted', threadId: thread.id, userId: actor.userId } as const;
  const now = new Date();
  await deps.db.transaction(async (tx) => {
    // The anchor is resolved and the text replaced in one edit, stored in this transaction with
    // the rows below: if anything here fails, neither the text nor the decision is kept.
    const { replaced, moved } = await deps.rooms.edit(
      thread.strategyId,
      origin,
      (doc) => {
        const fragment = doc.getXmlFragment(sectionFragmentName(thread.sectionKey));
        const range = resolveAnchor(doc, fragment, { start: thread.anchorStart, end: thread.anchorEnd });
        if (range.detached) throw new AppError('suggestion_detached', 409);
        return {
          replaced: range.text,
          moved: replaceRange(fragment, range.from, range.to, thread.suggestionText ?? ''),
        };
      },
      { tx },
    );
    await tx
      .update(commentThreads)
      .set({
        suggestionStatus: 'accepted',
        suggestionDecidedBy: actor.userId,
        suggestionDecidedAt: now,
        status: 'resolved',
        resolvedBy: actor.userId,
        resolvedAt: now,
        updatedAt: now,
        ...(moved ? { anchorStart: moved.start, anchorEnd: moved.end } : {}),
      })
      .where(eq(commentThreads.id, thread.id));
    await audit(tx, {
      strategyId: thread.strategyId,
      actorId: actor.userId,
      subjectId: thread.authorId,
      action: 'suggestion.accepted',
      detail: { threadId: thread.id, sectionKey: thread.sectionKey, replaced, with: thread.suggestionText },
    });
    const notified = await notify(tx, deps.mail, {
      strategyId: thread.strategyId,
      threadId: thread.id,
      commentId: null,
      actorId: actor.userId,
      recipients: [{ userId: thread.authorId, kind: 'decision' }],
    });
    await publishIn(deps, tx, [updated(ctx, 'suggestion'), ...notified]);
  });
  deps.log.info({ strategyId: thread.strategyId, threadId: thread.id, userId: actor.userId }, 'suggestion accepted');
}

export async function rejectSuggestion(deps: Deps, ctx: CommentContext, reason: string | undefined): Promise<void> {
  // Deciding is writing that section's text, accepted or not: the same rule, frozen text included.
  enforceOnComment(ctx, 'suggestion.decide');
  const problem = reasonProblem(reason);
  if (problem) throw new AppError(problem, 400);
  const { thread, actor } = ctx;
  const now = new Date();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(commentThreads)
      .set({
        suggestionStatus: 'rejected',
        suggestionDecidedBy: actor.userId,
        suggestionDecidedAt: now,
        suggestionReason: reason!.trim(),
        updatedAt: now,
      })
      .where(eq(commentThreads.id, thread.id));
    await audit(tx, {
      strategyId: thread.strategyId,
      actorId: actor.userId,
      subjectId: thread.authorId,
      action: 'suggestion.rejected',
      detail: { threadId: thread.id, sectionKey: thread.sectionKey },
    });
    const notified = await notify(tx, deps.mail, {
      strategyId: thread.strategyId,
      threadId: thread.id,
      commentId: null,
      actorId: actor.userId,
      recipients: [{ userId: thread.authorId, kind: 'decision' }],
    });
    await publishIn(deps, tx, [updated(ctx, 'suggestion'), ...notified]);
  });
}
