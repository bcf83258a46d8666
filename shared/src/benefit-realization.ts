// Benefits realized against planned (issue 16, deliverable 5: the annual report). A measure's planned
// benefit is measured by its indicators: the target is what was planned, the year's actual value what
// was realized, both from the same baseline.
import type { Indicator } from './action-plans';

/** One indicator's year: planned (target), realized (actual that year), and how far of the way. */
export interface Realization {
  baseline: number | null;
  planned: number | null;
  realized: number | null;
  /**
   * The share of the way from the baseline to the target the actual value has come, whole percent
   * (may pass 100, or fall below 0 when the figure went the wrong way); null when a figure is missing
   * or the target equals the baseline (there is no way to go).
   */
  percentOfWay: number | null;
}

/** The realization of `indicator` in `year`. */
export function realization(indicator: Indicator, year: number): Realization {
  const realized = indicator.actual.find((a) => a.year === year)?.value ?? null;
  const { baseline, target } = indicator;
  const percentOfWay =
    baseline !== null && target !== null && realized !== null && target !== baseline
      ? Math.round(((realized - baseline) / (target - baseline)) * 100)
      : null;
  return { baseline, planned: target, realized, percentOfWay };
}
