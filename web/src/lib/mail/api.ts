import type { MailSettings } from '@samstrat/shared/mail';
import { answer, client } from '$lib/api';

/** The signed-in person's own e-mail choices (`/api/me/mail`). */
export const mailApi = {
  get: () => answer(client.me.mail.$get()),
  save: (settings: MailSettings) => answer(client.me.mail.$put({ json: settings })),
};
