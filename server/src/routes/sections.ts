import { Hono } from 'hono';
import { z } from 'zod';
import { sectionKeySchema, updateSectionBody } from '@samstrat/shared/members';
import { addSectionBody, outlineOrderBody, renameSectionBody, substrategyBody } from '@samstrat/shared/outline';
import { linkSubstrategy } from '../strategies/substrategies';
import type { AppEnv, Deps } from '../context';
import { onStrategy } from '../access/authorize';
import { updateSection } from '../strategies/sections';
import {
  addOutlineSection,
  listRemovedSections,
  removeOutlineSection,
  renameOutlineSection,
  reorderOutlineSections,
  restoreOutlineSection,
} from '../strategies/outline';
import { validate } from '../validate';

const sectionParam = z.object({ key: sectionKeySchema });

/**
 * `/api/strategies/:id/sections…`: the leader restricts a section and chooses its owners, and edits
 * the outline (add, rename, order, remove, restore). Every outline change reaches open pages through
 * the event stream (`outline.changed`) and the members' sockets without closing them.
 */
export function sectionRoutes(deps: Deps) {
  return (
    new Hono<AppEnv>()
      .post('/', onStrategy(deps.db, 'outline.edit'), validate('json', addSectionBody), async (c) => {
        const { strategyId, actor } = c.var.access;
        return c.json({ section: await addOutlineSection(deps, strategyId, actor, c.req.valid('json')) }, 201);
      })
      .put('/order', onStrategy(deps.db, 'outline.edit'), validate('json', outlineOrderBody), async (c) => {
        const { strategyId, actor } = c.var.access;
        await reorderOutlineSections(deps, strategyId, actor, c.req.valid('json'));
        return c.json({ ok: true as const });
      })
      // "Fjernede deler": what was taken out of the outline, with its text still in the document.
      .get('/removed', onStrategy(deps.db, 'strategy.read'), async (c) =>
        c.json({ removed: await listRemovedSections(deps, c.var.access.strategyId) }),
      )
      .post(
        '/removed/:key/restore',
        onStrategy(deps.db, 'outline.edit'),
        validate('param', sectionParam),
        async (c) => {
          const { strategyId, actor } = c.var.access;
          await restoreOutlineSection(deps, strategyId, actor, c.req.valid('param').key);
          return c.json({ ok: true as const });
        },
      )
      .patch(
        '/:key/title',
        onStrategy(deps.db, 'outline.edit'),
        validate('param', sectionParam),
        validate('json', renameSectionBody),
        async (c) => {
          const { strategyId, actor } = c.var.access;
          await renameOutlineSection(deps, strategyId, actor, c.req.valid('param').key, c.req.valid('json').title);
          return c.json({ ok: true as const });
        },
      )
      // An area's delstrategi: another strategy of the organization (404 for one of another, 400 for itself).
      .put(
        '/:key/substrategy',
        onStrategy(deps.db, 'section.manage'),
        validate('param', sectionParam),
        validate('json', substrategyBody),
        async (c) => {
          const { strategyId, actor } = c.var.access;
          const { key } = c.req.valid('param');
          const substrategy = await linkSubstrategy(deps, strategyId, actor, key, c.req.valid('json').substrategyId);
          return c.json({ substrategy });
        },
      )
      .delete('/:key', onStrategy(deps.db, 'outline.edit'), validate('param', sectionParam), async (c) => {
        const { strategyId, actor } = c.var.access;
        await removeOutlineSection(deps, strategyId, actor, c.req.valid('param').key);
        return c.json({ ok: true as const });
      })
      .patch(
        '/:key',
        onStrategy(deps.db, 'section.manage'),
        validate('param', sectionParam),
        validate('json', updateSectionBody),
        async (c) => {
          const { strategyId, actor } = c.var.access;
          const { key } = c.req.valid('param');
          return c.json({ section: await updateSection(deps, strategyId, key, actor.userId, c.req.valid('json')) });
        },
      )
  );
}
