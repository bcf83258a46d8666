import type { JSONContent } from '@tiptap/core';
import { yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { asc, eq } from 'drizzle-orm';
import type * as Y from 'yjs';
import type { SectionContent } from '@samstrat/shared/content-hash';
import type { Deps } from '../context';
import type { Db } from '../db/client';
import { sections } from '../db/schema';
import { sectionFragmentName } from './create';

/** A section of the outline with its text, as versions, diffs and exports use it. */
export interface OutlineSectionContent extends SectionContent {
  number: string;
  title: string;
  parentKey: string | null;
}

export type OutlineEntry = Omit<OutlineSectionContent, 'content'>;

/** The outline in its order: what the chapters are called and how they are numbered. */
export function strategyOutline(db: Db, strategyId: string): OutlineEntry[] {
  return db
    .select({ key: sections.key, number: sections.number, title: sections.title, parentKey: sections.parentKey })
    .from(sections)
    .where(eq(sections.strategyId, strategyId))
    .orderBy(asc(sections.position))
    .all();
}

/** Every outline section's text from a document, in outline order. */
export function documentContent(doc: Y.Doc, outline: readonly OutlineEntry[]): OutlineSectionContent[] {
  return outline.map((section) => ({
    ...section,
    content: yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(sectionFragmentName(section.key))) as JSONContent,
  }));
}

/**
 * Runs `read` on the strategy's document as it is now: the live room's when the strategy is open
 * (it may hold edits a moment ahead of the database), else the stored one, loaded for the call.
 */
export function withStrategyDocument<T>(deps: Deps, strategyId: string, read: (doc: Y.Doc) => T): T {
  const live = deps.rooms.get(strategyId)?.doc;
  if (live) return read(live);
  const stored = deps.rooms.store.load(strategyId);
  try {
    return read(stored);
  } finally {
    stored.destroy();
  }
}

/**
 * The strategy's text now: every section of the outline, in outline order, as ProseMirror JSON.
 * `contentHash(strategyContent(deps, id))` is the hash approvals and versions record.
 */
export function strategyContent(deps: Deps, strategyId: string): OutlineSectionContent[] {
  const outline = strategyOutline(deps.db, strategyId);
  return withStrategyDocument(deps, strategyId, (doc) => documentContent(doc, outline));
}
