import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  ACTION_TARGET,
  CAPABILITIES,
  COMMENT_ABILITIES,
  SECTION_ABILITIES,
  STRATEGY_ABILITIES,
  can,
  present,
  readOnlyReason,
  roleMay,
  why,
  type Action,
  type Actor,
  type CommentTarget,
  type SectionTarget,
  type StrategyTarget,
  type SuggestionTarget,
  type ThreadTarget,
} from './access';
import { ROLES, type Role } from './roles';

const member = (role: Role, userId = `u-${role}`): Actor => ({ userId, role });
const draft: StrategyTarget = { kind: 'strategy', stage: 'utkast', frozen: false };
const frozen: StrategyTarget = { kind: 'strategy', stage: 'styringsgruppe', frozen: true };
const section = (over: Partial<SectionTarget> = {}): SectionTarget => ({
  kind: 'section',
  strategy: draft,
  restricted: false,
  ownerIds: [],
  removed: false,
  ...over,
});
const restrictedTo = (...ownerIds: string[]) => section({ restricted: true, ownerIds });
const suggestion = (status: SuggestionTarget['status'], on = section()): SuggestionTarget => ({
  kind: 'suggestion',
  status,
  section: on,
});
const comment = (authorId: string, over: Partial<CommentTarget> = {}): CommentTarget => ({
  kind: 'comment',
  authorId,
  deleted: false,
  hidden: false,
  ...over,
});
const thread = (authorId: string, on = section()): ThreadTarget => ({ kind: 'thread', authorId, section: on });

type OrganizationAction = 'account.manage' | 'strategy.create' | 'organization.configure' | 'organization.create';
const STRATEGY_ACTIONS = ACTIONS.filter((a) => ACTION_TARGET[a] !== 'organization') as Exclude<
  Action,
  OrganizationAction
>[];
const WORKFLOW = STRATEGY_ACTIONS.filter((a) => a.startsWith('workflow.') && a !== 'workflow.read');
const holders = (action: Exclude<Action, OrganizationAction>) =>
  ROLES.filter((role) => can(member(role), action, draft));

