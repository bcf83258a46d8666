import { k } from './dialect';
import type { MeasureFields } from '@samstrat/shared/action-plans';
import { strategies, users } from './schema';

// Action plans follow a strategy up, one per year. Their measures name goals by `goalId` only: the
// goals' words are read from the strategy's text when shown, never copied here.

const timestamp = k.timestamp;
const now = k.now;

/** A strategy's action plan for one year. `state`: shared/action-plans PLAN_STATES. */
export const actionPlans = k.table(
  'action_plans',
  {
    id: k.text('id').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    year: k.integer('year').notNull(),
    state: k.text('state').notNull().default('draft'),
    /** The plan whose unfinished measures this one carried forward, if any. */
    carriedFromId: k.text('carried_from_id'),
    createdBy: k.text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull().default(now()),
    /** shared/plan-approval `planContentHash` of the content the executive approved; null while a draft. */
    approvedHash: k.text('approved_hash'),
    approvedBy: k.text('approved_by').references(() => users.id, { onDelete: 'set null' }),
    approvedAt: timestamp('approved_at'),
    /** The political decision (kommunestyret, with budget and økonomiplan), if recorded: YYYY-MM-DD and case number. */
    decisionDate: k.text('decision_date'),
    decisionCaseNumber: k.text('decision_case_number'),
  },
  (t) => [k.uniqueIndex('action_plans_strategy_year_idx').on(t.strategyId, t.year)],
);

/**
 * A measure (tiltak) of one plan. A measure carried into the next year's plan is a new row with the
 * same `lineageId`; its status history is kept per lineage, so it travels along without copying.
 * `version` counts writes: an edit writes only over the version it read (optimistic concurrency).
 */
export const measures = k.table(
  'measures',
  {
    id: k.text('id').primaryKey(),
    planId: k
      .text('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    lineageId: k.text('lineage_id').notNull(),
    /** MeasureFields as JSON, validated by shared/action-plans before it is written. */
    fields: k.json<MeasureFields>('fields').notNull(),
    /** fields.ownerId, as a column for "my measures". */
    ownerId: k.text('owner_id').notNull(),
    /** shared/action-plans MEASURE_STATUSES. */
    status: k.text('status').notNull().default('planned'),
    position: k.integer('position').notNull(),
    version: k.integer('version').notNull().default(1),
    createdAt: timestamp('created_at').notNull().default(now()),
    updatedAt: timestamp('updated_at').notNull().default(now()),
  },
  (t) => [k.index('measures_plan_idx').on(t.planId, t.position), k.index('measures_owner_idx').on(t.ownerId)],
);

/** The dated status notes of a measure's lineage, oldest first: every report stays. */
export const measureStatusNotes = k.table(
  'measure_status_notes',
  {
    id: k.text('id').primaryKey(),
    lineageId: k.text('lineage_id').notNull(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** The plan year the report was made in. */
    year: k.integer('year').notNull(),
    status: k.text('status').notNull(),
    note: k.text('note').notNull(),
    authorId: k.text('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull().default(now()),
  },
  (t) => [k.index('measure_status_notes_lineage_idx').on(t.lineageId, t.createdAt)],
);

/**
 * A status round: a leader asks the owners of a plan's unfinished measures for their status by a
 * day. A new round of the same plan closes the open one (`closedAt`); its unanswered requests then
 * leave the owners' inboxes.
 */
export const statusRounds = k.table(
  'status_rounds',
  {
    id: k.text('id').primaryKey(),
    planId: k
      .text('plan_id')
      .notNull()
      .references(() => actionPlans.id, { onDelete: 'cascade' }),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** The day the answers are due, YYYY-MM-DD (Oslo). */
    dueDate: k.text('due_date').notNull(),
    message: k.text('message').notNull(),
    createdBy: k.text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at').notNull().default(now()),
    /** How many reminders were sent, and when the last went. */
    reminders: k.integer('reminders').notNull().default(0),
    remindedAt: timestamp('reminded_at'),
    closedAt: timestamp('closed_at'),
  },
  (t) => [k.index('status_rounds_plan_idx').on(t.planId, t.createdAt)],
);

/**
 * One measure asked about in a round. The owner is the measure's owner now (read through the
 * measure), so a measure handed over moves its request along. `answeredAt` is set by the status report.
 */
export const statusRequests = k.table(
  'status_requests',
  {
    id: k.text('id').primaryKey(),
    roundId: k
      .text('round_id')
      .notNull()
      .references(() => statusRounds.id, { onDelete: 'cascade' }),
    measureId: k
      .text('measure_id')
      .notNull()
      .references(() => measures.id, { onDelete: 'cascade' }),
    answeredAt: timestamp('answered_at'),
  },
  (t) => [
    k.uniqueIndex('status_requests_round_measure_idx').on(t.roundId, t.measureId),
    k.index('status_requests_measure_idx').on(t.measureId),
  ],
);
