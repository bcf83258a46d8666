import { can, type Action, type Actor, type StrategyTarget } from './access';
import type { Locale } from './errors';
import { executiveWords, fillExecutive } from './executive-title';

/**
 * The approval workflow (product.md, "The process the workflow follows"): its stages, the actions
 * that move a strategy between them, who may take each, and the gate rules. Data plus pure
 * functions: the server enforces them, the web displays them.
 *
 * An approval belongs to exact content: submitting to the steering group freezes the text and makes
 * a candidate version whose content hash every approval must name. Returning at any gate sends the
 * text back to Utkast, unfrozen, with the reasons.
 */

export const STAGES = ['oppstart', 'utkast', 'horing', 'styringsgruppe', 'godkjenning', 'politisk', 'vedtatt'] as const;
export type Stage = (typeof STAGES)[number];

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export const WORKFLOW_ACTIONS = [
  'give_mandate',
  'update_settings',
  'start_consultation',
  'record_meeting',
  'submit',
  'steering_approve',
  'steering_return',
  'executive_approve',
  'executive_return',
  'record_decision',
  'adopt_changed_version',
] as const;
export type WorkflowAction = (typeof WORKFLOW_ACTIONS)[number];

export function isWorkflowAction(value: unknown): value is WorkflowAction {
  return typeof value === 'string' && (WORKFLOW_ACTIONS as readonly string[]).includes(value);
}

/** The shared/access actions that workflow transitions require. */
export type WorkflowCapability = Extract<Action, `workflow.${string}`>;

export const QUORUMS = ['all', 'majority'] as const;
export type Quorum = (typeof QUORUMS)[number];

export const POLITICAL_DECISIONS = ['adopted', 'adopted_with_changes', 'not_adopted'] as const;
export type PoliticalDecision = (typeof POLITICAL_DECISIONS)[number];

/** What an action does to the text: freeze it, open it again, leave it, or it depends on the input. */
export type TextEffect = 'freezes' | 'unfreezes' | 'unchanged' | 'depends';

export interface Transition {
  action: WorkflowAction;
  /** The stages the action may be taken from. */
  from: readonly Stage[];
  /** The stages it may lead to; the first is the usual one, the rest depend on gate rules or input. */
  to: readonly Stage[];
  /** The capability (shared/access) the actor must hold. */
  capability: WorkflowCapability;
  text: TextEffect;
  /** The action names the candidate's content hash, and is refused for any other (409 stale_hash). */
  needsHash: boolean;
  /** Irreversible or gate-moving: the web asks for confirmation before it is sent. */
  confirm: boolean;
  /** A reason (the `note`) is required: returns carry their reasons to Utkast. */
  needsReason: boolean;
}

