import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import type { Locale } from '@samstrat/shared/errors';
import {
  isLocale,
  isOptionalMailKind,
  MAIL_KINDS,
  osloDay,
  startOfOsloDay,
  type MailKind,
} from '@samstrat/shared/mail';
import type { Db, Tx } from '../db/client';
import { users } from '../db/schema';
import { mailOutbox } from '../db/schema-mail';
import type { MailPayloads } from './kinds';
import { composeMail } from './compose';
import { readMailSettings } from './settings';
import type { MailTransport } from './transport';

/** Who a mail goes to: a person (their address, language and choices apply) or a bare address. */
export type MailRecipient = { userId: string } | { address: string; locale: Locale };

export interface NewMail<K extends MailKind = MailKind> {
  kind: K;
  /**
   * What caused the mail, the same however often the enqueuing code runs: one mail per event and
   * recipient (the outbox's unique key), e.g. `notification:<id>` or `approval:<strategy>:<round>:<stage>`.
   */
  eventKey: string;
  to: MailRecipient;
  payload: MailPayloads[K];
  /** A value the mail needs once (an invitation's token); cleared from the outbox when sent. */
  secret?: string;
}

export interface MailerOptions {
  db: Db;
  log: Logger;
  /** Null: no SMTP configured; nothing is enqueued and nothing is sent. */
  transport: MailTransport | null;
  /** The origin links in mails start with (PUBLIC_ORIGIN, or the server's own address). */
  origin: () => string;
  pollMs: number;
  retryBaseMs: number;
  maxAttempts: number;
  leaseMs: number;
}

/** Mails claimed and sent in one go. */
const BATCH = 20;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

/**
 * The e-mail outbox and its worker. Commands call `enqueue` inside their transaction, so a mail is
 * stored if and only if its event is; the worker sends what is due after each commit and every
 * `pollMs`, on every server process:
 *
 * - claim: a batch of due rows gets this attempt's token and a lease, in one statement
 *   (`FOR UPDATE SKIP LOCKED` on PostgreSQL, so processes take different rows without waiting; on
 *   SQLite in the one writer's transaction). A row whose lease ran out (its process died) is due again.
 * - send, then mark `sent` only while the token is still ours; a refusal puts the row back with
 *   exponential backoff (`retryBaseMs` doubled per attempt, at most an hour) until `maxAttempts`.
 *
 * So no two processes send a row at the same time. A process that dies after the SMTP server took
 * a mail but before marking it sent leaves it to be sent again after the lease: at least once in
 * that crash, exactly once otherwise.
 */
