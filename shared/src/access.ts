import type { Role } from './roles';
import type { Stage } from './workflow';

/**
 * Who may do what, as data plus one question: `can(actor, action, target)`. Every permission of
 * the product is answered here, from the actor's role and the state the target carries (the frozen
 * text, a section's restriction and owners, a comment's author and deletion, a suggestion's status).
 * The server enforces only through it (routes, commands, the socket's rights, the event stream) and
 * presents the same answers as abilities (`present`), so the web never offers what the server refuses.
 *
 * `why` gives the reason of a refusal; the server maps reasons to HTTP statuses in one place
 * (server/src/access/authorize.ts): `not_member` 404, `frozen`/`decided`/`deleted` 409, the rest 403.
 *
 * Notes:
 * - `role.see`: a member's role label reveals union membership ("Tillitsvalgt"), special-category
 *   data under GDPR art. 9. Only members of the same strategy see role labels. Published pages and
 *   exports are read by people outside the strategy and never show roles, whoever asks for them.
 * - Workflow actions are coarse here; shared/workflow decides which transition needs which of them
 *   and when (stage, quorum). An advisor "may assist, not steer": no workflow action.
 */
export const ACTIONS = [
  'strategy.read',
  /** Write a section's text. Restricted sections allow only owners and leaders; a frozen text nobody. */
  'section.edit',
  /** A section's restriction and owners, and an area's delstrategi (a linked strategy). */
  'section.manage',
  /**
   * The outline itself: add, rename, reorder, move and remove sections, restore removed ones. Only
   * while the text is not frozen: titles and order are part of what an approval covers.
   */
  'outline.edit',
  /** See who the members are, with their role labels. */
  'member.read',
  /** Invite someone with a role. Organization admins may too, without being members. */
  'member.invite',
  /** Change a member's role, remove a member, withdraw an invitation. */
  'member.manage',
  /** See role labels (see the note above on union membership). */
  'role.see',
  'comment.read',
  /** A comment's body: gone once deleted; once hidden, only for moderators and its author. */
  'comment.readBody',
  /** Start a thread or reply in one. */
  'comment.create',
  /** Change one's own comment's body, while it is not deleted. */
  'comment.edit',
  /** Delete one's own comment (its body is blanked, its place in the thread kept). */
  'comment.delete',
  /** Hide someone else's comment, or show it again (never delete; audited). */
  'comment.moderate',
  /** Resolve or reopen a thread: its author, or someone who may edit the text it is about. */
  'thread.resolve',
  /** Propose replacement text on a comment thread ("Forslag til endring"). */
  'suggestion.create',
  /** Accept or reject an open suggestion: whoever may edit its section now (frozen text: nobody). */
  'suggestion.decide',
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
  /** Restore a section's text from a version, as an edit of that section. */
  'version.restore',
  'export',
  'audit.read',
  /** Fill in the benefit calculator's figures and insert guidance tables into the text. */
  'benefits.edit',
  /** Write entries on the SWOT board of Oppstart: members who may comment. */
  'swot.write',
  /** Insert the SWOT board into the status appendix as text (refused while the text is frozen). */
  'swot.insert',
  /** See the action plans and their measures. */
  'plan.read',
  /** Create a year's action plan; add, change and remove its measures. */
  'plan.manage',
  /**
   * Move a sentence that reads as a measure from a section's text into the year's action plan: it
   * writes the text, so a frozen text refuses it, and a restricted section all but to its writers.
   */
  'measure.moveFromText',
  /** Report a measure's status with a note: its owner, or whoever manages the plan. */
  'measure.reportStatus',
  /** Ask the owners of a plan's measures for their status by a day, see who has answered, remind the rest. */
  'plan.statusRound',
  /** Approve a year's plan as it is (its content hash), or approve it again after its content changed. */
  'plan.approve',
  /** Record the political decision on a year's plan (date and case number). */
  'plan.recordDecision',
  /** Start following up an approved plan. */
  'plan.startFollowUp',
  /** Hear an event of the strategy's stream; some events are for one member only. */
  'event.receive',
  /** Organization admins: list, deactivate and reactivate accounts. Not tied to a strategy. */
  'account.manage',
  /**
   * Organization admins: the organization's single sign-on providers (secrets write-only), its e-mail
   * domains, and switching local passwords off (issue 15). Not tied to a strategy.
   */
  'sso.configure',
  /**
   * Create a strategy of the organization ("Ny strategi"): its admins, and accounts an admin allowed
   * to (`Actor.createsStrategies`). Not tied to a strategy; the creator becomes its leader.
   */
  'strategy.create',
  /**
   * Name other organizations of the installation as participants of a new strategy (a joint one):
   * organization admins only (shared/participants says why).
   */
  'strategy.proposeJoint',
  /** Change the strategy's title and period: its leaders, until it is adopted. */
  'strategy.configure',
  /** Archive a strategy (read-only, out of the lists) or restore it: organization admins. */
  'strategy.archive',
  /** Delete a strategy nobody has written in yet: organization admins (the command checks it is empty). */
  'strategy.delete',
  /**
   * Change the organization's settings (name, organization number, the executive's title, the
   * default written form): its admins, for their own organization only.
   */
  'organization.configure',
  /**
   * List the installation's organizations and create one (the operator page; `npm run org:create`
   * does the same from the shell): the installation operator only (`Actor.operator`), never an
   * organization admin as such. An account is the operator when `users.is_operator` is set: the
   * first administrator created from SAMSTRAT_ADMIN_EMAIL, an admin made with
   * `npm run org:create -- --operator`, and in demo mode the demo's project leader.
   */
  'organization.create',
] as const;

