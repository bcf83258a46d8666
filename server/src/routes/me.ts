import { Hono } from 'hono';
import { changePasswordBody } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { currentUser } from '../auth/middleware';
import { notFound, unauthenticated } from '../errors';
import { organizationView } from '../admin/organizations';
import { changePassword } from '../admin/accounts';
import { signedIn } from '../access/authorize';
import { validate } from '../validate';
import { presentUser } from '../auth/user-view';
import { mailSettingsBody, type MailSettingsView } from '@samstrat/shared/mail';
import { readMailSettings, saveMailSettings } from '../mail/settings';

export function meRoutes(deps: Deps) {
  return (
    new Hono<AppEnv>()
      .get('/', signedIn(), (c) => c.json({ user: presentUser(currentUser(c)) }))
      // The caller's own organization: its name, number, executive title and default written form.
      .get('/organization', signedIn(), async (c) => {
        const organization = await organizationView(deps.db, currentUser(c).organizationId);
        if (!organization) throw notFound();
        return c.json({ organization });
      })
      .post('/password', signedIn(), validate('json', changePasswordBody), async (c) => {
        const sessionId = c.get('sessionId');
        if (!sessionId) throw unauthenticated();
        const { currentPassword, newPassword } = c.req.valid('json');
        const { id, organizationId } = currentUser(c);
        await changePassword(deps, { id, organizationId, sessionId }, currentPassword, newPassword);
        return c.json({ ok: true as const });
      })
      // The caller's own e-mail choices (language, kinds, daily digest); nobody else's.
      .get('/mail', signedIn(), async (c) => {
        const view: MailSettingsView = {
          settings: await readMailSettings(deps.db, currentUser(c).id),
          enabled: deps.mail.enabled,
        };
        return c.json(view);
      })
      .put('/mail', signedIn(), validate('json', mailSettingsBody), async (c) => {
        const view: MailSettingsView = {
          settings: await saveMailSettings(deps.db, currentUser(c).id, c.req.valid('json')),
          enabled: deps.mail.enabled,
        };
        return c.json(view);
      })
  );
}
