import {
  isAuditAction,
  isWorkflowAuditAction,
  workflowActionOf,
  type AuditAction,
  type WorkflowAuditAction,
} from '@samstrat/shared/audit';
import { isRole } from '@samstrat/shared/roles';
import { m } from '$lib/paraglide/messages.js';
import { actionName, roleLabel, sectionName } from '$lib/labels';
import type { Section } from '$lib/types';
import type { AuditEntry } from './api';
import { statusLabel } from '$lib/plans/labels';
import { ssoReason } from '$lib/sso/outcomes';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const role = (value: unknown): string => (isRole(value) ? roleLabel(value) : text(value));

/** What a sentence about one entry may use besides the entry itself. */
interface Said {
  /** The person the entry is about, by name. */
  subject: string;
  /** The section the entry names (`section` or `sectionKey` in its detail), by number and title. */
  section: string;
}

type Describe = (detail: Record<string, unknown>, said: Said) => string;

/** One sentence per account and strategy action; a missing one does not compile. */
/** A changed organization setting, named as the settings page names it. */
function organizationFieldName(key: string): string {
  const names: Record<string, () => string> = {
    name: m.organization_field_name,
    organizationNumber: m.organization_field_number,
    executiveTitle: m.organization_field_executive,
    writtenForm: m.organization_field_written_form,
  };
  return names[key]?.() ?? key;
}