export type Action = (typeof ACTIONS)[number];

const ALL: readonly Role[] = ['executive', 'steering', 'leader', 'editor', 'union', 'advisor', 'viewer'];
const EDITORS: readonly Role[] = ['leader', 'editor', 'advisor'];
const COMMENTERS: readonly Role[] = ['executive', 'steering', 'leader', 'editor', 'union', 'advisor'];

/**
 * The capability matrix: for each action, the roles that may ever take it. Read it as product.md's
 * table, turned. The target's state narrows it further (see `why`).
 */
export const CAPABILITIES: Readonly<Record<Action, readonly Role[]>> = {
  'strategy.read': ALL,
  'section.edit': EDITORS,
  'section.manage': ['leader'],
  'outline.edit': ['leader'],
  'member.read': ALL,
  'member.invite': ['leader'],
  'member.manage': ['leader'],
  'role.see': ALL,
  'comment.read': ALL,
  'comment.readBody': ALL,
  'comment.create': COMMENTERS,
  'comment.edit': COMMENTERS,
  'comment.delete': COMMENTERS,
  'comment.moderate': ['leader'],
  'thread.resolve': COMMENTERS,
  'suggestion.create': COMMENTERS,
  'suggestion.decide': EDITORS,
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
  'swot.write': COMMENTERS,
  'swot.insert': ['leader'],
  'plan.read': ALL,
  'plan.manage': ['leader'],
  'measure.moveFromText': ['leader'],
  // Those who may own a measure; each only their own (see `why`), leaders any.
  'measure.reportStatus': ['executive', 'steering', 'leader', 'editor', 'advisor'],
  'plan.statusRound': ['leader'],
  // As the strategy itself (workflow.approve): the chief executive approves the plan.
  'plan.approve': ['executive'],
  'plan.recordDecision': ['executive', 'leader'],
  'plan.startFollowUp': ['leader'],
  'event.receive': ALL,
  'account.manage': [],
  'sso.configure': [],
  'strategy.create': [],
  'strategy.proposeJoint': [],
  'strategy.configure': ['leader'],
  'strategy.archive': [],
  'strategy.delete': [],
  'organization.configure': [],
  'organization.create': [],
};

/** Actions an organization admin holds for the organization's strategies (and accounts) without a role. */
const ORG_ADMIN_ACTIONS: readonly Action[] = [
  'member.invite',
  'account.manage',
  'sso.configure',
  'strategy.create',
  'strategy.proposeJoint',
  'strategy.archive',
  'strategy.delete',
  'organization.configure',
];

