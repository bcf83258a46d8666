import { describe, expect, it } from 'vitest';
import type { OutlineEntry } from './outline';
import { followOutline, keepUnchanged, showsOutline } from './outline-follow';

interface Shown extends OutlineEntry {
  editable: boolean;
}

const entry = (key: string, number: string, title: string, parentKey: string | null = null): OutlineEntry => ({
  key,
  number,
  title,
  parentKey,
  substrategy: null,
});
const shown = (e: OutlineEntry): Shown => ({ ...e, editable: true });
const pending = () => ({ editable: false });

describe('following the outline an outline.changed event carries', () => {
  const a = shown(entry('a', '1', 'A'));
  const b = shown(entry('b', '1.1', 'B', 'a'));
  const c = shown(entry('c', '1.2', 'C', 'a'));

  it('keeps the very objects of sections whose outline did not change, and renumbers the others', () => {
    const next = followOutline(
      [a, b, c],
      [entry('a', '1', 'A'), entry('c', '1.1', 'C', 'a'), entry('b', '1.2', 'B', 'a')],
      pending,
    );
    expect(next.map((s) => `${s.number} ${s.title}`)).toEqual(['1 A', '1.1 C', '1.2 B']);
    expect(next[0]).toBe(a);
    expect(next[1]).toEqual({ ...c, number: '1.1' });
    expect(next[1]!.editable).toBe(true);
  });

  it('drops removed sections and gives new ones the outline’s fields with what stands in for their details', () => {
    const next = followOutline(
      [a, b, c],
      [entry('a', '1', 'A'), entry('c', '1.1', 'C', 'a'), entry('d', '1.2', 'D', 'a')],
      pending,
    );
    expect(next.map((s) => s.key)).toEqual(['a', 'c', 'd']);
    expect(next[2]).toEqual({ ...entry('d', '1.2', 'D', 'a'), editable: false });
  });

  it('takes a new delstrategi from the event', () => {
    const substrategy = { id: 's', title: 'Delstrategi', stage: 'vedtatt' as const, publishedPath: '/vedtatt/x' };
    const next = followOutline(
      [a, b],
      [entry('a', '1', 'A'), { ...entry('b', '1.1', 'B', 'a'), substrategy }],
      pending,
    );
    expect(next[1]!.substrategy).toEqual(substrategy);
    expect(next[1]!.editable).toBe(true);
  });

  it('tells whether sections already show an outline', () => {
    expect(showsOutline([a, b, c], [a, b, c])).toBe(true);
    expect(showsOutline([a, b, c], [a, c, b])).toBe(false);
    expect(showsOutline([a, b], [a, b, c])).toBe(false);
    expect(showsOutline([a, b, c], [a, b, { ...c, title: 'C2' }])).toBe(false);
  });

  it('keeps shown objects a reload brought unchanged', () => {
    const loaded = [{ ...a }, { ...b, editable: false }, { ...c }];
    const next = keepUnchanged([a, b, c], loaded);
    expect(next[0]).toBe(a);
    expect(next[1]).toBe(loaded[1]);
    expect(next[2]).toBe(c);
  });
});