const SENTENCES: Record<Exclude<AuditAction, WorkflowAuditAction>, Describe> = {
  'login.succeeded': () => m.audit_login_succeeded(),
  'login.failed': (d) => m.audit_login_failed({ email: text(d.email) }),
  'login.throttled': (d) => m.audit_login_throttled({ email: text(d.email) }),
  logout: () => m.audit_logout(),
  'password.changed': () => m.audit_password_changed(),
  'password.change_refused': () => m.audit_password_refused(),
  'password.reset_requested': () => m.mail_audit_reset_requested(),
  'password.reset_refused': () => m.audit_password_reset_refused(),
  'sso.groups_overage': (d) => m.audit_sso_groups_overage({ provider: text(d.provider) }),
  'sso.right_granted': (d) => m.audit_sso_right_granted({ provider: text(d.provider) }),
  'sso.right_withdrawn': (d) => m.audit_sso_right_withdrawn({ provider: text(d.provider) }),
  'password.reset_throttled': (d) => m.mail_audit_reset_throttled({ email: text(d.email) }),
  'password.reset': () => m.mail_audit_reset(),
  'account.created': () => m.audit_account_created(),
  'account.deactivated': (_d, { subject }) => m.audit_account_deactivated({ name: subject }),
  'account.reactivated': (_d, { subject }) => m.audit_account_reactivated({ name: subject }),
  'sso.login_succeeded': (d) => m.audit_sso_login_succeeded({ provider: text(d.provider) }),
  'sso.login_refused': (d) => m.audit_sso_login_refused({ provider: text(d.provider), reason: ssoReason(d.reason) }),
  'sso.account_created': (d) => m.audit_sso_account_created({ provider: text(d.provider) }),
  'sso.account_linked': (d) => m.audit_sso_account_linked({ provider: text(d.provider) }),
  'sso.account_requested': (d) => m.audit_sso_account_requested({ provider: text(d.provider) }),
  'sso.account_approved': (d, { subject }) =>
    m.audit_sso_account_approved({ name: subject, provider: text(d.provider) }),
  'sso.account_rejected': (d) => m.audit_sso_account_rejected({ provider: text(d.provider) }),
  'account.strategy_creation_changed': (d, { subject }) =>
    d.createsStrategies
      ? m.strategy_new_audit_creator_allowed({ name: subject })
      : m.strategy_new_audit_creator_withdrawn({ name: subject }),
  'sso.backchannel_logout': (d) => m.audit_sso_backchannel_logout({ provider: text(d.provider) }),
  'organization.created': (d) => m.audit_organization_created({ name: text(d.name) }),
  'organization.settings_changed': (d) =>
    m.audit_organization_settings_changed({
      fields: Object.keys((d.changed as Record<string, unknown> | undefined) ?? {})
        .map(organizationFieldName)
        .join(', '),
    }),
  'sso.provider_saved': (d) => m.audit_sso_provider_saved({ provider: text(d.provider) }),
  'sso.provider_removed': (d) => m.audit_sso_provider_removed({ provider: text(d.provider) }),
  'sso.settings_changed': () => m.audit_sso_settings_changed(),
  'sso.start_throttled': (d) => m.audit_sso_start_throttled({ provider: text(d.provider) }),
  'member.invited': (d) => m.audit_member_invited({ email: text(d.email), role: role(d.role) }),
  'invitation.revoked': (d) => m.audit_invitation_revoked({ email: text(d.email) }),
  'invitation.accepted': (d) => m.audit_invitation_accepted({ role: role(d.role) }),
  'member.role_changed': (d, { subject }) =>
    m.audit_member_role_changed({ name: subject, from: role(d.from), to: role(d.to) }),
  'member.removed': (_d, { subject }) => m.audit_member_removed({ name: subject }),
  'section.restriction_changed': (d, { section }) =>
    d.restricted ? m.audit_section_restricted({ section }) : m.audit_section_opened({ section }),
  'section.owners_changed': (_d, { section }) => m.audit_section_owners({ section }),
  'outline.section_added': (_d, { section }) => m.audit_outline_added({ section }),
  'outline.section_renamed': (d, { section }) => m.audit_outline_renamed({ section, title: text(d.to) }),
  'outline.reordered': () => m.audit_outline_reordered(),
  'outline.section_removed': (d) => m.audit_outline_removed({ title: text(d.title) }),
  'outline.section_restored': (d) => m.audit_outline_restored({ title: text(d.title) }),
  'outline.substrategy_linked': (d, { section }) => m.audit_substrategy_linked({ section, title: text(d.title) }),
  'outline.substrategy_unlinked': (_d, { section }) => m.audit_substrategy_unlinked({ section }),
  'collab.update_refused': () => m.audit_update_refused(),
  'strategy.exported': (d) => m.audit_exported({ format: text(d.format).toUpperCase() }),
  'benefits.saved': () => m.audit_benefits_saved(),
  'swot.entry_added': () => m.audit_swot_entry_added(),
  'swot.inserted': () => m.audit_swot_inserted(),
  'plan.created': (d) => m.plan_audit_created({ year: String(d.year ?? '') }),
  'measure.created': (d) => m.plan_audit_measure_created({ title: text(d.title) }),
  'measure.updated': (d) => m.plan_audit_measure_updated({ year: String(d.year ?? '') }),
  'measure.deleted': (d) => m.plan_audit_measure_deleted({ title: text(d.title) }),
  'measure.status_reported': (d) =>
    m.plan_audit_status({ from: statusLabel(text(d.from)), to: statusLabel(text(d.to)) }),
  'plan.status_round_started': (d) =>
    m.plan_audit_round_started({ year: String(d.year ?? ''), date: text(d.dueDate), count: String(d.asked ?? '') }),
  'plan.status_reminder_sent': (d) =>
    m.plan_audit_reminder_sent({ year: String(d.year ?? ''), count: String(d.owners ?? '') }),
  'plan.approved': (d) => m.plan_audit_approved({ year: String(d.year ?? '') }),
  'plan.decision_recorded': (d) =>
    m.plan_audit_decision({ year: String(d.year ?? ''), date: text(d.date), caseNumber: text(d.caseNumber) }),
  'plan.follow_up_started': (d) => m.plan_audit_follow_up({ year: String(d.year ?? '') }),
  'comment.hidden': (_d, { subject, section }) => m.audit_comment_hidden({ name: subject, section }),
  'comment.unhidden': (_d, { subject, section }) => m.audit_comment_unhidden({ name: subject, section }),
  'suggestion.accepted': (_d, { subject, section }) => m.audit_suggestion_accepted({ name: subject, section }),
  'suggestion.rejected': (_d, { subject, section }) => m.audit_suggestion_rejected({ name: subject, section }),
  'version.created': (d) => (d.name ? m.audit_version_named({ name: text(d.name) }) : m.audit_version_created()),
  'version.section_restored': (d, { section }) =>
    m.audit_version_restored({ section, number: String(d.versionNumber ?? '') }),
  'strategy.created': (d) => m.strategy_new_audit_created({ title: text(d.title) }),
  'strategy.settings_changed': () => m.strategy_settings_audit_changed(),
  'strategy.archived': (d) => m.strategy_settings_audit_archived({ title: text(d.title) }),
  'strategy.restored': (d) => m.strategy_settings_audit_restored({ title: text(d.title) }),
  'strategy.deleted': (d) => m.strategy_settings_audit_deleted({ title: text(d.title) }),
};

/** Every action: the workflow's by the names shared/workflow gives its actions (ACTION_LABELS). */
function sentenceFor(action: AuditAction): Describe {
  if (!isWorkflowAuditAction(action)) return SENTENCES[action];
  return () => m.audit_workflow({ action: actionName(workflowActionOf(action)) });
}

/**
 * One audit entry as a sentence in the user's language. An action this version does not know (an
 * entry written by another version) is said to be one, with its code.
 */
export function describeAuditEntry(entry: AuditEntry, sections: readonly Section[] = []): string {
  const detail = entry.detail;
  const key = text(detail.section) || text(detail.sectionKey);
  const found = sections.find((s) => s.key === key);
  const said: Said = { subject: entry.subject?.name ?? m.audit_nobody(), section: found ? sectionName(found) : key };
  return isAuditAction(entry.action)
    ? sentenceFor(entry.action)(detail, said)
    : m.audit_unknown({ action: entry.action });
}
