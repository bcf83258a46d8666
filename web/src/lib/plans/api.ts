import type { MeasureFields, StatusUpdateInput, UpdateMeasureInput } from '@samstrat/shared/action-plans';
import type { PlanDecisionInput } from '@samstrat/shared/plan-approval';
import type { StatusRoundInput } from '@samstrat/shared/status-rounds';
import { API_BASE, answer, client, param, type Answered } from '$lib/api';

const plans = client.strategies[':id']['action-plans'];

export type PlanList = Answered<(typeof plans)['$get']>;
export type PlanView = Answered<(typeof plans)[':year']['$get']>;
export type MeasureView = PlanView['measures'][number];
export type LiveGoal = PlanView['goals'][number];
export type RoundView = NonNullable<PlanView['round']>;
export type StatusRequest = Answered<(typeof client)['action-plans']['status-requests']['$get']>['requests'][number];

/** `/api/strategies/:id/action-plans` through the typed client. */
export const plansApi = {
  list: (id: string) => answer(plans.$get({ param: param({ id }) })),
  create: (id: string, year: number) => answer(plans.$post({ param: param({ id }), json: { year } })),
  get: (id: string, year: number) => answer(plans[':year'].$get({ param: param({ id, year: String(year) }) })),
  addMeasure: (id: string, year: number, fields: MeasureFields) =>
    answer(plans[':year'].measures.$post({ param: param({ id, year: String(year) }), json: fields })),
  updateMeasure: (id: string, year: number, mid: string, input: UpdateMeasureInput) =>
    answer(plans[':year'].measures[':mid'].$patch({ param: param({ id, year: String(year), mid }), json: input })),
  /** "Flytt til handlingsplanen": a `measure-in-text` finding's sentence becomes a measure of the year's plan. */
  moveFromText: (id: string, year: number, input: { sectionKey: string; findingId: string }) =>
    answer(plans[':year'].measures['from-text'].$post({ param: param({ id, year: String(year) }), json: input })),
  deleteMeasure: (id: string, year: number, mid: string) =>
    answer(plans[':year'].measures[':mid'].$delete({ param: param({ id, year: String(year), mid }) })),
  startRound: (id: string, year: number, input: StatusRoundInput) =>
    answer(plans[':year']['status-rounds'].$post({ param: param({ id, year: String(year) }), json: input })),
  remind: (id: string, year: number) =>
    answer(plans[':year']['status-rounds'].current.reminders.$post({ param: param({ id, year: String(year) }) })),
  approve: (id: string, year: number, contentHash: string) =>
    answer(plans[':year'].approval.$post({ param: param({ id, year: String(year) }), json: { contentHash } })),
  recordDecision: (id: string, year: number, input: PlanDecisionInput) =>
    answer(plans[':year'].decision.$put({ param: param({ id, year: String(year) }), json: input })),
  startFollowUp: (id: string, year: number) =>
    answer(plans[':year']['follow-up'].$post({ param: param({ id, year: String(year) }) })),
  /** The caller's inbox of status requests, across strategies. */
  statusRequests: () => answer(client['action-plans']['status-requests'].$get()),
  reportStatus: (id: string, year: number, mid: string, input: StatusUpdateInput) =>
    answer(
      plans[':year'].measures[':mid'].status.$post({ param: param({ id, year: String(year), mid }), json: input }),
    ),
};

/** A conflict's fields as the server answered them (409 plan_conflict). */
export interface Conflict {
  field: string;
  yours: unknown;
  theirs: unknown;
}

export function conflictsOf(error: unknown): Conflict[] | null {
  if (typeof error !== 'object' || error === null) return null;
  const e = error as { code?: unknown; details?: { conflicts?: unknown } };
  if (e.code !== 'plan_conflict' || !Array.isArray(e.details?.conflicts)) return null;
  return e.details.conflicts as Conflict[];
}

/** The annual report of a year's plan, for a download link. */
export function reportHref(id: string, year: number, format: 'xlsx' | 'docx' | 'pdf'): string {
  return API_BASE + plans[':year'].report.$path({ param: param({ id, year: String(year) }), query: { format } });
}
