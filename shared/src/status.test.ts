import { describe, expect, it } from 'vitest';
import { EKOMMUNE_2011, SIZE_BANDS, sizeBand, statusComparison } from './status';

describe('the eKommune 2011 reference', () => {
  it('holds the seed’s averages, maxima and minima by municipality size, out of 404 points', () => {
    expect(EKOMMUNE_2011.maxPoints).toBe(404);
    expect(EKOMMUNE_2011.rows.map((r) => [r.band, r.average, r.max, r.min])).toEqual([
      ['all', 195, 360, 57],
      ['under-2000', 151, 238, 57],
      ['2000-4999', 179, 286, 107],
      ['5000-9999', 202, 311, 114],
      ['10000-19999', 225, 305, 167],
      ['20000-49999', 230, 292, 154],
      ['over-50000', 289, 360, 203],
    ]);
  });

  it.each([
    [0, 'under-2000'],
    [1_999, 'under-2000'],
    [2_000, '2000-4999'],
    [4_999, '2000-4999'],
    [6_500, '5000-9999'],
    [10_000, '10000-19999'],
    [19_999, '10000-19999'],
    [49_999, '20000-49999'],
    [50_000, 'over-50000'],
    [700_000, 'over-50000'],
  ] as const)('puts a municipality of %i inhabitants in the band %s', (inhabitants, band) => {
    expect(sizeBand(inhabitants)).toBe(band);
  });

  it('has a row for every size band', () => {
    expect(EKOMMUNE_2011.rows.slice(1).map((r) => r.band)).toEqual([...SIZE_BANDS]);
  });
});

describe('statusComparison', () => {
  it('marks the municipality’s own band and sets its score beside every row', () => {
    const comparison = statusComparison({ inhabitants: 6_500, score: 230 });
    expect(comparison.band).toBe('5000-9999');
    expect(comparison.rows.filter((r) => r.isOwnBand).map((r) => r.band)).toEqual(['5000-9999']);
    expect(comparison.rows.map((r) => r.difference)).toEqual([35, 79, 51, 28, 5, 0, -59]);
    expect(comparison.percentOfMax).toBeCloseTo((230 / 404) * 100, 6);
  });

  it('shows the reference alone while the municipality has not scored itself', () => {
    const comparison = statusComparison({ inhabitants: 1_200, score: null });
    expect(comparison.rows.every((r) => r.difference === null)).toBe(true);
    expect(comparison.percentOfMax).toBeNull();
    expect(comparison.rows.find((r) => r.isOwnBand)?.band).toBe('under-2000');
  });

  it('labels the rows in the reader’s language', () => {
    expect(statusComparison({ inhabitants: 1, score: null }, 'nn').rows[0]?.label).toBe('Alle kommunar');
    expect(statusComparison({ inhabitants: 1, score: null }, 'en').rows[6]?.label).toBe('50,000 and more');
  });
});