/** Actions the installation operator holds, whatever organization they belong to. */
const OPERATOR_ACTIONS: readonly Action[] = ['organization.create'];

/**
 * What may still be done with an archived strategy: read it in every way, and restore or delete it.
 * Everything else is refused (`archived`) until it is restored.
 */
const ARCHIVE_ACTIONS: readonly Action[] = [
  'strategy.read',
  'member.read',
  'role.see',
  'comment.read',
  'comment.readBody',
  'workflow.read',
  'version.read',
  'export',
  'audit.read',
  'event.receive',
  'plan.read',
  'strategy.archive',
  'strategy.delete',
];

/**
 * Actions an admin of another organization taking part in a joint strategy holds without a role:
 * bringing their own people in (shared/participants). Archiving and deleting stay with the
 * creating organization's admins.
 */
const PARTNER_ADMIN_ACTIONS: readonly Action[] = ['member.invite'];

/** Actions an account holds when an organization admin allowed it to create strategies. */
const STRATEGY_CREATOR_ACTIONS: readonly Action[] = ['strategy.create'];

/** Actions that write the text: a frozen text refuses them all, a restricted section all but to its writers. */
const TEXT_ACTIONS: readonly Action[] = [
  'section.edit',
  'version.restore',
  'suggestion.decide',
  'outline.edit',
  'swot.insert',
  'measure.moveFromText',
];

/**
 * The one asking. `role` is their role in the strategy concerned, null when they are not a member;
 * `orgAdmin` is true when they administer the organization that owns it (or, for account actions,
 * their own organization).
 */
export interface Actor {
  userId: string;
  role: Role | null;
  orgAdmin?: boolean;
  /** They administer another organization that takes part in the (joint) strategy concerned. */
  partnerAdmin?: boolean;
  /** An organization admin allowed them to create strategies in their own organization. */
  createsStrategies?: boolean;
  /** The installation operator: creates organizations (see `organization.create`). */
  operator?: boolean;
}

// Targets. Each carries the state the answer depends on; a container (the strategy, a section)
// stands for "some object in it", answered as far as the container's state tells.

/** A strategy: its stage, and whether the workflow has frozen its text (under approval or adopted). */
export interface StrategyTarget {
  kind: 'strategy';
  stage: Stage;
  frozen: boolean;
  /** Archived by an organization admin: read-only for everyone until restored. */
  archived?: boolean;
}

/** A section of a strategy's outline, or one removed from it since (a thread may still point at it). */
export interface SectionTarget {
  kind: 'section';
  strategy: StrategyTarget;
  restricted: boolean;
  ownerIds: readonly string[];
  /** Gone from the outline: only those who manage the outline may act on its text. */
  removed: boolean;
}

export interface ThreadTarget {
  kind: 'thread';
  authorId: string;
  section: SectionTarget;
}

export interface CommentTarget {
  kind: 'comment';
  authorId: string;
  deleted: boolean;
  hidden: boolean;
  /** The strategy it is in, when known: an archived one refuses changes to its comments too. */
  strategy?: StrategyTarget;
}

export interface SuggestionTarget {
  kind: 'suggestion';
  status: 'open' | 'accepted' | 'rejected';
  section: SectionTarget;
}

/** An event of a strategy's stream; `recipientId` names the one member it is for, if any. */
export interface StreamEventTarget {
  kind: 'event';
  recipientId: string | null;
}

/** A measure of an action plan, with its owner (a member). */
export interface MeasureTarget {
  kind: 'measure';
  ownerId: string;
  /** The strategy it is in, when known: an archived one refuses status reports too. */
  strategy?: StrategyTarget;
}

/** The actor's organization, for account administration. */
export interface OrganizationTarget {
  kind: 'organization';
}

export type Target =
  | StrategyTarget
  | SectionTarget
  | ThreadTarget
  | CommentTarget
  | SuggestionTarget
  | StreamEventTarget
  | MeasureTarget
  | OrganizationTarget;

