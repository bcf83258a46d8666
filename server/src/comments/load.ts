import { and, eq } from 'drizzle-orm';
import type { Actor, SectionTarget } from '@samstrat/shared/access';
import type { SessionUser } from '../context';
import type { Db } from '../db/client';
import { sectionOwners, sections } from '../db/schema';
import { comments, commentThreads } from '../db/schema-comments';
import { notFound } from '../errors';
import { strategyActor } from '../strategies/access';

export type ThreadRow = typeof commentThreads.$inferSelect;
export type CommentRow = typeof comments.$inferSelect;

/** A section as shared/access judges it, or null when the strategy has no such section. */
export function sectionTarget(db: Db, strategyId: string, sectionKey: string): SectionTarget | null {
  const section = db
    .select({ restricted: sections.restricted })
    .from(sections)
    .where(and(eq(sections.strategyId, strategyId), eq(sections.key, sectionKey)))
    .get();
  if (!section) return null;
  const ownerIds = db
    .select({ id: sectionOwners.userId })
    .from(sectionOwners)
    .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.sectionKey, sectionKey)))
    .all()
    .map((row) => row.id);
  return { restricted: section.restricted, ownerIds };
}

export interface CommentContext {
  comment: CommentRow;
  thread: ThreadRow;
  actor: Actor;
  /** The thread's section; one removed from the outline since counts as restricted with no owners (leaders only). */
  section: SectionTarget;
}

/**
 * A comment, its thread and the caller as a member of the thread's strategy. Someone who is not a
 * member gets 404 whether or not the comment exists, so ids cannot be probed.
 */
export function loadComment(db: Db, user: SessionUser, commentId: string): CommentContext {
  const comment = db.select().from(comments).where(eq(comments.id, commentId)).get();
  if (!comment) throw notFound();
  const thread = db.select().from(commentThreads).where(eq(commentThreads.id, comment.threadId)).get();
  if (!thread) throw notFound();
  const actor = strategyActor(db, thread.strategyId, user);
  if (!actor?.role) throw notFound();
  const section = sectionTarget(db, thread.strategyId, thread.sectionKey) ?? { restricted: true, ownerIds: [] };
  return { comment, thread, actor, section };
}
