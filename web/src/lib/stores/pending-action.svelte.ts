import { errorText } from '$lib/api';

/**
 * A form's request to the server: whether it is under way (to disable the button) and, when it
 * failed, what to tell the person. `run` answers whether it succeeded, so the form can clear or
 * close itself only then and nothing typed is lost on an error.
 */
export class PendingAction {
  busy = $state(false);
  error = $state('');

  async run(action: () => Promise<unknown>): Promise<boolean> {
    this.busy = true;
    this.error = '';
    try {
      await action();
      return true;
    } catch (e) {
      this.error = errorText(e);
      return false;
    } finally {
      this.busy = false;
    }
  }
}
