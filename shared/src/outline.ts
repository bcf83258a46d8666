import { z } from 'zod';
import { sectionKeySchema } from './members';
import { keySlug, numberOutline, type OutlineDraft } from './new-strategy';
import type { Stage } from './workflow';

/**
 * Editing a strategy's outline (issue 13, "Outline editing, live"): chapters, and areas under a
 * chapter (two levels, as the source material's template has them). An outline is a flat list in
 * reading order (`OutlineDraft[]`: key, number, title, parent); every change here answers the whole
 * new outline, numbered again from its order ("1", "1.1", "1.2", "2" …), or an error code the
 * server answers with 4xx. Plain data and pure functions, so the web offers exactly what the server
 * takes.
 *
 * Section keys are never reused: a key names a root of the strategy's Y.Doc, which is never deleted,
 * so a new section under an old key would bring back the removed text. `newSectionKey` picks a key
 * outside every key the strategy has used (its outline and its removed sections).
 */

/** An area's delstrategi as the strategy page shows it: title, stage and, once adopted, its public page. */
export interface SectionSubstrategy {
  id: string;
  title: string;
  stage: Stage;
  /** `/vedtatt/<slug>` once the sub-strategy is adopted and published, else null. */
  publishedPath: string | null;
}

/**
 * One section of the outline as every member of the strategy sees it: what an `outline.changed`
 * event carries for each section, in reading order, so open pages show the new outline at once.
 */
export interface OutlineEntry extends OutlineDraft {
  substrategy: SectionSubstrategy | null;
}

/** A title as the outline shows it: 1–120 characters after trimming. */
export const sectionTitleSchema = z.string().trim().min(1).max(120);

/** `POST /api/strategies/:id/sections`: a new chapter (no parent) or a new area under a chapter. */
export const addSectionBody = z.object({
  title: sectionTitleSchema,
  parentKey: sectionKeySchema.nullable().optional(),
});
export type AddSectionBody = z.infer<typeof addSectionBody>;

/** `PATCH /api/strategies/:id/sections/:key/title`: rename a section. */
export const renameSectionBody = z.object({ title: sectionTitleSchema });

/**
 * `PUT /api/strategies/:id/sections/:key/substrategy`: link an area to another strategy of the
 * organization as its delstrategi, or unlink it (`null`).
 */
export const substrategyBody = z.object({ substrategyId: z.string().min(1).max(100).nullable() });

/**
 * `PUT /api/strategies/:id/sections/order`: the whole outline as chapters with their areas, in the
 * new order. It must hold exactly the sections the outline has (drag and drop and the move buttons
 * send it alike); moving an area between chapters is listing it under another chapter.
 */
export const outlineOrderBody = z.object({
  chapters: z.array(z.object({ key: sectionKeySchema, children: z.array(sectionKeySchema).max(200) })).max(200),
});
export type OutlineOrder = z.infer<typeof outlineOrderBody>;

/** Why an outline change cannot be made, as the API's error code (400/409). */
export type OutlineError = 'unknown_section' | 'unknown_parent' | 'outline_mismatch' | 'section_has_areas';

export type OutlineResult = { ok: true; outline: OutlineDraft[] } | { ok: false; error: OutlineError };

/** A chapter with its areas, in order. */
export interface OutlineChapter {
  key: string;
  title: string;
  children: { key: string; title: string }[];
}

/** The outline as chapters with their areas. An area whose chapter is missing counts as a chapter. */
export function outlineTree(outline: readonly Pick<OutlineDraft, 'key' | 'title' | 'parentKey'>[]): OutlineChapter[] {
  const chapters: OutlineChapter[] = [];
  const byKey = new Map<string, OutlineChapter>();
  const keys = new Set(outline.map((s) => s.key));
  for (const section of outline) {
    if (section.parentKey === null || !keys.has(section.parentKey)) {
      const chapter = { key: section.key, title: section.title, children: [] };
      chapters.push(chapter);
      byKey.set(section.key, chapter);
    }
  }
  for (const section of outline) {
    const chapter = section.parentKey === null ? undefined : byKey.get(section.parentKey);
    if (chapter && section.parentKey !== null) chapter.children.push({ key: section.key, title: section.title });
  }
  return chapters;
}

/** The order body that keeps the outline as it is (the web edits a copy of it). */
export function outlineOrder(outline: readonly OutlineDraft[]): OutlineOrder {
  return {
    chapters: outlineTree(outline).map((c) => ({ key: c.key, children: c.children.map((a) => a.key) })),
  };
}

/**
 * A key for a new section, from its title ("Næring" → "egen-naering"), outside `used` (every key the
 * strategy has had): "-2", "-3" … when taken.
 */
export function newSectionKey(title: string, used: ReadonlySet<string>): string {
  const base = `egen-${keySlug(title).slice(0, 50).replace(/-+$/, '') || 'del'}`;
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  return key;
}