/** The targets an action may be asked about: its own kind, or a container of it. */
interface TargetsByKind {
  strategy: StrategyTarget;
  section: SectionTarget | StrategyTarget;
  thread: ThreadTarget | SectionTarget | StrategyTarget;
  suggestion: SuggestionTarget | SectionTarget | StrategyTarget;
  comment: CommentTarget | StrategyTarget;
  event: StreamEventTarget | StrategyTarget;
  measure: MeasureTarget | StrategyTarget;
  organization: OrganizationTarget;
}

/** The kind of object each action is about. */
export const ACTION_TARGET = {
  'strategy.read': 'strategy',
  'section.edit': 'section',
  'section.manage': 'strategy',
  'outline.edit': 'strategy',
  'member.read': 'strategy',
  'member.invite': 'strategy',
  'member.manage': 'strategy',
  'role.see': 'strategy',
  'comment.read': 'strategy',
  'comment.readBody': 'comment',
  'comment.create': 'strategy',
  'comment.edit': 'comment',
  'comment.delete': 'comment',
  'comment.moderate': 'comment',
  'thread.resolve': 'thread',
  'suggestion.create': 'strategy',
  'suggestion.decide': 'suggestion',
  'workflow.read': 'strategy',
  'workflow.mandate': 'strategy',
  'workflow.advance': 'strategy',
  'workflow.steeringDecision': 'strategy',
  'workflow.approve': 'strategy',
  'workflow.recordDecision': 'strategy',
  'workflow.publish': 'strategy',
  'workflow.configure': 'strategy',
  'version.read': 'strategy',
  'version.create': 'strategy',
  'version.restore': 'section',
  export: 'strategy',
  'audit.read': 'strategy',
  'benefits.edit': 'strategy',
  'swot.write': 'strategy',
  'swot.insert': 'strategy',
  'plan.read': 'strategy',
  'plan.manage': 'strategy',
  'measure.moveFromText': 'section',
  'measure.reportStatus': 'measure',
  'plan.statusRound': 'strategy',
  'plan.approve': 'strategy',
  'plan.recordDecision': 'strategy',
  'plan.startFollowUp': 'strategy',
  'event.receive': 'event',
  'account.manage': 'organization',
  'sso.configure': 'organization',
  'strategy.create': 'organization',
  'strategy.proposeJoint': 'organization',
  'strategy.configure': 'strategy',
  'strategy.archive': 'strategy',
  'strategy.delete': 'strategy',
  'organization.configure': 'organization',
  'organization.create': 'organization',
} as const satisfies Record<Action, keyof TargetsByKind>;

export type TargetOf<A extends Action> = TargetsByKind[(typeof ACTION_TARGET)[A]];

/** TargetsByKind as data, so a caller that bypasses the types is caught at run time too. */
const ACCEPTED_KINDS: Readonly<Record<keyof TargetsByKind, readonly Target['kind'][]>> = {
  strategy: ['strategy'],
  section: ['section', 'strategy'],
  thread: ['thread', 'section', 'strategy'],
  suggestion: ['suggestion', 'section', 'strategy'],
  comment: ['comment', 'strategy'],
  event: ['event', 'strategy'],
  measure: ['measure', 'strategy'],
  organization: ['organization'],
};

/** The actions that may be asked about a target of this type (for `present`). */
export type ActionOn<T extends Target> = { [A in Action]: T extends TargetOf<A> ? A : never }[Action];

/**
 * Why an actor may not: `not_member` (not a member of the strategy: answered as if it did not
 * exist), `role` (the role never may), `restricted` (a section only its owners and leaders write),
 * `frozen` (the workflow froze the text), `decided` (the suggestion is no longer open),
 * `not_author` (someone else's comment or thread), `own_comment` (nobody moderates their own),
 * `deleted` (the comment is deleted), `hidden` (a moderator hid it), `not_recipient` (an event for
 * another member), `not_owner` (someone else's measure), `archived` (the strategy is archived: read-only), `adopted` (title and period
 * are settled once the strategy is adopted).
 */
export type Denial =
  | 'not_member'
  | 'role'
  | 'restricted'
  | 'frozen'
  | 'decided'
  | 'not_author'
  | 'own_comment'
  | 'deleted'
  | 'hidden'
  | 'not_recipient'
  | 'not_owner'
  | 'archived'
  | 'adopted';

