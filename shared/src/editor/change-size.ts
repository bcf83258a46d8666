import type { Fragment, Mark, Node as PMNode } from '@tiptap/pm/model';
import type { Transaction } from '@tiptap/pm/state';
import { AddMarkStep, RemoveMarkStep, ReplaceAroundStep, ReplaceStep, type Step } from '@tiptap/pm/transform';

/**
 * An upper bound, in bytes, of the Yjs update that the collaboration binding (y-prosemirror) writes
 * for a ProseMirror transaction, computed without building it, so an editor can refuse a change
 * that the server would refuse for its size before the change is applied.
 *
 * What the binding writes (Yjs update encoding v1): one item per element (node name and each
 * non-null attribute as a further item), one Y.XmlText item per run of inline content, one string
 * item per text node with two format items (start and end) per mark, plus the delete set. Every
 * item carries an info byte, its left and right origins (client id and clock, at most 5 varint bytes
 * each) and its parent; ITEM_BYTES bounds all of that. The unit test checks the bound against the
 * binding's real output.
 */
const ITEM_BYTES = 24;
/** Header of an update: the number of clients, per client its id, clock and struct count; the delete set's header. */
const UPDATE_BYTES = 64;
/** One deleted range in the delete set: client id, clock and length as varints. */
const DELETED_RANGE_BYTES = 16;
/** Overlapping marks are keyed `<name>--<8 hash chars>` by the binding. */
const MARK_KEY_SUFFIX_BYTES = 10;

/** Bytes of `text` in UTF-8, as Yjs writes strings, without encoding it. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate half counts 2: a pair is 4 bytes, a lone half is written as 3 (U+FFFD) at most.
    bytes += unit < 0x80 ? 1 : unit < 0x800 ? 2 : unit >= 0xd800 && unit <= 0xdfff ? 2 : 3;
  }
  return bytes;
}

function jsonBytes(value: unknown): number {
  return utf8Bytes(JSON.stringify(value) ?? 'null');
}

function markBytes(mark: Mark): number {
  // Start and end format items, each with the mark's key and its attributes as JSON.
  return 2 * (ITEM_BYTES + utf8Bytes(mark.type.name) + MARK_KEY_SUFFIX_BYTES + jsonBytes(mark.attrs));
}

/** Upper bound of the bytes the binding writes to insert `node` (with everything inside it). */
export function nodeBytes(node: PMNode): number {
  if (node.isText) {
    let bytes = ITEM_BYTES + utf8Bytes(node.text ?? '');
    for (const mark of node.marks) bytes += markBytes(mark);
    return bytes;
  }
  let bytes = ITEM_BYTES + utf8Bytes(node.type.name);
  for (const [key, value] of Object.entries(node.attrs)) {
    if (value !== null) bytes += ITEM_BYTES + utf8Bytes(key) + jsonBytes(value);
  }
  // The Y.XmlText that holds the node's inline content.
  if (node.inlineContent) bytes += ITEM_BYTES;
  return bytes + fragmentBytes(node.content);
}

/** Upper bound of the bytes the binding writes to insert every node of `fragment`. */
export function fragmentBytes(fragment: Fragment): number {
  let bytes = 0;
  fragment.forEach((child) => {
    bytes += nodeBytes(child);
  });
  return bytes;
}

function hasBlocks(fragment: Fragment): boolean {
  let blocks = false;
  fragment.forEach((child) => {
    if (!child.isInline) blocks = true;
  });
  return blocks;
}

/** Sizes of the top-level blocks of `doc` that have one of the positions inside them (each counted once). */
function blocksAroundBytes(doc: PMNode, positions: number[]): number {
  let bytes = 0;
  doc.forEach((block, offset) => {
    if (positions.some((pos) => pos > offset && pos < offset + block.nodeSize)) bytes += nodeBytes(block);
  });
  return bytes;
}

function deletedRangeBytes(doc: PMNode, from: number, to: number): number {
  if (to <= from) return 0;
  let nodes = 0;
  doc.nodesBetween(from, to, () => {
    nodes++;
  });
  return nodes * DELETED_RANGE_BYTES;
}

function stepBytes(step: Step, before: PMNode): number {
  if (step instanceof ReplaceStep || step instanceof ReplaceAroundStep) {
    const { from, to, slice } = step;
    let bytes = fragmentBytes(slice.content) + deletedRangeBytes(before, from, to);
    // Blocks pasted into a paragraph split it; the binding may rewrite the blocks it splits whole.
    if (hasBlocks(slice.content) || step instanceof ReplaceAroundStep) bytes += blocksAroundBytes(before, [from, to]);
    return bytes;
  }
  if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) {
    const { from, to, mark } = step;
    let runs = 0;
    before.nodesBetween(from, to, (node) => {
      if (node.isInline) runs++;
    });
    return runs * markBytes(mark);
  }
  // Attribute and other small steps: at most a few items.
  return 4 * ITEM_BYTES + jsonBytes(step.toJSON());
}

/**
 * Upper bound, in bytes, of the Yjs update that applying `tr` to a collaborative editor sends.
 * 0 for a transaction that does not change the document.
 */
export function transactionBytes(tr: Transaction): number {
  if (!tr.docChanged) return 0;
  let bytes = UPDATE_BYTES;
  tr.steps.forEach((step, index) => {
    const before = tr.docs[index];
    if (before) bytes += stepBytes(step, before);
  });
  return bytes;
}
