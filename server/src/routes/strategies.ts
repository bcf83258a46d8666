import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { notFound } from '../errors';
import { currentUser } from '../auth/middleware';
import { newStrategyBody, strategySettingsBody } from '@samstrat/shared/new-strategy';
import { onOrganization, onStrategy, signedIn } from '../access/authorize';
import { listStrategiesForUser, strategyDetail } from '../strategies/read';
import { newStrategy } from '../strategies/new';
import { participantOptions } from '../strategies/participants';
import { updateStrategySettings } from '../strategies/settings';
import { validate } from '../validate';

export function strategyRoutes(deps: Deps) {
  return (
    new Hono<AppEnv>()
      .get('/', signedIn(), async (c) => c.json(await listStrategiesForUser(deps.db, currentUser(c).id)))
      // "Ny strategi": in the caller's organization, with the caller as its leader.
      .post('/', onOrganization('strategy.create'), validate('json', newStrategyBody), async (c) => {
        // onOrganization has refused anyone without a session, so the user is there.
        const id = await newStrategy(deps, c.get('user')!, c.req.valid('json'));
        return c.json({ id }, 201);
      })
      // The other municipalities of the installation a joint strategy may include (shared/participants).
      .get('/participant-options', onOrganization('strategy.proposeJoint'), async (c) =>
        c.json({ organizations: await participantOptions(deps.db, c.get('user')!.organizationId) }),
      )
      // Not a member and no such strategy answer alike (404), so ids cannot be probed.
      .get('/:id', onStrategy(deps.db, 'strategy.read'), async (c) => {
        const detail = await strategyDetail(deps.db, c.var.access);
        if (!detail) throw notFound();
        return c.json(detail);
      })
      // Title and period: the leaders, until the strategy is adopted.
      .patch('/:id', onStrategy(deps.db, 'strategy.configure'), validate('json', strategySettingsBody), async (c) => {
        await updateStrategySettings(deps, c.var.access.strategyId, c.var.access.actor, c.req.valid('json'));
        return c.json({ ok: true as const });
      })
  );
}
