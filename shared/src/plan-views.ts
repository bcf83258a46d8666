// How the plan page groups and charts measures (issue 16, deliverable 3): pure functions over the
// measures the API answers, so the page, the report and the tests group alike.
import { MEASURE_STATUSES, type MeasureStatus } from './action-plans';

/** One service area's measures: `sectionKey` null is the group of measures without an area. */
export interface AreaGroup<M> {
  sectionKey: string | null;
  measures: M[];
}

/**
 * Measures grouped by service area (their `sectionKey`), areas in the outline's order, measures in
 * the plan's order within each; an area no measure names is left out, and measures without an area
 * (or naming a section no longer in the outline) come last, as one group with `sectionKey` null.
 */
export function groupByArea<M extends { sectionKey: string | null }>(
  measures: readonly M[],
  outlineKeys: readonly string[],
): AreaGroup<M>[] {
  const groups: AreaGroup<M>[] = outlineKeys
    .map((key) => ({ sectionKey: key as string | null, measures: measures.filter((m) => m.sectionKey === key) }))
    .filter((g) => g.measures.length > 0);
  const rest = measures.filter((m) => m.sectionKey === null || !outlineKeys.includes(m.sectionKey));
  if (rest.length > 0) groups.push({ sectionKey: null, measures: rest });
  return groups;
}

/** One bar of the status chart: the status, its count, and its share of all measures (0–100, whole percent). */
export interface StatusBar {
  status: MeasureStatus;
  count: number;
  percent: number;
}

/** The status chart's bars in the order of MEASURE_STATUSES, every status present (zero when none). */
export function statusBars(statuses: readonly MeasureStatus[]): StatusBar[] {
  const total = statuses.length;
  return MEASURE_STATUSES.map((status) => {
    const count = statuses.filter((s) => s === status).length;
    return { status, count, percent: total > 0 ? Math.round((count / total) * 100) : 0 };
  });
}
