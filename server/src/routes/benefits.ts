import { Hono } from 'hono';
import { benefitsDocumentSchema } from '@samstrat/shared/benefits';
import type { AppEnv, Deps } from '../context';
import { currentUser, requireUser } from '../auth/middleware';
import { readBenefits, saveBenefits } from '../benefits/benefits';
import { authorize } from '../strategies/access';
import { validate } from '../validate';

/** `/api/strategies/:id/benefits`: the benefit calculator's figures. Members read, the leader saves. */
export function benefitRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', (c) => {
      const strategyId = c.req.param('id')!;
      authorize(deps.db, currentUser(c), strategyId, 'strategy.read');
      return c.json(readBenefits(deps, strategyId));
    })
    .put('/', validate('json', benefitsDocumentSchema), (c) => {
      const strategyId = c.req.param('id')!;
      const actor = authorize(deps.db, currentUser(c), strategyId, 'benefits.edit');
      return c.json(saveBenefits(deps, strategyId, actor.userId, c.req.valid('json')));
    });
}