// The transitions as data. Where a target depends on a rule (quorum, political treatment, the council's
// decision), `to` lists every possible target and `applyAction` picks one.
export const TRANSITIONS: readonly Transition[] = [
  {
    action: 'give_mandate',
    from: ['oppstart', 'utkast', 'horing'],
    // Given at Oppstart it starts the work; given again later it changes the mandate and nothing else.
    to: ['utkast', 'horing'],
    capability: 'workflow.mandate',
    text: 'unchanged',
    needsHash: false,
    confirm: false,
    needsReason: false,
  },
  {
    action: 'update_settings',
    from: ['oppstart', 'utkast', 'horing'],
    to: [],
    capability: 'workflow.configure',
    text: 'unchanged',
    needsHash: false,
    confirm: false,
    needsReason: false,
  },
  {
    action: 'start_consultation',
    from: ['utkast'],
    to: ['horing'],
    capability: 'workflow.advance',
    text: 'unchanged',
    needsHash: false,
    confirm: false,
    needsReason: false,
  },
  {
    action: 'record_meeting',
    from: ['horing'],
    to: [],
    capability: 'workflow.advance',
    text: 'unchanged',
    needsHash: false,
    confirm: false,
    needsReason: false,
  },
  {
    action: 'submit',
    from: ['utkast', 'horing'],
    to: ['styringsgruppe'],
    capability: 'workflow.advance',
    text: 'freezes',
    needsHash: false,
    confirm: true,
    needsReason: false,
  },
  {
    action: 'steering_approve',
    from: ['styringsgruppe'],
    to: ['styringsgruppe', 'godkjenning'],
    capability: 'workflow.steeringDecision',
    text: 'unchanged',
    needsHash: true,
    confirm: true,
    needsReason: false,
  },
  {
    action: 'steering_return',
    from: ['styringsgruppe'],
    to: ['utkast'],
    capability: 'workflow.steeringDecision',
    text: 'unfreezes',
    needsHash: false,
    confirm: true,
    needsReason: true,
  },
  {
    action: 'executive_approve',
    from: ['godkjenning'],
    to: ['politisk', 'vedtatt'],
    capability: 'workflow.approve',
    text: 'unchanged',
    needsHash: true,
    confirm: true,
    needsReason: false,
  },
  {
    action: 'executive_return',
    from: ['godkjenning'],
    to: ['utkast'],
    capability: 'workflow.approve',
    text: 'unfreezes',
    needsHash: false,
    confirm: true,
    needsReason: true,
  },
  {
    action: 'record_decision',
    from: ['politisk'],
    to: ['vedtatt', 'politisk', 'utkast'],
    capability: 'workflow.recordDecision',
    text: 'depends',
    needsHash: false,
    confirm: true,
    needsReason: false,
  },
  {
    action: 'adopt_changed_version',
    from: ['politisk'],
    to: ['vedtatt', 'politisk'],
    capability: 'workflow.advance',
    text: 'freezes',
    needsHash: false,
    confirm: true,
    needsReason: false,
  },
];

export function transitionOf(action: WorkflowAction): Transition {
  return TRANSITIONS.find((t) => t.action === action)!;
}

export interface WorkflowSettings {
  /** False when the municipality adopts the strategy administratively, with the executive's approval. */
  politicalRequired: boolean;
  quorum: Quorum;
  /**
   * The councils that adopt the strategy: one for a municipality, several for a strategy written
   * jointly (interkommunalt samarbeid). Each records its own decision.
   */
  councils: readonly string[];
}

export const DEFAULT_SETTINGS: WorkflowSettings = {
  politicalRequired: true,
  quorum: 'all',
  councils: ['Kommunestyret'],
};

/** A council's decision in the current political round. */
export interface CouncilDecision {
  council: string;
  decision: PoliticalDecision;
  /** For `adopted_with_changes`: the changes have been made and the changed version adopted. */
  changesAdopted: boolean;
}

/** What the rules need to know about one strategy's workflow. */
export interface WorkflowState {
  stage: Stage;
  /** The text refuses every edit (sockets are read-only). */
  frozen: boolean;
  /** The content hash of the version under approval (null before the first submission). */
  candidateHash: string | null;
  settings: WorkflowSettings;
  /** The members who hold the steering role now: the quorum counts them. */
  steeringMemberIds: readonly string[];
  /** Steering members who approved the current candidate. */
  steeringApprovals: readonly string[];
  /** Decisions recorded in the current political round, one per council. */
  decisions: readonly CouncilDecision[];
  /** A council adopted with changes: the text is open for them until the changed version is adopted. */
  changesPending: boolean;
  /**
   * A joint strategy's councils by the organization each decides for (shared/participants): only
   * that organization's people record its decision. Absent or empty for one organization.
   */
  councilOrganizations?: Readonly<Record<string, string>>;
}

export interface ActionInput {
  actor: Actor;
  /** The hash the actor approves; required where the transition `needsHash`. */
  contentHash?: string | null;
  /** A remark; the reason for a return. */
  note?: string | null;
  /** record_decision: which council decided, and what. */
  council?: string;
  /** The actor's organization: in a joint strategy a council's decision is recorded by its own. */
  organizationId?: string;
  decision?: PoliticalDecision;
}

export type Refusal =
  | 'forbidden'
  | 'wrong_stage'
  | 'stale_hash'
  | 'already_decided'
  | 'return_reason_required'
  | 'unknown_council'
  | 'council_decided'
  | 'other_council';

