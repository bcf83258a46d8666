import { describe, expect, test, vi } from 'vitest';
import * as Y from 'yjs';
import { EditorState } from '@tiptap/pm/state';
import type { Node as PMNode } from '@tiptap/pm/model';
import {
  absolutePositionToRelativePosition,
  initProseMirrorDoc,
  prosemirrorJSONToYXmlFragment,
  relativePositionToAbsolutePosition,
  updateYFragment,
} from '@tiptap/y-tiptap';
import { editorSchema } from '@samstrat/shared';

// The patched binding (patches/@tiptap+y-tiptap+*.patch) leaves what the schema cannot show out of
// the view and never deletes it. These run the binding's own conversion and diff without a DOM;
// e2e/binding-foreign-content.spec.ts runs the whole plugin in the browser.

type Meta = ReturnType<typeof initProseMirrorDoc>['meta'];

/** Each way a document can hold what the editor schema does not allow, added to a valid section. */
const FOREIGN: Record<string, (fragment: Y.XmlFragment) => void> = {
  'text directly under the section root': (f) => f.insert(0, [new Y.XmlText('løs tekst')]),
  'a plain value directly inside a paragraph element': (f) =>
    // XmlElement.insert is typed for nodes only; an older writer put a string there.
    (f.get(0) as Y.XmlElement).insert(0, ['rå tekst' as unknown as Y.XmlText]),
  'an embed inside a paragraph text': (f) => textOf(f, 1).insertEmbed(2, { image: 'kart.png' }),
  'an unknown element at the root': (f) => {
    const image = new Y.XmlElement('image');
    image.setAttribute('src', 'kart.png');
    f.insert(1, [image]);
  },
  'an unknown inline element inside a paragraph': (f) =>
    (f.get(0) as Y.XmlElement).insert(1, [new Y.XmlElement('mention')]),
  'an unknown mark on text': (f) => textOf(f, 1).format(0, 3, { comment: { id: 'c1' } }),
  'an unknown attribute on a paragraph': (f) => (f.get(1) as Y.XmlElement).setAttribute('data-legacy', 'x'),
  'a list item directly under the root': (f) => {
    const item = new Y.XmlElement('listItem');
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText('punkt')]);
    item.insert(0, [paragraph]);
    f.insert(2, [item]);
  },
  'a paragraph inside a paragraph': (f) => {
    const inner = new Y.XmlElement('paragraph');
    inner.insert(0, [new Y.XmlText('inni')]);
    (f.get(0) as Y.XmlElement).insert(1, [inner]);
  },
  'text directly inside a list': (f) => {
    const list = new Y.XmlElement('bulletList');
    list.insert(0, [new Y.XmlText('løst punkt')]);
    f.insert(2, [list]);
  },
};

function textOf(fragment: Y.XmlFragment, index: number): Y.XmlText {
  return (fragment.get(index) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A section of two paragraphs, "Første avsnitt." and "Andre avsnitt.", plus the foreign content. */
function sectionWith(addForeign: (fragment: Y.XmlFragment) => void) {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('section:visjon');
  prosemirrorJSONToYXmlFragment(
    editorSchema,
    {
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'Første avsnitt.' }] },
        { type: 'paragraph', content: [{ type: 'text', text: 'Andre avsnitt.' }] },
      ],
    },
    fragment,
  );
  doc.transact(() => addForeign(fragment));
  return { doc, fragment };
}

/** What the Y document holds besides the view: used to show nothing of it was lost. */
function everything(fragment: Y.XmlFragment): string {
  const describe = (value: unknown): string => {
    if (value instanceof Y.XmlElement)
      return `<${value.nodeName} ${JSON.stringify(value.getAttributes())}>${value.toArray().map(describe).join('')}</>`;
    if (value instanceof Y.XmlText) return `"${JSON.stringify(value.toDelta())}"`;
    return `[${JSON.stringify(value)}]`;
  };
  return fragment.toArray().map(describe).join('');
}

/** Applies a ProseMirror change to the Y document the way the binding does on every local edit. */
function edit(doc: Y.Doc, fragment: Y.XmlFragment, meta: Meta, pmDoc: PMNode, change: (state: EditorState) => PMNode) {
  const next = change(EditorState.create({ doc: pmDoc }));
  doc.transact(() => updateYFragment(doc, fragment, next, meta));
  return next;
}

