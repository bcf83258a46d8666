import { describe, expect, it } from 'vitest';
import { groupByArea, statusBars } from './plan-views';

describe('groupByArea', () => {
  it('groups by service area in the outline’s order, with measures without an area last', () => {
    const measures = [
      { title: 'A', sectionKey: 'oppvekst' },
      { title: 'B', sectionKey: null },
      { title: 'C', sectionKey: 'helse' },
      { title: 'D', sectionKey: 'oppvekst' },
      { title: 'E', sectionKey: 'fjernet-kapittel' },
    ];
    expect(groupByArea(measures, ['helse', 'kultur', 'oppvekst'])).toEqual([
      { sectionKey: 'helse', measures: [measures[2]] },
      { sectionKey: 'oppvekst', measures: [measures[0], measures[3]] },
      { sectionKey: null, measures: [measures[1], measures[4]] },
    ]);
    expect(groupByArea([], ['helse'])).toEqual([]);
  });
});

describe('statusBars', () => {
  it('counts every status, with whole-percent shares of all measures', () => {
    expect(statusBars(['done', 'started', 'done'])).toEqual([
      { status: 'planned', count: 0, percent: 0 },
      { status: 'started', count: 1, percent: 33 },
      { status: 'done', count: 2, percent: 67 },
      { status: 'postponed', count: 0, percent: 0 },
      { status: 'stopped', count: 0, percent: 0 },
    ]);
    expect(statusBars([]).every((b) => b.count === 0 && b.percent === 0)).toBe(true);
  });
});
