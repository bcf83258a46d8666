import { and, asc, eq, gt, lte, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { isStrategyEvent, type StrategyEvent } from '@samstrat/shared/events';
import { LocalBus, type NewsBus } from './cluster/bus';
import type { Db, Tx } from './db/client';
import { strategyEventHeads, strategyEvents } from './db/schema';

/** An event as it went out: the id (its sequence number in the strategy) is what EventSource sends back as Last-Event-ID. */
export interface DeliveredEvent {
  id: string;
  event: StrategyEvent;
}

export type EventListener = (delivered: DeliveredEvent) => void;

/** An open event stream as the bus tracks it, so logouts and removals can end it (like LiveSocket). */
export interface LiveStream {
  readonly userId: string;
  readonly sessionId: string;
  readonly strategyId: string;
  close(reason: string): void;
}

export interface EventBusOptions {
  /** How many recent events per strategy a reconnecting client can catch up on. */
  replayLimit?: number;
  /** How often an idle stream sends a comment, so proxies keep it open and a client that went away is noticed. */
  heartbeatMs?: number;
  /** News from and to the other server processes; none when this process is alone. */
  bus?: NewsBus;
}

const CHANNEL = 'samstrat:events';
/** How long an event may wait for an earlier one before the gap is read from the database. */
const GAP_WAIT_MS = 200;
/** While news does not flow, strategies with listeners read new events from the database this often. */
const FALLBACK_POLL_MS = 1_000;

/** What each strategy with listeners has delivered, and what came early. */
interface Delivery {
  /** The last delivered sequence number; null until the head of the stream is known. */
  last: number | null;
  early: Map<number, StrategyEvent>;
  gapTimer: NodeJS.Timeout | null;
  reading: Promise<void> | null;
}

/**
 * A strategy's event stream, on every server process. A command stores its events in its own
 * transaction (state, audit entry, then event), each with the strategy's next sequence number; once
 * it commits they are delivered here to the open streams and told to the other processes, which
 * deliver them to theirs. Each process delivers a
 * strategy's events in sequence order and reads any it missed from the database, so a lost message
 * delays an event and never loses it; a client reconnecting anywhere replays from its Last-Event-ID.
 */
export class EventBus {
  /** Settable so tests need not wait 25 s; read when a stream opens. */
  heartbeatMs: number;
  private readonly replayLimit: number;
  private readonly bus: NewsBus;
  private readonly listeners = new Map<string, Set<EventListener>>();
  private readonly deliveries = new Map<string, Delivery>();
  private readonly streams = new Set<LiveStream>();
  private readonly unsubscribe: () => void;
  private readonly stopWatching: () => void;
  private pollTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Logger,
    options: EventBusOptions = {},
  ) {
    this.replayLimit = options.replayLimit ?? 200;
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    this.bus = options.bus ?? new LocalBus();
    this.unsubscribe = this.bus.subscribe(CHANNEL, (message) => this.hear(message));
    this.stopWatching = this.bus.onState((connected) => {
      if (connected) this.catchUpAll();
      this.poll(!connected);
    });
    if (options.bus) this.poll(!this.bus.connected);
  }

  /**
   * Stores the event in the command's transaction `tx`, as the strategy's next sequence number;
   * once that commits, delivers it here and tells the other processes. A command that rolls back
   * told nobody anything, and a committed one cannot lose its event.
   */
  async publishIn(tx: Tx, strategyId: string, event: StrategyEvent): Promise<void> {
    const [head] = await tx
      .insert(strategyEventHeads)
      .values({ strategyId, seq: 1 })
      .onConflictDoUpdate({
        target: strategyEventHeads.strategyId,
        set: { seq: sql`${strategyEventHeads.seq} + 1` },
      })
      .returning({ seq: strategyEventHeads.seq });
    const seq = head!.seq;
    await tx.insert(strategyEvents).values({ strategyId, seq, event: event as unknown as Record<string, unknown> });
    // Only the latest are kept: enough for a reconnecting client, never a growing table.
    await tx
      .delete(strategyEvents)
      .where(and(eq(strategyEvents.strategyId, strategyId), lte(strategyEvents.seq, seq - this.replayLimit)));
    tx.afterCommit(() => {
      this.bus.publish(CHANNEL, Buffer.from(JSON.stringify({ strategyId, seq, event }), 'utf8'));
      this.arrived(strategyId, seq, event);
    });
  }

  /** An event of its own transaction, for what happens outside any command (tests, mostly). */
  async publish(strategyId: string, event: StrategyEvent): Promise<void> {
    await this.db.transaction(async (tx) => await this.publishIn(tx, strategyId, event));
  }

  /** Returns the unsubscribe function. */
  subscribe(strategyId: string, listener: EventListener): () => void {
    const set = this.listeners.get(strategyId) ?? new Set();
    set.add(listener);
    this.listeners.set(strategyId, set);
    if (!this.deliveries.has(strategyId)) this.startDelivery(strategyId);
    return () => this.unsubscribe_(strategyId, listener);
  }

  /** Delivery of a strategy's events here starts after the newest stored when the first listener came. */
  private startDelivery(strategyId: string): void {
    const delivery: Delivery = { last: null, early: new Map(), gapTimer: null, reading: null };
    this.deliveries.set(strategyId, delivery);
    void this.db
      .select({ seq: strategyEventHeads.seq })
      .from(strategyEventHeads)
      .where(eq(strategyEventHeads.strategyId, strategyId))
      .then(
        ([head]) => {
          delivery.last = head?.seq ?? 0;
          for (const seq of delivery.early.keys()) if (seq <= delivery.last) delivery.early.delete(seq);
          this.deliverInOrder(strategyId, delivery);
          if (delivery.early.size > 0) this.scheduleGapRead(strategyId, delivery);
        },
        (err: unknown) => {
          this.log.warn({ err, strategyId }, 'the event stream could not read where it starts');
          delivery.last = 0;
        },
      );
  }

  private unsubscribe_(strategyId: string, listener: EventListener): void {
    const set = this.listeners.get(strategyId);
    if (!set) return;
    set.delete(listener);
    if (set.size > 0) return;
    this.listeners.delete(strategyId);
    const delivery = this.deliveries.get(strategyId);
    if (delivery?.gapTimer) clearTimeout(delivery.gapTimer);
    this.deliveries.delete(strategyId);
  }

  listenerCount(strategyId: string): number {
    return this.listeners.get(strategyId)?.size ?? 0;
  }

  /**
   * The events after `lastEventId`, oldest first; null when they cannot be told (an id from an
   * older version of the server, or older than what is kept), so the client must resync.
   */
  async since(strategyId: string, lastEventId: string): Promise<DeliveredEvent[] | null> {
    if (!/^\d+$/.test(lastEventId)) return null;
    const last = Number(lastEventId);
    const rows = await this.db
      .select({ seq: strategyEvents.seq, event: strategyEvents.event })
      .from(strategyEvents)
      .where(and(eq(strategyEvents.strategyId, strategyId), gt(strategyEvents.seq, last)))
      .orderBy(asc(strategyEvents.seq));
    const [head] = await this.db
      .select({ seq: strategyEventHeads.seq })
      .from(strategyEventHeads)
      .where(eq(strategyEventHeads.strategyId, strategyId));
    const newest = head?.seq ?? 0;
    if (last > newest) return null;
    // Some were pruned between `last` and what is kept: they cannot be replayed.
    if (newest > last && (rows[0]?.seq ?? newest + 1) > last + 1) return null;
    return rows
      .filter((row) => isStrategyEvent(row.event))
      .map((row) => ({ id: String(row.seq), event: row.event as unknown as StrategyEvent }));
  }

  track(stream: LiveStream): void {
    this.streams.add(stream);
  }

  untrack(stream: LiveStream): void {
    this.streams.delete(stream);
  }

  /** Ends every stream here that matches, e.g. a removed member's or an ended session's. */
  closeStreams(match: (stream: LiveStream) => boolean, reason: string): number {
    let closed = 0;
    for (const stream of [...this.streams]) {
      if (match(stream)) {
        stream.close(reason);
        closed++;
      }
    }
    return closed;
  }

  /** Used at shutdown: open streams would otherwise keep their responses pending. */
  async closeAll(): Promise<void> {
    this.closeStreams(() => true, 'server shutting down');
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.stopWatching();
    this.unsubscribe();
    for (const delivery of this.deliveries.values()) if (delivery.gapTimer) clearTimeout(delivery.gapTimer);
  }

  /** An event from another process. */
  private hear(message: Buffer): void {
    let parsed: { strategyId?: unknown; seq?: unknown; event?: unknown };
    try {
      parsed = JSON.parse(message.toString('utf8')) as typeof parsed;
    } catch (err) {
      return this.log.warn({ err }, 'an unreadable event from another process');
    }
    const { strategyId, seq, event } = parsed;
    if (typeof strategyId !== 'string' || typeof seq !== 'number' || !isStrategyEvent(event)) return;
    this.arrived(strategyId, seq, event);
  }

  /** Delivers an event in its strategy's order: at once when it is next, else after what comes before it. */
  private arrived(strategyId: string, seq: number, event: StrategyEvent): void {
    const delivery = this.deliveries.get(strategyId);
    if (!delivery || !this.listeners.has(strategyId)) return;
    if (delivery.last !== null && seq <= delivery.last) return;
    delivery.early.set(seq, event);
    if (delivery.last === null) return;
    this.deliverInOrder(strategyId, delivery);
    if (delivery.early.size > 0) this.scheduleGapRead(strategyId, delivery);
  }

  private deliverInOrder(strategyId: string, delivery: Delivery): void {
    if (delivery.last === null) return;
    for (let next = delivery.early.get(delivery.last + 1); next; next = delivery.early.get(delivery.last + 1)) {
      delivery.early.delete(delivery.last + 1);
      delivery.last += 1;
      this.deliver(strategyId, { id: String(delivery.last), event: next });
    }
  }

  private deliver(strategyId: string, delivered: DeliveredEvent): void {
    for (const listener of [...(this.listeners.get(strategyId) ?? [])]) {
      // One broken stream must not keep the event from the others, nor fail the command that published.
      try {
        listener(delivered);
      } catch {
        /* the stream's own handler logs and closes */
      }
    }
  }

  private scheduleGapRead(strategyId: string, delivery: Delivery): void {
    if (delivery.gapTimer) return;
    delivery.gapTimer = setTimeout(() => {
      delivery.gapTimer = null;
      if (delivery.early.size > 0) void this.readMissing(strategyId, delivery);
    }, GAP_WAIT_MS);
    delivery.gapTimer.unref();
  }

  /** Reads from the database what this process has not delivered of a strategy's events. */
  private readMissing(strategyId: string, delivery: Delivery): Promise<void> {
    if (delivery.last === null) return Promise.resolve();
    delivery.reading ??= (async () => {
      try {
        const after = delivery.last ?? 0;
        const rows = await this.db
          .select({ seq: strategyEvents.seq, event: strategyEvents.event })
          .from(strategyEvents)
          .where(and(eq(strategyEvents.strategyId, strategyId), gt(strategyEvents.seq, after)))
          .orderBy(asc(strategyEvents.seq));
        for (const row of rows) {
          const last = delivery.last ?? 0;
          if (row.seq <= last || !isStrategyEvent(row.event)) continue;
          // Pruned meanwhile: skip ahead rather than wait for what can no longer come.
          if (row.seq > last + 1 && !delivery.early.has(last + 1)) delivery.last = row.seq - 1;
          delivery.early.set(row.seq, row.event as unknown as StrategyEvent);
          this.deliverInOrder(strategyId, delivery);
        }
      } catch (err) {
        this.log.warn({ err, strategyId }, 'reading missed events failed; tried again later');
      } finally {
        delivery.reading = null;
      }
    })();
    return delivery.reading;
  }

  private catchUpAll(): void {
    for (const [strategyId, delivery] of this.deliveries) void this.readMissing(strategyId, delivery);
  }

  /** While news does not flow, every strategy someone listens to here reads its new events from the database. */
  private poll(on: boolean): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (!on) return;
    this.pollTimer = setInterval(() => {
      for (const [strategyId, delivery] of this.deliveries) void this.readMissing(strategyId, delivery);
    }, FALLBACK_POLL_MS);
    this.pollTimer.unref();
  }
}
