import { k } from './dialect';
import { strategies, users } from './schema';

/**
 * Saved states of a strategy's text: named by a leader, made at a workflow gate, or made after an
 * hour with edits. A version keeps the full Yjs state (so the exact document can be rebuilt) and the
 * ProseMirror JSON of every section with the outline as it was, so it reads, compares and exports
 * without replaying anything, even after the outline changed.
 */
export const versions = k.table(
  'versions',
  {
    id: k.text('id').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … per strategy, in the order the versions were made. */
    number: k.integer('number').notNull(),
    name: k.text('name'),
    kind: k.textEnum('kind', ['named', 'gate', 'hourly']).notNull(),
    /** The workflow stage the strategy was in when the version was made. */
    stage: k.text('stage').notNull(),
    contentHash: k.text('content_hash').notNull(),
    /** Null for versions the server made on its own (hourly). */
    createdBy: k.text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
    /** Y.encodeStateAsUpdate of the whole document. */
    state: k.bytes('state').notNull(),
    /** JSON: [{key, number, title, parentKey, content}] in outline order. */
    sections: k.text('sections').notNull(),
  },
  (t) => [
    k.uniqueIndex('versions_strategy_number_unique').on(t.strategyId, t.number),
    k.index('versions_strategy_created_idx').on(t.strategyId, t.createdAt),
  ],
);
