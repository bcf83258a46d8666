import { errorText, isUnauthenticated } from '$lib/api';
import { navigate } from '$lib/navigation';
import { loginHref, session } from '$lib/stores/session.svelte';

export interface PendingActionOptions {
  /**
   * What a 401 means. 'login' (the default): the session ended, so the person goes to the login
   * page and comes back here afterwards. 'error': it is the answer itself (a wrong password), shown
   * like any other error.
   */
  unauthenticated?: 'login' | 'error';
  /** The message for a failure; the server's own message by default. */
  message?: (error: unknown) => string;
}

/**
 * A form's request to the server (or a page's request for its data): whether it is under way (to
 * disable the button) and, when it failed, what to tell the person. `run` answers whether it
 * succeeded, so the form can clear or close itself only then and nothing typed is lost on an error.
 * Every form of the app uses it, so they all behave alike on errors and on an ended session.
 */
export class PendingAction {
  busy = $state(false);
  error = $state('');
  /** What the last failure threw, for a form that reacts to its kind (an invitation gone: 410). */
  cause = $state.raw<unknown>(null);
  readonly #unauthenticated: 'login' | 'error';
  readonly #message: (error: unknown) => string;

  constructor(options: PendingActionOptions = {}) {
    this.#unauthenticated = options.unauthenticated ?? 'login';
    this.#message = options.message ?? errorText;
  }

  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    this.cause = null;
    try {
      await action();
      return true;
    } catch (e) {
      this.cause = e;
      if (this.#unauthenticated === 'login' && isUnauthenticated(e)) {
        session.user = null;
        void navigate(loginHref(location.pathname + location.search, 'session-ended'));
        return false;
      }
      this.error = this.#message(e);
      return false;
    } finally {
      this.busy = false;
    }
  }

  /** Forgets the last error (the person changed what caused it, or closed the form). */
  reset(): void {
    this.error = '';
    this.cause = null;
  }
}
