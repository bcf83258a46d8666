import { k } from './dialect';
import type { BenefitInput } from '@samstrat/shared/benefits';
import { strategies, users } from './schema';

/**
 * The benefit page's figures for one strategy, each with its source note, as the leader last saved
 * them. One row per strategy; none until the leader first saves (the page then shows the defaults).
 */
export const strategyBenefits = k.table('strategy_benefits', {
  strategyId: k
    .text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  /** BenefitInput as JSON, validated by benefitInputSchema before it is written. */
  input: k.json<BenefitInput>('input').notNull(),
  /** The municipality's own eKommune score for the status comparison; null until set. */
  statusScore: k.integer('status_score'),
  updatedBy: k.text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: k.timestamp('updated_at').notNull(),
});

/** An entry on the SWOT board of Oppstart (issue 13): one note in one quadrant, with its author. */
export const swotEntries = k.table(
  'swot_entries',
  {
    id: k.text('id').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** shared/swot SWOT_KINDS. */
    kind: k.text('kind').notNull(),
    text: k.text('text').notNull(),
    authorId: k.text('author_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: k.timestamp('created_at').notNull(),
  },
  (t) => [k.index('swot_entries_strategy_idx').on(t.strategyId)],
);
