import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from './content-hash';

const text = (value: string, marks?: JSONContent['marks']): JSONContent => ({
  type: 'text',
  text: value,
  ...(marks ? { marks } : {}),
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

describe('canonicalJson', () => {
  it('sorts keys at every level and leaves out undefined members', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"f":2}]},"b":1}',
    );
  });
});

describe('contentHash', () => {
  const sections = [
    { key: 'visjon', content: doc(paragraph(text('Kommunen er digital.'))) },
    {
      key: 'kommuneportal',
      content: doc({ type: 'mainGoal', attrs: { goalId: 'g-1' }, content: [text('Portalen er universelt utformet.')] }),
    },
  ];

  it('is the lowercase hex SHA-256 of the canonical JSON', () => {
    expect(contentHash([])).toBe('4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945');
    expect(contentHash(sections)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same text written in different JSON forms', () => {
    const reshaped = [
      { content: doc({ content: [text('Kommunen er '), text('digital.')], type: 'paragraph' }), key: 'visjon' },
      // A goal id given before the type, marks in another order: the same text.
      {
        key: 'kommuneportal',
        content: {
          content: [
            { attrs: { goalId: 'g-1' }, type: 'mainGoal', content: [text('Portalen er universelt utformet.')] },
          ],
          type: 'doc',
        },
      },
    ];
    expect(contentHash(reshaped)).toBe(contentHash(sections));
    const bold = (order: string[]) => [
      {
        key: 'visjon',
        content: doc(
          paragraph(
            text(
              'Viktig',
              order.map((type) => ({ type })),
            ),
          ),
        ),
      },
    ];
    expect(contentHash(bold(['bold', 'italic']))).toBe(contentHash(bold(['italic', 'bold'])));
  });

  it('changes when a word, a goal id, a mark or the section order changes', () => {
    const base = contentHash(sections);
    const other = (patch: (s: typeof sections) => void) => {
      const copy = structuredClone(sections);
      patch(copy);
      return contentHash(copy);
    };
    expect(other((s) => (s[0]!.content = doc(paragraph(text('Kommunen er digitalt.')))))).not.toBe(base);
    expect(other((s) => (s[1]!.content.content![0]!.attrs = { goalId: 'g-2' }))).not.toBe(base);
    expect(other((s) => (s[0]!.content = doc(paragraph(text('Kommunen er digital.', [{ type: 'bold' }])))))).not.toBe(
      base,
    );
    expect(contentHash([...sections].reverse())).not.toBe(base);
  });

  it('covers the outline: a renamed or moved section changes the hash, the same outline does not', () => {
    const placed = [
      { ...sections[0]!, number: '1', title: 'Visjon', parentKey: null },
      { ...sections[1]!, number: '1.1', title: 'Kommuneportal', parentKey: 'visjon' },
    ];
    const base = contentHash(placed);
    expect(contentHash(structuredClone(placed))).toBe(base);
    expect(contentHash([placed[0]!, { ...placed[1]!, title: 'Innbyggerportal' }])).not.toBe(base);
    expect(contentHash([placed[0]!, { ...placed[1]!, number: '2', parentKey: null }])).not.toBe(base);
    // Without outline entries it is the hash of the text alone, as versions made before recorded it.
    expect(contentHash(sections)).not.toBe(base);
  });
});