/** Adds a chapter at the end of the outline, or an area at the end of its chapter. */
export function addSection(
  outline: readonly OutlineDraft[],
  section: { key: string; title: string; parentKey: string | null },
): OutlineResult {
  const tree = outlineTree(outline);
  const title = section.title.trim();
  if (section.parentKey === null) {
    tree.push({ key: section.key, title, children: [] });
  } else {
    const chapter = tree.find((c) => c.key === section.parentKey);
    if (!chapter) return { ok: false, error: 'unknown_parent' };
    chapter.children.push({ key: section.key, title });
  }
  return { ok: true, outline: numberOutline(tree) };
}

/** Gives a section a new title; its number and place stay. */
export function renameSection(outline: readonly OutlineDraft[], key: string, title: string): OutlineResult {
  if (!outline.some((s) => s.key === key)) return { ok: false, error: 'unknown_section' };
  return { ok: true, outline: outline.map((s) => (s.key === key ? { ...s, title: title.trim() } : { ...s })) };
}

/**
 * Takes a section out of the outline (it goes to the removed sections with its text and threads).
 * A chapter that still has areas is refused: move or remove them first, so nothing goes unseen.
 */
export function removeSection(outline: readonly OutlineDraft[], key: string): OutlineResult {
  if (!outline.some((s) => s.key === key)) return { ok: false, error: 'unknown_section' };
  if (outline.some((s) => s.parentKey === key)) return { ok: false, error: 'section_has_areas' };
  return { ok: true, outline: numberOutline(outlineTree(outline.filter((s) => s.key !== key))) };
}

/**
 * Puts the outline in the order given (chapters with their areas). Refused unless the order holds
 * every section of the outline exactly once, and nothing else.
 */
export function reorderOutline(outline: readonly OutlineDraft[], order: OutlineOrder): OutlineResult {
  const titles = new Map(outline.map((s) => [s.key, s.title]));
  const listed = order.chapters.flatMap((c) => [c.key, ...c.children]);
  if (listed.length !== titles.size || new Set(listed).size !== listed.length || !listed.every((k) => titles.has(k))) {
    return { ok: false, error: 'outline_mismatch' };
  }
  return {
    ok: true,
    outline: numberOutline(
      order.chapters.map((c) => ({
        key: c.key,
        title: titles.get(c.key)!,
        children: c.children.map((key) => ({ key, title: titles.get(key)! })),
      })),
    ),
  };
}

/**
 * Moves a chapter, or an area within its chapter, one place up (-1) or down (+1): what the move
 * buttons do (WCAG 2.2 2.5.7, an alternative to dragging). An area at the edge of its chapter moves
 * into the chapter before or after it. Answers the new order, or null when it cannot move further.
 */
export function moveStep(order: OutlineOrder, key: string, delta: -1 | 1): OutlineOrder | null {
  const chapters = order.chapters.map((c) => ({ key: c.key, children: [...c.children] }));
  const chapterIndex = chapters.findIndex((c) => c.key === key);
  if (chapterIndex >= 0) {
    const target = chapterIndex + delta;
    if (target < 0 || target >= chapters.length) return null;
    const [chapter] = chapters.splice(chapterIndex, 1);
    chapters.splice(target, 0, chapter!);
    return { chapters };
  }
  const parent = chapters.findIndex((c) => c.children.includes(key));
  if (parent < 0) return null;
  const children = chapters[parent]!.children;
  const index = children.indexOf(key);
  const target = index + delta;
  if (target >= 0 && target < children.length) {
    children.splice(index, 1);
    children.splice(target, 0, key);
    return { chapters };
  }
  const next = chapters[parent + delta];
  if (!next) return null;
  children.splice(index, 1);
  if (delta < 0) next.children.push(key);
  else next.children.unshift(key);
  return { chapters };
}

/** Moves an area to the end of another chapter; null when it is not an area or the chapter is unknown. */
export function moveToChapter(order: OutlineOrder, key: string, chapterKey: string): OutlineOrder | null {
  const chapters = order.chapters.map((c) => ({ key: c.key, children: c.children.filter((k) => k !== key) }));
  const from = order.chapters.find((c) => c.children.includes(key));
  const to = chapters.find((c) => c.key === chapterKey);
  if (!from || !to) return null;
  if (from.key === chapterKey) return order;
  to.children.push(key);
  return { chapters };
}

/**
 * Moves a dragged section before another (drag and drop): a chapter before a chapter, an area before
 * an area (into that area's chapter), or an area onto a chapter (to the end of it). Null when the drop
 * makes no sense (a chapter onto an area).
 */
export function dropBefore(order: OutlineOrder, dragged: string, target: string): OutlineOrder | null {
  if (dragged === target) return null;
  const isChapter = (k: string) => order.chapters.some((c) => c.key === k);
  if (isChapter(dragged)) {
    if (!isChapter(target)) return null;
    const chapters = order.chapters.filter((c) => c.key !== dragged);
    const index = chapters.findIndex((c) => c.key === target);
    chapters.splice(
      index,
      0,
      order.chapters.find((c) => c.key === dragged)!,
    );
    return { chapters };
  }
  if (isChapter(target)) return moveToChapter(order, dragged, target);
  const chapters = order.chapters.map((c) => ({ key: c.key, children: c.children.filter((k) => k !== dragged) }));
  const to = chapters.find((c) => c.children.includes(target));
  if (!to) return null;
  to.children.splice(to.children.indexOf(target), 0, dragged);
  return { chapters };
}
