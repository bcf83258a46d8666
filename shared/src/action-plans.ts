// Action plans (handlingsplaner) and their measures (tiltak), as data and pure functions. A strategy
// holds goals only; the seed says it "must be followed up with annual action plans and budgets",
// and product.md lists what a measure carries. The server stores and enforces this; the web shows it.
import { z } from 'zod';

/** A plan's life: drafted by leaders, approved by the executive, then followed up (approval is a later slice). */
export const PLAN_STATES = ['draft', 'approved', 'followUp'] as const;
export type PlanState = (typeof PLAN_STATES)[number];

/** A measure's status, as owners report it. */
export const MEASURE_STATUSES = ['planned', 'started', 'done', 'postponed', 'stopped'] as const;
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];

/** Statuses of a measure still to be carried out: the next year's plan carries these forward. */
export const UNFINISHED_STATUSES: readonly MeasureStatus[] = ['planned', 'started', 'postponed'];

export function isUnfinished(status: MeasureStatus): boolean {
  return UNFINISHED_STATUSES.includes(status);
}

/** The earliest and latest years a plan or a measure may name; a guard against typing errors. */
export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Kroner per year and kind (investment or operating); more is a typing error, not a budget. */
export const MAX_BUDGET_KRONER = 100_000_000_000;

const year = z.number().int('plan_year_invalid').min(MIN_YEAR, 'plan_year_invalid').max(MAX_YEAR, 'plan_year_invalid');
const kroner = z
  .number()
  .int('plan_budget_invalid')
  .min(0, 'plan_budget_invalid')
  .max(MAX_BUDGET_KRONER, 'plan_budget_invalid');
const text = (max: number) => z.string().max(max, 'plan_text_too_long');

/** One year of a measure's budget, whole kroner. */
export const budgetLineSchema = z.object({ year, investment: kroner, operating: kroner });
export type BudgetLine = z.infer<typeof budgetLineSchema>;

const figure = z.number();

/** An indicator: how progress is measured, e.g. "Andel digitale søknader", %, from KOSTRA. */
export const indicatorSchema = z.object({
  name: z.string().trim().min(1, 'plan_indicator_invalid').max(200, 'plan_text_too_long'),
  unit: text(50),
  baseline: figure.nullable(),
  target: figure.nullable(),
  /** Measured values per year. */
  actual: z.array(z.object({ year, value: figure })).max(20),
  /** Where the figures come from (KOSTRA, SSB, the municipality's own systems). */
  source: text(200),
});
export type Indicator = z.infer<typeof indicatorSchema>;

/**
 * The discussion with the union representatives that a measure changing people's work needs
 * (Hovedavtalen; the Working Environment Act § 4-2).
 */
export const unionDiscussionSchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'plan_date_invalid'),
  participants: text(500),
  summary: text(5000),
});
export type UnionDiscussion = z.infer<typeof unionDiscussionSchema>;

/** The fields of a measure people edit; each is merged on its own (see `mergeMeasureEdit`). */
export const measureFieldsShape = {
  title: z.string().trim().min(1, 'plan_title_required').max(200, 'plan_text_too_long'),
  description: text(5000),
  /** The goals (stable `goalId`s of goal blocks in the text) the measure serves: one or more. */
  goalIds: z.array(z.string().min(1).max(100)).min(1, 'plan_goal_required').max(20),
  /** The member who answers for it (status rounds). */
  ownerId: z.string().min(1, 'plan_owner_invalid').max(100),
  /** A unit that may stand beside the owner ("Skolekontoret"). */
  unitName: text(200),
  /** The service area or focus area: a section key of the outline, or null. */
  sectionKey: z.string().max(100).nullable(),
  startYear: year,
  endYear: year,
  budget: z.array(budgetLineSchema).max(20),
  expectedBenefit: text(2000),
  indicators: z.array(indicatorSchema).max(20),
  /** Whether it changes people's work; then a discussion with the union representatives is recorded. */
  changesWork: z.boolean(),
  unionDiscussion: unionDiscussionSchema.nullable(),
};
export const measureFieldsSchema = z.object(measureFieldsShape);
export type MeasureFields = z.infer<typeof measureFieldsSchema>;
export type MeasureField = keyof MeasureFields;
export const MEASURE_FIELDS = Object.keys(measureFieldsShape) as MeasureField[];

/** A new measure: every field, checked together (`measureProblem`) by the server. */
export const createMeasureInput = measureFieldsSchema;

/**
 * An edit of some fields. `base` holds, for each changed field, the value the edit started from:
 * the server applies a change only where nobody changed that field meanwhile.
 */
export const updateMeasureInput = z
  .object({
    changes: measureFieldsSchema.partial(),
    base: measureFieldsSchema.partial(),
  })
  .refine((input) => Object.keys(input.changes).every((key) => key in input.base), 'bad_request');
