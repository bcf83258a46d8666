import { sql } from 'drizzle-orm';
import { blob, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { strategies, users } from './schema';

/**
 * Saved states of a strategy's text: named by a leader, made at a workflow gate, or made after an
 * hour with edits. A version keeps the full Yjs state (so the exact document can be rebuilt) and the
 * ProseMirror JSON of every section with the outline as it was, so it reads, compares and exports
 * without replaying anything, even after the outline changed.
 */
export const versions = sqliteTable(
  'versions',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** 1, 2, 3 … per strategy, in the order the versions were made. */
    number: integer('number').notNull(),
    name: text('name'),
    kind: text('kind', { enum: ['named', 'gate', 'hourly'] }).notNull(),
    /** The workflow stage the strategy was in when the version was made. */
    stage: text('stage').notNull(),
    contentHash: text('content_hash').notNull(),
    /** Null for versions the server made on its own (hourly). */
    createdBy: text('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: integer('created_at', { mode: 'timestamp_ms' })
      .notNull()
      .default(sql`(unixepoch('subsec') * 1000)`),
    /** Y.encodeStateAsUpdate of the whole document. */
    state: blob('state', { mode: 'buffer' }).notNull(),
    /** JSON: [{key, number, title, parentKey, content}] in outline order. */
    sections: text('sections').notNull(),
  },
  (t) => [
    uniqueIndex('versions_strategy_number_unique').on(t.strategyId, t.number),
    index('versions_strategy_created_idx').on(t.strategyId, t.createdAt),
  ],
);
