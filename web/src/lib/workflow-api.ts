import type { WorkflowActionInput } from '@samstrat/shared/workflow-input';
import type { WorkflowAction } from '@samstrat/shared/workflow';
import { answer, client, param, type Answered } from '$lib/api';
import { localeOf } from '$lib/labels';

const workflow = client.strategies[':id'].workflow;

/** The process as the caller sees it, with the actions they may take now (server/src/workflow/view.ts). */
export type Workflow = Answered<typeof workflow.$get>;
/** A strategy waiting for the caller's approval or decision. */
export type PendingApproval = Answered<typeof client.workflow.pending.$get>['pending'][number];
/** An adopted strategy as anyone with its link reads it. */
export type PublicStrategy = Answered<(typeof client.public.strategies)[':slug']['$get']>;

export const workflowApi = {
  get: (strategyId: string) => answer(workflow.$get({ param: param({ id: strategyId }) })),
  take: (strategyId: string, input: WorkflowActionInput) =>
    answer(workflow.$post({ param: param({ id: strategyId }), json: input })).then((r) => r.workflow),
  pending: () => answer(client.workflow.pending.$get()).then((r) => r.pending),
  published: (slug: string) => answer(client.public.strategies[':slug'].$get({ param: param({ slug }) })),
};

/** Actions that are a decision someone is waiting for: the inbox counts them. */
export const DECISION_ACTIONS: readonly WorkflowAction[] = [
  'steering_approve',
  'executive_approve',
  'record_decision',
  'adopt_changed_version',
];

/** The first characters of a content hash, for people to compare at a glance. */
export const shortHash = (hash: string) => hash.slice(0, 12);

export function formatDate(iso: string, withTime = false): string {
  const locale = localeOf();
  const tag = locale === 'en' ? 'en-GB' : locale === 'nn' ? 'nn-NO' : 'nb-NO';
  // A plain date (yyyy-mm-dd) is a calendar day, not a moment: read it without a time zone shift.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(
    tag,
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' },
  ).format(date);
}
