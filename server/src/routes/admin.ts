import { Hono } from 'hono';
import { z } from 'zod';
import { accountRightsBody, auditQuery } from '@samstrat/shared/members';
import { organizationSettingsBody } from '@samstrat/shared/organization';
import { updateOrganizationSettings } from '../admin/organizations';
import type { AppEnv, Deps } from '../context';
import { onOrganization, onStrategy } from '../access/authorize';
import { deleteStrategy, organizationStrategies, setArchived } from '../strategies/settings';
import { accountAuditPage } from '../audit';
import { deactivateAccount, listAccounts, reactivateAccount, setStrategyCreation } from '../admin/accounts';
import type { SessionUser } from '../context';
import { validate } from '../validate';

const userParam = z.object({ id: z.string().min(1).max(100) });

/** `/api/admin`: accounts of the organization, and their account events in the audit log. Organization admins only. */
export function adminRoutes(deps: Deps) {
  // onOrganization has refused anyone without a session, so the user is there.
  const admin = (c: { get(key: 'user'): SessionUser | null }) => c.get('user')!;
  return (
    new Hono<AppEnv>()
      .get('/users', onOrganization(), async (c) => c.json({ users: await listAccounts(deps.db, admin(c)) }))
      .post('/users/:id/deactivate', onOrganization(), validate('param', userParam), async (c) => {
        await deactivateAccount(deps, admin(c), c.req.valid('param').id);
        return c.json({ ok: true as const });
      })
      .post('/users/:id/reactivate', onOrganization(), validate('param', userParam), async (c) => {
        await reactivateAccount(deps, admin(c), c.req.valid('param').id);
        return c.json({ ok: true as const });
      })
      .patch(
        '/users/:id',
        onOrganization(),
        validate('param', userParam),
        validate('json', accountRightsBody),
        async (c) => {
          await setStrategyCreation(deps, admin(c), c.req.valid('param').id, c.req.valid('json').createsStrategies);
          return c.json({ ok: true as const });
        },
      )
      // The organization's strategies, archived ones too: its admins archive, restore and delete here.
      .get('/strategies', onOrganization(), async (c) =>
        c.json({ strategies: await organizationStrategies(deps.db, admin(c).organizationId) }),
      )
      .post('/strategies/:id/archive', onStrategy(deps.db, 'strategy.archive'), async (c) => {
        await setArchived(deps, c.var.access.strategyId, c.var.access.actor, true);
        return c.json({ ok: true as const });
      })
      .post('/strategies/:id/restore', onStrategy(deps.db, 'strategy.archive'), async (c) => {
        await setArchived(deps, c.var.access.strategyId, c.var.access.actor, false);
        return c.json({ ok: true as const });
      })
      .delete('/strategies/:id', onStrategy(deps.db, 'strategy.delete'), async (c) => {
        await deleteStrategy(deps, c.var.access.strategyId, c.var.access.actor);
        return c.json({ ok: true as const });
      })
      // The organization's own settings: name, number, the executive's title, the default written form.
      .patch(
        '/organization',
        onOrganization('organization.configure'),
        validate('json', organizationSettingsBody),
        async (c) => c.json({ organization: await updateOrganizationSettings(deps.db, admin(c), c.req.valid('json')) }),
      )
      .get('/audit', onOrganization(), validate('query', auditQuery), async (c) => {
        const { before, limit } = c.req.valid('query');
        return c.json(await accountAuditPage(deps.db, admin(c).organizationId, before, limit));
      })
  );
}
