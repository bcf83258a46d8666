import { roleCanComment, roleCanEdit, type Role } from '@samstrat/shared/roles';

// What a member may do, returned with every strategy so the UI shows exactly what the server allows.
// These belong in shared/access once the policy layer (`can(member, action, target)`) exists there.

export interface StrategyAbilities {
  edit: boolean;
  comment: boolean;
}

export function strategyAbilities(role: Role): StrategyAbilities {
  return { edit: roleCanEdit(role), comment: roleCanComment(role) };
}

/** A restricted section is written only by its owners and the project leader. */
export function canEditSection(role: Role, section: { restricted: boolean }, isOwner: boolean): boolean {
  return roleCanEdit(role) && (!section.restricted || role === 'leader' || isOwner);
}