export class Mailer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: MailerOptions) {}

  /** Whether this installation sends mail (SMTP is configured). */
  get enabled(): boolean {
    return this.options.transport !== null;
  }

  /**
   * Stores a mail in the command's transaction (nothing when mail is off, when the person is
   * inactive, or has turned this kind off). A person who chose the daily digest gets optional kinds
   * held for it. A second call for the same event and recipient changes nothing.
   */
  async enqueue<K extends MailKind>(tx: Tx, mail: NewMail<K>): Promise<void> {
    if (!this.enabled) return;
    let userId: string | null = null;
    let address: string;
    let locale: Locale;
    let status = 'pending';
    if ('userId' in mail.to) {
      const person = (
        await tx
          .select({ email: users.email, active: users.active })
          .from(users)
          .where(eq(users.id, mail.to.userId))
          .limit(1)
      )[0];
      if (!person?.active) return;
      const settings = await readMailSettings(tx, mail.to.userId);
      if (isOptionalMailKind(mail.kind)) {
        if (!settings.kinds.includes(mail.kind)) return;
        if (settings.digest) status = 'held';
      }
      userId = mail.to.userId;
      address = person.email;
      locale = settings.locale;
    } else {
      address = mail.to.address;
      locale = mail.to.locale;
    }
    if (undeliverable(address)) return;
    const inserted = await tx
      .insert(mailOutbox)
      .values({
        id: randomUUID(),
        eventKey: mail.eventKey,
        recipient: userId ?? address,
        userId,
        toAddress: address,
        kind: mail.kind,
        locale,
        payload: mail.payload as unknown as Record<string, unknown>,
        secret: mail.secret ?? null,
        status,
      })
      .onConflictDoNothing()
      .returning({ id: mailOutbox.id });
    if (inserted.length > 0 && status === 'pending') tx.afterCommit(() => this.kick());
  }

  /** Starts the worker: a look at the outbox now and every `pollMs`. */
  start(): void {
    if (!this.enabled || this.timer) return;
    this.timer = setInterval(() => this.kick(), this.options.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Looks at the outbox soon (after a commit that enqueued a mail); one look at a time per process. */
  kick(): void {
    if (!this.enabled || this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = (async () => {
      do {
        this.again = false;
        try {
          await this.collectDigests();
          while ((await this.deliverDue()) > 0 && !this.stopped);
        } catch (err) {
          this.options.log.error({ err }, 'mail: the outbox could not be worked through');
        }
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
  }

  /** Stops the worker and waits for a look in progress; the transport is closed. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    this.options.transport?.close();
  }

  /**
   * Claims the mails due at `now` and sends them; answers how many it claimed (0: nothing due).
   * Safe to run on several processes at once.
   */
  async deliverDue(now = new Date()): Promise<number> {
    const transport = this.options.transport;
    if (!transport) return 0;
    const token = await this.claim(now);
    const rows = await this.options.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.claimToken, token))
      .orderBy(asc(mailOutbox.createdAt));
    for (const row of rows) {
      const log = this.options.log.child({ mailId: row.id, kind: row.kind });
      try {
        if (!(MAIL_KINDS as readonly string[]).includes(row.kind) || !isLocale(row.locale)) {
          throw new Error(`unknown kind or language: ${row.kind}, ${row.locale}`);
        }
        const composed = composeMail(row.kind as MailKind, row.payload, row.locale, row.secret, this.options.origin());
        await transport.send({ to: row.toAddress, locale: row.locale, ...composed });
        await this.options.db.transaction(async (tx) => {
          await tx
            .update(mailOutbox)
            .set({ status: 'sent', sentAt: new Date(), secret: null, claimToken: null, claimedUntil: null })
            .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.claimToken, token)));
        });
        log.info('mail sent');
      } catch (err) {
        const giveUp = row.attempts >= this.options.maxAttempts;
        const backoff = Math.min(this.options.retryBaseMs * 2 ** Math.max(0, row.attempts - 1), MAX_BACKOFF_MS);
        await this.options.db.transaction(async (tx) => {
          await tx
            .update(mailOutbox)
            .set({
              status: giveUp ? 'failed' : 'pending',
              nextAttemptAt: new Date(now.getTime() + backoff),
              lastError: String((err as Error)?.message ?? err).slice(0, 500),
              claimToken: null,
              claimedUntil: null,
              ...(giveUp ? { secret: null } : {}),
            })
            .where(and(eq(mailOutbox.id, row.id), eq(mailOutbox.claimToken, token)));
        });
        if (giveUp) log.error({ err, attempts: row.attempts }, 'mail given up');
        else log.warn({ err, attempts: row.attempts, retryInMs: backoff }, 'mail refused; will retry');
      }
    }
    return rows.length;
  }

  /** Gives a batch of due rows this attempt's token; answers the token. */
  private async claim(now: Date): Promise<string> {
    const { db, leaseMs } = this.options;
    const token = randomUUID();
    const until = new Date(now.getTime() + leaseMs);
    if (db.engine === 'postgres') {
      // One statement, so one transaction: rows another process holds locked are skipped, not waited for.
      await db.execute(sql`
        UPDATE mail_outbox SET status = 'sending', claim_token = ${token}, claimed_until = ${until.toISOString()},
          attempts = attempts + 1
        WHERE id IN (
          SELECT id FROM mail_outbox
          WHERE (status = 'pending' AND next_attempt_at <= ${now.toISOString()})
             OR (status = 'sending' AND claimed_until <= ${now.toISOString()})
          ORDER BY next_attempt_at
          LIMIT ${BATCH}
          FOR UPDATE SKIP LOCKED
        )`);
      return token;
    }
    // SQLite has one writer at a time: this transaction sees and claims rows nobody else can touch meanwhile.
    await db.transaction(async (tx) => {
      const due = or(
        and(eq(mailOutbox.status, 'pending'), lte(mailOutbox.nextAttemptAt, now)),
        and(eq(mailOutbox.status, 'sending'), lte(mailOutbox.claimedUntil, now)),
      );
      const ids = (
        await tx
          .select({ id: mailOutbox.id })
          .from(mailOutbox)
          .where(due)
          .orderBy(asc(mailOutbox.nextAttemptAt))
          .limit(BATCH)
      ).map((r) => r.id);
      if (ids.length === 0) return;
      await tx
        .update(mailOutbox)
        .set({ status: 'sending', claimToken: token, claimedUntil: until, attempts: sql`${mailOutbox.attempts} + 1` })
        .where(and(inArray(mailOutbox.id, ids), due));
    });
    return token;
  }

  /**
   * The daily digest: for each person with mails held for it from before the start of `now`'s day
   * (Oslo time), one digest mail listing them, and the held rows marked as gone out in it. Answers
   * how many digests it made. Run by the worker on every look; a test passes an explicit `now`.
   */
  async collectDigests(now = new Date()): Promise<number> {
    if (!this.enabled) return 0;
    const cutoff = startOfOsloDay(now);
    const day = osloDay(new Date(cutoff.getTime() - 1));
    const people = await this.options.db
      .selectDistinct({ userId: mailOutbox.userId })
      .from(mailOutbox)
      .where(and(eq(mailOutbox.status, 'held'), lt(mailOutbox.createdAt, cutoff)));
    let made = 0;
    for (const { userId } of people) {
      if (!userId) continue;
      const digestId = randomUUID();
      const done = await this.options.db.transaction(async (tx) => {
        const held = await tx
          .select({ id: mailOutbox.id, kind: mailOutbox.kind, payload: mailOutbox.payload })
          .from(mailOutbox)
          .where(and(eq(mailOutbox.userId, userId), eq(mailOutbox.status, 'held'), lt(mailOutbox.createdAt, cutoff)))
          .orderBy(asc(mailOutbox.createdAt), asc(mailOutbox.id));
        if (held.length === 0) return false;
        const person = (
          await tx.select({ email: users.email, active: users.active }).from(users).where(eq(users.id, userId)).limit(1)
        )[0];
        await tx
          .update(mailOutbox)
          .set({ status: 'digested', digestId })
          .where(
            inArray(
              mailOutbox.id,
              held.map((h) => h.id),
            ),
          );
        if (!person?.active) return false;
        const settings = await readMailSettings(tx, userId);
        await tx
          .insert(mailOutbox)
          .values({
            id: digestId,
            // The first item names the batch: two processes collecting the same rows make the same key.
            eventKey: `digest:${day}:${held[0]!.id}`,
            recipient: userId,
            userId,
            toAddress: person.email,
            kind: 'digest',
            locale: settings.locale,
            payload: { day, items: held.map((h) => ({ kind: h.kind, payload: h.payload })) },
          })
          .onConflictDoNothing();
        return true;
      });
      if (done) made++;
    }
    return made;
  }
}

/**
 * An address under the `.invalid` top-level domain, which RFC 2606 reserves as never deliverable:
 * the placeholder of an account a provider signed in without vouching for an e-mail address.
 */
function undeliverable(address: string): boolean {
  return /\.invalid$/i.test(address);
}
