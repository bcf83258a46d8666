import type { JSONContent } from '@tiptap/core';
import { diffWords } from 'diff';
import { collectGoals, type GoalKind } from './editor/goals';

/** A section as a version keeps it: the outline entry of the day and its text. */
export interface VersionSection {
  key: string;
  number: string;
  title: string;
  parentKey: string | null;
  content: JSONContent;
}

export interface WordChange {
  kind: 'equal' | 'insert' | 'delete';
  text: string;
}

export type SectionStatus = 'unchanged' | 'changed' | 'added' | 'removed';

export interface SectionDiff {
  key: string;
  number: string;
  title: string;
  /** Set when the section was renamed between the two versions. */
  titleBefore?: string;
  /**
   * Set when the section moved: to another chapter, or before or after another section of its
   * chapter. Holds its number before (a number that changed only because something was added or
   * removed ahead of it is no move).
   */
  numberBefore?: string;
  status: SectionStatus;
  /** The section's text as words kept, inserted and deleted, in reading order. */
  changes: WordChange[];
}

export interface GoalState {
  kind: GoalKind;
  text: string;
  sectionKey: string;
}

export interface GoalChange {
  goalId: string | null;
  status: 'added' | 'removed' | 'changed';
  before?: GoalState;
  after?: GoalState;
}

export interface VersionDiff {
  sections: SectionDiff[];
  goals: GoalChange[];
}

/** How goals read in plain text, exports and diffs alike. */
export const GOAL_LABELS: Record<GoalKind, string> = { main: 'Hovedmål', sub: 'Delmål' };

const inlineText = (node: JSONContent): string => {
  if (node.type === 'text') return node.text ?? '';
  if (node.type === 'hardBreak') return '\n';
  return (node.content ?? []).map(inlineText).join('');
};

function blockLines(node: JSONContent, indent: string): string[] {
  switch (node.type) {
    case 'doc':
    case 'blockquote':
      return (node.content ?? []).flatMap((child) => blockLines(child, indent));
    case 'bulletList':
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
      return (node.content ?? []).flatMap((item, i) => {
        const marker = node.type === 'bulletList' ? '•' : `${start + i}.`;
        const [first = '', ...rest] = (item.content ?? []).flatMap((child) => blockLines(child, `${indent}  `));
        return [`${indent}${marker} ${first.trimStart()}`, ...rest];
      });
    }
    case 'mainGoal':
      return [`${indent}${GOAL_LABELS.main}: ${inlineText(node)}`];
    case 'subGoal':
      return [`${indent}${GOAL_LABELS.sub}: ${inlineText(node)}`];
    default: {
      const text = inlineText(node);
      return text === '' ? [] : [`${indent}${text}`];
    }
  }
}

/** A section's text as plain text: one block a paragraph, goals labelled, list items marked. */
export function sectionPlainText(content: JSONContent): string {
  return blockLines(content, '').join('\n\n');
}

/** Word-level changes from one text to another; whitespace goes with the words around it. */
export function wordDiff(before: string, after: string): WordChange[] {
  return diffWords(before, after).map((part) => ({
    kind: part.added ? 'insert' : part.removed ? 'delete' : 'equal',
    text: part.value,
  }));
}

/**
 * The sections of both versions that moved: to another chapter, or out of their order among the
 * sections of their chapter that both versions have (a section that kept its neighbours is no move).
 */
function movedKeys(before: readonly VersionSection[], after: readonly VersionSection[]): Set<string> {
  const beforeByKey = new Map(before.map((s) => [s.key, s]));
  const inBoth = after.filter((s) => beforeByKey.has(s.key));
  const moved = new Set<string>();
  const orderIn = (list: readonly VersionSection[], parentKey: string | null) =>
    list.filter((s) => s.parentKey === parentKey && inBoth.some((b) => b.key === s.key)).map((s) => s.key);
  for (const section of inBoth) {
    const old = beforeByKey.get(section.key)!;
    if (old.parentKey !== section.parentKey) {
      moved.add(section.key);
      continue;
    }
    const stayed = (list: readonly VersionSection[]) =>
      orderIn(list, section.parentKey).filter((key) => beforeByKey.get(key)?.parentKey === section.parentKey);
    const a = stayed(before);
    const b = stayed(after);
    const i = b.indexOf(section.key);
    const j = a.indexOf(section.key);
    // Its neighbours before and after it changed: it moved (or they did; both show).
    if (a[j - 1] !== b[i - 1] && a[j + 1] !== b[i + 1]) moved.add(section.key);
  }
  return moved;
}

