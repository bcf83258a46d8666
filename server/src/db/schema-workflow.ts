import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { strategies, users } from './schema';
import { versions } from './schema-versions';

// The approval workflow's records. The stage itself stays on `strategies.stage` (the strategy list
// shows it); everything else the workflow knows lives here. A strategy without a row has the
// default settings and has never been submitted.

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const now = () => sql`(unixepoch('subsec') * 1000)`;

/** Settings, the frozen flag and the candidate under approval: one row per strategy. */
export const strategyWorkflows = sqliteTable('strategy_workflows', {
  strategyId: text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  /** False when the strategy is adopted administratively by the executive's approval. */
  politicalRequired: integer('political_required', { mode: 'boolean' }).notNull().default(true),
  quorum: text('quorum', { enum: ['all', 'majority'] })
    .notNull()
    .default('all'),
  /** JSON array of the councils that adopt the strategy (several for a joint strategy). */
  councils: text('councils', { mode: 'json' })
    .notNull()
    .$type<string[]>()
    .default(sql`'["Kommunestyret"]'`),
  /** The text refuses every edit; the collaboration socket's rights read this on connect. */
  frozen: integer('frozen', { mode: 'boolean' }).notNull().default(false),
  /** Counts submissions: approvals and political decisions belong to one round. */
  round: integer('round').notNull().default(0),
  candidateVersionId: text('candidate_version_id').references(() => versions.id, { onDelete: 'set null' }),
  candidateHash: text('candidate_hash'),
  /** A council adopted with changes; the text is open for them until the changed version is adopted. */
  changesPending: integer('changes_pending', { mode: 'boolean' }).notNull().default(false),
  updatedAt: timestamp('updated_at').notNull().default(now()),
});

/** The mandate the executive gives at Oppstart; given again, it is replaced (history keeps each). */
export const workflowMandates = sqliteTable('workflow_mandates', {
  strategyId: text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  periodStart: integer('period_start').notNull(),
  periodEnd: integer('period_end').notNull(),
  /** ISO date (yyyy-mm-dd) the strategy is due. */
  deadline: text('deadline').notNull(),
  projectLeaderId: text('project_leader_id')
    .notNull()
    .references(() => users.id),
  note: text('note'),
  givenBy: text('given_by').references(() => users.id, { onDelete: 'set null' }),
  givenAt: timestamp('given_at').notNull().default(now()),
});

/**
 * Drøftingsmøter: the discussion with the union representatives that the Hovedavtalen asks for,
 * recorded during Intern høring. Participants are names as written in the minutes; who of them is a
 * union representative is for members to see only, so none of this is ever published.
 */
export const consultationMeetings = sqliteTable(
  'workflow_meetings',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** ISO date of the meeting. */
    date: text('date').notNull(),
    participants: text('participants', { mode: 'json' }).notNull().$type<string[]>(),
    minutes: text('minutes').notNull(),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    recordedAt: timestamp('recorded_at').notNull().default(now()),
  },
  (t) => [index('workflow_meetings_strategy_idx').on(t.strategyId, t.date)],
);

/** Each gate decision: a steering member's or the executive's approval or return, with the hash it names. */
export const workflowApprovals = sqliteTable(
  'workflow_approvals',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    /** 'styringsgruppe' or 'godkjenning' */
    stage: text('stage').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    decision: text('decision', { enum: ['approve', 'return'] }).notNull(),
    reason: text('reason'),
    /** The candidate's hash the decision was about. */
    contentHash: text('content_hash').notNull(),
    versionId: text('version_id').references(() => versions.id, { onDelete: 'set null' }),
    at: timestamp('at').notNull().default(now()),
  },
  (t) => [index('workflow_approvals_strategy_idx').on(t.strategyId, t.round)],
);

/** Every transition, in order: the timeline. */
export const workflowHistory = sqliteTable(
  'workflow_history',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    fromStage: text('from_stage').notNull(),
    toStage: text('to_stage').notNull(),
    action: text('action').notNull(),
    actorId: text('actor_id').references(() => users.id, { onDelete: 'set null' }),
    /** A remark, or the reason for a return. */
    note: text('note'),
    versionId: text('version_id').references(() => versions.id, { onDelete: 'set null' }),
    contentHash: text('content_hash'),
    at: timestamp('at').notNull().default(now()),
  },
  (t) => [index('workflow_history_strategy_idx').on(t.strategyId, t.id)],
);

/** Political treatment: one decision per council and round. */
export const politicalDecisions = sqliteTable(
  'workflow_decisions',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    council: text('council').notNull(),
    saksnummer: text('saksnummer').notNull(),
    /** ISO date of the meeting. */
    meetingDate: text('meeting_date').notNull(),
    decision: text('decision', { enum: ['adopted', 'adopted_with_changes', 'not_adopted'] }).notNull(),
    note: text('note'),
    /** For adopted_with_changes: the version with the changes, once adopted. */
    appliedVersionId: text('applied_version_id').references(() => versions.id, { onDelete: 'set null' }),
    recordedBy: text('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    at: timestamp('at').notNull().default(now()),
  },
  (t) => [index('workflow_decisions_strategy_idx').on(t.strategyId, t.round)],
);

/** The adopted version, published read-only at /vedtatt/<slug>. */
export const publications = sqliteTable(
  'publications',
  {
    slug: text('slug').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    versionId: text('version_id')
      .notNull()
      .references(() => versions.id),
    contentHash: text('content_hash').notNull(),
    publishedBy: text('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at').notNull().default(now()),
  },
  (t) => [uniqueIndex('publications_strategy_unique').on(t.strategyId)],
);