/** The HTTP status each refusal is answered with. */
export const REFUSAL_STATUS: Readonly<Record<Refusal, 400 | 403 | 409>> = {
  forbidden: 403,
  wrong_stage: 409,
  stale_hash: 409,
  already_decided: 409,
  return_reason_required: 400,
  unknown_council: 400,
  council_decided: 409,
  other_council: 403,
};

/** What the server must do besides saving the new state. */
export type Effect =
  /** Save the text as it is now as a version and make its hash the candidate's. */
  | 'candidate'
  /** Close every socket with "frozen" (4409): clients reconnect read-only. */
  | 'freeze'
  /** Close every socket with "rights changed" (4403): clients reconnect with their edit rights. */
  | 'unfreeze'
  /** Publish the adopted version read-only at its public link. */
  | 'publish'
  /** The text went back to Utkast: make the reasons visible as a comment thread. */
  | 'returned';

export type Outcome =
  | { ok: true; state: WorkflowState; from: Stage; to: Stage; effects: Effect[] }
  | { ok: false; refusal: Refusal; status: 400 | 403 | 409 };

function refuse(refusal: Refusal): Outcome {
  return { ok: false, refusal, status: REFUSAL_STATUS[refusal] };
}

/** Whether the steering group's approvals are enough to send the candidate to the executive. */
export function quorumReached(
  state: Pick<WorkflowState, 'settings' | 'steeringMemberIds' | 'steeringApprovals'>,
): boolean {
  const members = new Set(state.steeringMemberIds);
  const approved = new Set(state.steeringApprovals.filter((id) => members.has(id))).size;
  if (approved === 0) return false;
  return state.settings.quorum === 'all' ? approved === members.size : approved * 2 > members.size;
}

/** How many steering approvals the quorum needs in all. */
export function approvalsNeeded(state: Pick<WorkflowState, 'settings' | 'steeringMemberIds'>): number {
  const members = new Set(state.steeringMemberIds).size;
  if (members === 0) return 1;
  return state.settings.quorum === 'all' ? members : Math.floor(members / 2) + 1;
}

/** A council's adoption counts once adopted outright, or once its changes are made and adopted. */
function councilAdopted(decision: CouncilDecision): boolean {
  return decision.decision === 'adopted' || (decision.decision === 'adopted_with_changes' && decision.changesAdopted);
}

/** Every council has adopted the current text. */
export function allCouncilsAdopted(state: Pick<WorkflowState, 'settings' | 'decisions'>): boolean {
  return state.settings.councils.every((council) =>
    state.decisions.some((d) => d.council === council && councilAdopted(d)),
  );
}

/**
 * The council a decision is for when the form names none: the only one, or in a joint strategy the
 * one of the actor's organization.
 */
export function councilOf(
  state: Pick<WorkflowState, 'settings' | 'councilOrganizations'>,
  organizationId: string | undefined,
): string | undefined {
  if (state.settings.councils.length === 1) return state.settings.councils[0];
  const bound = Object.entries(state.councilOrganizations ?? {}).find(([, org]) => org === organizationId);
  return bound?.[0];
}

/** Councils that have not yet recorded a decision in this round. */
export function councilsWaiting(state: Pick<WorkflowState, 'settings' | 'decisions'>): string[] {
  return state.settings.councils.filter((council) => !state.decisions.some((d) => d.council === council));
}

/** Whether this action can be taken now, apart from who asks and the particulars of the input. */
function stageAllows(state: WorkflowState, action: WorkflowAction, actor?: Actor): boolean {
  if (!transitionOf(action).from.includes(state.stage)) return false;
  switch (action) {
    case 'steering_approve':
    case 'steering_return':
      // One decision per member and candidate; a member who approved has had their say.
      return !actor || !state.steeringApprovals.includes(actor.userId);
    case 'record_decision':
      return !state.changesPending && councilsWaiting(state).length > 0;
    case 'adopt_changed_version':
      return state.changesPending;
    default:
      return true;
  }
}

/** The strategy as shared/access judges it, from the workflow's state. */
export function strategyTargetOf(state: Pick<WorkflowState, 'stage' | 'frozen'>): StrategyTarget {
  return { kind: 'strategy', stage: state.stage, frozen: state.frozen };
}

