import { eq } from 'drizzle-orm';
import {
  ACTION_TARGET,
  type Action,
  type Actor,
  type SectionTarget,
  type StrategyTarget,
  type Target,
  type TargetOf,
} from '@samstrat/shared/access';
import type { SessionUser } from '../context';
import type { Reader } from '../db/client';
import { comments, commentThreads } from '../db/schema-comments';
import { notFound } from '../errors';
import { enforce, type Scope } from '../access/authorize';
import {
  commentTarget,
  loadSectionTarget,
  loadStrategyAccess,
  removedSection,
  suggestionTarget,
  threadTarget,
} from '../access/load';

export type ThreadRow = typeof commentThreads.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;

export interface CommentContext {
  comment: CommentRow;
  thread: ThreadRow;
  actor: Actor;
  strategy: StrategyTarget;
  /** The thread's section; one removed from the outline since is marked `removed`. */
  section: SectionTarget;
}

/**
 * A comment, its thread and the caller as a member of the thread's strategy; null for someone who
 * is not a member, whether or not the comment exists, so ids cannot be probed.
 */
export async function loadComment(db: Reader, user: SessionUser, commentId: string): Promise<CommentContext | null> {
  const comment = (await db.select().from(comments).where(eq(comments.id, commentId)).limit(1))[0];
  const thread =
    comment && (await db.select().from(commentThreads).where(eq(commentThreads.id, comment.threadId)).limit(1))[0];
  if (!comment || !thread) return null;
  const access = await loadStrategyAccess(db, thread.strategyId, user);
  if (!access?.actor.role) return null;
  const { actor, strategy } = access;
  const section =
    (await loadSectionTarget(db, thread.strategyId, thread.sectionKey, strategy)) ?? removedSection(strategy);
  return { comment, thread, actor, strategy, section };
}

/**
 * The target an action on this comment is judged on: the comment, its thread, the thread's
 * suggestion (404 when it proposes no text) or, for strategy-wide actions, the strategy.
 */
export function targetInComment(ctx: CommentContext, action: Action): Target {
  switch (ACTION_TARGET[action]) {
    case 'comment':
      return { ...commentTarget(ctx.comment), strategy: ctx.strategy };
    case 'thread':
      return threadTarget(ctx.thread, ctx.section);
    case 'suggestion': {
      const suggestion = suggestionTarget(ctx.thread, ctx.section);
      if (!suggestion) throw notFound();
      return suggestion;
    }
    default:
      return ctx.strategy;
  }
}

/** `/comments/:cid` routes act on one comment. */
export function commentScope(db: Reader): Scope<CommentContext> {
  return { load: async (c, user) => await loadComment(db, user, c.req.param('cid') ?? ''), target: targetInComment };
}

/** Throws the API's answer unless `can` allows the action on this comment (see targetInComment). */
export function enforceOnComment(ctx: CommentContext, action: Action): void {
  enforce(ctx.actor, action, targetInComment(ctx, action) as TargetOf<Action>);
}
