import { Hono } from 'hono';
import { changePasswordBody } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { currentUser } from '../auth/middleware';
import { unauthenticated } from '../errors';
import { changePassword } from '../admin/accounts';
import { signedIn } from '../access/authorize';
import { validate } from '../validate';
import { presentUser } from '../auth/user-view';

export function meRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', signedIn(), (c) => c.json({ user: presentUser(currentUser(c)) }))
    .post('/password', signedIn(), validate('json', changePasswordBody), async (c) => {
      const sessionId = c.get('sessionId');
      if (!sessionId) throw unauthenticated();
      const { currentPassword, newPassword } = c.req.valid('json');
      await changePassword(deps, { id: currentUser(c).id, sessionId }, currentPassword, newPassword);
      return c.json({ ok: true as const });
    });
}
