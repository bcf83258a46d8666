import * as Y from 'yjs';
import {
  defaultIsLeaf,
  indicesOf,
  plainText,
  sectionText,
  textBetween,
  textPieces,
  type IsLeaf,
  type SectionText,
  type TextPiece,
} from './section-text';

export { defaultIsLeaf, type IsLeaf };

/**
 * Comment anchors: a range of a section's text held as two Yjs relative positions, so it keeps
 * covering the same words while others type around it. The positions are stored (base64 of
 * `Y.encodeRelativePosition`) in the database beside the thread, never in the Y.Doc.
 *
 * Positions here are ProseMirror positions within one section's editor (the section's fragment is
 * the editor's document), so the web can decorate them directly and the server can reason in the
 * same numbers (`section-text.ts` walks the section).
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
  return resolveAmong(doc, textPieces(fragment, isLeaf), anchor);
}

function resolveAmong(doc: Y.Doc, pieces: TextPiece[], anchor: EncodedAnchor): ResolvedAnchor {
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

/**
 * The ProseMirror range of an occurrence of `needle` within one text of a section, or null: the
 * first, or the one `skip` occurrences later (0-based, in reading order, not overlapping).
 */
export function findTextRange(
  fragment: Y.XmlFragment,
  needle: string,
  isLeaf: IsLeaf = defaultIsLeaf,
  skip = 0,
): { from: number; to: number } | null {
  let left = skip;
  for (const piece of textPieces(fragment, isLeaf)) {
    const text = plainText(piece.text);
    for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
      if (left-- === 0) return { from: piece.from + at, to: piece.from + at + needle.length };
    }
  }
  return null;
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

// Re-anchoring. Yjs keeps the link from deleted text to the copy an undo restores only on the replica
// that pressed undo, so every other replica (the server's too) sees the thread's positions in deleted
// text. What every replica does share is the text itself: a thread keeps its quote and the words
// around it, and finds them again.

/** How many characters around a quote a thread keeps on each side (about five words). */
export const QUOTE_CONTEXT_LENGTH = 32;

/**
 * What stood around a quote in its section, read the way quotes are (blocks and hard breaks as line
 * breaks): `QUOTE_CONTEXT_LENGTH` characters on each side, fewer only where the section begins or ends.
 */
export interface QuoteContext {
  before: string;
  after: string;
  /**
   * How often the quote stood in the section, whatever its surroundings. Fewer now means the
   * thread's own words are gone, so any that are left were there all along: not the thread's.
   */
  occurrences: number;
}

/** What a thread knows of its place: its anchor, the text it covered, and the words around that. */
export interface AnchoredQuote {
  anchor: EncodedAnchor;
  quote: string;
  /** The words around the quote while they single it out in the section; null when they do not. */
  context: QuoteContext | null;
}

export type ReanchorOutcome =
  /** The anchor covers its quote; `context` as the section reads now (null: the words do not single it out). */
  | { kind: 'attached'; context: QuoteContext | null }
  /** The anchor had come loose and the quote is back: `anchor` covers it on every replica. */
  | { kind: 'moved'; anchor: EncodedAnchor; context: QuoteContext }
  /** Detached, or covering other text, and the quote cannot be found for certain: leave it. */
  | { kind: 'loose' };

/** Where a quote stands: ProseMirror positions [from, to) and indices [start, end) into the section's text. */
interface Occurrence {
  from: number;
  to: number;
  start: number;
  end: number;
}

/**
 * The words around the quote at [start, end), or null when they do not single it out: the same words
 * stand around the same quote elsewhere in the section, so they could not tell the two apart later.
 */
function contextAround(section: SectionText, start: number, end: number): QuoteContext | null {
  const { text } = section;
  const quote = text.slice(start, end);
  const context = {
    before: text.slice(Math.max(0, start - QUOTE_CONTEXT_LENGTH), start),
    after: text.slice(end, end + QUOTE_CONTEXT_LENGTH),
    occurrences: countOf(text, quote),
  };
  return placesOf(section, quote, context, 2).length === 1 ? context : null;
}

