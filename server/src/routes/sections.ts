import { Hono } from 'hono';
import { z } from 'zod';
import { sectionKeySchema, updateSectionBody } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { onStrategy } from '../access/authorize';
import { updateSection } from '../strategies/sections';
import { validate } from '../validate';

const sectionParam = z.object({ key: sectionKeySchema });

/** `/api/strategies/:id/sections/:key`: the leader restricts a section and chooses its owners. */
export function sectionRoutes(deps: Deps) {
  return new Hono<AppEnv>().patch(
    '/:key',
    onStrategy(deps.db, 'section.manage'),
    validate('param', sectionParam),
    validate('json', updateSectionBody),
    async (c) => {
      const { strategyId, actor } = c.var.access;
      const { key } = c.req.valid('param');
      return c.json({ section: await updateSection(deps, strategyId, key, actor.userId, c.req.valid('json')) });
    },
  );
}
