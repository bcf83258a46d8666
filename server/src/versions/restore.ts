import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import type { Actor } from '@samstrat/shared/access';
import { contentHash } from '@samstrat/shared/content-hash';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { audit } from '../audit';
import type { Deps } from '../context';
import { enforce } from '../access/authorize';
import { loadSectionTarget, loadStrategyTarget, memberRole } from '../access/load';
import { notFound } from '../errors';
import { documentContent, strategyOutline } from '../strategies/content';
import { sectionFragmentName } from '../strategies/create';
import { getVersion } from './versions';

/**
 * Puts a section's text from a version back into the live document as a new edit: one Yjs
 * transaction that turns the section's fragment into the version's text (y-prosemirror's update
 * keeps what is unchanged), so every open editor receives it like any other change, the update log
 * keeps it, and nothing of the history is rewritten. Refused as shared/access says (restricted
 * section 403, frozen text 409); 404 for a section the outline or the version does not have.
 * The edit, the check and the audit entry are one transaction: a freeze or a rights change that
 * commits first is seen, and the edit is stored with its entry or not at all. Answers the text's
 * content hash right after the edit.
 */
export async function restoreSection(
  deps: Deps,
  strategyId: string,
  versionId: string,
  sectionKey: string,
  actor: Actor,
): Promise<{ sectionKey: string; versionId: string; contentHash: string }> {
  const version = await getVersion(deps, strategyId, versionId);
  const saved = version?.sections.find((s) => s.key === sectionKey);
  const origin = { kind: 'version.restored', userId: actor.userId, versionId, sectionKey } as const;
  const hash = await deps.db.transaction(async (tx) => {
    const strategy = await loadStrategyTarget(tx, strategyId);
    const section = strategy && (await loadSectionTarget(tx, strategyId, sectionKey, strategy));
    if (!section) throw notFound();
    enforce({ ...actor, role: await memberRole(tx, strategyId, actor.userId) }, 'version.restore', section);
    if (!version || !saved) throw notFound();
    const outline = await strategyOutline(tx, strategyId);
    const sections = await deps.rooms.edit(
      strategyId,
      origin,
      (doc) => {
        prosemirrorJSONToYXmlFragment(
          editorSchema,
          saved.content as JSONContent,
          doc.getXmlFragment(sectionFragmentName(sectionKey)),
        );
        return documentContent(doc, outline, deps.log.child({ strategyId }));
      },
      { tx },
    );
    const hash = contentHash(sections);
    await audit(tx, {
      action: 'version.section_restored',
      strategyId,
      actorId: actor.userId,
      detail: { versionId, versionNumber: version.number, sectionKey, contentHash: hash },
    });
    return hash;
  });
  return { sectionKey, versionId, contentHash: hash };
}