/** Whether the member's role holds the capability of the action (shared/access decides). */
function mayTake(state: WorkflowState, action: WorkflowAction, member: Actor): boolean {
  return can(member, transitionOf(action).capability, strategyTargetOf(state));
}

/** The actions this member may take now: what the web offers, and what the API returns as `actions`. */
export function availableActions(state: WorkflowState, member: Actor): WorkflowAction[] {
  return WORKFLOW_ACTIONS.filter((action) => mayTake(state, action, member) && stageAllows(state, action, member));
}

/**
 * Takes an action: the new state and what the server must do besides saving it, or a typed refusal.
 * Who may is asked first (403), then whether the stage allows it (409), then the input.
 */
export function applyAction(state: WorkflowState, action: WorkflowAction, input: ActionInput): Outcome {
  const transition = transitionOf(action);
  const { actor } = input;
  if (!mayTake(state, action, actor)) return refuse('forbidden');
  if (!transition.from.includes(state.stage)) return refuse('wrong_stage');
  if (transition.needsHash && (!state.candidateHash || input.contentHash !== state.candidateHash)) {
    return refuse('stale_hash');
  }
  // A return may name a hash too; if it does, it must be the candidate's.
  if (!transition.needsHash && input.contentHash && input.contentHash !== state.candidateHash) {
    return refuse('stale_hash');
  }
  if (transition.needsReason && !input.note?.trim()) return refuse('return_reason_required');

  const from = state.stage;
  const done = (next: Partial<WorkflowState>, effects: Effect[] = []): Outcome => {
    const newState = { ...state, ...next };
    return { ok: true, state: newState, from, to: newState.stage, effects };
  };
  const backToDraft = (): Outcome =>
    done(
      {
        stage: 'utkast',
        frozen: false,
        steeringApprovals: [],
        decisions: [],
        changesPending: false,
      },
      ['unfreeze', 'returned'],
    );

  switch (action) {
    case 'give_mandate':
      // The mandate starts the work; given again later, it only changes the mandate.
      return done({ stage: state.stage === 'oppstart' ? 'utkast' : state.stage });
    case 'update_settings':
    case 'record_meeting':
      return done({});
    case 'start_consultation':
      return done({ stage: 'horing' });
    case 'submit':
      return done(
        { stage: 'styringsgruppe', frozen: true, steeringApprovals: [], decisions: [], changesPending: false },
        ['candidate', 'freeze'],
      );
    case 'steering_approve': {
      if (state.steeringApprovals.includes(actor.userId)) return refuse('already_decided');
      const steeringApprovals = [...state.steeringApprovals, actor.userId];
      const reached = quorumReached({ ...state, steeringApprovals });
      return done({ steeringApprovals, stage: reached ? 'godkjenning' : 'styringsgruppe' });
    }
    case 'steering_return':
      if (state.steeringApprovals.includes(actor.userId)) return refuse('already_decided');
      return backToDraft();
    case 'executive_return':
      return backToDraft();
    case 'executive_approve':
      // Adopted administratively when the municipality does not treat the strategy politically.
      return state.settings.politicalRequired
        ? done({ stage: 'politisk', decisions: [] })
        : done({ stage: 'vedtatt' }, ['publish']);
    case 'record_decision': {
      const council = input.council ?? councilOf(state, input.organizationId);
      if (!council || !state.settings.councils.includes(council)) return refuse('unknown_council');
      const decidesFor = state.councilOrganizations?.[council];
      if (decidesFor && decidesFor !== input.organizationId) return refuse('other_council');
      if (state.changesPending || state.decisions.some((d) => d.council === council)) return refuse('council_decided');
      const decision = input.decision ?? 'adopted';
      if (decision === 'not_adopted') return backToDraft();
      const decisions = [...state.decisions, { council, decision, changesAdopted: false }];
      if (decision === 'adopted_with_changes') {
        return done({ decisions, frozen: false, changesPending: true }, ['unfreeze']);
      }
      return allCouncilsAdopted({ ...state, decisions })
        ? done({ decisions, stage: 'vedtatt' }, ['publish'])
        : done({ decisions });
    }
    case 'adopt_changed_version': {
      if (!state.changesPending) return refuse('wrong_stage');
      const decisions = state.decisions.map((d) =>
        d.decision === 'adopted_with_changes' ? { ...d, changesAdopted: true } : d,
      );
      const next = { decisions, frozen: true, changesPending: false };
      return allCouncilsAdopted({ ...state, decisions })
        ? done({ ...next, stage: 'vedtatt' }, ['candidate', 'freeze', 'publish'])
        : done(next, ['candidate', 'freeze']);
    }
  }
}

