import type { NotificationsView } from '@samstrat/shared/comments';
import { commentsApi } from '$lib/comments/client';
import { m } from '$lib/paraglide/messages.js';

/** The person's notification inbox (mentions, replies, suggestions on their sections), across strategies. */
export class Notifications {
  inbox = $state.raw<NotificationsView>({ unread: 0, items: [] });
  /** Polite announcement for screen readers (the unread count when it grows). */
  announcement = $state('');
  #destroyed = false;

  async load(): Promise<void> {
    try {
      const inbox = await commentsApi.inbox();
      if (this.#destroyed) return;
      if (inbox.unread > this.inbox.unread) this.announcement = m.comments_inbox_announce({ count: inbox.unread });
      this.inbox = inbox;
    } catch {
      /* the inbox is a convenience; the next event tries again */
    }
  }

  /** Marks the notifications read (all of them without `ids`). */
  async markRead(ids?: string[]): Promise<void> {
    const { unread } = await commentsApi.markRead(ids);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once for a timestamp, never mutated
    const now = new Date().toISOString();
    this.inbox = {
      unread,
      items: this.inbox.items.map((n) => (!ids || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? now } : n)),
    };
  }

  destroy(): void {
    this.#destroyed = true;
  }
}
