import { Hono } from 'hono';
import { z } from 'zod';
import { sectionKeySchema, updateSectionBody } from '@samstrat/shared/members';
import type { AppEnv, Deps } from '../context';
import { currentUser, requireUser } from '../auth/middleware';
import { authorize } from '../strategies/access';
import { updateSection } from '../strategies/sections';
import { validate } from '../validate';

const sectionParam = z.object({ id: z.string().min(1).max(100), key: sectionKeySchema });

/** `/api/strategies/:id/sections/:key`: the leader restricts a section and chooses its owners. */
export function sectionRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .patch('/:key', validate('param', sectionParam), validate('json', updateSectionBody), (c) => {
      const { id, key } = c.req.valid('param');
      const user = currentUser(c);
      authorize(deps.db, user, id, 'section.manage');
      return c.json({ section: updateSection(deps, id, key, user.id, c.req.valid('json')) });
    });
}
