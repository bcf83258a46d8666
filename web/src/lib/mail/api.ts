import type { MailSettings } from '@samstrat/shared/mail';
import { answer, client, param } from '$lib/api';

/** The signed-in person's own e-mail choices (`/api/me/mail`). */
export const mailApi = {
  get: () => answer(client.me.mail.$get()),
  save: (settings: MailSettings) => answer(client.me.mail.$put({ json: settings })),
};

/** A link to choose a new password, mailed to a local account (`/api/auth/password-reset`). */
export const passwordResetApi = {
  ask: (email: string) => answer(client.auth['password-reset'].$post({ json: { email } })),
  reset: (token: string, password: string) =>
    answer(client.auth['password-reset'][':token'].$post({ param: param({ token }), json: { password } })),
};
