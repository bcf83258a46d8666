import { isRole } from '@samstrat/shared/roles';
import { m } from '$lib/paraglide/messages.js';
import { roleLabel, sectionName } from '$lib/labels';
import type { Section } from '$lib/types';
import type { AuditEntry } from './api';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const role = (value: unknown): string => (isRole(value) ? roleLabel(value) : text(value));

/** One audit entry as a sentence in the user's language; an action this version does not know shows as it is. */
export function describeAuditEntry(entry: AuditEntry, sections: readonly Section[] = []): string {
  const d = entry.detail;
  const subject = entry.subject?.name ?? m.audit_nobody();
  const section = () => {
    const found = sections.find((s) => s.key === d.section);
    return found ? sectionName(found) : text(d.section);
  };
  switch (entry.action) {
    case 'member.invited':
      return m.audit_member_invited({ email: text(d.email), role: role(d.role) });
    case 'invitation.revoked':
      return m.audit_invitation_revoked({ email: text(d.email) });
    case 'invitation.accepted':
      return m.audit_invitation_accepted({ role: role(d.role) });
    case 'member.role_changed':
      return m.audit_member_role_changed({ name: subject, from: role(d.from), to: role(d.to) });
    case 'member.removed':
      return m.audit_member_removed({ name: subject });
    case 'section.restriction_changed':
      return d.restricted
        ? m.audit_section_restricted({ section: section() })
        : m.audit_section_opened({ section: section() });
    case 'section.owners_changed':
      return m.audit_section_owners({ section: section() });
    case 'collab.update_refused':
      return m.audit_update_refused();
    case 'strategy.exported':
      return m.audit_exported({ format: text(d.format).toUpperCase() });
    case 'login.succeeded':
      return m.audit_login_succeeded();
    case 'login.failed':
      return m.audit_login_failed({ email: text(d.email) });
    case 'login.throttled':
      return m.audit_login_throttled({ email: text(d.email) });
    case 'logout':
      return m.audit_logout();
    case 'password.changed':
      return m.audit_password_changed();
    case 'password.change_refused':
      return m.audit_password_refused();
    case 'account.created':
      return m.audit_account_created();
    case 'account.deactivated':
      return m.audit_account_deactivated({ name: subject });
    case 'account.reactivated':
      return m.audit_account_reactivated({ name: subject });
    default:
      return entry.action;
  }
}
