import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  anchorFromRange,
  decodeRelativePosition,
  encodeRelativePosition,
  replaceRange,
  resolveAnchor,
} from './anchors';

const SECTION = 'section:visjon';

function paragraph(text: string, marks?: Record<string, unknown>): Y.XmlElement {
  const p = new Y.XmlElement('paragraph');
  const t = new Y.XmlText();
  t.insert(0, text, marks);
  p.insert(0, [t]);
  return p;
}

function docWith(...paragraphs: Y.XmlElement[]): { doc: Y.Doc; fragment: Y.XmlFragment } {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment(SECTION);
  fragment.insert(0, paragraphs);
  return { doc, fragment };
}

function textOf(fragment: Y.XmlFragment, index: number): Y.XmlText {
  return (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

/** ProseMirror position of a word in the first paragraph (the paragraph opens at 0, text starts at 1). */
function rangeOf(sentence: string, word: string, offset = 1): [number, number] {
  const at = sentence.indexOf(word);
  return [offset + at, offset + at + word.length];
}

const SENTENCE = 'Kommunen skal være digital først.';

describe('anchors', () => {
  it('cover the chosen words in ProseMirror positions', () => {
    const { doc, fragment } = docWith(paragraph(SENTENCE));
    const anchor = anchorFromRange(fragment, ...rangeOf(SENTENCE, 'være digital'))!;
    expect(resolveAnchor(doc, fragment, anchor)).toEqual({ from: 15, to: 27, text: 'være digital', detached: false });
  });

  it('keep covering the same words when text is typed before, inside and right after them', () => {
    const { doc, fragment } = docWith(paragraph(SENTENCE));
    const anchor = anchorFromRange(fragment, ...rangeOf(SENTENCE, 'være digital'))!;
    const text = textOf(fragment, 0);
    text.insert(0, 'I 2030: ');
    expect(resolveAnchor(doc, fragment, anchor).text).toBe('være digital');
    text.insert(text.toString().indexOf(' først'), ' og ');
    expect(resolveAnchor(doc, fragment, anchor).text).toBe('være digital');
    text.insert(text.toString().indexOf(' digital'), ' helt');
    expect(resolveAnchor(doc, fragment, anchor).text).toBe('være helt digital');
  });

  it('span paragraphs and join them with a line break', () => {
    const { doc, fragment } = docWith(paragraph('Første avsnitt.'), paragraph('Andre avsnitt.'));
    // Paragraph 1 text 1..16, closes at 16, paragraph 2 opens at 17, text from 18.
    const anchor = anchorFromRange(fragment, 8, 24)!;
    expect(resolveAnchor(doc, fragment, anchor)).toMatchObject({ text: 'avsnitt.\nAndre ', detached: false });
  });

  it('turn detached when their words are deleted, or their paragraph is', () => {
    const { doc, fragment } = docWith(paragraph(SENTENCE), paragraph('Neste avsnitt.'));
    const words = anchorFromRange(fragment, ...rangeOf(SENTENCE, 'digital'))!;
    const text = textOf(fragment, 0);
    text.delete(SENTENCE.indexOf('digital'), 'digital'.length);
    expect(resolveAnchor(doc, fragment, words).detached).toBe(true);

    const whole = anchorFromRange(fragment, ...rangeOf(text.toString(), 'Kommunen'))!;
    fragment.delete(0, 1);
    const resolved = resolveAnchor(doc, fragment, whole);
    expect(resolved).toMatchObject({ detached: true, text: '' });
    expect(resolved.from).toBe(resolved.to);
  });

  it('are null for a range without text', () => {
    const { fragment } = docWith(paragraph(SENTENCE));
    expect(anchorFromRange(fragment, 5, 5)).toBeNull();
  });

  it('survive the round trip through base64 and refuse anything else', () => {
    const { doc, fragment } = docWith(paragraph(SENTENCE));
    const position = Y.createRelativePositionFromTypeIndex(textOf(fragment, 0), 3, 0);
    const encoded = encodeRelativePosition(position);
    const decoded = decodeRelativePosition(encoded)!;
    expect(Y.createAbsolutePositionFromRelativePosition(decoded, doc)).toMatchObject({ index: 3 });
    expect(encodeRelativePosition(decoded)).toBe(encoded);
    expect(decodeRelativePosition('<script>')).toBeNull();
    expect(decodeRelativePosition('')).toBeNull();
    expect(decodeRelativePosition('A'.repeat(1000))).toBeNull();
  });

  it('replace their text keeping its formatting, and anchor the replacement', () => {
    const { doc, fragment } = docWith(paragraph(SENTENCE, { bold: true }));
    const anchor = anchorFromRange(fragment, ...rangeOf(SENTENCE, 'digital først'))!;
    const { from, to } = resolveAnchor(doc, fragment, anchor);
    let next: ReturnType<typeof replaceRange> = null;
    doc.transact(() => (next = replaceRange(fragment, from, to, 'heldigital')));
    expect(textOf(fragment, 0).toDelta()).toEqual([
      { insert: 'Kommunen skal være heldigital.', attributes: { bold: true } },
    ]);
    expect(resolveAnchor(doc, fragment, next!)).toMatchObject({ text: 'heldigital', detached: false });
  });

  it('replace text across paragraphs in the first and leave the paragraphs standing', () => {
    const { doc, fragment } = docWith(paragraph('Første avsnitt.'), paragraph('Andre avsnitt.'));
    doc.transact(() => replaceRange(fragment, 8, 24, 'ny tekst. '));
    expect(fragment.length).toBe(2);
    expect(textOf(fragment, 0).toString()).toBe('Første ny tekst. ');
    expect(textOf(fragment, 1).toString()).toBe('avsnitt.');
  });

  it('follow edits made on another replica', () => {
    const a = docWith(paragraph(SENTENCE));
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc));
    const anchor = anchorFromRange(a.fragment, ...rangeOf(SENTENCE, 'være'))!;
    textOf(b.getXmlFragment(SECTION), 0).insert(0, 'Mål: ');
    Y.applyUpdate(a.doc, Y.encodeStateAsUpdate(b));
    expect(resolveAnchor(a.doc, a.fragment, anchor)).toMatchObject({ text: 'være', from: 20 });
  });
});
