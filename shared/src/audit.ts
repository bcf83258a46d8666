import { WORKFLOW_ACTIONS, type WorkflowAction } from './workflow';

/**
 * What the audit log records, as one typed union: the server writes only these, and the web names
 * each in words (a label map keyed by `AuditAction`, so a missing label does not compile).
 */
export const ACCOUNT_AUDIT_ACTIONS = [
  'login.succeeded',
  'login.failed',
  'login.throttled',
  'logout',
  'password.changed',
  'password.change_refused',
  'password.reset_requested',
  'password.reset_refused',
  'sso.groups_overage',
  'sso.right_granted',
  'sso.right_withdrawn',
  'password.reset_throttled',
  'password.reset',
  'account.created',
  'account.deactivated',
  'account.reactivated',
  // Single sign-on (issue 15): detail names the provider, never a claim beyond issuer and subject.
  'sso.login_succeeded',
  'sso.login_refused',
  'sso.account_created',
  'sso.account_linked',
  'sso.account_requested',
  'sso.account_approved',
  'sso.account_rejected',
  'account.strategy_creation_changed',
  'sso.backchannel_logout',
  // Organizations (issue 13): the operator creates them, their admins change their settings.
  'organization.created',
  'organization.settings_changed',
  // The organization's own providers and sign-in settings, changed by its admin (never the secret).
  'sso.provider_saved',
  'sso.provider_removed',
  'sso.settings_changed',
  'sso.start_throttled',
] as const;

export const STRATEGY_AUDIT_ACTIONS = [
  'member.invited',
  'invitation.revoked',
  'invitation.accepted',
  'member.role_changed',
  'member.removed',
  'section.restriction_changed',
  'section.owners_changed',
  'outline.section_added',
  'outline.section_renamed',
  'outline.reordered',
  'outline.section_removed',
  'outline.section_restored',
  'outline.substrategy_linked',
  'outline.substrategy_unlinked',
  'collab.update_refused',
  'strategy.exported',
  'benefits.saved',
  'swot.entry_added',
  'swot.inserted',
  'plan.created',
  'measure.created',
  'measure.updated',
  'measure.deleted',
  'measure.status_reported',
  'plan.status_round_started',
  'plan.status_reminder_sent',
  'plan.approved',
  'plan.decision_recorded',
  'plan.follow_up_started',
  'comment.hidden',
  'comment.unhidden',
  'suggestion.accepted',
  'suggestion.rejected',
  'version.created',
  'version.section_restored',
  'strategy.created',
  'strategy.settings_changed',
  'strategy.archived',
  'strategy.restored',
  'strategy.deleted',
] as const;

/** Each workflow action is audited as `workflow.<action>`. */
export type WorkflowAuditAction = `workflow.${WorkflowAction}`;

export type AuditAction =
  (typeof ACCOUNT_AUDIT_ACTIONS)[number] | (typeof STRATEGY_AUDIT_ACTIONS)[number] | WorkflowAuditAction;

export const AUDIT_ACTIONS: readonly AuditAction[] = [
  ...ACCOUNT_AUDIT_ACTIONS,
  ...STRATEGY_AUDIT_ACTIONS,
  ...WORKFLOW_ACTIONS.map((action): WorkflowAuditAction => `workflow.${action}`),
];

/** Entries written by another version may carry an action this one does not know. */
export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === 'string' && (AUDIT_ACTIONS as readonly string[]).includes(value);
}

export function isWorkflowAuditAction(action: AuditAction): action is WorkflowAuditAction {
  return action.startsWith('workflow.');
}

/** The workflow action of a `workflow.<action>` entry. */
export function workflowActionOf(action: WorkflowAuditAction): WorkflowAction {
  return action.slice('workflow.'.length) as WorkflowAction;
}
