import { k } from './dialect';
import type { QuoteContext } from '@samstrat/shared/anchors';
import { strategies, users } from './schema';

// Comments live in the database, not in the Y.Doc: members who may not edit the text (union reps,
// the steering group, the executive) must still be able to comment on it, and nothing they do may
// ever write the document.

const timestamp = k.timestamp;
const now = k.now;

/**
 * A thread anchored to a range of one section. Its first comment has the thread's id. The anchor is
 * two Yjs relative positions (base64 of `Y.encodeRelativePosition`) plus the text they covered.
 */
export const commentThreads = k.table(
  'comment_threads',
  {
    id: k.text('id').primaryKey(),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    sectionKey: k.text('section_key').notNull(),
    anchorStart: k.text('anchor_start').notNull(),
    anchorEnd: k.text('anchor_end').notNull(),
    quote: k.text('quote').notNull(),
    /**
     * The words around the quote while they single it out in its section, so a thread that comes
     * loose (an undo restores its text under new Yjs ids) finds it again. Null when they do not, or
     * when the quote was cut at its length limit. Kept current by `comments/reanchor.ts`.
     */
    quoteContext: k.json<QuoteContext>('quote_context'),
    authorId: k
      .text('author_id')
      .notNull()
      .references(() => users.id),
    /** 'open' | 'resolved' */
    status: k.text('status').notNull().default('open'),
    resolvedBy: k.text('resolved_by').references(() => users.id),
    resolvedAt: timestamp('resolved_at'),
    /** Replacement text for the anchored range ("Forslag til endring"); null for a plain comment. */
    suggestionText: k.text('suggestion_text'),
    /** 'open' | 'accepted' | 'rejected'; null for a plain comment. */
    suggestionStatus: k.text('suggestion_status'),
    suggestionDecidedBy: k.text('suggestion_decided_by').references(() => users.id),
    suggestionDecidedAt: timestamp('suggestion_decided_at'),
    suggestionReason: k.text('suggestion_reason'),
    createdAt: timestamp('created_at').notNull().default(now()),
    updatedAt: timestamp('updated_at').notNull().default(now()),
  },
  (t) => [k.index('comment_threads_strategy_idx').on(t.strategyId, t.sectionKey)],
);

/** The thread's first comment and its replies. Never deleted: deleting blanks the body, hiding withholds it. */
export const comments = k.table(
  'comments',
  {
    id: k.text('id').primaryKey(),
    threadId: k
      .text('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    authorId: k
      .text('author_id')
      .notNull()
      .references(() => users.id),
    /** Plain text with `@[Name](userId)` mentions; empty once deleted. */
    body: k.text('body').notNull(),
    createdAt: timestamp('created_at').notNull().default(now()),
    editedAt: timestamp('edited_at'),
    deletedAt: timestamp('deleted_at'),
    hiddenAt: timestamp('hidden_at'),
    hiddenBy: k.text('hidden_by').references(() => users.id),
  },
  (t) => [k.index('comments_thread_idx').on(t.threadId, t.createdAt)],
);

/** Who a comment mentions (members only), as it reads now. */
export const commentMentions = k.table(
  'comment_mentions',
  {
    commentId: k
      .text('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id),
  },
  (t) => [k.primaryKey({ columns: [t.commentId, t.userId] })],
);

/** A person's inbox: mentions, replies to their threads, suggestions on sections they own, decisions. */
export const notifications = k.table(
  'notifications',
  {
    id: k.text('id').primaryKey(),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id),
    strategyId: k
      .text('strategy_id')
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** 'mention' | 'reply' | 'suggestion' | 'decision' */
    kind: k.text('kind').notNull(),
    threadId: k
      .text('thread_id')
      .notNull()
      .references(() => commentThreads.id, { onDelete: 'cascade' }),
    commentId: k.text('comment_id').references(() => comments.id, { onDelete: 'cascade' }),
    actorId: k
      .text('actor_id')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at').notNull().default(now()),
    readAt: timestamp('read_at'),
  },
  (t) => [k.index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)],
);
