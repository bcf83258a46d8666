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
