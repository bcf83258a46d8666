import { request } from '$lib/api';
import type { Role } from '$lib/types';

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: Role;
  active: boolean;
  ownedSections: string[];
}

export interface PendingInvitation {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  invitedBy: string;
}

export interface NewInvitation {
  id: string;
  url: string;
  expiresAt: string;
  emailSent: boolean;
}

export interface InvitationInfo {
  strategy: { title: string; municipality: string };
  role: Role;
  email: string;
  expiresAt: string;
  accountExists: boolean;
}

export interface AuditEntry {
  id: number;
  at: string;
  action: string;
  strategyId: string | null;
  actor: { id: string; name: string } | null;
  subject: { id: string; name: string } | null;
  detail: Record<string, unknown>;
}

export interface AuditPage {
  entries: AuditEntry[];
  nextBefore: number | null;
}

export interface Account {
  id: string;
  name: string;
  email: string;
  isAdmin: boolean;
  active: boolean;
  createdAt: string;
}

const s = (id: string) => `/strategies/${encodeURIComponent(id)}`;
const auditQuery = (before?: number | null) => (before ? `?before=${before}` : '');

/** The member, invitation, section, audit and account routes of issue 3. */
export const membersApi = {
  list: (strategyId: string) =>
    request<{ members: Member[] }>('GET', `${s(strategyId)}/members`).then((r) => r.members),
  invite: (strategyId: string, email: string, role: Role) =>
    request<{ invitation: NewInvitation }>('POST', `${s(strategyId)}/members`, { email, role }).then(
      (r) => r.invitation,
    ),
  changeRole: (strategyId: string, userId: string, role: Role) =>
    request<{ member: Member }>('PATCH', `${s(strategyId)}/members/${encodeURIComponent(userId)}`, { role }),
  remove: (strategyId: string, userId: string) =>
    request<{ ok: true }>('DELETE', `${s(strategyId)}/members/${encodeURIComponent(userId)}`),
  invitations: (strategyId: string) =>
    request<{ invitations: PendingInvitation[] }>('GET', `${s(strategyId)}/invitations`).then((r) => r.invitations),
  withdraw: (strategyId: string, invitationId: string) =>
    request<{ ok: true }>('DELETE', `${s(strategyId)}/invitations/${encodeURIComponent(invitationId)}`),
  updateSection: (strategyId: string, key: string, change: { restricted?: boolean; ownerIds?: string[] }) =>
    request<{ section: { key: string; restricted: boolean; owners: { id: string; name: string }[] } }>(
      'PATCH',
      `${s(strategyId)}/sections/${encodeURIComponent(key)}`,
      change,
    ),
  audit: (strategyId: string, before?: number | null) =>
    request<AuditPage>('GET', `${s(strategyId)}/audit${auditQuery(before)}`),
};

export const invitationApi = {
  show: (token: string) =>
    request<{ invitation: InvitationInfo }>('GET', `/invitations/${encodeURIComponent(token)}`).then(
      (r) => r.invitation,
    ),
  accept: (token: string, body: { name?: string; password?: string }) =>
    request<{ user: { id: string; email: string; name: string; isAdmin: boolean }; strategyId: string }>(
      'POST',
      `/invitations/${encodeURIComponent(token)}/accept`,
      body,
    ),
};

export const adminApi = {
  users: () => request<{ users: Account[] }>('GET', '/admin/users').then((r) => r.users),
  deactivate: (userId: string) =>
    request<{ ok: true }>('POST', `/admin/users/${encodeURIComponent(userId)}/deactivate`),
  reactivate: (userId: string) =>
    request<{ ok: true }>('POST', `/admin/users/${encodeURIComponent(userId)}/reactivate`),
  audit: (before?: number | null) => request<AuditPage>('GET', `/admin/audit${auditQuery(before)}`),
};
