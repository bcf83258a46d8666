import { k } from './dialect';
import { strategies, users } from './schema';

/**
 * Invitations to a strategy with a role. Like sessions, only the SHA-256 of the link's token is
 * stored, so a copy of this table opens no invitation. Single use: `acceptedAt` is set once.
 */
export const invitations = k.table(
  'invitations',
  {
    id: k.text('id').primaryKey(),
    tokenHash: k.text('token_hash').notNull(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    email: k.text('email').notNull(),
    role: k.text('role').notNull(),
    invitedBy: k
      .text('invited_by')
      .notNull()
      .references(() => users.id),
    expiresAt: k.timestamp('expires_at').notNull(),
    acceptedAt: k.timestamp('accepted_at'),
    acceptedBy: k.text('accepted_by').references(() => users.id),
    revokedAt: k.timestamp('revoked_at'),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
  },
  (t) => [
    k.uniqueIndex('invitations_token_unique').on(t.tokenHash),
    k.index('invitations_strategy_idx').on(t.strategyId),
  ],
);
