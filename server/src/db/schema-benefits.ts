import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { BenefitInput } from '@samstrat/shared/benefits';
import { strategies, users } from './schema';

/**
 * The benefit page's figures for one strategy, each with its source note, as the leader last saved
 * them. One row per strategy; none until the leader first saves (the page then shows the defaults).
 */
export const strategyBenefits = sqliteTable('strategy_benefits', {
  strategyId: text('strategy_id')
    .primaryKey()
    .references(() => strategies.id, { onDelete: 'cascade' }),
  /** BenefitInput as JSON, validated by benefitInputSchema before it is written. */
  input: text('input', { mode: 'json' }).notNull().$type<BenefitInput>(),
  /** The municipality's own eKommune score for the status comparison; null until set. */
  statusScore: integer('status_score'),
  updatedBy: text('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
});
