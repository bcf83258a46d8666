import { answer, client, param, type Answered } from '$lib/api';
import type { Role } from '$lib/types';
import type { SsoProviderBody, SsoSettingsBody } from '@samstrat/shared/sso';

const strategy = client.strategies[':id'];
const invitation = client.invitations[':token'];
const account = client.admin.users[':id'];
const ssoRequest = client.admin['sso-requests'][':id'];
const adminStrategy = client.admin.strategies[':id'];
const ssoProvider = client.admin.sso.providers[':id'];

/** A member of a strategy with their role and the sections they own. */
export type Member = Answered<(typeof strategy)['members']['$get']>['members'][number];
/** An open invitation, for the leader to see and withdraw. */
export type PendingInvitation = Answered<(typeof strategy)['invitations']['$get']>['invitations'][number];
/** A new invitation's link, to copy when no e-mail was sent. */
export type NewInvitation = Answered<(typeof strategy)['members']['$post']>['invitation'];
/** What the invitee sees of an invitation before accepting it. */
export type InvitationInfo = Answered<(typeof invitation)['$get']>['invitation'];
/** One page of an audit log, newest first. */
export type AuditPage = Answered<(typeof strategy)['audit']['$get']>;
export type AuditEntry = AuditPage['entries'][number];
/** An account of the organization, for its admins. */
export type Account = Answered<typeof client.admin.users.$get>['users'][number];
/** One of the organization's sign-in providers as its admin sees it (never its secret). */
export type SsoProviderAdmin = Answered<typeof client.admin.sso.providers.$get>['providers'][number];
export type SsoAccountRequest = Answered<(typeof client.admin)['sso-requests']['$get']>['requests'][number];

/** The audit query: a page older than `before` (an entry id), or the newest page. */
const auditQuery = (before?: number | null) => (before ? { before: String(before) } : {});

/** The member, invitation, section and audit routes of a strategy. */
export const membersApi = {
  list: (strategyId: string) =>
    answer(strategy.members.$get({ param: param({ id: strategyId }) })).then((r) => r.members),
  invite: (strategyId: string, email: string, role: Role) =>
    answer(strategy.members.$post({ param: param({ id: strategyId }), json: { email, role } })).then(
      (r) => r.invitation,
    ),
  changeRole: (strategyId: string, userId: string, role: Role) =>
    answer(strategy.members[':userId'].$patch({ param: param({ id: strategyId, userId }), json: { role } })),
  remove: (strategyId: string, userId: string) =>
    answer(strategy.members[':userId'].$delete({ param: param({ id: strategyId, userId }) })),
  invitations: (strategyId: string) =>
    answer(strategy.invitations.$get({ param: param({ id: strategyId }) })).then((r) => r.invitations),
  withdraw: (strategyId: string, invitationId: string) =>
    answer(strategy.invitations[':invitationId'].$delete({ param: param({ id: strategyId, invitationId }) })),
  updateSection: (strategyId: string, key: string, change: { restricted?: boolean; ownerIds?: string[] }) =>
    answer(strategy.sections[':key'].$patch({ param: param({ id: strategyId, key }), json: change })),
  audit: (strategyId: string, before?: number | null) =>
    answer(strategy.audit.$get({ param: param({ id: strategyId }), query: auditQuery(before) })),
};

/** An invitation by its token: public, for someone who may have no account yet. */
export const invitationApi = {
  show: (token: string) => answer(invitation.$get({ param: param({ token }) })).then((r) => r.invitation),
  accept: (token: string, body: { name?: string; password?: string }) =>
    answer(invitation.accept.$post({ param: param({ token }), json: body })),
};

/** The organization's accounts and their audit log, for organization admins. */
export const adminApi = {
  users: () => answer(client.admin.users.$get()).then((r) => r.users),
  deactivate: (userId: string) => answer(account.deactivate.$post({ param: param({ id: userId }) })),
  reactivate: (userId: string) => answer(account.reactivate.$post({ param: param({ id: userId }) })),
  /** Allows the account to create strategies ("Ny strategi"), or no longer. */
  allowStrategyCreation: (userId: string, createsStrategies: boolean) =>
    answer(account.$patch({ param: param({ id: userId }), json: { createsStrategies } })),
  audit: (before?: number | null) => answer(client.admin.audit.$get({ query: auditQuery(before) })),
  /** People a provider signed in who wait for approval (issue 15). */
  ssoRequests: () => answer(client.admin['sso-requests'].$get()).then((r) => r.requests),
  approveSso: (id: string) => answer(ssoRequest.approve.$post({ param: param({ id }) })),
  rejectSso: (id: string) => answer(ssoRequest.reject.$post({ param: param({ id }) })),
  /** The organization's own sign-in (issue 15): providers with write-only secrets, and its settings. */
  ssoProviders: () => answer(client.admin.sso.providers.$get()).then((r) => r.providers),
  saveSsoProvider: (id: string, body: SsoProviderBody) =>
    answer(ssoProvider.$put({ param: param({ id }), json: body })).then((r) => r.providers),
  removeSsoProvider: (id: string) => answer(ssoProvider.$delete({ param: param({ id }) })).then((r) => r.providers),
  ssoSettings: () => answer(client.admin.sso.settings.$get()).then((r) => r.settings),
  saveSsoSettings: (body: SsoSettingsBody) =>
    answer(client.admin.sso.settings.$put({ json: body })).then((r) => r.settings),
  /** The organization's strategies, archived ones too. */
  strategies: () => answer(client.admin.strategies.$get()).then((r) => r.strategies),
  archive: (id: string) => answer(adminStrategy.archive.$post({ param: param({ id }) })),
  restore: (id: string) => answer(adminStrategy.restore.$post({ param: param({ id }) })),
  deleteStrategy: (id: string) => answer(adminStrategy.$delete({ param: param({ id }) })),
  /** The organization's own settings (its admins). */
  updateOrganization: (body: OrganizationFields) =>
    answer(client.admin.organization.$patch({ json: body })).then((r) => r.organization),
};

/** An organization's settings as the forms send them. */
export interface OrganizationFields {
  name: string;
  organizationNumber: string;
  executiveTitle: string;
  writtenForm: 'nb' | 'nn';
}

/** The installation's organizations, for its operator. */
export const operatorApi = {
  organizations: () => answer(client.organizations.$get()).then((r) => r.organizations),
  create: (body: OrganizationFields & { admin?: { email: string; name: string; password: string } }) =>
    answer(client.organizations.$post({ json: body })),
};