describe('can, by role', () => {
  it('lets every member read the strategy, its members, comments, workflow and versions, and export it', () => {
    for (const action of [
      'strategy.read',
      'member.read',
      'comment.read',
      'workflow.read',
      'version.read',
      'export',
    ] as const) {
      expect(holders(action)).toEqual([...ROLES]);
    }
  });

  it('lets leaders, editors and advisors edit the text, and nobody else', () => {
    expect(holders('section.edit')).toEqual(['leader', 'editor', 'advisor']);
  });

  it('lets union representatives read, comment and suggest, but never edit or decide', () => {
    const union = member('union');
    expect(can(union, 'comment.create', draft)).toBe(true);
    expect(can(union, 'suggestion.create', draft)).toBe(true);
    expect(why(union, 'section.edit', section())).toBe('role');
    expect(why(union, 'suggestion.decide', suggestion('open'))).toBe('role');
  });

  it('lets an advisor edit and comment but never approve or move the workflow', () => {
    const advisor = member('advisor');
    expect(can(advisor, 'section.edit', section())).toBe(true);
    expect(can(advisor, 'comment.create', draft)).toBe(true);
    for (const action of WORKFLOW) expect(can(advisor, action, draft), action).toBe(false);
  });

  it('gives viewers reading only: no comments, suggestions or edits', () => {
    const allowed = STRATEGY_ACTIONS.filter((action) => can(member('viewer'), action, draft));
    expect(allowed).toEqual([
      'strategy.read',
      'member.read',
      'role.see',
      'comment.read',
      'comment.readBody',
      'workflow.read',
      'version.read',
      'export',
      'plan.read',
      'event.receive',
    ]);
  });

  it('gives the steering decision to the steering group and the final approval to the executive only', () => {
    expect(holders('workflow.steeringDecision')).toEqual(['steering']);
    expect(holders('workflow.approve')).toEqual(['executive']);
    expect(holders('workflow.mandate')).toEqual(['executive']);
  });

  it('lets only the leader manage members, sections and comments, and name versions', () => {
    for (const action of [
      'member.invite',
      'member.manage',
      'section.manage',
      'comment.moderate',
      'version.create',
    ] as const) {
      expect(holders(action)).toEqual(['leader']);
    }
  });

  it('shows the audit log to leaders and the executive only', () => {
    expect(holders('audit.read')).toEqual(['executive', 'leader']);
  });

  it('refuses someone who is not a member as not a member, whatever the action', () => {
    const stranger: Actor = { userId: 'x', role: null };
    for (const action of STRATEGY_ACTIONS) expect(why(stranger, action, draft), action).toBe('not_member');
  });

  it('lets an organization admin invite, manage accounts, archive and delete strategies without a role, and nothing more', () => {
    const admin: Actor = { userId: 'a', role: null, orgAdmin: true };
    expect(STRATEGY_ACTIONS.filter((action) => can(admin, action, draft))).toEqual([
      'member.invite',
      'strategy.archive',
      'strategy.delete',
    ]);
    expect(can(admin, 'account.manage', { kind: 'organization' })).toBe(true);
    expect(can(admin, 'strategy.create', { kind: 'organization' })).toBe(true);
  });

  it('lets an account an admin allowed create strategies, and nothing else it did not hold', () => {
    const creator: Actor = { userId: 'c', role: null, createsStrategies: true };
    expect(can(creator, 'strategy.create', { kind: 'organization' })).toBe(true);
    expect(why(creator, 'account.manage', { kind: 'organization' })).toBe('role');
    expect(STRATEGY_ACTIONS.filter((action) => can(creator, action, draft))).toEqual([]);
    expect(why(member('leader'), 'strategy.create', { kind: 'organization' })).toBe('role');
    expect(why({ userId: 'x', role: null }, 'strategy.create', { kind: 'organization' })).toBe('role');
  });

  it('lets organization admins configure their organization, and only the operator create organizations', () => {
    const org = { kind: 'organization' } as const;
    const admin: Actor = { userId: 'a', role: null, orgAdmin: true };
    const operator: Actor = { userId: 'o', role: null, operator: true };
    expect(can(admin, 'organization.configure', org)).toBe(true);
    expect(why(admin, 'organization.create', org)).toBe('role');
    expect(can(operator, 'organization.create', org)).toBe(true);
    // Operating the installation is no right inside an organization.
    expect(why(operator, 'organization.configure', org)).toBe('role');
    expect(why(operator, 'account.manage', org)).toBe('role');
    expect(STRATEGY_ACTIONS.filter((action) => can(operator, action, draft))).toEqual([]);
    for (const role of ROLES) {
      expect(why(member(role), 'organization.configure', org)).toBe('role');
      expect(why(member(role), 'organization.create', org)).toBe('role');
    }
  });

  it('refuses account administration to everyone else for their role, members or not', () => {
    expect(why(member('leader'), 'account.manage', { kind: 'organization' })).toBe('role');
    expect(why({ userId: 'x', role: null }, 'account.manage', { kind: 'organization' })).toBe('role');
  });

  it('lets leaders change title and period until adoption, and admins archive and delete', () => {
    expect(holders('strategy.configure')).toEqual(['leader']);
    expect(why(member('leader'), 'strategy.configure', { ...draft, stage: 'vedtatt' })).toBe('adopted');
    const admin: Actor = { userId: 'a', role: null, orgAdmin: true };
    expect(can(admin, 'strategy.archive', draft)).toBe(true);
    expect(can(admin, 'strategy.delete', draft)).toBe(true);
    expect(why(member('leader'), 'strategy.archive', draft)).toBe('role');
  });

  it('leaves an archived strategy readable and refuses every change but restoring or deleting it', () => {
    const archived = { ...draft, archived: true };
    const leader = member('leader');
    expect(why(leader, 'strategy.read', archived)).toBeNull();
    expect(why(leader, 'export', archived)).toBeNull();
    // The follow-up of an archived strategy is read, never changed.
    expect(why(leader, 'plan.read', archived)).toBeNull();
    expect(why(leader, 'plan.manage', archived)).toBe('archived');
    expect(why(leader, 'measure.reportStatus', { kind: 'measure', ownerId: 'u-leader', strategy: archived })).toBe(
      'archived',
    );
    for (const action of [
      'section.edit',
      'comment.create',
      'member.invite',
      'workflow.advance',
      'strategy.configure',
    ] as const)
      expect(why(leader, action, archived), action).toBe('archived');
    expect(why(leader, 'section.edit', section({ strategy: archived }))).toBe('archived');
    const own = comment('u-leader', { strategy: archived });
    expect(why(member('leader'), 'comment.edit', own)).toBe('archived');
    expect(why(member('leader'), 'comment.readBody', own)).toBeNull();
    expect(can({ userId: 'a', role: null, orgAdmin: true }, 'strategy.archive', archived)).toBe(true);
  });

  it('has a row in the matrix and a target kind for every action, naming only known roles', () => {
    expect(Object.keys(CAPABILITIES).sort()).toEqual([...ACTIONS].sort());
    expect(Object.keys(ACTION_TARGET).sort()).toEqual([...ACTIONS].sort());
    for (const roles of Object.values(CAPABILITIES)) for (const role of roles) expect(ROLES).toContain(role);
    expect(roleMay('editor', 'section.edit')).toBe(true);
    expect(roleMay(null, 'strategy.read')).toBe(false);
  });
});

