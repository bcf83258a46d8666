import { randomUUID } from 'node:crypto';
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import { can, type Actor } from '@samstrat/shared/access';
import { COMMENT_LIMITS, type NotificationKind, type NotificationsView } from '@samstrat/shared/comments';
import type { StrategyEvent } from '@samstrat/shared/events';
import { isRole } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import type { Reader, Tx } from '../db/client';
import { memberships, users } from '../db/schema';
import { comments, commentThreads, notifications } from '../db/schema-comments';
import { commentTarget, loadStrategyTarget } from '../access/load';
import { enqueueCommentMails } from '../mail/events';
import type { Mailer } from '../mail/outbox';

export interface NewNotification {
  userId: string;
  kind: NotificationKind;
}

/** The events to publish once the transaction that wrote the notifications has committed. */
export type PendingEvents = { strategyId: string; event: StrategyEvent }[];

/**
 * Writes one notification per recipient (the first kind given for a person wins, so a mention beats
 * a reply), skipping the actor and anyone who is no longer a member, and enqueues their mails
 * (mail/events.ts). Call inside the command's transaction; the returned events go out after it commits.
 */
export async function notify(
  tx: Tx,
  mail: Mailer,
  input: {
    strategyId: string;
    threadId: string;
    commentId: string | null;
    actorId: string;
    recipients: NewNotification[];
  },
): Promise<PendingEvents> {
  const members = new Set(
    (
      await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(eq(memberships.strategyId, input.strategyId))
    ).map((m) => m.userId),
  );
  const seen = new Set<string>([input.actorId]);
  const events: PendingEvents = [];
  const written: { id: string; userId: string; kind: NotificationKind }[] = [];
  for (const { userId, kind } of input.recipients) {
    if (seen.has(userId) || !members.has(userId)) continue;
    seen.add(userId);
    const id = randomUUID();
    await tx.insert(notifications).values({
      id,
      userId,
      kind,
      strategyId: input.strategyId,
      threadId: input.threadId,
      commentId: input.commentId,
      actorId: input.actorId,
    });
    events.push({ strategyId: input.strategyId, event: { type: 'notification', userId, notificationId: id } });
    written.push({ id, userId, kind });
  }
  await enqueueCommentMails(tx, mail, { ...input, written });
  return events;
}

/** Members of the strategy among these ids (mentions of anyone else notify nobody). */
export async function membersAmong(tx: Reader, strategyId: string, ids: string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const found = new Set(
    (
      await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.strategyId, strategyId), inArray(memberships.userId, ids)))
    ).map((m) => m.userId),
  );
  return ids.filter((id) => found.has(id)).slice(0, COMMENT_LIMITS.mentions);
}

const INBOX_SIZE = 50;

/**
 * The caller's inbox: the newest notifications from strategies they are still a member of, with the
 * unread count. An excerpt is shown only while its comment is neither deleted nor hidden.
 */
export async function inbox(deps: Deps, userId: string): Promise<NotificationsView> {
  const { db } = deps;
  const readers = await commentReaders(db, userId);
  const mine = and(eq(notifications.userId, userId), inArray(notifications.strategyId, [...readers.keys()]));
  const unread =
    (
      await db
        .select({ n: count() })
        .from(notifications)
        .where(and(mine, isNull(notifications.readAt)))
        .limit(1)
    )[0]?.n ?? 0;
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      strategyId: notifications.strategyId,
      threadId: notifications.threadId,
      commentId: notifications.commentId,
      sectionKey: commentThreads.sectionKey,
      actorId: users.id,
      actorName: users.name,
      body: comments.body,
      authorId: comments.authorId,
      deletedAt: comments.deletedAt,
      hiddenAt: comments.hiddenAt,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .innerJoin(commentThreads, eq(commentThreads.id, notifications.threadId))
    .innerJoin(users, eq(users.id, notifications.actorId))
    .leftJoin(comments, eq(comments.id, notifications.commentId))
    .where(mine)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(INBOX_SIZE);
  return {
    unread,
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind as NotificationKind,
      strategyId: r.strategyId,
      threadId: r.threadId,
      commentId: r.commentId,
      sectionKey: r.sectionKey,
      actor: { id: r.actorId, name: r.actorName },
      excerpt:
        r.body && r.authorId && mayRead(readers.get(r.strategyId), { ...r, authorId: r.authorId })
          ? excerpt(r.body)
          : null,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
  };
}

/** Marks the given notifications (all when none are given) read; answers the new unread count. */
export async function markRead(deps: Deps, userId: string, ids: string[] | undefined): Promise<number> {
  await deps.db.transaction((tx) =>
    tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(
        and(
          eq(notifications.userId, userId),
          isNull(notifications.readAt),
          ids ? inArray(notifications.id, ids) : undefined,
        ),
      ),
  );
  return (await inbox(deps, userId)).unread;
}

/** The caller as an actor in each strategy whose comments they may read. */
async function commentReaders(db: Reader, userId: string): Promise<Map<string, Actor>> {
  const readers = new Map<string, Actor>();
  for (const { strategyId, role } of await db
    .select({ strategyId: memberships.strategyId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.userId, userId))) {
    const strategy = await loadStrategyTarget(db, strategyId);
    const actor = { userId, role: isRole(role) ? role : null };
    if (strategy && can(actor, 'comment.read', strategy)) readers.set(strategyId, actor);
  }
  return readers;
}

/** Whether the reader sees the comment's body, as in its thread. */
function mayRead(
  reader: Actor | undefined,
  comment: { authorId: string; deletedAt: Date | null; hiddenAt: Date | null },
): boolean {
  return reader !== undefined && can(reader, 'comment.readBody', commentTarget(comment));
}

/** The start of a body for the inbox, mentions shown as the name. */
function excerpt(body: string): string {
  const plain = body
    .replace(/@\[([^\]\n]{1,200})\]\([A-Za-z0-9_-]{1,64}\)/g, '@$1')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > 140 ? `${plain.slice(0, 139)}…` : plain;
}