/**
 * Whether the role may ever take the action, whatever the target: the capability matrix alone.
 * For choosing who may own a section; every question about a real object goes through `can`.
 */
export function roleMay(role: Role | null, action: Action): boolean {
  return role !== null && CAPABILITIES[action].includes(role);
}

function holds(actor: Actor, action: Action): boolean {
  return (
    (actor.orgAdmin === true && ORG_ADMIN_ACTIONS.includes(action)) ||
    (actor.partnerAdmin === true && PARTNER_ADMIN_ACTIONS.includes(action)) ||
    (actor.createsStrategies === true && STRATEGY_CREATOR_ACTIONS.includes(action)) ||
    (actor.operator === true && OPERATOR_ACTIONS.includes(action)) ||
    roleMay(actor.role, action)
  );
}

/** Whether the actor writes this section's text as far as its restriction goes (the freeze aside). */
function writesSection(actor: Actor, section: SectionTarget): boolean {
  // Those who manage the outline write every section, restricted or removed.
  if (holds(actor, 'section.manage')) return true;
  if (section.removed) return false;
  return !section.restricted || section.ownerIds.includes(actor.userId);
}

/** The state checks of an action on its text: the section's restriction, then the freeze. */
function textDenial(actor: Actor, target: SectionTarget | StrategyTarget): Denial | null {
  if (target.kind === 'section' && !writesSection(actor, target)) return 'restricted';
  const strategy = target.kind === 'section' ? target.strategy : target;
  return strategy.frozen ? 'frozen' : null;
}

/** The reason the actor may not take the action on the target, or null when they may. */
export function why<A extends Action>(actor: Actor, action: A, target: TargetOf<A>): Denial | null {
  if (!ACCEPTED_KINDS[ACTION_TARGET[action]].includes(target.kind)) {
    throw new TypeError(`${action} is not a question about a ${target.kind}`);
  }
  // Membership is no question for account administration: anyone without the right is refused (403).
  if (!holds(actor, action)) return actor.role === null && target.kind !== 'organization' ? 'not_member' : 'role';
  const t: Target = target;
  if (strategyOf(t)?.archived && !ARCHIVE_ACTIONS.includes(action)) return 'archived';
  switch (t.kind) {
    case 'strategy':
      if (action === 'strategy.configure' && t.stage === 'vedtatt') return 'adopted';
      return TEXT_ACTIONS.includes(action) ? textDenial(actor, t) : null;
    case 'section':
      return TEXT_ACTIONS.includes(action) ? textDenial(actor, t) : null;
    case 'suggestion':
      if (!writesSection(actor, t.section)) return 'restricted';
      if (t.status !== 'open') return 'decided';
      return t.section.strategy.frozen ? 'frozen' : null;
    case 'thread':
      // Resolving is about the conversation, not the text: a frozen text does not stop it.
      if (t.authorId === actor.userId) return null;
      return holds(actor, 'section.edit') && writesSection(actor, t.section) ? null : 'not_author';
    case 'comment':
      return commentDenial(actor, action, t);
    case 'event':
      return t.recipientId === null || t.recipientId === actor.userId ? null : 'not_recipient';
    case 'measure':
      return t.ownerId === actor.userId || holds(actor, 'plan.manage') ? null : 'not_owner';
    case 'organization':
      return null;
  }
}

/** The strategy a target is in, when the target says. */
function strategyOf(target: Target): StrategyTarget | null {
  switch (target.kind) {
    case 'strategy':
      return target;
    case 'section':
      return target.strategy;
    case 'thread':
    case 'suggestion':
      return target.section.strategy;
    case 'comment':
    case 'measure':
      return target.strategy ?? null;
    default:
      return null;
  }
}

function commentDenial(actor: Actor, action: Action, comment: CommentTarget): Denial | null {
  const own = comment.authorId === actor.userId;
  if (action === 'comment.readBody') {
    if (comment.deleted) return 'deleted';
    return comment.hidden && !own && !holds(actor, 'comment.moderate') ? 'hidden' : null;
  }
  if (action === 'comment.moderate' && own) return 'own_comment';
  if ((action === 'comment.edit' || action === 'comment.delete') && !own) return 'not_author';
  return comment.deleted ? 'deleted' : null;
}

