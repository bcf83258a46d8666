import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { editorSchema } from './extensions';
import { fitToSchema, type ContentProblem } from './fit-schema';
import { fragmentContent } from './fragment-content';

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });
const item = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });

/** Content the schema accepts as it is, in every shape the editor writes. */
const WELL_FORMED: JSONContent = doc(
  { type: 'heading', attrs: { level: 3 }, content: [text('Mål for perioden')] },
  paragraph(
    text('Kommunen er '),
    text('digital', [{ type: 'bold' }, { type: 'italic' }]),
    { type: 'hardBreak' },
    text('les mer', [{ type: 'link', attrs: { href: 'https://example.org' } }]),
  ),
  { type: 'mainGoal', attrs: { goalId: 'g-1' }, content: [text('Portalen er universelt utformet.')] },
  { type: 'subGoal', attrs: { goalId: 'g-2' }, content: [text('Alle skjema er digitale.')] },
  {
    type: 'bulletList',
    content: [
      item(paragraph(text('Én')), { type: 'orderedList', attrs: { start: 3 }, content: [item(paragraph(text('To')))] }),
    ],
  },
  { type: 'blockquote', content: [paragraph(text('Sitat.')), paragraph()] },
  paragraph(),
);

function fitted(raw: unknown) {
  const problems: ContentProblem[] = [];
  const content = fitToSchema(raw, (problem) => problems.push(problem));
  return { content, problems };
}

/** Every node of the result is one the schema knows, in a place it allows. */
function expectSchemaValid(content: JSONContent) {
  const node = editorSchema.nodeFromJSON(content);
  node.descendants((child) => {
    expect(child.type.validContent(child.content), child.type.name).toBe(true);
  });
  expect(JSON.parse(JSON.stringify(content))).toEqual(content);
}

describe('fitToSchema', () => {
  it('gives content the schema accepts exactly as the schema reads it, and reports nothing', () => {
    const { content, problems } = fitted(WELL_FORMED);
    expect(content).toEqual(editorSchema.nodeFromJSON(WELL_FORMED).toJSON());
    expect(problems).toEqual([]);
    expect(fitted(doc()).content).toEqual({ type: 'doc' });
  });

  it('wraps text under a section in a paragraph, with the formatting and the text after it', () => {
    const { content, problems } = fitted(
      doc(text('Løs '), text('tekst', [{ type: 'bold' }]), paragraph(text('Etter.'))),
    );
    expect(content).toEqual(doc(paragraph(text('Løs '), text('tekst', [{ type: 'bold' }])), paragraph(text('Etter.'))));
    expect(problems).toEqual([{ kind: 'misplaced', name: 'text' }]);
    // An old converter left such text as an array inside the content.
    expect(fitted(doc([text('I en liste.')] as unknown as JSONContent)).content).toEqual(
      doc(paragraph(text('I en liste.'))),
    );
  });

  it('keeps the words of an unknown node where they fit and drops the node', () => {
    const { content, problems } = fitted(
      doc(
        { type: 'script', content: [text('Ukjent element.')] },
        { type: 'image', attrs: { src: 'x.png' } },
        paragraph(text('Før '), { type: 'mention', content: [text('Kari')] }, text(' etter.')),
      ),
    );
    expect(content).toEqual(doc(paragraph(text('Ukjent element.')), paragraph(text('Før Kari etter.'))));
    expect(problems.map((p) => `${p.kind} ${p.name}`)).toEqual(
      expect.arrayContaining(['unknown-node script', 'unknown-node image', 'unknown-node mention']),
    );
  });

  it('unwraps blocks inside a paragraph and wraps list items found outside a list', () => {
    const { content } = fitted(
      doc(
        paragraph(text('Ytre '), paragraph(text('indre'))),
        item(paragraph(text('Punkt'))),
        item(paragraph(text('To'))),
      ),
    );
    expect(content).toEqual(
      doc(paragraph(text('Ytre indre')), {
        type: 'bulletList',
        content: [item(paragraph(text('Punkt'))), item(paragraph(text('To')))],
      }),
    );
  });

  it('gives a list item that starts with a list the paragraph it needs', () => {
    const nested = { type: 'bulletList', content: [item(paragraph(text('Indre')))] };
    expect(fitted(doc({ type: 'bulletList', content: [item(nested)] })).content).toEqual(
      doc({ type: 'bulletList', content: [item({ type: 'paragraph' }, nested)] }),
    );
  });

  it('drops values that are no nodes, unknown marks and text that is no string, and never throws', () => {
    const { content, problems } = fitted(
      doc(
        42 as unknown as JSONContent,
        null as unknown as JSONContent,
        paragraph(text('Merket', [{ type: 'comment', attrs: { id: 1 } }, { type: 'bold' }]), {
          type: 'text',
          text: { image: 'x' },
        } as unknown as JSONContent),
      ),
    );
    expect(content).toEqual(doc(paragraph(text('Merket', [{ type: 'bold' }]))));
    expect(problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['not-a-node', 'unknown-mark', 'not-a-node']));
    let deep: JSONContent = text('Dypt.');
    for (let i = 0; i < 20_000; i++) deep = { type: 'blockquote', content: [deep] };
    for (const raw of [undefined, 'tekst', [], { type: 'paragraph' }, { type: 'doc', content: 'x' }, { type: 7 }, deep])
      expectSchemaValid(fitToSchema(raw));
  });
});

