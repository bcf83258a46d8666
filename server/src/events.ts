import { randomBytes } from 'node:crypto';
import type { StrategyEvent } from '@samstrat/shared/events';

/** An event as it went out: the id is what EventSource sends back as Last-Event-ID on reconnect. */
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
}

/**
 * The in-process event bus: one channel per strategy. Commands publish after their transaction has
 * committed; the event stream route subscribes one listener per open stream. Several processes
 * would need Redis pub/sub behind the same interface.
 */
export class EventBus {
  /** Settable so tests need not wait 25 s; read when a stream opens. */
  heartbeatMs: number;
  private readonly replayLimit: number;
  // Ids carry a per-process epoch so a client reconnecting after a restart is told to resync
  // instead of being matched against a new, unrelated sequence.
  private readonly epoch = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly listeners = new Map<string, Set<EventListener>>();
  private readonly recent = new Map<string, { events: DeliveredEvent[]; evictedUpTo: number }>();
  private readonly streams = new Set<LiveStream>();

  constructor(options: EventBusOptions = {}) {
    this.replayLimit = options.replayLimit ?? 200;
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
  }

  publish(strategyId: string, event: StrategyEvent): DeliveredEvent {
    const delivered = { id: `${this.epoch}.${++this.seq}`, event };
    const recent = this.recent.get(strategyId) ?? { events: [], evictedUpTo: 0 };
    recent.events.push(delivered);
    if (recent.events.length > this.replayLimit) {
      const evicted = recent.events.shift()!;
      recent.evictedUpTo = this.sequenceOf(evicted.id) ?? recent.evictedUpTo;
    }
    this.recent.set(strategyId, recent);
    for (const listener of [...(this.listeners.get(strategyId) ?? [])]) {
      // One broken stream must not keep the event from the others, nor fail the command that published.
      try {
        listener(delivered);
      } catch {
        /* the stream's own handler logs and closes */
      }
    }
    return delivered;
  }

  /** Returns the unsubscribe function. */
  subscribe(strategyId: string, listener: EventListener): () => void {
    const set = this.listeners.get(strategyId) ?? new Set();
    set.add(listener);
    this.listeners.set(strategyId, set);
    return () => this.unsubscribe(strategyId, listener);
  }

  unsubscribe(strategyId: string, listener: EventListener): void {
    const set = this.listeners.get(strategyId);
    if (!set) return;
    set.delete(listener);
    if (set.size === 0) this.listeners.delete(strategyId);
  }

  listenerCount(strategyId: string): number {
    return this.listeners.get(strategyId)?.size ?? 0;
  }

  /**
   * The events after `lastEventId`, oldest first; null when the bus cannot tell what was missed
   * (an id from before a restart, or older than what it keeps), so the client must resync.
   */
  since(strategyId: string, lastEventId: string): DeliveredEvent[] | null {
    const last = this.sequenceOf(lastEventId);
    if (last === null) return null;
    const recent = this.recent.get(strategyId);
    if (!recent) return [];
    if (last < recent.evictedUpTo) return null;
    return recent.events.filter((e) => (this.sequenceOf(e.id) ?? 0) > last);
  }

  track(stream: LiveStream): void {
    this.streams.add(stream);
  }

  untrack(stream: LiveStream): void {
    this.streams.delete(stream);
  }

  /** Ends every stream that matches, e.g. a removed member's or an ended session's (see access/revocation.ts). */
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
  closeAll(): void {
    this.closeStreams(() => true, 'server shutting down');
  }

  /** The sequence number of an id from this process, or null for anything else. */
  private sequenceOf(id: string): number | null {
    const [epoch, seq] = id.split('.');
    if (epoch !== this.epoch || !seq || !/^\d+$/.test(seq)) return null;
    return Number(seq);
  }
}