describe('can, by the state of the section and the text', () => {
  it('lets only owners and leaders edit a restricted section', () => {
    const s = restrictedTo('owner');
    expect(can(member('editor', 'owner'), 'section.edit', s)).toBe(true);
    expect(why(member('editor', 'someone-else'), 'section.edit', s)).toBe('restricted');
    expect(why(member('advisor', 'someone-else'), 'section.edit', s)).toBe('restricted');
    expect(can(member('leader', 'not-an-owner'), 'section.edit', s)).toBe(true);
    // Owning a section never gives a role rights it does not have.
    expect(why(member('union', 'owner'), 'section.edit', s)).toBe('role');
    expect(why(member('viewer', 'owner'), 'section.edit', s)).toBe('role');
  });

  it('applies the restriction to every action on the section text: suggestions and restoring versions too', () => {
    const s = restrictedTo('owner');
    expect(can(member('editor', 'owner'), 'version.restore', s)).toBe(true);
    expect(why(member('editor', 'other'), 'version.restore', s)).toBe('restricted');
    expect(can(member('editor', 'owner'), 'suggestion.decide', suggestion('open', s))).toBe(true);
    expect(why(member('editor', 'other'), 'suggestion.decide', suggestion('open', s))).toBe('restricted');
    expect(can(member('leader'), 'suggestion.decide', suggestion('open', s))).toBe(true);
  });

  it('leaves a section removed from the outline to the leaders, even for its former owners', () => {
    const removed = section({ removed: true, ownerIds: ['owner'] });
    expect(why(member('editor', 'owner'), 'section.edit', removed)).toBe('restricted');
    expect(can(member('leader'), 'section.edit', removed)).toBe(true);
  });

  it('lets nobody write a frozen text: editing, restoring, and deciding suggestions alike', () => {
    const s = section({ strategy: frozen });
    for (const role of ['leader', 'editor', 'advisor'] as const) {
      expect(why(member(role), 'section.edit', s)).toBe('frozen');
      expect(why(member(role), 'version.restore', s)).toBe('frozen');
      expect(why(member(role), 'suggestion.decide', suggestion('open', s))).toBe('frozen');
      expect(why(member(role), 'section.edit', frozen)).toBe('frozen');
    }
    // The role is asked first: who never may is refused for the role, frozen or not.
    expect(why(member('union'), 'suggestion.decide', suggestion('open', s))).toBe('role');
  });

  it('moves a measure out of the text only for who manages the plan, and never out of a frozen text', () => {
    expect(can(member('leader'), 'measure.moveFromText', section())).toBe(true);
    expect(can(member('leader', 'not-an-owner'), 'measure.moveFromText', restrictedTo('owner'))).toBe(true);
    // Writing the section is not enough: the plan is the leaders'.
    expect(why(member('editor', 'owner'), 'measure.moveFromText', restrictedTo('owner'))).toBe('role');
    expect(why(member('leader'), 'measure.moveFromText', section({ strategy: frozen }))).toBe('frozen');
    expect(why(member('leader'), 'measure.moveFromText', frozen)).toBe('frozen');
  });

  it("names a section's read-only reason as the page says it: role, restriction or freeze", () => {
    expect(readOnlyReason(member('editor'), section())).toBeNull();
    expect(readOnlyReason(member('viewer'), section())).toBe('role');
    expect(readOnlyReason(member('editor', 'other'), restrictedTo('owner'))).toBe('restricted');
    expect(readOnlyReason(member('leader'), section({ strategy: frozen }))).toBe('frozen');
    // Someone who is not a member is refused for their role, the one reason the page has for it.
    expect(readOnlyReason({ userId: 'stranger', role: null }, section())).toBe('role');
  });

  it('refuses a suggestion that is no longer open, accepted or rejected', () => {
    expect(why(member('editor'), 'suggestion.decide', suggestion('accepted'))).toBe('decided');
    expect(why(member('editor'), 'suggestion.decide', suggestion('rejected'))).toBe('decided');
  });

  it('lets the text freeze leave the rest alone: comments, suggestions, workflow and versions go on', () => {
    expect(can(member('union'), 'comment.create', frozen)).toBe(true);
    expect(can(member('union'), 'suggestion.create', frozen)).toBe(true);
    expect(can(member('steering'), 'workflow.steeringDecision', frozen)).toBe(true);
    expect(can(member('leader'), 'version.create', frozen)).toBe(true);
  });
});

