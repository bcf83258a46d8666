import type { JSONContent } from '@tiptap/core';
import { isGoalNodeType } from '../editor/goals';
import { measureSignals } from './measures';
import { normalizeSpace, textBlocks } from './text';

/** The sentence a "measure in the strategy text" finding offers to move into the action plan. */
export interface MeasureToMove {
  /** The sentence as written, the measure's title and description. */
  sentence: string;
  /** The exact text to delete from the block: the sentence with the space that joined it to the rest. */
  removal: string;
  /** The goal the measure serves: the goal block itself, else the nearest goal above, else the first below. */
  goalId: string;
  /**
   * Which occurrence of `removal` in the section's text this is, counting from 0 in reading order:
   * the same words may stand in an earlier block too, and only this block's are to go.
   */
  occurrence: number;
}

/** How many times `needle` occurs in `text`, not overlapping. */
function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/** Sentences as a reader splits them: after ".", "!" or "?" followed by space. */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/u).filter((s) => s.trim().length > 0);
}

/**
 * What moving the finding `findingId` (a `measure-in-text` finding's id, whose last part is the
 * block's goalId or its index among the section's text blocks, see lint/rules `checkMeasures`) takes
 * out of the section `doc`: the first sentence of the block with a measure signal, and the goal it
 * sits under. Null when there is nothing to move: the block is gone or no longer reads as a measure,
 * the sentence is a goal's whole text (moving it would delete the goal), or the section has no goal
 * for the measure to serve (a measure needs one, shared/action-plans).
 */
export function measureToMove(doc: JSONContent | null | undefined, findingId: string): MeasureToMove | null {
  const key = findingId.slice(findingId.lastIndexOf(':') + 1);
  const blocks = textBlocks(doc);
  const index = blocks.findIndex((block, i) => (block.goalId ?? String(i)) === key);
  const block = blocks[index];
  if (!block) return null;
  const sentences = splitSentences(block.text);
  const at = sentences.findIndex((s) => measureSignals(s).length > 0);
  const sentence = sentences[at];
  if (sentence === undefined) return null;
  const isGoal = isGoalNodeType(block.type);
  if (isGoal && sentences.length === 1) return null;
  const goalId =
    (isGoal ? block.goalId : null) ??
    blocks
      .slice(0, index)
      .reverse()
      .find((b) => b.goalId)?.goalId ??
    blocks.slice(index + 1).find((b) => b.goalId)?.goalId ??
    null;
  if (!goalId) return null;
  // Take the space before the sentence with it (or after it, when it opens the block) so no double
  // space is left; the space is whatever the text holds there.
  const start = block.text.indexOf(sentence);
  const before = /\s+$/u.exec(block.text.slice(0, start))?.[0] ?? '';
  const after = start === 0 ? (/^\s+/u.exec(block.text.slice(sentence.length))?.[0] ?? '') : '';
  const removal = before && start > 0 ? before + sentence : sentence + after;
  const removalAt = before && start > 0 ? start - before.length : start;
  const occurrence =
    blocks.slice(0, index).reduce((sum, b) => sum + occurrences(b.text, removal), 0) +
    occurrences(block.text.slice(0, removalAt), removal);
  return { sentence: normalizeSpace(sentence), removal, goalId, occurrence };
}
