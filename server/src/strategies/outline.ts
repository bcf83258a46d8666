import { and, asc, eq } from 'drizzle-orm';
import { enforce } from '../access/authorize';
import type { Actor } from '@samstrat/shared/access';
import type { OutlineDraft } from '@samstrat/shared/new-strategy';
import {
  addSection,
  newSectionKey,
  removeSection,
  renameSection,
  reorderOutline,
  type OutlineOrder,
  type OutlineResult,
} from '@samstrat/shared/outline';
import type { Deps } from '../context';
import type { Tx } from '../db/client';
import { sections } from '../db/schema';
import { removedSections } from '../db/schema-outline';
import { audit } from '../audit';
import { AppError, notFound } from '../errors';
import { loadStrategyTarget } from '../access/load';
import { changingOutline } from '../access/revocation';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { sectionFragmentName } from './create';
import { publishOutline } from './outline-entries';

const EMPTY_SECTION = { type: 'doc', content: [{ type: 'paragraph' }] };

/** A section taken out of the outline, as "Fjernede deler" lists it. */
export interface RemovedSection {
  key: string;
  number: string;
  title: string;
  parentKey: string | null;
  removedAt: string;
}

interface Row extends OutlineDraft {
  restricted: boolean;
}

async function readRows(tx: Tx, strategyId: string): Promise<Row[]> {
  return await tx
    .select({
      key: sections.key,
      number: sections.number,
      title: sections.title,
      parentKey: sections.parentKey,
      restricted: sections.restricted,
    })
    .from(sections)
    .where(eq(sections.strategyId, strategyId))
    .orderBy(asc(sections.position));
}

/**
 * Writes the outline `next` over the stored one: positions, numbers, titles and parents of the
 * sections it keeps, new rows for the sections it adds, and the rows of the sections it lacks deleted
 * (the caller moved them to the removed sections first). Restriction stays with each row.
 */
async function writeOutline(
  tx: Tx,
  strategyId: string,
  current: readonly Row[],
  next: readonly OutlineDraft[],
  restricted: ReadonlyMap<string, boolean> = new Map(),
): Promise<void> {
  const byKey = new Map(current.map((row) => [row.key, row]));
  const kept = new Set(next.map((s) => s.key));
  for (const row of current) {
    if (!kept.has(row.key)) {
      await tx.delete(sections).where(and(eq(sections.strategyId, strategyId), eq(sections.key, row.key)));
    }
  }
  for (const [position, section] of next.entries()) {
    const old = byKey.get(section.key);
    const values = { position, number: section.number, title: section.title, parentKey: section.parentKey };
    if (!old) {
      await tx
        .insert(sections)
        .values({ strategyId, key: section.key, ...values, restricted: restricted.get(section.key) ?? false });
    } else {
      await tx
        .update(sections)
        .set(values)
        .where(and(eq(sections.strategyId, strategyId), eq(sections.key, section.key)));
    }
  }
}

/** Throws the API's answer to an outline the change could not make. */
function outlineOf(result: OutlineResult): OutlineDraft[] {
  if (result.ok) return result.outline;
  throw result.error === 'unknown_section' ? notFound() : new AppError(result.error, 409);
}

/**
 * Runs one outline change: in one transaction, checks the leader may change the outline now (the
 * text not frozen, judged in the transaction so a freeze that just committed is seen), computes the
 * new outline from the stored one, writes it, audits it and tells every open page the outline it
 * leaves (`outline.changed`). The members' open sockets get their new rights without closing.
 */
async function changeOutline<T>(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  change: (tx: Tx, current: Row[]) => Promise<T>,
): Promise<T> {
  return await changingOutline(deps, strategyId, async (tx) => {
    const strategy = await loadStrategyTarget(tx, strategyId);
    if (!strategy) throw notFound();
    enforce(actor, 'outline.edit', strategy);
    const result = await change(tx, await readRows(tx, strategyId));
    await publishOutline(deps, tx, strategyId);
    return result;
  });
}

/** Every key the strategy has used: its outline and its removed sections. */
async function usedKeys(tx: Tx, strategyId: string, current: readonly Row[]): Promise<Set<string>> {
  const removed = await tx
    .select({ key: removedSections.key })
    .from(removedSections)
    .where(eq(removedSections.strategyId, strategyId));
  return new Set([...current.map((s) => s.key), ...removed.map((r) => r.key)]);
}

