import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { api, isUnauthenticated } from '$lib/api';
import { navigate } from '$lib/navigation';
import type { User } from '$lib/types';
import { organizationSettings } from './organization.svelte';

/** Why the user lands on the login page; the page says so. */
export type LoginReason = 'session-ended' | 'logged-out';

/** The logged-in user, shared by every page. Null until /api/me answered, or after logout. */
class Session {
  user = $state<User | null>(null);

  async load(): Promise<User | null> {
    try {
      this.user = await api.me();
      // Outside a strategy the executive role is named by the person's own organization's title (on a
      // strategy's pages by the strategy's: its layout sets that); the catalog's label until it answers.
      if (this.user) {
        void api
          .organization()
          .then((o) => (organizationSettings.executiveTitle = o.executiveTitle))
          .catch(() => undefined);
      }
    } catch (error) {
      if (!isUnauthenticated(error)) throw error;
      this.user = null;
    }
    return this.user;
  }

  /**
   * Ends our session; when it began at a provider that offers logout (RP-initiated logout), the
   * browser goes on there to end the provider's session too, and comes back to the login page.
   */
  async logout(): Promise<void> {
    let endSessionUrl: string | null = null;
    try {
      endSessionUrl = (await api.logout()).endSessionUrl;
    } finally {
      this.user = null;
      if (endSessionUrl) window.location.assign(endSessionUrl);
      else await navigate(loginHref(undefined, 'logged-out'));
    }
  }
}

export const session = new Session();

export function loginHref(next?: string, reason?: LoginReason): ResolvedPathname {
  const params: string[] = [];
  if (next && next !== '/') params.push(`neste=${encodeURIComponent(next)}`);
  if (reason) params.push(`grunn=${reason}`);
  return params.length ? resolve(`/logg-inn?${params.join('&')}`) : resolve('/logg-inn');
}

/** Only paths inside this app, so the login page cannot be used to send people elsewhere. */
export function safeNext(next: string | null): ResolvedPathname {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return resolve('/');
  // A path of this app, taken from its own URL (it already carries any base path).
  return next as ResolvedPathname;
}