/** The end of the second paragraph's text in the view. */
const endOfSecond = (pmDoc: PMNode) => pmDoc.child(0).nodeSize + pmDoc.child(1).nodeSize - 1;

describe('the binding with content the editor schema does not allow', () => {
  for (const [kind, addForeign] of Object.entries(FOREIGN)) {
    describe(kind, () => {
      test('opening the section writes nothing and shows the valid text', () => {
        const { doc, fragment } = sectionWith(addForeign);
        const before = everything(fragment);
        const updates = vi.fn();
        doc.on('update', updates);
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});

        const { doc: pmDoc } = initProseMirrorDoc(fragment, editorSchema);

        expect(updates).not.toHaveBeenCalled();
        expect(everything(fragment)).toBe(before);
        expect(pmDoc.textContent).toContain('Første avsnitt.');
        expect(pmDoc.textContent).toContain('Andre avsnitt.');
        pmDoc.check();
        warn.mockRestore();
      });

      test('typing, adding and removing paragraphs beside it keep it in the document', () => {
        const { doc, fragment } = sectionWith(addForeign);
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        const { doc: opened, meta } = initProseMirrorDoc(fragment, editorSchema);
        const before = everything(fragment);
        const endOfFirst = opened.child(0).nodeSize - 1;

        let pmDoc = edit(doc, fragment, meta, opened, (s) => s.tr.insertText(' Skrevet nå.', endOfFirst).doc);
        const typed = pmDoc.content.size;
        pmDoc = edit(
          doc,
          fragment,
          meta,
          pmDoc,
          (s) => s.tr.insert(s.doc.content.size, editorSchema.node('paragraph', null, editorSchema.text('Nytt.'))).doc,
        );
        pmDoc = edit(doc, fragment, meta, pmDoc, (s) => s.tr.delete(typed, s.doc.content.size).doc);

        expect(initProseMirrorDoc(fragment, editorSchema).doc.textContent).toBe(pmDoc.textContent);
        expect(pmDoc.textContent).toContain('Første avsnitt. Skrevet nå.');
        // The document gained the typed words and nothing else changed.
        expect(everything(fragment)).toBe(before.replace('Første avsnitt.', 'Første avsnitt. Skrevet nå.'));
        warn.mockRestore();
      });

      test('every position of the view maps to the document and back', () => {
        const { doc, fragment } = sectionWith(addForeign);
        const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
        const { doc: pmDoc, meta } = initProseMirrorDoc(fragment, editorSchema);
        for (let pos = 0; pos <= pmDoc.content.size; pos++) {
          const relative = absolutePositionToRelativePosition(pos, fragment, meta.mapping);
          expect(relativePositionToAbsolutePosition(doc, fragment, relative, meta.mapping)).toBe(pos);
        }
        warn.mockRestore();
      });
    });
  }

  test('typing in a text that holds an embed keeps the embed and puts the words where they were typed', () => {
    const { doc, fragment } = sectionWith(FOREIGN['an embed inside a paragraph text']!);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { doc: opened, meta } = initProseMirrorDoc(fragment, editorSchema);
    const start = opened.child(0).nodeSize + 1;

    edit(
      doc,
      fragment,
      meta,
      opened,
      (s) => s.tr.insertText('X', start + 5).insertText('!', endOfSecond(opened) + 1).doc,
    );

    expect(textOf(fragment, 1).toDelta()).toEqual([
      { insert: 'An' },
      { insert: { image: 'kart.png' } },
      { insert: 'dreX avsnitt.!' },
    ]);
    expect(initProseMirrorDoc(fragment, editorSchema).doc.child(1).textContent).toBe('AndreX avsnitt.!');
    warn.mockRestore();
  });

  test('typing in a paragraph keeps the attributes its node type does not declare', () => {
    const { doc, fragment } = sectionWith(FOREIGN['an unknown attribute on a paragraph']!);
    const { doc: opened, meta } = initProseMirrorDoc(fragment, editorSchema);

    edit(doc, fragment, meta, opened, (s) => s.tr.insertText('!', endOfSecond(opened)).doc);

    expect((fragment.get(1) as Y.XmlElement).getAttributes()).toEqual({ 'data-legacy': 'x' });
    expect(textOf(fragment, 1).toString()).toBe('Andre avsnitt.!');
  });
});
