import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { can } from '@samstrat/shared/access';
import { auditQuery } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { currentUser, requireUser } from '../auth/middleware';
import { forbidden } from '../errors';
import { accountAuditPage } from '../audit';
import { deactivateAccount, listAccounts, reactivateAccount } from '../admin/accounts';
import { validate } from '../validate';

const userParam = z.object({ id: z.string().min(1).max(100) });

/** Organization admins only; each sees and acts on the accounts of their own organization. */
const requireAccountAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const user = currentUser(c);
  if (!can({ userId: user.id, role: null, orgAdmin: user.isAdmin }, 'account.manage')) throw forbidden();
  await next();
};

/** `/api/admin`: accounts of the organization, and their account events in the audit log. */
export function adminRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser, requireAccountAdmin)
    .get('/users', (c) => c.json({ users: listAccounts(deps.db, currentUser(c).organizationId) }))
    .post('/users/:id/deactivate', validate('param', userParam), (c) => {
      deactivateAccount(deps, currentUser(c), c.req.valid('param').id);
      return c.json({ ok: true as const });
    })
    .post('/users/:id/reactivate', validate('param', userParam), (c) => {
      reactivateAccount(deps, currentUser(c), c.req.valid('param').id);
      return c.json({ ok: true as const });
    })
    .get('/audit', validate('query', auditQuery), (c) => {
      const { before, limit } = c.req.valid('query');
      return c.json(accountAuditPage(deps.db, currentUser(c).organizationId, before, limit));
    });
}
