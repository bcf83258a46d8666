import { goto } from '$app/navigation';
import { api, isUnauthenticated } from '$lib/api';
import type { User } from '$lib/types';

/** Why the user lands on the login page; the page says so. */
export type LoginReason = 'session-ended' | 'logged-out';

/** The logged-in user, shared by every page. Null until /api/me answered, or after logout. */
class Session {
  user = $state<User | null>(null);

  async load(): Promise<User | null> {
    try {
      this.user = await api.me();
    } catch (error) {
      if (!isUnauthenticated(error)) throw error;
      this.user = null;
    }
    return this.user;
  }

  async logout(): Promise<void> {
    try {
      await api.logout();
    } finally {
      this.user = null;
      await goto(loginHref(undefined, 'logged-out'));
    }
  }
}

export const session = new Session();

export function loginHref(next?: string, reason?: LoginReason): string {
  const params = new URLSearchParams();
  if (next && next !== '/') params.set('neste', next);
  if (reason) params.set('grunn', reason);
  const query = params.toString();
  return query ? `/logg-inn?${query}` : '/logg-inn';
}

/** Only paths inside this app, so the login page cannot be used to send people elsewhere. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
