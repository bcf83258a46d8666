import type { WorkflowView } from '@samstrat/shared/workflow-view';
import type { Locale } from '@samstrat/shared/errors';
import type { WorkflowActionInput } from '@samstrat/shared/workflow-input';
import {
  ACTION_LABELS,
  DECISION_LABELS,
  QUORUM_LABELS,
  STAGE_DESCRIPTIONS,
  STAGE_LABELS,
  isStage,
  workflowLabel,
  type PoliticalDecision,
  type Quorum,
  type Stage,
  type WorkflowAction,
} from '@samstrat/shared/workflow';
import { request } from '$lib/api';
import { getLocale } from '$lib/paraglide/runtime.js';

export type { Person } from '@samstrat/shared/workflow-view';

/** `GET /api/strategies/:id/workflow`, built by server/src/workflow/view.ts. */
export type Workflow = WorkflowView;

export interface PendingApproval {
  strategyId: string;
  title: string;
  stage: Stage;
  actions: WorkflowAction[];
}

/** `GET /api/public/strategies/:slug` (server/src/workflow/publication.ts). */
export interface PublicStrategy {
  title: string;
  municipality: string;
  periodStart: number;
  periodEnd: number;
  publishedAt: string;
  versionNumber: number;
  contentHash: string;
  decisions: { council: string; saksnummer: string; meetingDate: string; decision: PoliticalDecision }[];
  sections: import('@samstrat/shared/diff').VersionSection[];
}

const base = (strategyId: string) => `/strategies/${encodeURIComponent(strategyId)}/workflow`;

export const workflowApi = {
  get: (strategyId: string) => request<Workflow>('GET', base(strategyId)),
  take: (strategyId: string, input: WorkflowActionInput) =>
    request<{ from: Stage; to: Stage; contentHash: string | null; workflow: Workflow }>(
      'POST',
      base(strategyId),
      input,
    ).then((r) => r.workflow),
  pending: () => request<{ pending: PendingApproval[] }>('GET', '/workflow/pending').then((r) => r.pending),
  published: (slug: string) => request<PublicStrategy>('GET', `/public/strategies/${encodeURIComponent(slug)}`),
};

/** Actions that are a decision someone is waiting for: the inbox counts them. */
export const DECISION_ACTIONS: readonly WorkflowAction[] = [
  'steering_approve',
  'executive_approve',
  'record_decision',
  'adopt_changed_version',
];

function locale(): Locale {
  const current = getLocale();
  return current === 'nn' || current === 'en' ? current : 'nb';
}

// Stage, action and decision names are data in shared/workflow, so the server and the web use the
// same words; the rest of the page's text is paraglide messages.
export const stageName = (stage: string) => (isStage(stage) ? workflowLabel(STAGE_LABELS[stage], locale()) : stage);
export const stageDescription = (stage: Stage) => workflowLabel(STAGE_DESCRIPTIONS[stage], locale());
export const actionName = (action: string) =>
  action in ACTION_LABELS ? workflowLabel(ACTION_LABELS[action as WorkflowAction], locale()) : action;
export const decisionName = (decision: PoliticalDecision) => workflowLabel(DECISION_LABELS[decision], locale());
export const quorumName = (quorum: Quorum) => workflowLabel(QUORUM_LABELS[quorum], locale());

/** The first characters of a content hash, for people to compare at a glance. */
export const shortHash = (hash: string) => hash.slice(0, 12);

export function formatDate(iso: string, withTime = false): string {
  const tag = locale() === 'en' ? 'en-GB' : locale() === 'nn' ? 'nn-NO' : 'nb-NO';
  // A plain date (yyyy-mm-dd) is a calendar day, not a moment: read it without a time zone shift.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  return new Intl.DateTimeFormat(
    tag,
    withTime ? { dateStyle: 'medium', timeStyle: 'short' } : { dateStyle: 'long' },
  ).format(date);
}
