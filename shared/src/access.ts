import type { Role } from './roles';

/**
 * Who may do what in a strategy (product.md's roles table), as data plus one function, `can`.
 * The server enforces it on every route and on the collaboration socket; the web app only displays
 * what it allows (the API returns the caller's abilities, computed here, with each strategy and
 * section), so the two never disagree.
 *
 * Notes for later issues:
 * - `role.see`: a member's role label reveals union membership ("Tillitsvalgt"), special-category
 *   data under GDPR art. 9. Only members of the same strategy see role labels. Published pages and
 *   exports are read by people outside the strategy and never show roles, whoever asks for them.
 * - Workflow actions are coarse here; shared/workflow decides which transition needs which of them
 *   and when (stage, quorum, frozen text). An advisor "may assist, not steer": no workflow action.
 */
export const ACTIONS = [
  'strategy.read',
  /** Write a section's text. With a section target, restricted sections allow only owners and leaders. */
  'section.edit',
  /** The outline: restriction, owners, order, titles. */
  'section.manage',
  /** See who the members are, with their role labels. */
  'member.read',
  /** Invite someone with a role. Organization admins may too, without being members. */
  'member.invite',
  /** Change a member's role, remove a member, withdraw an invitation. */
  'member.manage',
  /** See role labels (see the note above on union membership). */
  'role.see',
  'comment.read',
  'comment.create',
  /** Propose replacement text on a comment thread ("Forslag til endring"). */
  'suggestion.create',
  /** Accept or reject a suggestion: only someone who may edit that section (section target). */
  'suggestion.decide',
  /** Hide someone else's comment (never delete; audited). */
  'comment.moderate',
  'workflow.read',
  /** Give the mandate at Oppstart (period, deadline, project leader). */
  'workflow.mandate',
  /** Move the text between Utkast, Intern høring and the steering gate; record the drøftingsmøte. */
  'workflow.advance',
  /** Approve or return the candidate at the steering gate. */
  'workflow.steeringDecision',
  /** The final approval, and sending the approved version to political treatment. */
  'workflow.approve',
  /** Record the political treatment: case number, body, meeting date, decision. */
  'workflow.recordDecision',
  /** Publish the adopted version read-only at a shareable link. */
  'workflow.publish',
  /** The workflow's settings: political treatment or administrative adoption, steering quorum, councils. */
  'workflow.configure',
  'version.read',
  /** Name a version. */
  'version.create',
  /** Restore a section's text from a version, as an edit of that section (section target). */
  'version.restore',
  'export',
  'audit.read',
  /** Fill in the benefit calculator's figures and insert guidance tables into the text. */
  'benefits.edit',
  /** Organization admins: list, deactivate and reactivate accounts. Not tied to a strategy. */
  'account.manage',
] as const;

export type Action = (typeof ACTIONS)[number];

const ALL: readonly Role[] = ['executive', 'steering', 'leader', 'editor', 'union', 'advisor', 'viewer'];
const EDITORS: readonly Role[] = ['leader', 'editor', 'advisor'];
const COMMENTERS: readonly Role[] = ['executive', 'steering', 'leader', 'editor', 'union', 'advisor'];

/** The capability matrix: for each action, the roles that hold it. Read it as product.md's table, turned. */
export const CAPABILITIES: Readonly<Record<Action, readonly Role[]>> = {
  'strategy.read': ALL,
  'section.edit': EDITORS,
  'section.manage': ['leader'],
  'member.read': ALL,
  'member.invite': ['leader'],
  'member.manage': ['leader'],
  'role.see': ALL,
  'comment.read': ALL,
  'comment.create': COMMENTERS,
  'suggestion.create': COMMENTERS,
  'suggestion.decide': EDITORS,
  'comment.moderate': ['leader'],
  'workflow.read': ALL,
  'workflow.mandate': ['executive'],
  'workflow.advance': ['leader'],
  'workflow.steeringDecision': ['steering'],
  'workflow.approve': ['executive'],
  'workflow.recordDecision': ['executive', 'leader'],
  'workflow.publish': ['executive'],
  'workflow.configure': ['executive', 'leader'],
  'version.read': ALL,
  'version.create': ['leader'],
  'version.restore': EDITORS,
  export: ALL,
  'audit.read': ['leader', 'executive'],
  'benefits.edit': ['leader'],
  'account.manage': [],
};

/** Actions an organization admin holds for the organization's strategies (and accounts) without a role. */
export const ORG_ADMIN_ACTIONS: readonly Action[] = ['member.invite', 'account.manage'];

/** Actions on a section's text: a restricted section allows them only to its owners and leaders. */
export const SECTION_ACTIONS: readonly Action[] = ['section.edit', 'suggestion.decide', 'version.restore'];

/**
 * The one asking. `role` is their role in the strategy concerned, null when they are not a member;
 * `orgAdmin` is true when they administer the organization that owns it (or, for account actions,
 * their own organization).
 */
export interface Actor {
  userId: string;
  role: Role | null;
  orgAdmin?: boolean;
}

/** A section as the rules see it. */
export interface SectionTarget {
  restricted: boolean;
  ownerIds: readonly string[];
}

/**
 * Whether the actor may take the action. For section actions without a target the answer is
 * whether the role may do it in an unrestricted section.
 */
export function can(actor: Actor, action: Action, target?: SectionTarget): boolean {
  if (actor.orgAdmin && ORG_ADMIN_ACTIONS.includes(action)) return true;
  if (!actor.role || !CAPABILITIES[action].includes(actor.role)) return false;
  if (target && SECTION_ACTIONS.includes(action) && target.restricted) {
    return actor.role === 'leader' || target.ownerIds.includes(actor.userId);
  }
  return true;
}

/** Why a section is read-only for this actor, for the UI to say so; null when they may edit it. */
export function sectionReadOnlyReason(actor: Actor, section: SectionTarget): 'role' | 'restricted' | null {
  if (can(actor, 'section.edit', section)) return null;
  return can(actor, 'section.edit') ? 'restricted' : 'role';
}

/** The abilities the API returns with a strategy, each the answer of `can` for one action. */
export const STRATEGY_ABILITIES = {
  edit: 'section.edit',
  comment: 'comment.create',
  suggest: 'suggestion.create',
  moderateComments: 'comment.moderate',
  readMembers: 'member.read',
  inviteMembers: 'member.invite',
  manageMembers: 'member.manage',
  manageSections: 'section.manage',
  seeRoles: 'role.see',
  createVersions: 'version.create',
  export: 'export',
  readAudit: 'audit.read',
  editBenefits: 'benefits.edit',
} as const satisfies Record<string, Action>;

export type StrategyAbilities = { [K in keyof typeof STRATEGY_ABILITIES]: boolean };

export function strategyAbilities(actor: Actor): StrategyAbilities {
  const entries = Object.entries(STRATEGY_ABILITIES).map(([key, action]) => [key, can(actor, action)]);
  return Object.fromEntries(entries) as StrategyAbilities;
}

/** The abilities the API returns with each section. */
export interface SectionAbilities {
  edit: boolean;
  decideSuggestions: boolean;
  restoreVersions: boolean;
}

export function sectionAbilities(actor: Actor, section: SectionTarget): SectionAbilities {
  return {
    edit: can(actor, 'section.edit', section),
    decideSuggestions: can(actor, 'suggestion.decide', section),
    restoreVersions: can(actor, 'version.restore', section),
  };
}

/**
 * Whether, after a change, at least one leader remains: a strategy without a leader has nobody
 * who may manage its members, sections or workflow.
 */
export function keepsALeader(roles: readonly Role[]): boolean {
  return roles.includes('leader');
}
