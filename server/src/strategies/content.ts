import { asc, eq } from 'drizzle-orm';
import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { SectionContent } from '@samstrat/shared/content-hash';
import type { ContentProblem } from '@samstrat/shared/editor/fit-schema';
import { fragmentContent } from '@samstrat/shared/editor/fragment-content';
import type { Deps } from '../context';
import type { Reader } from '../db/client';
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
export async function strategyOutline(db: Reader, strategyId: string): Promise<OutlineEntry[]> {
  return await db
    .select({ key: sections.key, number: sections.number, title: sections.title, parentKey: sections.parentKey })
    .from(sections)
    .where(eq(sections.strategyId, strategyId))
    .orderBy(asc(sections.position));
}

/**
 * Every outline section's text from a document, in outline order, as ProseMirror JSON of the
 * editor schema. Content that fits no schema (stored by older servers) is read around, never
 * thrown on: the odd node is skipped or its words kept, and what was done is logged per section.
 */
export function documentContent(
  doc: Y.Doc,
  outline: readonly OutlineEntry[],
  log?: Pick<Logger, 'warn'>,
): OutlineSectionContent[] {
  return outline.map((section) => {
    const problems: ContentProblem[] = [];
    const content = fragmentContent(doc.getXmlFragment(sectionFragmentName(section.key)), (problem) =>
      problems.push(problem),
    );
    if (problems.length > 0 && log) log.warn({ sectionKey: section.key, problems: tally(problems) }, ODD_CONTENT);
    return { ...section, content };
  });
}

const ODD_CONTENT = 'a section holds content that fits no editor schema; it was read around';

/** `{ "unknown-node script": 2, … }`: what a log line can hold of a section with many odd nodes. */
function tally(problems: readonly ContentProblem[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { kind, name } of problems) counts[`${kind} ${name}`] = (counts[`${kind} ${name}`] ?? 0) + 1;
  return counts;
}

/**
 * Runs `read` on the strategy's document as it is now: the live room's when the strategy is open
 * (it may hold edits a moment ahead of the database), else the stored one, loaded for the call.
 */
export async function withStrategyDocument<T>(deps: Deps, strategyId: string, read: (doc: Y.Doc) => T): Promise<T> {
  const live = deps.rooms.get(strategyId)?.doc;
  if (live) return read(live);
  const stored = await deps.rooms.store.load(strategyId);
  try {
    return read(stored);
  } finally {
    stored.destroy();
  }
}

/**
 * The strategy's text now: every section of the outline, in outline order, as ProseMirror JSON.
 * `contentHash(await strategyContent(deps, id))` is the hash approvals and versions record.
 */
export async function strategyContent(deps: Deps, strategyId: string): Promise<OutlineSectionContent[]> {
  const outline = await strategyOutline(deps.db, strategyId);
  return await withStrategyDocument(deps, strategyId, (doc) =>
    documentContent(doc, outline, deps.log.child({ strategyId })),
  );
}
