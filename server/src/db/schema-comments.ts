import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { QuoteContext } from '@samstrat/shared/anchors';
import { strategies, users } from './schema';

// Comments live in the database, not in the Y.Doc: members who may not edit the text (union reps,
// the steering group, the executive) must still be able to comment on it, and nothing they do may
// ever write the document.

const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });
const now = () => sql`(unixepoch('subsec') * 1000)`;

/**
 * A thread anchored to a range of one section. Its first comment has the thread's id. The anchor is
 * two Yjs relative positions (base64 of `Y.encodeRelativePosition`) plus the text they covered.
 */
export const commentThreads = sqliteTable(
  'comment_threads',
  {
    id: text('id').primaryKey(),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    sectionKey: text('section_key').notNull(),
    anchorStart: text('anchor_start').notNull(),
    anchorEnd: text('anchor_end').notNull(),
    quote: text('quote').notNull(),
    /**
     * The words around the quote while they single it out in its section, so a thread that comes
     * loose (an undo restores its text under new Yjs ids) finds it again. Null when they do not, or
     * when the quote was cut at its length limit. Kept current by `comments/reanchor.ts`.
     */
    quoteContext: text('quote_context', { mode: 'json' }).$type<QuoteContext>(),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    /** 'open' | 'resolved' */
    status: text('status').notNull().default('open'),
    resolvedBy: text('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at'),
    /** Replacement text for the anchored range ("Forslag til endring"); null for a plain comment. */
    suggestionText: text('suggestion_text'),
    /** 'open' | 'accepted' | 'rejected'; null for a plain comment. */
    suggestionStatus: text('suggestion_status'),
    suggestionDecidedBy: text('suggestion_decided_by').references(() => users.id),
    suggestionDecidedAt: timestamp('suggestion_decided_at'),
    suggestionReason: text('suggestion_reason'),
    createdAt: timestamp('created_at').notNull().default(now()),
    updatedAt: timestamp('updated_at').notNull().default(now()),
  },
  (t) => [index('comment_threads_strategy_idx').on(t.strategyId, t.sectionKey)],
);

/** The thread's first comment and its replies. Never deleted: deleting blanks the body, hiding withholds it. */
export const comments = sqliteTable(
  'comments',
  {
    id: text('id').primaryKey(),
    threadId: text('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    /** Plain text with `@[Name](userId)` mentions; empty once deleted. */
    body: text('body').notNull(),
    createdAt: timestamp('created_at').notNull().default(now()),
    editedAt: timestamp('edited_at'),
    deletedAt: timestamp('deleted_at'),
    hiddenAt: timestamp('hidden_at'),
    hiddenBy: text('hidden_by').references(() => users.id),
  },
  (t) => [index('comments_thread_idx').on(t.threadId, t.createdAt)],
);

/** Who a comment mentions (members only), as it reads now. */
export const commentMentions = sqliteTable(
  'comment_mentions',
  {
    commentId: text('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.userId] })],
);

/** A person's inbox: mentions, replies to their threads, suggestions on sections they own, decisions. */
export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    strategyId: text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** 'mention' | 'reply' | 'suggestion' | 'decision' */
    kind: text('kind').notNull(),
    threadId: text('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    commentId: text('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    actorId: text('actor_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at').notNull().default(now()),
    readAt: timestamp('read_at'),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)],
);
