import { Hono } from 'hono';
import * as z from 'zod';
import { contentHash } from '@samstrat/shared/content-hash';
import { diffVersions, type VersionSection } from '@samstrat/shared/diff';
import { currentUser, requireUser } from '../auth/middleware';
import type { AppEnv, Deps } from '../context';
import { notFound } from '../errors';
import { authorize } from '../strategies/access';
import { strategyContent } from '../strategies/content';
import { validate } from '../validate';
import { restoreSection, sectionTarget } from '../versions/restore';
import { createVersion, getVersion, listVersions, type VersionSummary } from '../versions/versions';

/** `current` names the text as it is now wherever a version id is expected in a read. */
export const CURRENT = 'current';

const nameSchema = z.object({ name: z.string().trim().min(1).max(120) });
const restoreSchema = z.object({ sectionKey: z.string().min(1).max(100) });

/** The text of a version, or of the strategy now, with the version's particulars (null for now). */
function readText(
  deps: Deps,
  strategyId: string,
  versionId: string,
): { version: VersionSummary | null; sections: VersionSection[] } {
  if (versionId === CURRENT) return { version: null, sections: strategyContent(deps, strategyId) };
  const version = getVersion(deps, strategyId, versionId);
  if (!version) throw notFound();
  const { sections, ...summary } = version;
  return { version: summary, sections };
}

export function versionRoutes(deps: Deps) {
  return new Hono<AppEnv>()
    .use(requireUser)
    .get('/', (c) => {
      const strategyId = c.req.param('id')!;
      authorize(deps.db, currentUser(c), strategyId, 'version.read');
      return c.json({
        versions: listVersions(deps, strategyId),
        currentHash: contentHash(strategyContent(deps, strategyId)),
      });
    })
    .post('/', validate('json', nameSchema), (c) => {
      const strategyId = c.req.param('id')!;
      const actor = authorize(deps.db, currentUser(c), strategyId, 'version.create');
      const version = createVersion(deps, strategyId, {
        kind: 'named',
        name: c.req.valid('json').name,
        actorId: actor.userId,
      });
      return c.json(version, 201);
    })
    .get('/:vid', (c) => {
      const strategyId = c.req.param('id')!;
      authorize(deps.db, currentUser(c), strategyId, 'version.read');
      const { version, sections } = readText(deps, strategyId, c.req.param('vid'));
      return c.json({ version, sections, contentHash: version?.contentHash ?? contentHash(sections) });
    })
    .get('/:a/diff/:b', (c) => {
      const strategyId = c.req.param('id')!;
      authorize(deps.db, currentUser(c), strategyId, 'version.read');
      const from = readText(deps, strategyId, c.req.param('a'));
      const to = readText(deps, strategyId, c.req.param('b'));
      return c.json({ from: from.version, to: to.version, ...diffVersions(from.sections, to.sections) });
    })
    .post('/:vid/restore', validate('json', restoreSchema), (c) => {
      const strategyId = c.req.param('id')!;
      const { sectionKey } = c.req.valid('json');
      const user = currentUser(c);
      // Members learn whether the section exists only once they may read the strategy.
      authorize(deps.db, user, strategyId, 'version.read');
      const target = sectionTarget(deps, strategyId, sectionKey);
      if (!target) throw notFound();
      const actor = authorize(deps.db, user, strategyId, 'version.restore', target);
      const restored = restoreSection(deps, strategyId, c.req.param('vid'), sectionKey, actor);
      return c.json(restored);
    });
}
