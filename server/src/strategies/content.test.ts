import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProsemirrorJSON } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentHash } from '@samstrat/shared/content-hash';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { TEMPLATE_SECTIONS } from '@samstrat/shared/template';
import { documentContent, type OutlineEntry } from './content';
import { sectionFragmentName, templateDocument } from './create';

const outline: OutlineEntry[] = [
  { key: 'visjon', number: '3', title: 'Visjon', parentKey: null },
  { key: 'kommuneportal', number: '4.1', title: 'Kommuneportal', parentKey: 'satsingsomrader' },
];

const finalText: Record<string, JSONContent> = {
  visjon: {
    type: 'doc',
    content: [
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Kommunen er ' },
          { type: 'text', text: 'digital', marks: [{ type: 'bold' }, { type: 'italic' }] },
          { type: 'text', text: '.' },
        ],
      },
    ],
  },
  kommuneportal: {
    type: 'doc',
    content: [{ type: 'mainGoal', attrs: { goalId: 'g1' }, content: [{ type: 'text', text: 'Portalen er god.' }] }],
  },
};

/** The text written in one go, the way a new strategy's template is. */
function writtenAtOnce(): Y.Doc {
  const doc = new Y.Doc();
  for (const { key } of outline)
    prosemirrorJSONToYXmlFragment(editorSchema, finalText[key], doc.getXmlFragment(`section:${key}`));
  return doc;
}

function paragraphWith(fragment: Y.XmlFragment, type = 'paragraph'): Y.XmlText {
  const block = new Y.XmlElement(type);
  const text = new Y.XmlText();
  fragment.insert(fragment.length, [block]);
  block.insert(0, [text]);
  return text;
}

/** The same text typed with mistakes, formatted italic first, and the goal typed as a paragraph first. */
function typedWithCorrections(): Y.Doc {
  const doc = new Y.Doc();
  const visjon = paragraphWith(doc.getXmlFragment('section:visjon'));
  visjon.insert(0, 'Kommunen blir digitalt');
  visjon.delete('Kommunen '.length, 'blir'.length);
  visjon.insert('Kommunen '.length, 'er');
  visjon.delete('Kommunen er digital'.length, 1);
  visjon.insert(visjon.length, '.');
  visjon.format('Kommunen er '.length, 'digital'.length, { italic: {} });
  visjon.format('Kommunen er '.length, 'digital'.length, { bold: {} });

  const portal = doc.getXmlFragment('section:kommuneportal');
  const draft = paragraphWith(portal);
  draft.insert(0, 'Utkast');
  const goal = paragraphWith(portal, 'mainGoal');
  (goal.parent as Y.XmlElement).setAttribute('goalId', 'g1');
  goal.insert(0, ' er god.');
  goal.insert(0, 'Portalen');
  portal.delete(0, 1);
  return doc;
}

/** Two clients typing at once, merged: one writes the sentence, the other the bold-italic word. */
function typedConcurrently(): Y.Doc {
  const a = new Y.Doc();
  const text = paragraphWith(a.getXmlFragment('section:visjon'));
  text.insert(0, 'Kommunen er .');
  const portal = a.getXmlFragment('section:kommuneportal');
  const goal = new Y.XmlElement('mainGoal');
  goal.setAttribute('goalId', 'g1');
  goal.insert(0, [new Y.XmlText('Portalen er god.')]);
  portal.insert(0, [goal]);

  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  const theirs = (b.getXmlFragment('section:visjon').get(0) as Y.XmlElement).get(0) as Y.XmlText;
  theirs.insert('Kommunen er '.length, 'digital', { bold: {}, italic: {} });
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
  b.destroy();
  return a;
}

describe('the content hash of a document', () => {
  it('is the same for the same text whatever edits and merges produced it', () => {
    const hashes = [writtenAtOnce(), typedWithCorrections(), typedConcurrently()].map((doc) =>
      contentHash(documentContent(doc, outline)),
    );
    expect(new Set(hashes).size).toBe(1);
  });

  it('differs when one letter differs', () => {
    const doc = typedWithCorrections();
    const text = (doc.getXmlFragment('section:visjon').get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.insert(0, 'K');
    text.delete(1, 1);
    expect(contentHash(documentContent(doc, outline))).toBe(contentHash(documentContent(writtenAtOnce(), outline)));
    text.insert(text.length - 1, 'e');
    expect(contentHash(documentContent(doc, outline))).not.toBe(contentHash(documentContent(writtenAtOnce(), outline)));
  });

  it('reads the sections in outline order with their numbers and titles', () => {
    const content = documentContent(writtenAtOnce(), outline);
    expect(content.map((s) => [s.key, s.number, s.title])).toEqual([
      ['visjon', '3', 'Visjon'],
      ['kommuneportal', '4.1', 'Kommuneportal'],
    ]);
    expect(content[1]!.content).toEqual(finalText.kommuneportal);
  });
});

describe('reading a section the editor wrote', () => {
  /** Every kind of node and mark the toolbar makes, nested as people nest them. */
  const rich: JSONContent = {
    type: 'doc',
    content: [
      { type: 'heading', attrs: { level: 4 }, content: [{ type: 'text', text: 'Mål' }] },
      {
        type: 'paragraph',
        content: [
          { type: 'text', text: 'Se ' },
          {
            type: 'text',
            text: 'lenken',
            marks: [{ type: 'link', attrs: { href: 'https://a.no' } }, { type: 'underline' }],
          },
          { type: 'hardBreak' },
          { type: 'text', text: 'slettet', marks: [{ type: 'strike' }] },
        ],
      },
      {
        type: 'orderedList',
        attrs: { start: 2 },
        content: [
          {
            type: 'listItem',
            content: [
              { type: 'paragraph', content: [{ type: 'text', text: 'Ett' }] },
              { type: 'blockquote', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Sitat' }] }] },
              { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph' }] }] },
            ],
          },
        ],
      },
      { type: 'subGoal', attrs: { goalId: 'g2' }, content: [{ type: 'text', text: 'Delmål.' }] },
    ],
  };

  it('gives what y-prosemirror’s converter gives, normalized, so recorded hashes stay valid', () => {
    const template = templateDocument();
    const richDoc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(editorSchema, rich, richDoc.getXmlFragment('section:visjon'));
    const cases: [Y.Doc, readonly OutlineEntry[]][] = [
      [template, TEMPLATE_SECTIONS.map(({ key, number, title }) => ({ key, number, title, parentKey: null }))],
      [richDoc, outline],
      [typedWithCorrections(), outline],
      [typedConcurrently(), outline],
    ];
    for (const [doc, sections] of cases) {
      const expected = sections.map((section) =>
        editorSchema
          .nodeFromJSON(yXmlFragmentToProsemirrorJSON(doc.getXmlFragment(sectionFragmentName(section.key))))
          .toJSON(),
      );
      expect(documentContent(doc, sections).map((s) => s.content)).toEqual(expected);
    }
  });
});