describe('fragmentContent', () => {
  /** A fragment written the way y-prosemirror writes the editor's text. */
  function written(): Y.XmlFragment {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment('section:visjon');
    const p = new Y.XmlElement('paragraph');
    const runs = new Y.XmlText();
    p.insert(0, [runs]);
    const goal = new Y.XmlElement('mainGoal');
    goal.setAttribute('goalId', 'g-1');
    goal.insert(0, [new Y.XmlText('Et mål.')]);
    fragment.insert(0, [p, goal]);
    runs.insert(0, 'Kommunen er digital.');
    runs.format('Kommunen er '.length, 'digital'.length, { bold: {}, 'link--abcd1234': { href: 'https://a.no' } });
    return fragment;
  }

  it('reads what the editor writes as the schema reads it', () => {
    const problems: ContentProblem[] = [];
    const expected = doc(
      paragraph(
        text('Kommunen er '),
        text('digital', [{ type: 'bold' }, { type: 'link', attrs: { href: 'https://a.no' } }]),
        text('.'),
      ),
      { type: 'mainGoal', attrs: { goalId: 'g-1' }, content: [text('Et mål.')] },
    );
    expect(fragmentContent(written(), (p) => problems.push(p))).toEqual(editorSchema.nodeFromJSON(expected).toJSON());
    expect(problems).toEqual([]);
  });

  it('keeps stray characters, skips embeds and values, and gives plain JSON', () => {
    const ydoc = new Y.Doc();
    const fragment = ydoc.getXmlFragment('section:visjon');
    const p = new Y.XmlElement('paragraph');
    const embedded = new Y.XmlElement('paragraph');
    const runs = new Y.XmlText('Før og etter.');
    embedded.insert(0, [runs]);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', new Y.Map() as unknown as string);
    heading.insert(0, [new Y.XmlText('Overskrift')]);
    fragment.insert(0, [p, embedded, heading]);
    fragment.push([7, { type: 'paragraph' }, 'Løs verdi.'] as unknown as Y.XmlElement[]);
    Y.Text.prototype.insert.call(p as unknown as Y.Text, 0, 'Tegn i elementet.');
    runs.insertEmbed('Før '.length, { image: 'x.png' });
    runs.insertEmbed('Før '.length, new Y.XmlElement('paragraph'));
    // Characters of a Y.Text straight under the root.
    const asText = new Y.Doc();
    Y.applyUpdate(asText, Y.encodeStateAsUpdate(ydoc));
    asText.getText('section:visjon').insert(0, 'Rett under roten. ');
    Y.applyUpdate(ydoc, Y.encodeStateAsUpdate(asText, Y.encodeStateVector(ydoc)));

    const problems: ContentProblem[] = [];
    const content = fragmentContent(fragment, (problem) => problems.push(problem));
    expectSchemaValid(content);
    expect(content).toEqual(
      doc(
        paragraph(text('Rett under roten. ')),
        paragraph(text('Tegn i elementet.')),
        paragraph(text('Før og etter.')),
        // The attribute that was a Y type falls back to the schema's default.
        { type: 'heading', attrs: { level: 1 }, content: [text('Overskrift')] },
        paragraph(text('Løs verdi.')),
      ),
    );
    expect(problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['misplaced', 'not-a-node', 'bad-attribute']));
  });
});