/** Whether the actor may take the action on the target. */
export function can<A extends Action>(actor: Actor, action: A, target: TargetOf<A>): boolean {
  return why(actor, action, target) === null;
}

/**
 * The abilities an API answer carries for one target (Outline's presentPolicies): each key is the
 * answer of `can` for its action, so the web shows exactly what the server allows.
 */
export function present<T extends Target, K extends string>(
  actor: Actor,
  target: T,
  actions: Readonly<Record<K, ActionOn<T>>>,
): Record<K, boolean> {
  const abilities = {} as Record<K, boolean>;
  for (const key of Object.keys(actions) as K[]) {
    // ActionOn<T> guarantees T is a target of each action; the compiler cannot follow it through the loop.
    abilities[key] = can(actor, actions[key], target as never);
  }
  return abilities;
}

/** The abilities the API returns with a strategy. */
export const STRATEGY_ABILITIES = {
  edit: 'section.edit',
  comment: 'comment.create',
  suggest: 'suggestion.create',
  moderateComments: 'comment.moderate',
  readMembers: 'member.read',
  inviteMembers: 'member.invite',
  manageMembers: 'member.manage',
  manageSections: 'section.manage',
  editOutline: 'outline.edit',
  seeRoles: 'role.see',
  createVersions: 'version.create',
  export: 'export',
  readAudit: 'audit.read',
  editBenefits: 'benefits.edit',
  writeSwot: 'swot.write',
  insertSwot: 'swot.insert',
  readPlans: 'plan.read',
  managePlans: 'plan.manage',
  configure: 'strategy.configure',
  archive: 'strategy.archive',
  delete: 'strategy.delete',
} as const satisfies Record<string, ActionOn<StrategyTarget>>;

export type StrategyAbilities = Record<keyof typeof STRATEGY_ABILITIES, boolean>;

/** The abilities the API returns with each section. */
export const SECTION_ABILITIES = {
  edit: 'section.edit',
  decideSuggestions: 'suggestion.decide',
  restoreVersions: 'version.restore',
  moveMeasures: 'measure.moveFromText',
} as const satisfies Record<string, ActionOn<SectionTarget>>;

export type SectionAbilities = Record<keyof typeof SECTION_ABILITIES, boolean>;

/** Why a member may not write a section's text, for the page to say: their role, the section's restriction, or the freeze. */
export type ReadOnlyReason = Extract<Denial, 'role' | 'restricted' | 'frozen'>;

/**
 * `why(actor, 'section.edit', section)` as the page shows it: null when the actor may write the
 * section, else the reason. Any other refusal (a non-member) reads as `role`: the role never may.
 */
export function readOnlyReason(actor: Actor, section: SectionTarget | StrategyTarget): ReadOnlyReason | null {
  const denial = why(actor, 'section.edit', section);
  return denial === null || denial === 'restricted' || denial === 'frozen' ? denial : 'role';
}

/** The abilities the API returns with the signed-in person, about their organization. */
export const ACCOUNT_ABILITIES = {
  manageAccounts: 'account.manage',
  configureSso: 'sso.configure',
  createStrategies: 'strategy.create',
  proposeJointStrategies: 'strategy.proposeJoint',
  configureOrganization: 'organization.configure',
  createOrganizations: 'organization.create',
} as const satisfies Record<string, ActionOn<OrganizationTarget>>;

export type AccountAbilities = Record<keyof typeof ACCOUNT_ABILITIES, boolean>;

/** The abilities the API returns with each comment. */
export const COMMENT_ABILITIES = {
  edit: 'comment.edit',
  delete: 'comment.delete',
  hide: 'comment.moderate',
} as const satisfies Record<string, ActionOn<CommentTarget>>;

/** The abilities the API returns with each measure. */
export const MEASURE_ABILITIES = {
  reportStatus: 'measure.reportStatus',
} as const satisfies Record<string, ActionOn<MeasureTarget>>;

export type MeasureAbilities = Record<keyof typeof MEASURE_ABILITIES, boolean>;
