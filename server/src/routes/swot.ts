import { Hono } from 'hono';
import { swotEntryInputSchema } from '@samstrat/shared/swot';
import type { AppEnv, Deps } from '../context';
import { onStrategy } from '../access/authorize';
import { addSwotEntry, insertSwot, listSwot } from '../benefits/swot';
import { validate } from '../validate';

/**
 * `/api/strategies/:id/swot`: the SWOT board of Oppstart. Members read it, those who may comment
 * write entries, the leader inserts it into the status appendix (`POST /insert`).
 */
export function swotRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', onStrategy(deps.db, 'strategy.read'), async (c) =>
      c.json({ entries: await listSwot(deps.db, c.var.access.strategyId) }),
    )
    .post('/', onStrategy(deps.db, 'swot.write'), validate('json', swotEntryInputSchema), async (c) => {
      const { strategyId, actor } = c.var.access;
      return c.json(await addSwotEntry(deps, strategyId, actor.userId, c.req.valid('json')), 201);
    })
    .post('/insert', onStrategy(deps.db, 'swot.insert'), async (c) => {
      const { strategyId, actor } = c.var.access;
      return c.json(await insertSwot(deps, strategyId, actor));
    });
}
