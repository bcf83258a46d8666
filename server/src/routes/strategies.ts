import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { notFound } from '../errors';
import { currentUser, requireUser } from '../auth/middleware';
import { getMembership } from '../strategies/membership';
import { listStrategiesForUser, strategyDetail } from '../strategies/read';

export function strategyRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', (c) => c.json(listStrategiesForUser(deps.db, currentUser(c).id)))
    .get('/:id', (c) => {
      const user = currentUser(c);
      const strategyId = c.req.param('id');
      // Not a member and no such strategy answer alike, so ids cannot be probed.
      const membership = getMembership(deps.db, strategyId, user.id);
      if (!membership) throw notFound();
      const detail = strategyDetail(deps.db, strategyId, user.id, membership.role);
      if (!detail) throw notFound();
      return c.json(detail);
    });
}
