import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { notFound } from '../errors';
import { currentUser, requireUser } from '../auth/middleware';
import { authorize } from '../strategies/access';
import { listStrategiesForUser, strategyDetail } from '../strategies/read';

export function strategyRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', (c) => c.json(listStrategiesForUser(deps.db, currentUser(c).id)))
    .get('/:id', (c) => {
      const user = currentUser(c);
      const strategyId = c.req.param('id');
      // Not a member and no such strategy answer alike (404), so ids cannot be probed.
      const actor = authorize(deps.db, user, strategyId, 'strategy.read');
      if (!actor.role) throw notFound();
      const detail = strategyDetail(deps.db, strategyId, user.id, actor.role, actor.orgAdmin);
      if (!detail) throw notFound();
      return c.json(detail);
    });
}