function sectionDiff(
  before: VersionSection | undefined,
  after: VersionSection | undefined,
  moved: boolean,
): SectionDiff {
  const shown = (after ?? before)!;
  const beforeText = before ? sectionPlainText(before.content) : '';
  const afterText = after ? sectionPlainText(after.content) : '';
  const changes =
    beforeText === afterText
      ? afterText
        ? [{ kind: 'equal' as const, text: afterText }]
        : []
      : wordDiff(beforeText, afterText);
  const renamed = before && after && before.title !== after.title;
  const status: SectionStatus = !before
    ? 'added'
    : !after
      ? 'removed'
      : renamed || moved || beforeText !== afterText
        ? 'changed'
        : 'unchanged';
  return {
    key: shown.key,
    number: shown.number,
    title: shown.title,
    ...(renamed ? { titleBefore: before.title } : {}),
    ...(moved && before ? { numberBefore: before.number } : {}),
    status,
    changes,
  };
}

/** Sections of both versions in the newer outline's order; a removed section stays where it was. */
function mergedKeys(before: readonly VersionSection[], after: readonly VersionSection[]): string[] {
  const keys = after.map((s) => s.key);
  const inAfter = new Set(keys);
  let anchor = -1;
  for (const section of before) {
    if (inAfter.has(section.key)) {
      anchor = keys.indexOf(section.key);
    } else {
      keys.splice(anchor + 1, 0, section.key);
      anchor += 1;
    }
  }
  return keys;
}

function goalsOf(sections: readonly VersionSection[]): Map<string, { goalId: string | null; state: GoalState }> {
  const goals = new Map<string, { goalId: string | null; state: GoalState }>();
  for (const section of sections) {
    for (const goal of collectGoals(section.content)) {
      // A goal that never got an id can only be recognised by what it says.
      const id = goal.goalId ?? `text:${goal.kind}:${goal.text}`;
      if (!goals.has(id))
        goals.set(id, { goalId: goal.goalId, state: { kind: goal.kind, text: goal.text, sectionKey: section.key } });
    }
  }
  return goals;
}

function goalChanges(before: readonly VersionSection[], after: readonly VersionSection[]): GoalChange[] {
  const a = goalsOf(before);
  const b = goalsOf(after);
  const changes: GoalChange[] = [];
  for (const [id, { goalId, state }] of b) {
    const old = a.get(id);
    if (!old) changes.push({ goalId, status: 'added', after: state });
    else if (
      old.state.kind !== state.kind ||
      old.state.text !== state.text ||
      old.state.sectionKey !== state.sectionKey
    ) {
      changes.push({ goalId, status: 'changed', before: old.state, after: state });
    }
  }
  for (const [id, { goalId, state }] of a) {
    if (!b.has(id)) changes.push({ goalId, status: 'removed', before: state });
  }
  return changes;
}

/**
 * What changed from one version's text to another's: per section added, removed, renamed
 * (`titleBefore`), moved (`numberBefore`) and the words inserted and deleted,
 * and the goals added, removed or changed (by goal id, so a reworded goal is one change, not two).
 */
export function diffVersions(before: readonly VersionSection[], after: readonly VersionSection[]): VersionDiff {
  const beforeByKey = new Map(before.map((s) => [s.key, s]));
  const afterByKey = new Map(after.map((s) => [s.key, s]));
  const moved = movedKeys(before, after);
  return {
    sections: mergedKeys(before, after).map((key) =>
      sectionDiff(beforeByKey.get(key), afterByKey.get(key), moved.has(key)),
    ),
    goals: goalChanges(before, after),
  };
}