/** A strategy period is at most four years (the seed): 2027–2030 is four. */
export const MAX_PERIOD_YEARS = 4;

/** The catalogue code a mandate's period is refused with, or null when it is fine. */
export function periodProblem(start: number, end: number): 'period_invalid' | 'period_too_long' | null {
  if (!Number.isInteger(start) || !Number.isInteger(end) || end < start) return 'period_invalid';
  if (end - start + 1 > MAX_PERIOD_YEARS) return 'period_too_long';
  return null;
}

// Labels as data, for the web and for what the server writes in the user's language. A text that
// names the executive says it by placeholder ({ExecutiveGenitive}, see shared/executive-title), and
// workflowLabel fills it with the organization's title: kommunedirektør or rådmann (issue 13).

type Labels = Readonly<Record<Locale, string>>;

export const STAGE_LABELS: Readonly<Record<Stage, Labels>> = {
  oppstart: { nb: 'Oppstart', nn: 'Oppstart', en: 'Start-up' },
  utkast: { nb: 'Utkast', nn: 'Utkast', en: 'Draft' },
  horing: { nb: 'Intern høring', nn: 'Intern høyring', en: 'Internal consultation' },
  styringsgruppe: { nb: 'Styringsgruppe', nn: 'Styringsgruppe', en: 'Steering group' },
  godkjenning: {
    nb: '{ExecutiveGenitive} godkjenning',
    nn: '{ExecutiveGenitive} godkjenning',
    en: "Chief executive's approval",
  },
  politisk: { nb: 'Politisk behandling', nn: 'Politisk handsaming', en: 'Political treatment' },
  vedtatt: { nb: 'Vedtatt', nn: 'Vedteken', en: 'Adopted' },
};

/** What happens in each stage, one sentence, for the timeline. */
export const STAGE_DESCRIPTIONS: Readonly<Record<Stage, Labels>> = {
  oppstart: {
    nb: '{ExecutiveDefinite} gir mandatet: hvem, periode og frist.',
    nn: '{ExecutiveDefinite} gir mandatet: kven, periode og frist.',
    en: 'The chief executive gives the mandate: who, period and deadline.',
  },
  utkast: {
    nb: 'Prosjektgruppen skriver strategien.',
    nn: 'Prosjektgruppa skriv strategien.',
    en: 'The project group writes the strategy.',
  },
  horing: {
    nb: 'Tillitsvalgte og tjenesteområder kommenterer og foreslår. Drøftingsmøtet med de tillitsvalgte registreres her.',
    nn: 'Tillitsvalde og tenesteområde kommenterer og foreslår. Drøftingsmøtet med dei tillitsvalde vert registrert her.',
    en: 'Union representatives and service areas comment and suggest. The discussion meeting with the union representatives is recorded here.',
  },
  styringsgruppe: {
    nb: 'Styringsgruppen vurderer en låst kandidat. Hvert medlem godkjenner eller sender tilbake.',
    nn: 'Styringsgruppa vurderer ein låst kandidat. Kvart medlem godkjenner eller sender tilbake.',
    en: 'The steering group reviews a frozen candidate. Each member approves or returns it.',
  },
  godkjenning: {
    nb: '{ExecutiveDefinite} godkjenner den endelige versjonen.',
    nn: '{ExecutiveDefinite} godkjenner den endelege versjonen.',
    en: 'The chief executive approves the final version.',
  },
  politisk: {
    nb: 'Formannskap og kommunestyre behandler strategien. Saksnummer, møtedato og vedtak registreres.',
    nn: 'Formannskap og kommunestyre handsamar strategien. Saksnummer, møtedato og vedtak vert registrerte.',
    en: 'The executive committee and council treat the strategy. Case number, meeting date and decision are recorded.',
  },
  vedtatt: {
    nb: 'Den vedtatte versjonen er publisert, kan ikke endres, og oppfølgingen starter.',
    nn: 'Den vedtekne versjonen er publisert, kan ikkje endrast, og oppfølginga startar.',
    en: 'The adopted version is published, cannot be changed, and follow-up starts.',
  },
};