export type UpdateMeasureInput = z.infer<typeof updateMeasureInput>;

/** A status report: the new status, a note, and the status it was reported over (for conflicts). */
export const statusUpdateInput = z.object({
  status: z.enum(MEASURE_STATUSES),
  note: text(2000),
  base: z.enum(MEASURE_STATUSES),
});
export type StatusUpdateInput = z.infer<typeof statusUpdateInput>;

export const createPlanInput = z.object({ year });

/** Catalogue codes of a measure whose fields do not hold together. */
export type MeasureProblem = 'plan_years_invalid' | 'plan_budget_invalid';

/**
 * What is wrong with a whole measure, or null: the end year before the start year, or a budget for
 * a year twice or outside the measure's years.
 */
export function measureProblem(fields: MeasureFields): MeasureProblem | null {
  if (fields.endYear < fields.startYear) return 'plan_years_invalid';
  const years = fields.budget.map((line) => line.year);
  if (new Set(years).size !== years.length) return 'plan_budget_invalid';
  if (years.some((y) => y < fields.startYear || y > fields.endYear)) return 'plan_budget_invalid';
  return null;
}

/** One field two people changed at once: what the caller wanted, and what is stored now. */
export interface FieldConflict<F extends string = MeasureField> {
  field: F;
  yours: unknown;
  theirs: unknown;
}

/** JSON with object keys in order: equal values give equal strings whatever the key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const same = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/**
 * Field-level three-way merge of an edit: for each changed field, the change applies when the stored
 * value is still the one the edit started from (`base`), and is a no-op when the stored value already
 * equals it. Otherwise someone else changed the same field meanwhile: a conflict with both values.
 * Fields the edit does not name are kept as stored, so two people changing different fields both keep
 * their change. The caller applies `merged` only when `conflicts` is empty — never a silent loss.
 */
export function mergeMeasureEdit(
  current: MeasureFields,
  base: Partial<MeasureFields>,
  changes: Partial<MeasureFields>,
): { merged: MeasureFields; conflicts: FieldConflict[]; changed: MeasureField[] } {
  const merged: Record<string, unknown> = { ...current };
  const conflicts: FieldConflict[] = [];
  const changed: MeasureField[] = [];
  for (const field of MEASURE_FIELDS) {
    if (!(field in changes)) continue;
    const yours = changes[field];
    const theirs = current[field];
    if (same(theirs, yours)) continue;
    if (same(theirs, base[field])) {
      merged[field] = yours;
      changed.push(field);
    } else conflicts.push({ field, yours, theirs });
  }
  return { merged: merged as MeasureFields, conflicts, changed };
}

/**
 * A status report over the status the reporter saw: a conflict when someone else changed the status
 * meanwhile to something else than this report says.
 */
export function statusConflict(
  current: MeasureStatus,
  input: Pick<StatusUpdateInput, 'status' | 'base'>,
): FieldConflict<'status'> | null {
  if (current === input.base || current === input.status) return null;
  return { field: 'status', yours: input.status, theirs: current };
}

/** The goals a measure names that the text no longer holds. */
export function missingGoals(goalIds: readonly string[], liveGoalIds: ReadonlySet<string>): string[] {
  return goalIds.filter((id) => !liveGoalIds.has(id));
}

/** A measure is "uten mål" (without goal) when none of its goals is in the text any more. */
export function isWithoutGoal(goalIds: readonly string[], liveGoalIds: ReadonlySet<string>): boolean {
  return goalIds.every((id) => !liveGoalIds.has(id));
}

/** Progress of a set of measures: how many in each status, and the share done (0–100, whole percent). */
export function progressOf(statuses: readonly MeasureStatus[]): {
  total: number;
  byStatus: Record<MeasureStatus, number>;
  donePercent: number;
} {
  const byStatus = Object.fromEntries(MEASURE_STATUSES.map((s) => [s, 0])) as Record<MeasureStatus, number>;
  for (const status of statuses) byStatus[status] += 1;
  const counted = statuses.length - byStatus.stopped;
  return {
    total: statuses.length,
    byStatus,
    donePercent: counted > 0 ? Math.round((byStatus.done / counted) * 100) : 0,
  };
}

/** Budget totals per year over measures, whole kroner, years ascending. */
export function budgetByYear(
  budgets: readonly (readonly BudgetLine[])[],
): { year: number; investment: number; operating: number }[] {
  const totals = new Map<number, { investment: number; operating: number }>();
  for (const lines of budgets)
    for (const line of lines) {
      const t = totals.get(line.year) ?? { investment: 0, operating: 0 };
      t.investment += line.investment;
      t.operating += line.operating;
      totals.set(line.year, t);
    }
  return [...totals].sort(([a], [b]) => a - b).map(([y, t]) => ({ year: y, ...t }));
}
