import { k } from './dialect';
import { organizations, strategies, users } from './schema';

/**
 * The organizations that take part in a strategy written jointly (interkommunalt samarbeid), each
 * with the council that adopts it for them. The strategy's own organization (`strategies.organizationId`)
 * is the first; a strategy without rows here is its organization's alone. Rules: shared/participants.
 */
export const strategyParticipants = k.table(
  'strategy_participants',
  {
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    organizationId: k
      .text('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The council that records this organization's decision (a name in the workflow's `councils`). */
    council: k.text('council').notNull(),
    position: k.integer('position').notNull(),
    addedBy: k.text('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
  },
  (t) => [
    k.primaryKey({ columns: [t.strategyId, t.organizationId] }),
    k.index('strategy_participants_organization_idx').on(t.organizationId),
  ],
);