export const ACTION_LABELS: Readonly<Record<WorkflowAction, Labels>> = {
  give_mandate: { nb: 'Gi mandat', nn: 'Gi mandat', en: 'Give the mandate' },
  update_settings: {
    nb: 'Endre prosessinnstillinger',
    nn: 'Endre prosessinnstillingar',
    en: 'Change process settings',
  },
  start_consultation: { nb: 'Start intern høring', nn: 'Start intern høyring', en: 'Start internal consultation' },
  record_meeting: { nb: 'Registrer drøftingsmøte', nn: 'Registrer drøftingsmøte', en: 'Record discussion meeting' },
  submit: { nb: 'Send til styringsgruppen', nn: 'Send til styringsgruppa', en: 'Submit to the steering group' },
  steering_approve: {
    nb: 'Godkjenn i styringsgruppen',
    nn: 'Godkjenn i styringsgruppa',
    en: 'Approve for the steering group',
  },
  steering_return: {
    nb: 'Send tilbake fra styringsgruppen',
    nn: 'Send tilbake frå styringsgruppa',
    en: 'Return from the steering group',
  },
  executive_approve: {
    nb: 'Godkjenn endelig versjon',
    nn: 'Godkjenn endeleg versjon',
    en: 'Approve the final version',
  },
  executive_return: { nb: 'Send tilbake til utkast', nn: 'Send tilbake til utkast', en: 'Return to draft' },
  record_decision: {
    nb: 'Registrer politisk vedtak',
    nn: 'Registrer politisk vedtak',
    en: 'Record the political decision',
  },
  adopt_changed_version: { nb: 'Vedta endret versjon', nn: 'Vedta endra versjon', en: 'Adopt the changed version' },
};

export const DECISION_LABELS: Readonly<Record<PoliticalDecision, Labels>> = {
  adopted: { nb: 'Vedtatt', nn: 'Vedteke', en: 'Adopted' },
  adopted_with_changes: { nb: 'Vedtatt med endringer', nn: 'Vedteke med endringar', en: 'Adopted with changes' },
  not_adopted: { nb: 'Ikke vedtatt', nn: 'Ikkje vedteke', en: 'Not adopted' },
};

export const QUORUM_LABELS: Readonly<Record<Quorum, Labels>> = {
  all: { nb: 'Alle medlemmene', nn: 'Alle medlemene', en: 'All members' },
  majority: { nb: 'Flertallet', nn: 'Fleirtalet', en: 'A majority' },
};

/** What a return's comment thread opens with, before the reason. */
export const RETURN_THREAD_LABELS: Readonly<Record<'steering_return' | 'executive_return' | 'not_adopted', Labels>> = {
  steering_return: {
    nb: 'Sendt tilbake til utkast fra styringsgruppen',
    nn: 'Sendt tilbake til utkast frå styringsgruppa',
    en: 'Returned to draft by the steering group',
  },
  executive_return: {
    nb: 'Sendt tilbake til utkast av {executiveDefinite}',
    nn: 'Sendt tilbake til utkast av {executiveDefinite}',
    en: 'Returned to draft by the chief executive',
  },
  not_adopted: {
    nb: 'Ikke vedtatt i politisk behandling; tilbake til utkast',
    nn: 'Ikkje vedteke i politisk handsaming; tilbake til utkast',
    en: 'Not adopted in political treatment; back to draft',
  },
};

/**
 * A label in `locale`, the executive named by the organization's `executiveTitle` (its key or its
 * title as stored; kommunedirektør when missing): in a strategy, its own organization's.
 */
export function workflowLabel(labels: Labels, locale: Locale, executiveTitle?: string | null): string {
  const language = labels[locale] ? locale : 'nb';
  return fillExecutive(labels[language], executiveWords(executiveTitle, language));
}
