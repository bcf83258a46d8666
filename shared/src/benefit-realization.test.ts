import { describe, expect, it } from 'vitest';
import { realization } from './benefit-realization';

const indicator = (baseline: number | null, target: number | null, actual: { year: number; value: number }[]) => ({
  name: 'Andel digitale søknader',
  unit: '%',
  baseline,
  target,
  actual,
  source: 'KOSTRA',
});

describe('realization', () => {
  it('compares the year’s actual value with the target, as a share of the way from the baseline', () => {
    expect(realization(indicator(35, 90, [{ year: 2027, value: 60 }]), 2027)).toEqual({
      baseline: 35,
      planned: 90,
      realized: 60,
      percentOfWay: 45,
    });
    // A target below the baseline (fewer phone calls): going down is progress.
    expect(realization(indicator(1000, 600, [{ year: 2027, value: 700 }]), 2027).percentOfWay).toBe(75);
  });

  it('has no share when a figure is missing or there is no way to go', () => {
    expect(realization(indicator(35, 90, [{ year: 2026, value: 50 }]), 2027)).toMatchObject({
      realized: null,
      percentOfWay: null,
    });
    expect(realization(indicator(null, 90, [{ year: 2027, value: 50 }]), 2027).percentOfWay).toBeNull();
    expect(realization(indicator(90, 90, [{ year: 2027, value: 90 }]), 2027).percentOfWay).toBeNull();
  });
});
