import * as Y from 'yjs';

/**
 * Comment anchors: a range of a section's text held as two Yjs relative positions, so it keeps
 * covering the same words while others type around it. The positions are stored (base64 of
 * `Y.encodeRelativePosition`) in the database beside the thread, never in the Y.Doc.
 *
 * Positions here are ProseMirror positions within one section's editor (the section's fragment is
 * the editor's document), so the web can decorate them directly and the server can reason in the
 * same numbers. The walk mirrors y-prosemirror's mapping: every element opens and closes (1 each),
 * leaf elements such as a hard break count 1, and text counts its characters.
 */

export interface EncodedAnchor {
  start: string;
  end: string;
}

export interface ResolvedAnchor {
  /** ProseMirror positions in the section's editor; equal when the anchor is detached. */
  from: number;
  to: number;
  /** The text the anchor covers now; blocks are separated by a line break. */
  text: string;
  /** The anchored text is gone: deleted, or its paragraph removed. Show the thread with its quote. */
  detached: boolean;
}

/** Node names whose ProseMirror size is 1 (atoms); everything else opens and closes. */
export type IsLeaf = (nodeName: string) => boolean;

export const defaultIsLeaf: IsLeaf = (name) => name === 'hardBreak' || name === 'image' || name === 'horizontalRule';

/** Longest base64 a relative position may take; real ones are a few dozen bytes. */
export const MAX_ENCODED_POSITION_LENGTH = 512;

export function encodeRelativePosition(position: Y.RelativePosition): string {
  return bytesToBase64(Y.encodeRelativePosition(position));
}

/** The position, or null when the text is not the base64 of an encoded relative position. */
export function decodeRelativePosition(encoded: string): Y.RelativePosition | null {
  if (encoded.length === 0 || encoded.length > MAX_ENCODED_POSITION_LENGTH) return null;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return null;
  try {
    return Y.decodeRelativePosition(base64ToBytes(encoded));
  } catch {
    return null;
  }
}

interface TextPiece {
  text: Y.XmlText;
  /** ProseMirror position of the piece's first character. */
  from: number;
  length: number;
  /** The textblock holding the piece, so text taken across blocks gets line breaks. */
  block: Y.XmlElement | Y.XmlFragment;
}

/** Every live text of a section in document order, with its ProseMirror position. */
function textPieces(fragment: Y.XmlFragment, isLeaf: IsLeaf): TextPiece[] {
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

function plainText(text: Y.XmlText): string {
  // toString() would render formatting as XML tags; the delta holds the characters themselves.
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC'))
    .join('');
}

/**
 * An anchor for the ProseMirror range [from, to) of a section, or null when the range holds no text.
 * The start sticks to the first character and the end to the last, so typing right before or right
 * after the range stays outside it.
 */
export function anchorFromRange(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
  isLeaf: IsLeaf = defaultIsLeaf,
): EncodedAnchor | null {
  if (!(to > from)) return null;
  const pieces = textPieces(fragment, isLeaf).filter((p) => p.length > 0);
  const first = pieces.find((p) => p.from + p.length > from && p.from < to);
  const last = [...pieces].reverse().find((p) => p.from < to && p.from + p.length > from);
  if (!first || !last) return null;
  const startIndex = Math.max(0, from - first.from);
  const endIndex = Math.min(last.length, to - last.from);
  return {
    start: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(first.text, startIndex, 0)),
    end: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(last.text, endIndex, -1)),
  };
}

/** Where an anchor is now in its section, and whether its text is still there. */
export function resolveAnchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  anchor: EncodedAnchor,
  isLeaf: IsLeaf = defaultIsLeaf,
): ResolvedAnchor {
  const pieces = textPieces(fragment, isLeaf);
  const locate = (encoded: string): number | null => {
    const relative = decodeRelativePosition(encoded);
    if (!relative) return null;
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, doc);
    if (!absolute) return null;
    // A position in a deleted paragraph (or another section) names a text this walk does not see.
    const piece = pieces.find((p) => p.text === absolute.type);
    return piece ? piece.from + Math.min(absolute.index, piece.length) : null;
  };
  const from = locate(anchor.start);
  const to = locate(anchor.end);
  if (from === null || to === null || to <= from) {
    const at = from ?? to ?? 0;
    return { from: at, to: at, text: '', detached: true };
  }
  return { from, to, text: textBetween(pieces, from, to), detached: false };
}

/** The ProseMirror range of the first occurrence of `needle` within one text of a section, or null. */
export function findTextRange(
  fragment: Y.XmlFragment,
  needle: string,
  isLeaf: IsLeaf = defaultIsLeaf,
): { from: number; to: number } | null {
  for (const piece of textPieces(fragment, isLeaf)) {
    const at = plainText(piece.text).indexOf(needle);
    if (at >= 0) return { from: piece.from + at, to: piece.from + at + needle.length };
  }
  return null;
}

function textBetween(pieces: TextPiece[], from: number, to: number): string {
  let text = '';
  let previous: TextPiece | null = null;
  for (const piece of pieces) {
    const start = Math.max(from, piece.from);
    const end = Math.min(to, piece.from + piece.length);
    if (end <= start) continue;
    // A new block, or text after a hard break inside the same block, starts a new line.
    if (previous && (previous.block !== piece.block || previous.from + previous.length < piece.from)) text += '\n';
    text += plainText(piece.text).slice(start - piece.from, end - piece.from);
    previous = piece;
  }
  return text;
}

/**
 * Replaces the text of [from, to) with `replacement`, inside the caller's transaction, and returns the
 * anchor of the new text (null when the replacement is empty). The new text takes the formatting of
 * the first replaced character. Text across several blocks is removed from each; the replacement goes
 * into the first, and the blocks themselves stay (a suggestion changes words, not structure).
 */
export function replaceRange(
  fragment: Y.XmlFragment,
  from: number,
  to: number,
  replacement: string,
  isLeaf: IsLeaf = defaultIsLeaf,
): EncodedAnchor | null {
  const covered = textPieces(fragment, isLeaf)
    .map((piece) => ({
      piece,
      start: Math.max(from, piece.from) - piece.from,
      end: Math.min(to, piece.from + piece.length) - piece.from,
    }))
    .filter(({ start, end }) => end > start);
  const first = covered[0];
  if (!first) return null;
  // Read before deleting, so the replacement looks like what it replaces.
  const attributes = attributesAt(first.piece.text, first.start);
  // Backwards, so deleting from a later piece never shifts an earlier one.
  for (const { piece, start, end } of [...covered].reverse()) piece.text.delete(start, end - start);
  if (replacement.length === 0) return null;
  first.piece.text.insert(first.start, replacement, attributes);
  return {
    start: encodeRelativePosition(Y.createRelativePositionFromTypeIndex(first.piece.text, first.start, 0)),
    end: encodeRelativePosition(
      Y.createRelativePositionFromTypeIndex(first.piece.text, first.start + replacement.length, -1),
    ),
  };
}

/** The formatting (ProseMirror marks, as y-prosemirror stores them) of the character at `index`. */
function attributesAt(text: Y.XmlText, index: number): Record<string, unknown> {
  let offset = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (index < offset + length) return op.attributes ?? {};
    offset += length;
  }
  return {};
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function base64ToBytes(encoded: string): Uint8Array {
  const binary = atob(encoded);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
