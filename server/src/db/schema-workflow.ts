import { k } from './dialect';
import { strategies, users } from './schema';
import { versions } from './schema-versions';

// The approval workflow's records. The stage itself stays on `strategies.stage` (the strategy list
// shows it); everything else the workflow knows lives here. A strategy without a row has the
// default settings and has never been submitted.

const timestamp = k.timestamp;
const now = k.now;

/** Settings, the frozen flag and the candidate under approval: one row per strategy. */
export const strategyWorkflows = k.table('strategy_workflows', {
  strategyId: k
    .text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  /** False when the strategy is adopted administratively by the executive's approval. */
  politicalRequired: k.boolean('political_required').notNull().default(true),
  quorum: k.textEnum('quorum', ['all', 'majority']).notNull().default('all'),
  /** JSON array of the councils that adopt the strategy (several for a joint strategy). */
  councils: k.json<string[]>('councils').notNull().default(['Kommunestyret']),
  /** The text refuses every edit; the collaboration socket's rights read this on connect. */
  frozen: k.boolean('frozen').notNull().default(false),
  /** Counts submissions: approvals and political decisions belong to one round. */
  round: k.integer('round').notNull().default(0),
  candidateVersionId: k.text('candidate_version_id').references(() => versions.id, { onDelete: 'set null' }),
  candidateHash: k.text('candidate_hash'),
  /** A council adopted with changes; the text is open for them until the changed version is adopted. */
  changesPending: k.boolean('changes_pending').notNull().default(false),
  updatedAt: timestamp('updated_at').notNull().default(now()),
});

/** The mandate the executive gives at Oppstart; given again, it is replaced (history keeps each). */
export const workflowMandates = k.table('workflow_mandates', {
  strategyId: k
    .text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  periodStart: k.integer('period_start').notNull(),
  periodEnd: k.integer('period_end').notNull(),
  /** ISO date (yyyy-mm-dd) the strategy is due. */
  deadline: k.text('deadline').notNull(),
  projectLeaderId: k
    .text('project_leader_id')
    .notNull()
    .references(() => users.id),
  note: k.text('note'),
  givenBy: k.text('given_by').references(() => users.id, { onDelete: 'set null' }),
  givenAt: timestamp('given_at').notNull().default(now()),
});

/**
 * Drøftingsmøter: the discussion with the union representatives that the Hovedavtalen asks for,
 * recorded during Intern høring. Participants are names as written in the minutes; who of them is a
 * union representative is for members to see only, so none of this is ever published.
 */
export const consultationMeetings = k.table(
  'workflow_meetings',
  {
    id: k.text('id').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** ISO date of the meeting. */
    date: k.text('date').notNull(),
    participants: k.json<string[]>('participants').notNull(),
    minutes: k.text('minutes').notNull(),
    /**
     * The employer that held the meeting, in a joint strategy each participating organization holds
     * its own with its own union representatives; null for a strategy of one organization.
     */
    organizationId: k.text('organization_id'),
    /** The members (role union, of that employer) who took part, besides the names in `participants`. */
    unionRepresentativeIds: k.json<string[]>('union_representative_ids'),
    recordedBy: k.text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at').notNull().default(now()),
  },
  (t) => [k.index('workflow_meetings_strategy_idx').on(t.strategyId, t.date)],
);

/** Each gate decision: a steering member's or the executive's approval or return, with the hash it names. */
export const workflowApprovals = k.table(
  'workflow_approvals',
  {
    id: k.text('id').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    round: k.integer('round').notNull(),
    /** 'styringsgruppe' or 'godkjenning' */
    stage: k.text('stage').notNull(),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id),
    decision: k.textEnum('decision', ['approve', 'return']).notNull(),
    reason: k.text('reason'),
    /** The candidate's hash the decision was about. */
    contentHash: k.text('content_hash').notNull(),
    versionId: k.text('version_id').references(() => versions.id, { onDelete: 'set null' }),
    at: timestamp('at').notNull().default(now()),
  },
  (t) => [k.index('workflow_approvals_strategy_idx').on(t.strategyId, t.round)],
);

/** Every transition, in order: the timeline. */
export const workflowHistory = k.table(
  'workflow_history',
  {
    id: k.serial('id'),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    fromStage: k.text('from_stage').notNull(),
    toStage: k.text('to_stage').notNull(),
    action: k.text('action').notNull(),
    actorId: k.text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** A remark, or the reason for a return. */
    note: k.text('note'),
    versionId: k.text('version_id').references(() => versions.id, { onDelete: 'set null' }),
    contentHash: k.text('content_hash'),
    at: timestamp('at').notNull().default(now()),
  },
  (t) => [k.index('workflow_history_strategy_idx').on(t.strategyId, t.id)],
);

/** Political treatment: one decision per council and round. */
export const politicalDecisions = k.table(
  'workflow_decisions',
  {
    id: k.text('id').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    round: k.integer('round').notNull(),
    council: k.text('council').notNull(),
    saksnummer: k.text('saksnummer').notNull(),
    /** ISO date of the meeting. */
    meetingDate: k.text('meeting_date').notNull(),
    decision: k.textEnum('decision', ['adopted', 'adopted_with_changes', 'not_adopted']).notNull(),
    note: k.text('note'),
    /** For adopted_with_changes: the version with the changes, once adopted. */
    appliedVersionId: k.text('applied_version_id').references(() => versions.id, { onDelete: 'set null' }),
    recordedBy: k.text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at').notNull().default(now()),
  },
  (t) => [k.index('workflow_decisions_strategy_idx').on(t.strategyId, t.round)],
);

/** The adopted version, published read-only at /vedtatt/<slug>. */
export const publications = k.table(
  'publications',
  {
    slug: k.text('slug').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    versionId: k
      .text('version_id')
      .notNull()
      .references(() => versions.id),
    contentHash: k.text('content_hash').notNull(),
    publishedBy: k.text('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at').notNull().default(now()),
  },
  (t) => [k.uniqueIndex('publications_strategy_unique').on(t.strategyId)],
);
