import { k } from './dialect';
import { strategies, users } from './schema';

/**
 * Sections a leader took out of the outline ("Fjernede deler"). Their text stays in the strategy's
 * Y.Doc under the same key (Yjs roots are never deleted) and their comment threads stay where they
 * are, so restoring a row puts the section back whole. A row is deleted only by restoring it: the
 * outline and this table together are the keys the strategy has used, and a new section never
 * takes one of them (shared/outline `newSectionKey`).
 */
export const removedSections = k.table(
  'removed_sections',
  {
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    key: k.text('key').notNull(),
    title: k.text('title').notNull(),
    /** The number it had when it was removed, as the list shows it. */
    number: k.text('number').notNull(),
    /** The chapter it was under; restoring puts it back at the end of that chapter if it is still there. */
    parentKey: k.text('parent_key'),
    restricted: k.boolean('restricted').notNull().default(false),
    removedBy: k.text('removed_by').references(() => users.id, { onDelete: 'set null' }),
    removedAt: k.timestamp('removed_at').notNull().default(k.now()),
  },
  (t) => [k.primaryKey({ columns: [t.strategyId, t.key] })],
);

/**
 * An area's sub-strategy (delstrategi): another strategy of the same organization that a leader
 * linked to the area. One link per area; the linked strategy's title, stage and published page are
 * read from it when the outline is shown, so they follow it without being copied here.
 */
export const sectionSubstrategies = k.table(
  'section_substrategies',
  {
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    sectionKey: k.text('section_key').notNull(),
    substrategyId: k
      .text('substrategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    linkedBy: k.text('linked_by').references(() => users.id, { onDelete: 'set null' }),
    linkedAt: k.timestamp('linked_at').notNull().default(k.now()),
  },
  (t) => [k.primaryKey({ columns: [t.strategyId, t.sectionKey] })],
);
