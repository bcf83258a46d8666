import { Redis } from 'ioredis';
import type { Logger } from 'pino';

/** What another process delivers: the channel and the bytes published on it. */
export type NewsListener = (message: Buffer) => void;

/**
 * News between server processes: document updates with their sequence numbers, awareness,
 * events, revocations. News only: the database is the record, so whatever a listener misses
 * (Redis down, a reconnect) it fills from the database when `onResume` tells it to.
 * A process never receives its own messages.
 */
export interface NewsBus {
  /** True while messages reach the other processes. */
  readonly connected: boolean;
  publish(channel: string, message: Uint8Array): void;
  /** Returns the unsubscribe function. */
  subscribe(channel: string, listener: NewsListener): () => void;
  /**
   * Called whenever news may have been missed and flows again (after Redis came back), and
   * when it stops (listeners then poll the database until it resumes).
   */
  onState(listener: (connected: boolean) => void): () => void;
  close(): Promise<void>;
}

/** One process alone: nobody to tell. */
export class LocalBus implements NewsBus {
  readonly connected = true;
  publish(): void {}
  subscribe(): () => void {
    return () => {};
  }
  onState(): () => void {
    return () => {};
  }
  async close(): Promise<void> {}
}

/** The id that marks this process's own messages, so it drops them when Redis echoes them back. */
const SENDER_BYTES = 8;

/**
 * Redis pub/sub through ioredis: one connection publishes, one listens. Each message starts with
 * the sender's id; ioredis resubscribes after a reconnect by itself, and `onState` reports the gap.
 */
export class RedisBus implements NewsBus {
  private readonly publisher: Redis;
  /** The connection that publishes, for other short commands (the shared connection ledger): it fails fast while Redis is away. */
  get commands(): Redis {
    return this.publisher;
  }
  private readonly subscriber: Redis;
  private readonly sender = Buffer.from(crypto.getRandomValues(new Uint8Array(SENDER_BYTES)));
  private readonly listeners = new Map<string, Set<NewsListener>>();
  private readonly stateListeners = new Set<(connected: boolean) => void>();
  private ready = false;

  constructor(
    url: string,
    private readonly log: Logger,
  ) {
    // Commands wait while Redis is away only briefly: news that cannot go out is news lost,
    // and listeners catch up from the database anyway.
    const options = { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false } as const;
    this.publisher = new Redis(url, options);
    this.subscriber = new Redis(url, { ...options, enableOfflineQueue: true });
    this.subscriber.on('messageBuffer', (channel: Buffer, message: Buffer) => this.deliver(channel, message));
    this.subscriber.on('ready', () => this.setReady(true));
    for (const client of [this.publisher, this.subscriber]) {
      client.on('error', (err: Error) => this.log.warn({ err: err.message }, 'redis connection problem'));
      client.on('close', () => this.setReady(false));
    }
  }

  get connected(): boolean {
    return this.ready && this.publisher.status === 'ready';
  }

  publish(channel: string, message: Uint8Array): void {
    if (this.publisher.status !== 'ready') return;
    this.publisher.publish(channel, Buffer.concat([this.sender, message])).catch((err: Error) => {
      this.log.warn({ err: err.message, channel }, 'news not published; listeners catch up from the database');
    });
  }

  subscribe(channel: string, listener: NewsListener): () => void {
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      void this.subscriber.subscribe(channel).catch((err: Error) => {
        this.log.warn({ err: err.message, channel }, 'subscribing failed; resubscribed on reconnect');
      });
    }
    set.add(listener);
    return () => {
      const current = this.listeners.get(channel);
      if (!current?.delete(listener) || current.size > 0) return;
      this.listeners.delete(channel);
      void this.subscriber.unsubscribe(channel).catch(() => {});
    };
  }

  onState(listener: (connected: boolean) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.stateListeners.clear();
    this.listeners.clear();
    this.publisher.disconnect();
    this.subscriber.disconnect();
  }

  private setReady(ready: boolean): void {
    if (this.ready === ready) return;
    this.ready = ready;
    for (const listener of [...this.stateListeners]) listener(ready);
  }

  private deliver(channel: Buffer, message: Buffer): void {
    if (message.length < SENDER_BYTES || this.sender.equals(message.subarray(0, SENDER_BYTES))) return;
    const listeners = this.listeners.get(channel.toString());
    if (!listeners) return;
    const body = message.subarray(SENDER_BYTES);
    for (const listener of [...listeners]) {
      try {
        listener(body);
      } catch (err) {
        this.log.error({ err, channel: channel.toString() }, 'a news listener failed');
      }
    }
  }
}
