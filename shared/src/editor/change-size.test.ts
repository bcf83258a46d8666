import { Fragment, Slice, type Node as PMNode } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import { prosemirrorJSONToYXmlFragment, updateYFragment } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from './extensions';
import { transactionBytes, utf8Bytes } from './change-size';

const schema = editorSchema;
const start = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'Kommunen skal bli mer digital.' }] },
    { type: 'mainGoal', attrs: { goalId: 'g-1' }, content: [{ type: 'text', text: 'Alle skjema digitalt.' }] },
  ],
};

/** The bytes of the Yjs update the binding really writes for `tr`, from a fragment holding tr's start doc. */
function actualBytes(tr: Transaction): number {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment('section:test');
  prosemirrorJSONToYXmlFragment(schema, tr.before.toJSON(), fragment);
  const before = Y.encodeStateVector(doc);
  updateYFragment(doc, fragment, tr.doc, { mapping: new Map(), isOMark: new Map() });
  return Y.encodeStateAsUpdate(doc, before).length;
}

function stateAt(pos: number, doc: PMNode = schema.nodeFromJSON(start)): EditorState {
  const state = EditorState.create({ schema, doc });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos)));
}

const word = (n: number) => ['digital', 'tjeneste', 'innbygger', 'æøå', 'data', '≥ 80 %', '🙂'][n % 7]!;
function paragraphs(count: number, words: number, marks = false): Fragment {
  const nodes: PMNode[] = [];
  for (let i = 0; i < count; i++) {
    const text = Array.from({ length: words }, (_, j) => word(i + j)).join(' ');
    const bold = marks && i % 2 ? [schema.marks.bold!.create()] : [];
    const link = marks && i % 3 === 0 ? [schema.marks.link!.create({ href: `https://example.no/${i}` })] : [];
    nodes.push(schema.nodes.paragraph!.create(null, [schema.text(text, [...bold, ...link]), schema.text(' slutt.')]));
  }
  return Fragment.from(nodes);
}

describe('the size estimate of a change', () => {
  it('counts text in UTF-8 as Yjs writes it', () => {
    for (const text of ['abc', 'æøå', '≥ 80 %', '🙂', 'a\u{1F642}b']) {
      expect(utf8Bytes(text)).toBe(new TextEncoder().encode(text).length);
    }
  });

  it('is 0 for a transaction that changes no text', () => {
    const state = stateAt(3);
    expect(transactionBytes(state.tr.setSelection(TextSelection.create(state.doc, 5)))).toBe(0);
  });

  const cases: [string, (state: EditorState) => Transaction][] = [
    ['typing a word', (s) => s.tr.insertText('velferd ')],
    ['pasting one long line into a paragraph', (s) => s.tr.insertText(word(3).repeat(20_000))],
    [
      'pasting many short paragraphs into a paragraph',
      (s) => s.tr.replaceSelection(new Slice(paragraphs(3000, 1), 1, 1)),
    ],
    [
      'pasting paragraphs with bold and links',
      (s) => s.tr.replaceSelection(new Slice(paragraphs(500, 12, true), 1, 1)),
    ],
    [
      'pasting goals',
      (s) =>
        s.tr.replaceSelection(
          new Slice(
            Fragment.from(
              Array.from({ length: 400 }, (_, i) =>
                schema.nodes.mainGoal!.create({ goalId: `goal-${i}` }, schema.text(`Mål nummer ${i}`)),
              ),
            ),
            0,
            0,
          ),
        ),
    ],
    [
      'replacing everything with a list',
      (s) =>
        s.tr.replaceWith(
          0,
          s.doc.content.size,
          schema.nodes.bulletList!.create(
            null,
            Array.from({ length: 300 }, (_, i) =>
              schema.nodes.listItem!.create(null, schema.nodes.paragraph!.create(null, schema.text(`Punkt ${i}`))),
            ),
          ),
        ),
    ],
    ['making a paragraph bold', (s) => s.tr.addMark(1, 20, schema.marks.bold!.create())],
    ['deleting everything', (s) => s.tr.delete(0, s.doc.content.size)],
  ];

  it('counts the paragraph that pasted blocks split', () => {
    const long = schema.node('doc', null, [
      schema.nodes.paragraph!.create(null, schema.text('Lang tekst. '.repeat(5000))),
    ]);
    const tr = stateAt(30_000, long).tr.replaceSelection(new Slice(paragraphs(20, 5), 1, 1));
    expect(transactionBytes(tr)).toBeGreaterThanOrEqual(actualBytes(tr));
  });

  it.each(cases)('is never below the real update: %s', (_name, change) => {
    const tr = change(stateAt(10));
    const estimate = transactionBytes(tr);
    const actual = actualBytes(tr);
    expect(estimate).toBeGreaterThanOrEqual(actual);
    // …and close enough that a person is not refused a change far below the limit.
    if (actual > 10_000) expect(estimate).toBeLessThan(actual * 3);
  });
});
