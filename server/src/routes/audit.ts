import { Hono } from 'hono';
import { z } from 'zod';
import { auditQuery } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { currentUser, requireUser } from '../auth/middleware';
import { authorize } from '../strategies/access';
import { strategyAuditPage } from '../audit';
import { validate } from '../validate';

const idParam = z.object({ id: z.string().min(1).max(100) });

/** `/api/strategies/:id/audit`: read-only, newest first, a page at a time. Nothing changes or deletes an entry. */
export function auditRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', validate('param', idParam), validate('query', auditQuery), (c) => {
      const { id } = c.req.valid('param');
      authorize(deps.db, currentUser(c), id, 'audit.read');
      const { before, limit } = c.req.valid('query');
      return c.json(strategyAuditPage(deps.db, id, before, limit));
    });
}
