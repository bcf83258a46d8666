import { Hono } from 'hono';
import { auditQuery } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { onStrategy } from '../access/authorize';
import { strategyAuditPage } from '../audit';
import { validate } from '../validate';

/** `/api/strategies/:id/audit`: read-only, newest first, a page at a time. Nothing changes or deletes an entry. */
export function auditRoutes(deps: Deps) {
  return new Hono<AppEnv>().get('/', onStrategy(deps.db, 'audit.read'), validate('query', auditQuery), async (c) => {
    const { before, limit } = c.req.valid('query');
    return c.json(await strategyAuditPage(deps.db, c.var.access.strategyId, before, limit));
  });
}
