import { Hono } from 'hono';
import type { AppEnv, Deps } from '../context';
import { notFound } from '../errors';
import { currentUser } from '../auth/middleware';
import { onStrategy, signedIn } from '../access/authorize';
import { listStrategiesForUser, strategyDetail } from '../strategies/read';

export function strategyRoutes(deps: Deps) {
  return (
    new Hono<AppEnv>()
      .get('/', signedIn(), async (c) => c.json(await listStrategiesForUser(deps.db, currentUser(c).id)))
      // Not a member and no such strategy answer alike (404), so ids cannot be probed.
      .get('/:id', onStrategy(deps.db, 'strategy.read'), async (c) => {
        const detail = await strategyDetail(deps.db, c.var.access);
        if (!detail) throw notFound();
        return c.json(detail);
      })
  );
}
