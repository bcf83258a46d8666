import type { Logger } from 'pino';
import type { CollabMetrics } from './metrics';
import { recordSince } from './metrics';
import type { EditOrigin } from './origins';
import type { DocumentStore } from './persistence';
import type { RoomConnection } from './room';

/**
 * An update applied to a room's document: the connection it came from (null when the server made
 * it), who made it as saved-change listeners hear it, and when it arrived (performance.now()).
 */
export interface Applied {
  update: Uint8Array;
  from: RoomConnection | null;
  origin: EditOrigin | null;
  arrivedAt: number;
}

/**
 * The write-ahead step of a room: applied updates are appended to the update log in one
 * transaction per tick, and only a saved batch is handed on (to the broadcast), so no client ever
 * sees an update that a crash could lose. A batch the database refuses is kept and retried; the
 * room is never dropped with it. After `compactAfter` saved updates the log is folded.
 */
export class WriteAhead {
  /** Applied, not yet saved. */
  private pending: Applied[] = [];
  private flushScheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private updatesSinceCompaction = 0;
  private closed = false;

  constructor(
    private readonly strategyId: string,
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly metrics: CollabMetrics,
    private readonly compactAfter: number,
    /** Gets every saved batch, in order. */
    private readonly onSaved: (batch: Applied[]) => void,
    /** Folds the log; called soon after `compactAfter` updates were saved. */
    private readonly compact: () => void,
  ) {}

  /** True while applied updates still wait to reach the database. */
  get hasUnsaved(): boolean {
    return this.pending.length > 0;
  }

  /** Takes an applied update; it is saved at the end of this tick unless `flush` comes sooner. */
  enqueue(applied: Applied): void {
    this.pending.push(applied);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Saves what waits, now. On failure it keeps the batch and retries in a second. */
  flush(): void {
    this.flushScheduled = false;
    if (this.pending.length === 0 || this.closed) return;
    const batch = this.pending;
    const started = performance.now();
    try {
      this.store.append(
        this.strategyId,
        batch.map((p) => p.update),
      );
      recordSince(this.metrics.persist, started);
    } catch (err) {
      // Keep the batch: the room stays in memory and tries again; nothing is broadcast unsaved.
      this.log.error({ err, strategyId: this.strategyId }, 'saving updates failed; retrying');
      this.retryTimer ??= setTimeout(() => {
        this.retryTimer = null;
        this.flush();
      }, 1_000);
      return;
    }
    this.pending = [];
    this.onSaved(batch);
    this.updatesSinceCompaction += batch.length;
    if (this.updatesSinceCompaction >= this.compactAfter) {
      setImmediate(() => this.compactQuietly());
    }
  }

  /** The log was folded into one state. */
  compacted(): void {
    this.updatesSinceCompaction = 0;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }

  private compactQuietly(): void {
    if (this.closed) return;
    try {
      this.compact();
    } catch (err) {
      this.log.error({ err, strategyId: this.strategyId }, 'compaction failed; the update log is intact');
    }
  }
}
