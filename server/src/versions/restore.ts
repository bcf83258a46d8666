import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '@samstrat/shared/access';
import { contentHash } from '@samstrat/shared/content-hash';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { audit } from '../audit';
import type { Deps } from '../context';
import { sectionOwners, sections } from '../db/schema';
import { strategyWorkflows } from '../db/schema-workflow';
import { AppError, notFound } from '../errors';
import { strategyContent } from '../strategies/content';
import { sectionFragmentName } from '../strategies/create';
import { getVersion } from './versions';

/** A section of the live outline as the access rules see it, or null when the outline has no such key. */
export function sectionTarget(deps: Deps, strategyId: string, sectionKey: string) {
  const section = deps.db
    .select({ restricted: sections.restricted })
    .from(sections)
    .where(and(eq(sections.strategyId, strategyId), eq(sections.key, sectionKey)))
    .get();
  if (!section) return null;
  const ownerIds = deps.db
    .select({ id: sectionOwners.userId })
    .from(sectionOwners)
    .where(and(eq(sectionOwners.strategyId, strategyId), eq(sectionOwners.sectionKey, sectionKey)))
    .all()
    .map((row) => row.id);
  return { restricted: section.restricted, ownerIds };
}

/**
 * Puts a section's text from a version back into the live document as a new edit: one Yjs
 * transaction that turns the section's fragment into the version's text (y-prosemirror's update
 * keeps what is unchanged), so every open editor receives it like any other change, the update log
 * keeps it, and nothing of the history is rewritten. The caller has checked the actor may edit it.
 */
export function restoreSection(deps: Deps, strategyId: string, versionId: string, sectionKey: string, actor: Actor) {
  const version = getVersion(deps, strategyId, versionId);
  const saved = version?.sections.find((s) => s.key === sectionKey);
  if (!version || !saved) throw notFound();
  // A frozen text is under approval: the socket guard refuses every edit, and so does this one.
  const workflow = deps.db
    .select({ frozen: strategyWorkflows.frozen })
    .from(strategyWorkflows)
    .where(eq(strategyWorkflows.strategyId, strategyId))
    .get();
  if (workflow?.frozen) throw new AppError('text_frozen', 409);

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

  const hash = contentHash(strategyContent(deps, strategyId));
  audit(deps.db, {
    action: 'version.section_restored',
    strategyId,
    actorId: actor.userId,
    detail: { versionId, versionNumber: version.number, sectionKey, contentHash: hash },
  });
  return { sectionKey, versionId, contentHash: hash };
}
