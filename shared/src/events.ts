import type { StreamEventTarget } from './access';
import type { OutlineEntry } from './outline';

/**
 * What the event stream (`GET /api/strategies/:id/events`, server-sent events) tells the members of
 * one strategy. Events name what changed; clients fetch the current state over REST, so an event never
 * carries more than every member of the strategy may see.
 *
 * Each event is sent with its `type` as the SSE event name and the whole object as JSON data.
 * Engineers who own a concern extend its entry here (workflow, members, outline).
 */

export type CommentChange = 'body' | 'status' | 'hidden' | 'deleted' | 'suggestion';

export type StrategyEvent =
  | { type: 'comment.created'; threadId: string; sectionKey: string; authorId: string }
  | { type: 'comment.reply'; threadId: string; commentId: string; authorId: string }
  | { type: 'comment.updated'; threadId: string; commentId?: string; change: CommentChange; by: string }
  /**
   * The server moved a thread's anchor back onto its quote (its text came back, e.g. by someone's
   * undo, under new Yjs ids): clients refetch the thread, so every replica shows it where it is.
   */
  | { type: 'comment.reanchored'; threadId: string; sectionKey: string }
  /** A new notification for one member; the stream delivers it to that member only. */
  | { type: 'notification'; userId: string; notificationId: string }
  | { type: 'workflow.changed'; stage?: string }
  | { type: 'members.changed'; userId?: string }
  /**
   * A leader changed the outline (or an area's delstrategi): the whole outline as it is now, which
   * every member sees, so open pages show it without a round trip; they fetch only what is theirs
   * (a new section's abilities and guidance). Events stored by an older version have no outline:
   * pages then load it.
   */
  | { type: 'outline.changed'; outline?: OutlineEntry[] }
  /** A version was saved (named, at a gate or hourly); the versions page refetches its list. */
  | { type: 'versions.changed'; versionId: string }
  /** The leader saved the benefit page's figures; open benefit pages refetch them. */
  | { type: 'benefits.changed' }
  /** Someone wrote an entry on the SWOT board; open boards refetch it. */
  | { type: 'swot.changed'; entryId: string }
  /** A year's action plan or one of its measures changed; open plan pages refetch it. */
  | { type: 'plan.changed'; year: number; measureId?: string }
  /** The goals of the text changed (words, added, deleted, restored); open plan pages refetch. */
  | { type: 'plan.goalsChanged' }
  /**
   * Sent by the server instead of a replay when it cannot tell what a reconnecting client missed
   * (the server restarted or too much happened): refetch everything.
   */
  | { type: 'stream.resync' };

export type StrategyEventType = StrategyEvent['type'];

export const STRATEGY_EVENT_TYPES = [
  'comment.created',
  'comment.reply',
  'comment.updated',
  'comment.reanchored',
  'notification',
  'workflow.changed',
  'members.changed',
  'outline.changed',
  'versions.changed',
  'benefits.changed',
  'swot.changed',
  'plan.changed',
  'plan.goalsChanged',
  'stream.resync',
] as const satisfies readonly StrategyEventType[];

/** The member an event is for, when it is not for every member of the strategy. */
export function eventRecipient(event: StrategyEvent): string | null {
  return event.type === 'notification' ? event.userId : null;
}

/** The event as shared/access judges it: `can(actor, 'event.receive', eventTarget(event))`. */
export function eventTarget(event: StrategyEvent): StreamEventTarget {
  return { kind: 'event', recipientId: eventRecipient(event) };
}

export function isStrategyEvent(value: unknown): value is StrategyEvent {
  return (
    typeof value === 'object' &&
    value !== null &&
    (STRATEGY_EVENT_TYPES as readonly string[]).includes((value as { type?: unknown }).type as string)
  );
}
