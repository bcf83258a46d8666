import { describe, expect, it } from 'vitest';
import { numberOutline } from './new-strategy';
import {
  addSection,
  dropBefore,
  moveStep,
  moveToChapter,
  newSectionKey,
  outlineOrder,
  removeSection,
  renameSection,
  reorderOutline,
} from './outline';

const outline = numberOutline([
  {
    key: 'a',
    title: 'A',
    children: [
      { key: 'a1', title: 'A1' },
      { key: 'a2', title: 'A2' },
    ],
  },
  { key: 'b', title: 'B', children: [{ key: 'b1', title: 'B1' }] },
]);
const numbers = (result: ReturnType<typeof addSection>) =>
  result.ok ? result.outline.map((s) => `${s.number} ${s.key}${s.parentKey ? `<${s.parentKey}` : ''}`) : result.error;

describe('outline editing', () => {
  it('adds a chapter at the end and an area at the end of its chapter, numbered', () => {
    expect(numbers(addSection(outline, { key: 'c', title: 'C', parentKey: null }))).toEqual([
      '1 a',
      '1.1 a1<a',
      '1.2 a2<a',
      '2 b',
      '2.1 b1<b',
      '3 c',
    ]);
    expect(numbers(addSection(outline, { key: 'a3', title: ' A3 ', parentKey: 'a' }))).toEqual([
      '1 a',
      '1.1 a1<a',
      '1.2 a2<a',
      '1.3 a3<a',
      '2 b',
      '2.1 b1<b',
    ]);
    expect(addSection(outline, { key: 'x', title: 'X', parentKey: 'a1' })).toEqual({
      ok: false,
      error: 'unknown_parent',
    });
  });

  it('renames in place and refuses an unknown section', () => {
    const renamed = renameSection(outline, 'a2', 'Ny tittel');
    expect(renamed.ok && renamed.outline[2]).toMatchObject({ key: 'a2', number: '1.2', title: 'Ny tittel' });
    expect(renameSection(outline, 'zz', 'X')).toEqual({ ok: false, error: 'unknown_section' });
  });

  it('removes an area and numbers again; a chapter with areas is refused', () => {
    expect(numbers(removeSection(outline, 'a1'))).toEqual(['1 a', '1.1 a2<a', '2 b', '2.1 b1<b']);
    expect(removeSection(outline, 'a')).toEqual({ ok: false, error: 'section_has_areas' });
  });

  it('reorders only to an order with every section exactly once', () => {
    const order = {
      chapters: [
        { key: 'b', children: ['a2', 'b1'] },
        { key: 'a', children: ['a1'] },
      ],
    };
    expect(numbers(reorderOutline(outline, order))).toEqual(['1 b', '1.1 a2<b', '1.2 b1<b', '2 a', '2.1 a1<a']);
    expect(reorderOutline(outline, { chapters: [{ key: 'a', children: ['a1', 'a2'] }] })).toEqual({
      ok: false,
      error: 'outline_mismatch',
    });
    const twice = {
      chapters: [
        { key: 'a', children: ['a1', 'a1'] },
        { key: 'b', children: ['b1'] },
      ],
    };
    expect(reorderOutline(outline, twice)).toEqual({ ok: false, error: 'outline_mismatch' });
  });

  it('moves step by step, across chapters at the edges, as the buttons do', () => {
    const order = outlineOrder(outline);
    expect(moveStep(order, 'a2', -1)).toEqual({
      chapters: [
        { key: 'a', children: ['a2', 'a1'] },
        { key: 'b', children: ['b1'] },
      ],
    });
    expect(moveStep(order, 'a2', 1)).toEqual({
      chapters: [
        { key: 'a', children: ['a1'] },
        { key: 'b', children: ['a2', 'b1'] },
      ],
    });
    expect(moveStep(order, 'b', -1)?.chapters.map((c) => c.key)).toEqual(['b', 'a']);
    expect(moveStep(order, 'a', -1)).toBeNull();
    expect(moveStep(order, 'b1', 1)).toBeNull();
    expect(moveToChapter(order, 'a1', 'b')).toEqual({
      chapters: [
        { key: 'a', children: ['a2'] },
        { key: 'b', children: ['b1', 'a1'] },
      ],
    });
    expect(dropBefore(order, 'b1', 'a1')).toEqual({
      chapters: [
        { key: 'a', children: ['b1', 'a1', 'a2'] },
        { key: 'b', children: [] },
      ],
    });
    expect(dropBefore(order, 'b', 'a')?.chapters.map((c) => c.key)).toEqual(['b', 'a']);
    expect(dropBefore(order, 'a', 'b1')).toBeNull();
  });

  it('never gives a key the strategy has used', () => {
    expect(newSectionKey('Næring og samfunnsutvikling', new Set())).toBe('egen-naering-og-samfunnsutvikling');
    expect(newSectionKey('Næring', new Set(['egen-naering', 'egen-naering-2']))).toBe('egen-naering-3');
    expect(newSectionKey('!!!', new Set())).toBe('egen-del');
  });
});
