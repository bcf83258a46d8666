import type { JSONContent } from '@tiptap/core';
import { isGoalNodeType } from '../editor/goals';

/** One block of running text: a paragraph, a heading or a goal, wherever it sits in lists. */
export interface TextBlock {
  type: string;
  text: string;
  /** Set for hovedmål and delmål blocks. */
  goalId: string | null;
}

// The nodes whose children are inline text; every other node only holds blocks.
const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'mainGoal', 'subGoal']);

// Content reaches lint fitted to the editor schema (shared/editor/fit-schema), yet a check must never
// be what breaks a page: anything that is no node is read as no text.
const isNode = (node: unknown): node is JSONContent => typeof node === 'object' && node !== null;
const childrenOf = (node: JSONContent): JSONContent[] =>
  Array.isArray(node.content) ? node.content.filter(isNode) : [];

export function inlineText(node: JSONContent): string {
  if (node.type === 'text') return typeof node.text === 'string' ? node.text : '';
  if (node.type === 'hardBreak') return ' ';
  return childrenOf(node).map(inlineText).join('');
}

/** The text blocks of a section's ProseMirror JSON in document order. */
export function textBlocks(doc: JSONContent | null | undefined): TextBlock[] {
  const blocks: TextBlock[] = [];
  const visit = (node: JSONContent): void => {
    if (node.type && TEXT_BLOCKS.has(node.type)) {
      const goalId = isGoalNodeType(node.type) && typeof node.attrs?.goalId === 'string' ? node.attrs.goalId : null;
      blocks.push({ type: node.type, text: inlineText(node), goalId });
      return;
    }
    childrenOf(node).forEach(visit);
  };
  if (isNode(doc)) visit(doc);
  return blocks;
}

/** Words as a reader counts them: runs of characters holding at least one letter or digit. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length;
}

export function sectionWordCount(doc: JSONContent | null | undefined): number {
  return textBlocks(doc).reduce((sum, block) => sum + countWords(block.text), 0);
}

/** Collapses whitespace so text typed in an editor compares equal to the same text written elsewhere. */
export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
