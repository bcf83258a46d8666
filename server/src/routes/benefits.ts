import { Hono } from 'hono';
import { benefitsDocumentSchema } from '@samstrat/shared/benefits';
import type { AppEnv, Deps } from '../context';
import { onStrategy } from '../access/authorize';
import { readBenefits, saveBenefits } from '../benefits/benefits';
import { validate } from '../validate';

/** `/api/strategies/:id/benefits`: the benefit calculator's figures. Members read, the leader saves. */
export function benefitRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .get('/', onStrategy(deps.db, 'strategy.read'), async (c) =>
      c.json(await readBenefits(deps, c.var.access.strategyId)),
    )
    .put('/', onStrategy(deps.db, 'benefits.edit'), validate('json', benefitsDocumentSchema), async (c) => {
      const { strategyId, actor } = c.var.access;
      return c.json(await saveBenefits(deps, strategyId, actor.userId, c.req.valid('json')));
    });
}
