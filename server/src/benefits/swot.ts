import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import type { Actor } from '@samstrat/shared/access';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import type { Locale } from '@samstrat/shared/errors';
import {
  statusAppendixKey,
  swotContent,
  type SwotEntry,
  type SwotEntryInput,
  type SwotKind,
} from '@samstrat/shared/swot';
import { enforce } from '../access/authorize';
import { loadStrategyTarget } from '../access/load';
import { audit } from '../audit';
import type { Deps } from '../context';
import type { Reader } from '../db/client';
import { strategies, users } from '../db/schema';
import { swotEntries } from '../db/schema-benefits';
import { AppError, notFound } from '../errors';
import { strategyOutline } from '../strategies/content';
import { sectionFragmentName } from '../strategies/create';

/** The board's entries, oldest first, each with its author's name. */
export async function listSwot(db: Reader, strategyId: string): Promise<SwotEntry[]> {
  const rows = await db
    .select({
      id: swotEntries.id,
      kind: swotEntries.kind,
      text: swotEntries.text,
      createdAt: swotEntries.createdAt,
      authorId: swotEntries.authorId,
      authorName: users.name,
    })
    .from(swotEntries)
    .leftJoin(users, eq(users.id, swotEntries.authorId))
    .where(eq(swotEntries.strategyId, strategyId))
    .orderBy(asc(swotEntries.createdAt), asc(swotEntries.id));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as SwotKind,
    text: r.text,
    author: { id: r.authorId ?? '', name: r.authorName ?? '' },
    createdAt: r.createdAt.toISOString(),
  }));
}

/** Adds an entry, audited, and tells every open board (`swot.changed`). Answers its id. */
export async function addSwotEntry(
  deps: Deps,
  strategyId: string,
  authorId: string,
  input: SwotEntryInput,
): Promise<{ id: string }> {
  const id = randomUUID();
  await deps.db.transaction(async (tx) => {
    await tx.insert(swotEntries).values({ id, strategyId, authorId, ...input, createdAt: new Date() });
    await audit(tx, {
      strategyId,
      actorId: authorId,
      action: 'swot.entry_added',
      detail: { entryId: id, kind: input.kind },
    });
    await deps.events.publishIn(tx, strategyId, { type: 'swot.changed', entryId: id });
  });
  return { id };
}

/** A section holding only an empty paragraph: the inserted text replaces it rather than following it. */
function isEmpty(content: JSONContent[]): boolean {
  return (
    content.length === 0 || (content.length === 1 && content[0]?.type === 'paragraph' && !content[0].content?.length)
  );
}

/**
 * Appends the board as text to the status appendix (shared/swot `statusAppendixKey`), written by
 * the server into the strategy's document as the outline and version restore do: in one
 * transaction with the check (leaders; a frozen text 409) and the audit entry, in the strategy's
 * written form (bokmål or nynorsk). Answers the section.
 */
export async function insertSwot(deps: Deps, strategyId: string, actor: Actor): Promise<{ sectionKey: string }> {
  return await deps.db.transaction(async (tx) => {
    const strategy = await loadStrategyTarget(tx, strategyId);
    if (!strategy) throw notFound();
    // The headings go into the text, so in the text's written form, whatever the inserter's language.
    const [written] = await tx
      .select({ form: strategies.writtenForm })
      .from(strategies)
      .where(eq(strategies.id, strategyId))
      .limit(1);
    const locale: Locale = written?.form === 'nn' ? 'nn' : 'nb';
    enforce(actor, 'swot.insert', strategy);
    const sectionKey = statusAppendixKey(await strategyOutline(tx, strategyId));
    if (!sectionKey) throw new AppError('not_found', 404);
    const entries = await listSwot(tx, strategyId);
    await deps.rooms.edit(
      strategyId,
      { kind: 'swot.inserted', userId: actor.userId, sectionKey },
      (doc) => {
        const fragment = doc.getXmlFragment(sectionFragmentName(sectionKey));
        const current = (yXmlFragmentToProsemirrorJSON(fragment).content ?? []) as JSONContent[];
        const content = [...(isEmpty(current) ? [] : current), ...swotContent(entries, locale)];
        prosemirrorJSONToYXmlFragment(editorSchema, { type: 'doc', content }, fragment);
      },
      { tx },
    );
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'swot.inserted',
      detail: { sectionKey, entries: entries.length },
    });
    return { sectionKey };
  });
}
