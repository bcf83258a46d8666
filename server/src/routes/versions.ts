import { Hono } from 'hono';
import * as z from 'zod';
import { contentHash } from '@samstrat/shared/content-hash';
import { diffVersions, type VersionSection } from '@samstrat/shared/diff';
import type { AppEnv, Deps } from '../context';
import { notFound } from '../errors';
import { onStrategy } from '../access/authorize';
import { strategyContent } from '../strategies/content';
import { validate } from '../validate';
import { restoreSection } from '../versions/restore';
import { createVersion, getVersion, listVersions, type VersionSummary } from '../versions/versions';

/** `current` names the text as it is now wherever a version id is expected in a read. */
export const CURRENT = 'current';

const nameSchema = z.object({ name: z.string().trim().min(1).max(120) });
const restoreSchema = z.object({ sectionKey: z.string().min(1).max(100) });

/** The text of a version, or of the strategy now, with the version's particulars (null for now). */
async function readText(
  deps: Deps,
  strategyId: string,
  versionId: string,
): Promise<{ version: VersionSummary | null; sections: VersionSection[] }> {
  if (versionId === CURRENT) return { version: null, sections: await strategyContent(deps, strategyId) };
  const version = await getVersion(deps, strategyId, versionId);
  if (!version) throw notFound();
  const { sections, ...summary } = version;
  return { version: summary, sections };
}

export function versionRoutes(deps: Deps) {
  const read = onStrategy(deps.db, 'version.read');
  return (
    new Hono<AppEnv>()
      .get('/', read, async (c) => {
        const { strategyId } = c.var.access;
        return c.json({
          versions: await listVersions(deps, strategyId),
          currentHash: contentHash(await strategyContent(deps, strategyId)),
        });
      })
      .post('/', onStrategy(deps.db, 'version.create'), validate('json', nameSchema), async (c) => {
        const { strategyId, actor } = c.var.access;
        const version = await createVersion(deps, strategyId, {
          kind: 'named',
          name: c.req.valid('json').name,
          actorId: actor.userId,
        });
        return c.json(version, 201);
      })
      .get('/:vid', read, async (c) => {
        const { version, sections } = await readText(deps, c.var.access.strategyId, c.req.param('vid'));
        return c.json({ version, sections, contentHash: version?.contentHash ?? contentHash(sections) });
      })
      .get('/:a/diff/:b', read, async (c) => {
        const { strategyId } = c.var.access;
        const from = await readText(deps, strategyId, c.req.param('a'));
        const to = await readText(deps, strategyId, c.req.param('b'));
        return c.json({ from: from.version, to: to.version, ...diffVersions(from.sections, to.sections) });
      })
      // Who may restore in some section is asked first; the section named in the body is judged by restoreSection.
      .post('/:vid/restore', onStrategy(deps.db, 'version.restore'), validate('json', restoreSchema), async (c) => {
        const { strategyId, actor } = c.var.access;
        const restored = await restoreSection(
          deps,
          strategyId,
          c.req.param('vid'),
          c.req.valid('json').sectionKey,
          actor,
        );
        return c.json(restored);
      })
  );
}
