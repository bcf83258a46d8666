import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  CAPABILITIES,
  can,
  sectionAbilities,
  sectionReadOnlyReason,
  strategyAbilities,
  type Action,
  type Actor,
} from './access';
import { ROLES, type Role } from './roles';

const member = (role: Role, userId = `u-${role}`): Actor => ({ userId, role });
const open = { restricted: false, ownerIds: [] };
const restrictedTo = (...ownerIds: string[]) => ({ restricted: true, ownerIds });
const WORKFLOW: Action[] = ACTIONS.filter((a) => a.startsWith('workflow.') && a !== 'workflow.read');

const holders = (action: Action) => ROLES.filter((role) => can(member(role), action));

describe('can', () => {
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

  it('lets union representatives read, comment and suggest, but never edit', () => {
    const union = member('union');
    expect(can(union, 'comment.create')).toBe(true);
    expect(can(union, 'suggestion.create')).toBe(true);
    expect(can(union, 'section.edit')).toBe(false);
    expect(can(union, 'section.edit', open)).toBe(false);
    expect(can(union, 'suggestion.decide', open)).toBe(false);
  });

  it('lets an advisor edit and comment but never approve or move the workflow', () => {
    const advisor = member('advisor');
    expect(can(advisor, 'section.edit', open)).toBe(true);
    expect(can(advisor, 'comment.create')).toBe(true);
    for (const action of WORKFLOW) expect(can(advisor, action), action).toBe(false);
  });

  it('gives viewers reading only: no comments, suggestions or edits', () => {
    const allowed = ACTIONS.filter((action) => can(member('viewer'), action));
    expect(allowed).toEqual([
      'strategy.read',
      'member.read',
      'role.see',
      'comment.read',
      'workflow.read',
      'version.read',
      'export',
    ]);
  });

  it('lets the executive and the steering group comment but not edit', () => {
    for (const role of ['executive', 'steering'] as const) {
      expect(can(member(role), 'comment.create')).toBe(true);
      expect(can(member(role), 'section.edit', open)).toBe(false);
    }
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

  it('lets only owners and leaders edit a restricted section', () => {
    const section = restrictedTo('owner');
    expect(can(member('editor', 'owner'), 'section.edit', section)).toBe(true);
    expect(can(member('editor', 'someone-else'), 'section.edit', section)).toBe(false);
    expect(can(member('advisor', 'someone-else'), 'section.edit', section)).toBe(false);
    expect(can(member('leader', 'not-an-owner'), 'section.edit', section)).toBe(true);
    // Owning a section never gives a role rights it does not have.
    expect(can(member('union', 'owner'), 'section.edit', section)).toBe(false);
    expect(can(member('viewer', 'owner'), 'section.edit', section)).toBe(false);
  });

  it('applies the restriction to every action on the section text: deciding suggestions and restoring versions too', () => {
    const section = restrictedTo('owner');
    for (const action of ['suggestion.decide', 'version.restore'] as const) {
      expect(can(member('editor', 'owner'), action, section)).toBe(true);
      expect(can(member('editor', 'other'), action, section)).toBe(false);
      expect(can(member('leader'), action, section)).toBe(true);
    }
  });

  it('grants nothing to someone who is not a member', () => {
    const stranger: Actor = { userId: 'x', role: null };
    expect(ACTIONS.filter((action) => can(stranger, action))).toEqual([]);
  });

  it('lets an organization admin invite and manage accounts without a role, and nothing more', () => {
    const admin: Actor = { userId: 'a', role: null, orgAdmin: true };
    expect(ACTIONS.filter((action) => can(admin, action))).toEqual(['member.invite', 'account.manage']);
  });

  it('lets no role manage accounts: that belongs to organization admins', () => {
    expect(holders('account.manage')).toEqual([]);
  });

  it('has a row in the matrix for every action, naming only known roles', () => {
    expect(Object.keys(CAPABILITIES).sort()).toEqual([...ACTIONS].sort());
    for (const roles of Object.values(CAPABILITIES)) for (const role of roles) expect(ROLES).toContain(role);
  });
});

describe('abilities', () => {
  it('answers each ability key with can for its action', () => {
    expect(strategyAbilities(member('union'))).toMatchObject({
      edit: false,
      comment: true,
      suggest: true,
      readAudit: false,
    });
    expect(strategyAbilities(member('leader'))).toMatchObject({ edit: true, manageMembers: true, readAudit: true });
    expect(strategyAbilities(member('executive'))).toMatchObject({ edit: false, comment: true, readAudit: true });
    expect(strategyAbilities(member('viewer'))).toMatchObject({ edit: false, comment: false, seeRoles: true });
  });

  it('marks a restricted section editable only for its owner and the leader', () => {
    const section = restrictedTo('owner');
    expect(sectionAbilities(member('editor', 'owner'), section).edit).toBe(true);
    expect(sectionAbilities(member('editor', 'other'), section).edit).toBe(false);
    expect(sectionAbilities(member('leader'), section).edit).toBe(true);
  });

  it('says whether a section is read-only because of the restriction or because of the role', () => {
    expect(sectionReadOnlyReason(member('editor', 'other'), restrictedTo('owner'))).toBe('restricted');
    expect(sectionReadOnlyReason(member('union'), restrictedTo('owner'))).toBe('role');
    expect(sectionReadOnlyReason(member('union'), open)).toBe('role');
    expect(sectionReadOnlyReason(member('editor', 'owner'), restrictedTo('owner'))).toBeNull();
  });
});
