import * as Y from 'yjs';

/**
 * A section's text as anchors read it: the live texts of the section's fragment in document order,
 * each with its ProseMirror position in the section's editor (the fragment is the editor's
 * document). The walk mirrors y-prosemirror's mapping: every element opens and closes (1 each), leaf
 * elements such as a hard break count 1, and text counts its characters. Text read across pieces
 * gets a line break where a new block begins or a hard break stood.
 */

/** Node names whose ProseMirror size is 1 (atoms); everything else opens and closes. */
export type IsLeaf = (nodeName: string) => boolean;

export const defaultIsLeaf: IsLeaf = (name) => name === 'hardBreak' || name === 'image' || name === 'horizontalRule';

export interface TextPiece {
  text: Y.XmlText;
  /** ProseMirror position of the piece's first character. */
  from: number;
  length: number;
  /** The textblock holding the piece, so text taken across blocks gets line breaks. */
  block: Y.XmlElement | Y.XmlFragment;
}

/** Every live text of a section in document order, with its ProseMirror position. */
export function textPieces(fragment: Y.XmlFragment, isLeaf: IsLeaf): TextPiece[] {
  const pieces: TextPiece[] = [];
  const walk = (parent: Y.XmlElement | Y.XmlFragment, start: number): number => {
    let pos = start;
    for (const child of parent.toArray()) {
      if (child instanceof Y.XmlText) {
        pieces.push({ text: child, from: pos, length: child.length, block: parent });
        pos += child.length;
      } else if (child instanceof Y.XmlElement) {
        pos = isLeaf(child.nodeName) ? pos + 1 : walk(child, pos + 1) + 1;
      } else {
        pos += 1;
      }
    }
    return pos;
  };
  walk(fragment, 0);
  return pieces;
}

export function plainText(text: Y.XmlText): string {
  // toString() would render formatting as XML tags; the delta holds the characters themselves.
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('');
}

/** A new block, or text after a hard break inside the same block, starts a new line. */
function startsNewLine(previous: TextPiece, piece: TextPiece): boolean {
  return previous.block !== piece.block || previous.from + previous.length < piece.from;
}

/** The text of the ProseMirror range [from, to). */
export function textBetween(pieces: TextPiece[], from: number, to: number): string {
  let text = '';
  let previous: TextPiece | null = null;
  for (const piece of pieces) {
    const start = Math.max(from, piece.from);
    const end = Math.min(to, piece.from + piece.length);
    if (end <= start) continue;
    if (previous && startsNewLine(previous, piece)) text += '\n';
    text += plainText(piece.text).slice(start - piece.from, end - piece.from);
    previous = piece;
  }
  return text;
}

/** The whole section's text as one string, with the ProseMirror position of each character. */
export interface SectionText {
  text: string;
  /** One per character of `text`; -1 for a line break between pieces. */
  positions: number[];
}

export function sectionText(pieces: TextPiece[]): SectionText {
  let text = '';
  const positions: number[] = [];
  let previous: TextPiece | null = null;
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    if (previous && startsNewLine(previous, piece)) {
      text += '\n';
      positions.push(-1);
    }
    text += plainText(piece.text);
    for (let i = 0; i < piece.length; i++) positions.push(piece.from + i);
    previous = piece;
  }
  return { text, positions };
}

/** The characters of the ProseMirror range [from, to) as indices [start, end) into the section's text. */
export function indicesOf({ positions }: SectionText, from: number, to: number): { start: number; end: number } {
  let start = 0;
  while (start < positions.length && positions[start]! < from) start++;
  let end = positions.length;
  while (end > start && !(positions[end - 1]! >= 0 && positions[end - 1]! < to)) end--;
  return { start, end };
}
