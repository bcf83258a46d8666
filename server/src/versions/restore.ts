import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { Actor } from '@samstrat/shared/access';
import { contentHash } from '@samstrat/shared/content-hash';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { recordAudit } from '../audit';
import type { Deps } from '../context';
import { enforce } from '../access/authorize';
import { loadSectionTarget, loadStrategyTarget } from '../access/load';
import { AppError, notFound } from '../errors';
import { strategyContent } from '../strategies/content';
import { sectionFragmentName } from '../strategies/create';
import { getVersion } from './versions';

/**
 * Puts a section's text from a version back into the live document as a new edit: one Yjs
 * transaction that turns the section's fragment into the version's text (y-prosemirror's update
 * keeps what is unchanged), so every open editor receives it like any other change, the update log
 * keeps it, and nothing of the history is rewritten. Refused as shared/access says (restricted
 * section 403, frozen text 409); 404 for a section the outline or the version does not have.
 */
export async function restoreSection(
  deps: Deps,
  strategyId: string,
  versionId: string,
  sectionKey: string,
  actor: Actor,
) {
  const version = await getVersion(deps, strategyId, versionId);
  const saved = version?.sections.find((s) => s.key === sectionKey);
  const strategy = await loadStrategyTarget(deps.db, strategyId);
  const section = strategy && (await loadSectionTarget(deps.db, strategyId, sectionKey, strategy));
  if (!section) throw notFound();
  enforce(actor, 'version.restore', section);
  if (!version || !saved) throw notFound();

  // The registry saves the edit before it returns, so the answer only says "restored" once it is stored.
  const origin = { kind: 'version.restored', userId: actor.userId, versionId, sectionKey } as const;
  try {
    deps.rooms.edit(strategyId, origin, (doc) => {
      prosemirrorJSONToYXmlFragment(
        editorSchema,
        saved.content as JSONContent,
        doc.getXmlFragment(sectionFragmentName(sectionKey)),
      );
    });
  } catch (err) {
    throw new AppError('internal', 500, err);
  }

  const hash = contentHash(await strategyContent(deps, strategyId));
  await recordAudit(deps.db, {
    action: 'version.section_restored',
    strategyId,
    actorId: actor.userId,
    detail: { versionId, versionNumber: version.number, sectionKey, contentHash: hash },
  });
  return { sectionKey, versionId, contentHash: hash };
}
