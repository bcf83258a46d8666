import type { MeasureField, MeasureStatus, PlanState } from '@samstrat/shared/action-plans';
import { m } from '$lib/paraglide/messages.js';

/** Each measure status in words; a missing one does not compile. */
const STATUS: Record<MeasureStatus, () => string> = {
  planned: () => m.plan_status_planned(),
  started: () => m.plan_status_started(),
  done: () => m.plan_status_done(),
  postponed: () => m.plan_status_postponed(),
  stopped: () => m.plan_status_stopped(),
};

export function statusLabel(status: string): string {
  return status in STATUS ? STATUS[status as MeasureStatus]() : status;
}

const STATE: Record<PlanState, () => string> = {
  draft: () => m.plan_state_draft(),
  approved: () => m.plan_state_approved(),
  followUp: () => m.plan_state_followUp(),
};

export function planStateLabel(state: PlanState): string {
  return STATE[state]();
}

/** Each field of a measure by its form label, for conflicts. */
const FIELD: Record<MeasureField | 'status', () => string> = {
  title: () => m.plan_field_title(),
  description: () => m.plan_field_description(),
  goalIds: () => m.plan_field_goals(),
  ownerId: () => m.plan_field_owner(),
  unitName: () => m.plan_field_unit(),
  sectionKey: () => m.plan_field_area(),
  startYear: () => m.plan_field_start(),
  endYear: () => m.plan_field_end(),
  budget: () => m.plan_field_budget(),
  expectedBenefit: () => m.plan_field_benefit(),
  indicators: () => m.plan_field_indicators(),
  changesWork: () => m.plan_field_changes_work(),
  unionDiscussion: () => m.plan_field_unionDiscussion(),
  status: () => m.plan_field_status(),
};

export function fieldLabel(field: string): string {
  return field in FIELD ? FIELD[field as MeasureField]() : field;
}

/** Whole kroner as the language writes them ("1 250 000"). */
export function kroner(amount: number, locale: string): string {
  return new Intl.NumberFormat(locale === 'en' ? 'en-GB' : 'nb-NO', { maximumFractionDigits: 0 }).format(amount);
}
