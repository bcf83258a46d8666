import { error, redirect } from '@sveltejs/kit';
import { invalidate } from '$app/navigation';
import { ApiError, api, errorText } from '$lib/api';
import { m } from '$lib/paraglide/messages.js';
import { loginHref, session } from '$lib/stores/session.svelte';
import type { Strategy } from '$lib/types';

/** What the strategy pages' layout load depends on; invalidating it loads the strategy again. */
export const STRATEGY_DEPENDENCY = 'samstrat:strategy';

/**
 * Loads the strategy again (its abilities, outline and stage may have changed), for every page of
 * the strategy at once. Resolves when the pages have the new data.
 */
export function reloadStrategy(): Promise<void> {
  return invalidate(STRATEGY_DEPENDENCY);
}

/**
 * The strategy for the layout of its pages. A caller who is not logged in (401) goes to the login
 * page and comes back to `returnTo` afterwards; a strategy that does not exist or that the caller is
 * not a member of (404) is SvelteKit's 404 error; anything else an error with the server's message.
 */
export async function loadStrategy(id: string, returnTo: string): Promise<Strategy> {
  try {
    return await api.strategy(id);
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      // Someone who was working here lost their session; someone who never logged in simply logs in.
      const reason = session.user ? 'session-ended' : undefined;
      session.user = null;
      redirect(307, loginHref(returnTo, reason));
    }
    if (e instanceof ApiError && e.status === 404) error(404, { message: m.strategy_not_found() });
    error(e instanceof ApiError && e.status >= 400 ? e.status : 503, { message: errorText(e) });
  }
}
