import { k } from './dialect';
import { users } from './schema';

/**
 * The outbox: every e-mail Samstrat sends is a row here first, written in the transaction of the
 * event that causes it, and sent by a worker (server/src/mail/outbox.ts) that claims rows with a
 * token and a lease, so several processes never send one row twice.
 *
 * `eventKey` + `recipient` is unique: one mail per event and recipient, however often the code
 * that enqueues runs. The row holds what to say (`payload`, rendered in `locale` when sent), not
 * the finished mail, so a retry after a fix sends the fixed text. A payload may hold a secret (an
 * invitation's token): `secret` is cleared once the mail is sent.
 *
 * status: `pending` (to send at `nextAttemptAt`), `sending` (claimed until `claimedUntil`), `sent`,
 * `failed` (given up), `held` (waits for the person's daily digest), `digested` (went out in one).
 */
export const mailOutbox = k.table(
  'mail_outbox',
  {
    id: k.text('id').primaryKey(),
    /** What caused it, e.g. `notification:<id>`, `invitation:<id>`, `approval:<strategy>:<round>:<stage>`. */
    eventKey: k.text('event_key').notNull(),
    /** The person's id, or the address when the mail goes to someone without an account. */
    recipient: k.text('recipient').notNull(),
    userId: k.text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    toAddress: k.text('to_address').notNull(),
    kind: k.text('kind').notNull(),
    locale: k.text('locale').notNull(),
    payload: k.json<Record<string, unknown>>('payload').notNull(),
    /** A value the mail needs once and nobody should find later (an invitation token). */
    secret: k.text('secret'),
    status: k.text('status').notNull().default('pending'),
    attempts: k.integer('attempts').notNull().default(0),
    nextAttemptAt: k.timestamp('next_attempt_at').notNull().default(k.now()),
    claimToken: k.text('claim_token'),
    claimedUntil: k.timestamp('claimed_until'),
    lastError: k.text('last_error'),
    /** For a `digested` row: the digest mail it went out in. */
    digestId: k.text('digest_id'),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
    sentAt: k.timestamp('sent_at'),
  },
  (t) => [
    k.uniqueIndex('mail_outbox_event_recipient_unique').on(t.eventKey, t.recipient),
    k.index('mail_outbox_due_idx').on(t.status, t.nextAttemptAt),
    k.index('mail_outbox_user_idx').on(t.userId, t.status),
  ],
);

/** A person's e-mail choices (shared/mail MailSettings); no row means the defaults. */
export const mailSettings = k.table('mail_settings', {
  userId: k
    .text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  locale: k.text('locale').notNull().default('nb'),
  digest: k.boolean('digest').notNull().default(false),
  /** The optional kinds the person wants (shared/mail OPTIONAL_MAIL_KINDS). */
  kinds: k.json<string[]>('kinds').notNull(),
  updatedAt: k.timestamp('updated_at').notNull().default(k.now()),
});

/**
 * Links to choose a new password (local accounts), asked for by e-mail address. Only the SHA-256
 * of the link's token is stored; single use (`usedAt`), valid for an hour.
 */
export const passwordResets = k.table(
  'password_resets',
  {
    id: k.text('id').primaryKey(),
    tokenHash: k.text('token_hash').notNull(),
    userId: k
      .text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: k.timestamp('expires_at').notNull(),
    usedAt: k.timestamp('used_at'),
    createdAt: k.timestamp('created_at').notNull().default(k.now()),
  },
  (t) => [
    k.uniqueIndex('password_resets_token_unique').on(t.tokenHash),
    k.index('password_resets_user_idx').on(t.userId),
  ],
);