/** Adds a chapter (no parent) at the end, or an area at the end of its chapter. Answers its key. */
export async function addOutlineSection(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  input: { title: string; parentKey?: string | null },
): Promise<{ key: string }> {
  return await changeOutline(deps, strategyId, actor, async (tx, current) => {
    const key = newSectionKey(input.title, await usedKeys(tx, strategyId, current));
    const parentKey = input.parentKey ?? null;
    const next = outlineOf(addSection(current, { key, title: input.title, parentKey }));
    await writeOutline(tx, strategyId, current, next);
    // The new root gets its first paragraph here, in this transaction: an editor opening an empty
    // root would write one itself, and on a reader's page that write is refused (the socket closes).
    await deps.rooms.edit(
      strategyId,
      { kind: 'outline.sectionAdded', userId: actor.userId, sectionKey: key },
      (doc) => {
        const fragment = doc.getXmlFragment(sectionFragmentName(key));
        if (fragment.length === 0) prosemirrorJSONToYXmlFragment(editorSchema, EMPTY_SECTION, fragment);
      },
      { tx },
    );
    const title = input.title.trim();
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'outline.section_added',
      detail: { section: key, title, parentKey },
    });
    return { key };
  });
}

/** Gives a section a new title. */
export async function renameOutlineSection(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  key: string,
  title: string,
): Promise<void> {
  await changeOutline(deps, strategyId, actor, async (tx, current) => {
    const before = current.find((s) => s.key === key)?.title;
    const next = outlineOf(renameSection(current, key, title));
    if (before === title.trim()) return;
    await writeOutline(tx, strategyId, current, next);
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'outline.section_renamed',
      detail: { section: key, from: before, to: title.trim() },
    });
  });
}

/** Puts the outline in a new order (chapters with their areas): reordering and moving areas between chapters. */
export async function reorderOutlineSections(
  deps: Deps,
  strategyId: string,
  actor: Actor,
  order: OutlineOrder,
): Promise<void> {
  await changeOutline(deps, strategyId, actor, async (tx, current) => {
    const next = outlineOf(reorderOutline(current, order));
    const unchanged = next.every(
      (s, i) => current[i]?.key === s.key && current[i]?.parentKey === s.parentKey && current[i]?.number === s.number,
    );
    if (unchanged) return;
    await writeOutline(tx, strategyId, current, next);
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'outline.reordered',
      detail: { order: next.map((s) => `${s.number} ${s.key}`) },
    });
  });
}

/**
 * Takes a section out of the outline: it goes to "Fjernede deler" with its title, number and
 * chapter. Its text stays in the document (the root is never deleted) and its comment threads
 * where they are, so restoring it brings both back.
 */
export async function removeOutlineSection(deps: Deps, strategyId: string, actor: Actor, key: string): Promise<void> {
  await changeOutline(deps, strategyId, actor, async (tx, current) => {
    const next = outlineOf(removeSection(current, key));
    const row = current.find((s) => s.key === key)!;
    await tx.insert(removedSections).values({
      strategyId,
      key,
      title: row.title,
      number: row.number,
      parentKey: row.parentKey,
      restricted: row.restricted,
      removedBy: actor.userId,
    });
    await writeOutline(tx, strategyId, current, next);
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'outline.section_removed',
      detail: { section: key, title: row.title, number: row.number },
    });
  });
}

/**
 * Puts a removed section back: at the end of its chapter when that chapter is still in the outline,
 * else as a chapter at the end. Its text and threads were never gone.
 */
export async function restoreOutlineSection(deps: Deps, strategyId: string, actor: Actor, key: string): Promise<void> {
  await changeOutline(deps, strategyId, actor, async (tx, current) => {
    const removed = (
      await tx
        .select()
        .from(removedSections)
        .where(and(eq(removedSections.strategyId, strategyId), eq(removedSections.key, key)))
        .limit(1)
    )[0];
    if (!removed) throw notFound();
    const chapter = current.find((s) => s.key === removed.parentKey && s.parentKey === null);
    const next = outlineOf(addSection(current, { key, title: removed.title, parentKey: chapter ? chapter.key : null }));
    await tx
      .delete(removedSections)
      .where(and(eq(removedSections.strategyId, strategyId), eq(removedSections.key, key)));
    await writeOutline(tx, strategyId, current, next, new Map([[key, removed.restricted]]));
    await audit(tx, {
      strategyId,
      actorId: actor.userId,
      action: 'outline.section_restored',
      detail: { section: key, title: removed.title },
    });
  });
}

/** The strategy's removed sections, most recently removed first. */
export async function listRemovedSections(deps: Deps, strategyId: string): Promise<RemovedSection[]> {
  const rows = await deps.db
    .select({
      key: removedSections.key,
      number: removedSections.number,
      title: removedSections.title,
      parentKey: removedSections.parentKey,
      removedAt: removedSections.removedAt,
    })
    .from(removedSections)
    .where(eq(removedSections.strategyId, strategyId))
    .orderBy(asc(removedSections.removedAt));
  return rows.reverse().map((row) => ({ ...row, removedAt: row.removedAt.toISOString() }));
}