function countOf(text: string, quote: string): number {
  let count = 0;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) count++;
  return count;
}

/**
 * Where `quote` stands with exactly this context (and, where the context was cut short by the
 * section's start or end, again that close to it); at most `limit` places.
 */
function placesOf(section: SectionText, quote: string, { before, after }: QuoteContext, limit: number): Occurrence[] {
  const { text, positions } = section;
  if (quote.length === 0) return [];
  const window = before + quote + after;
  const atSectionStart = before.length < QUOTE_CONTEXT_LENGTH;
  const atSectionEnd = after.length < QUOTE_CONTEXT_LENGTH;
  const found: Occurrence[] = [];
  for (let at = text.indexOf(window); at >= 0 && found.length < limit; at = text.indexOf(window, at + 1)) {
    if (atSectionStart && at !== 0) continue;
    if (atSectionEnd && at + window.length !== text.length) continue;
    const start = at + before.length;
    const end = start + quote.length;
    const from = positions[start]!;
    const last = positions[end - 1]!;
    // A quote read from the text never begins or ends with a line break between pieces.
    if (from < 0 || last < 0) continue;
    found.push({ from, to: last + 1, start, end });
  }
  return found;
}

/**
 * The text an anchor covers now and the words around it (null when they do not single it out);
 * null when the anchor is detached.
 */
export function quoteInContext(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  anchor: EncodedAnchor,
  isLeaf: IsLeaf = defaultIsLeaf,
): { quote: string; context: QuoteContext | null } | null {
  const pieces = textPieces(fragment, isLeaf);
  const resolved = resolveAmong(doc, pieces, anchor);
  if (resolved.detached) return null;
  const section = sectionText(pieces);
  const { start, end } = indicesOf(section, resolved.from, resolved.to);
  return { quote: resolved.text, context: contextAround(section, start, end) };
}

/**
 * Checks each thread of one section (`fragment`) against the text: answers, in the order given,
 * whether its anchor still covers its quote, has been moved to cover it again, or stays loose.
 *
 * A thread whose anchor is detached, or covers other text than its quote, moves only to the one
 * place where its quote stands with exactly the words that stood around it (its `context`, kept
 * only while those words single the quote out), and only once the quote stands in the section as
 * often as it did (else its own words are still gone). Anywhere else, or when that is more than one
 * place, it stays loose: it never lands on the wrong one of two alike. An anchor that still covers
 * some text moves only to a place overlapping that text, so a thread whose words were edited never
 * jumps away.
 */
export function reanchor(
  doc: Y.Doc,
  fragment: Y.XmlFragment,
  threads: readonly AnchoredQuote[],
  isLeaf: IsLeaf = defaultIsLeaf,
): ReanchorOutcome[] {
  const pieces = textPieces(fragment, isLeaf);
  const section = sectionText(pieces);
  return threads.map((thread): ReanchorOutcome => {
    const resolved = resolveAmong(doc, pieces, thread.anchor);
    if (!resolved.detached && resolved.text === thread.quote) {
      const { start, end } = indicesOf(section, resolved.from, resolved.to);
      return { kind: 'attached', context: contextAround(section, start, end) };
    }
    const occurrences = countOf(section.text, thread.quote);
    if (!thread.context || occurrences < thread.context.occurrences) return { kind: 'loose' };
    const found = placesOf(section, thread.quote, thread.context, 2);
    const place = found.length === 1 ? found[0]! : null;
    if (!place || (!resolved.detached && !(place.from < resolved.to && resolved.from < place.to))) {
      return { kind: 'loose' };
    }
    const anchor = anchorFromRange(fragment, place.from, place.to, isLeaf);
    return anchor ? { kind: 'moved', anchor, context: { ...thread.context, occurrences } } : { kind: 'loose' };
  });
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