describe('can, on comments and threads', () => {
  it('lets authors edit and delete their own live comments only', () => {
    const union = member('union', 'me');
    expect(can(union, 'comment.edit', comment('me'))).toBe(true);
    expect(can(union, 'comment.delete', comment('me'))).toBe(true);
    expect(why(union, 'comment.edit', comment('other'))).toBe('not_author');
    expect(why(member('leader'), 'comment.delete', comment('other'))).toBe('not_author');
    expect(why(union, 'comment.edit', comment('me', { deleted: true }))).toBe('deleted');
    // A viewer who once commented (before a role change) no longer may.
    expect(why(member('viewer', 'me'), 'comment.edit', comment('me'))).toBe('role');
  });

  it("lets leaders hide someone else's live comment, never their own", () => {
    expect(can(member('leader', 'me'), 'comment.moderate', comment('other'))).toBe(true);
    expect(why(member('leader', 'me'), 'comment.moderate', comment('me'))).toBe('own_comment');
    expect(why(member('leader', 'me'), 'comment.moderate', comment('other', { deleted: true }))).toBe('deleted');
    expect(why(member('editor'), 'comment.moderate', comment('other'))).toBe('role');
  });

  it('shows a hidden body to moderators and its author only, and a deleted body to nobody', () => {
    const hidden = comment('author', { hidden: true });
    expect(can(member('leader'), 'comment.readBody', hidden)).toBe(true);
    expect(can(member('union', 'author'), 'comment.readBody', hidden)).toBe(true);
    expect(why(member('editor'), 'comment.readBody', hidden)).toBe('hidden');
    expect(why(member('leader'), 'comment.readBody', comment('author', { deleted: true }))).toBe('deleted');
  });

  it('lets a thread be resolved by its author or by whoever writes its section, frozen or not', () => {
    const mine = thread('me', section({ strategy: frozen }));
    expect(can(member('union', 'me'), 'thread.resolve', mine)).toBe(true);
    expect(can(member('editor'), 'thread.resolve', mine)).toBe(true);
    expect(why(member('union'), 'thread.resolve', mine)).toBe('not_author');
    expect(why(member('editor', 'x'), 'thread.resolve', thread('me', restrictedTo('owner')))).toBe('not_author');
    expect(why(member('viewer', 'me'), 'thread.resolve', mine)).toBe('role');
  });

  it('delivers an event for one member to that member only', () => {
    expect(can(member('viewer', 'me'), 'event.receive', { kind: 'event', recipientId: null })).toBe(true);
    expect(can(member('viewer', 'me'), 'event.receive', { kind: 'event', recipientId: 'me' })).toBe(true);
    expect(why(member('leader'), 'event.receive', { kind: 'event', recipientId: 'me' })).toBe('not_recipient');
  });
});

describe('present', () => {
  it('answers each ability key with can for its action and the target', () => {
    expect(present(member('union'), draft, STRATEGY_ABILITIES)).toMatchObject({
      edit: false,
      comment: true,
      suggest: true,
      readAudit: false,
    });
    expect(present(member('leader'), draft, STRATEGY_ABILITIES)).toMatchObject({
      edit: true,
      manageMembers: true,
      readAudit: true,
    });
    expect(present(member('viewer'), draft, STRATEGY_ABILITIES)).toMatchObject({
      edit: false,
      comment: false,
      seeRoles: true,
    });
  });

  it('presents a frozen text as read-only for everyone, as the socket treats it', () => {
    expect(present(member('leader'), frozen, STRATEGY_ABILITIES).edit).toBe(false);
    expect(present(member('leader'), section({ strategy: frozen }), SECTION_ABILITIES)).toEqual({
      edit: false,
      decideSuggestions: false,
      restoreVersions: false,
      moveMeasures: false,
    });
  });

  it('marks a restricted section editable only for its owner and the leader', () => {
    const s = restrictedTo('owner');
    expect(present(member('editor', 'owner'), s, SECTION_ABILITIES).edit).toBe(true);
    expect(present(member('editor', 'other'), s, SECTION_ABILITIES).edit).toBe(false);
    expect(present(member('leader'), s, SECTION_ABILITIES).edit).toBe(true);
  });

  it("presents a comment's abilities from its author and state", () => {
    expect(present(member('leader', 'me'), comment('me'), COMMENT_ABILITIES)).toEqual({
      edit: true,
      delete: true,
      hide: false,
    });
    expect(present(member('leader', 'me'), comment('other', { deleted: true }), COMMENT_ABILITIES)).toEqual({
      edit: false,
      delete: false,
      hide: false,
    });
  });
});
