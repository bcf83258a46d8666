import type { Logger } from 'pino';
import type { CollabMetrics } from './metrics';
import { recordSince } from './metrics';
import type { EditOrigin } from './origins';
import { StaleRights, type DocumentStore, type Writer } from './persistence';
import type { RoomConnection } from './room';

/**
 * An update applied to a room's document: the connection it came from (null when the server made
 * it), who made it as saved-change listeners hear it, and when it arrived (performance.now()).
 * `saved` hears when it is stored (a server edit waits for that).
 */
export interface Applied {
  update: Uint8Array;
  from: RoomConnection | null;
  origin: EditOrigin | null;
  arrivedAt: number;
  saved?: { resolve(): void; reject(err: unknown): void };
}

/** What a room does with what the write-ahead step stored, or could not store. */
export interface WriteAheadListener {
  /** A batch is stored, with the sequence number of its last update: send it. */
  saved(batch: Applied[], lastSeq: number): void;
  /**
   * The database refused the batch because some writers' rights changed (a revocation this
   * process never heard of). Nothing of it is stored; the room must drop what it applied.
   */
  refused(batch: Applied[], stale: StaleRights): void;
  /** `compactAfter` updates were stored since the last fold. */
  compactDue(): void;
}

/**
 * The write-ahead step of a room: applied updates are appended to the update log, one
 * transaction per batch and one batch at a time (so the log's order is the order they were
 * applied), and only a stored batch is handed on to be sent, so no client ever sees an update a
 * crash could lose. A batch the database fails to take is kept and retried; the room is never
 * dropped with it.
 */
export class WriteAhead {
  /** Applied, not yet being saved. */
  private pending: Applied[] = [];
  private saving: Promise<void> | null = null;
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
    private readonly listener: WriteAheadListener,
  ) {}

  /** True while applied updates still wait to reach the database. */
  get hasUnsaved(): boolean {
    return this.pending.length > 0 || this.saving !== null;
  }

  /** Takes an applied update; it is saved at the end of this tick unless `flush` comes sooner. */
  enqueue(applied: Applied): void {
    this.pending.push(applied);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  /** Starts saving what waits, unless a save is under way (what waits then goes right after it). */
  flush(): void {
    this.flushScheduled = false;
    if (this.saving || this.retryTimer || this.pending.length === 0 || this.closed) return;
    const batch = this.pending;
    this.pending = [];
    this.saving = this.save(batch).finally(() => {
      this.saving = null;
      this.flush();
    });
  }

  /** Resolves once nothing waits to be saved; rejects if the database keeps refusing. */
  async drain(): Promise<void> {
    this.flush();
    while (this.saving) {
      await this.saving;
      if (this.retryTimer) throw new Error(`room ${this.strategyId} could not save its updates`);
    }
  }

  /** The log was folded into one state. */
  compacted(): void {
    this.updatesSinceCompaction = 0;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private async save(batch: Applied[]): Promise<void> {
    const started = performance.now();
    let lastSeq: number;
    try {
      lastSeq = await this.store.append(
        this.strategyId,
        batch.map((p) => p.update),
        writersOf(batch),
      );
    } catch (err) {
      if (err instanceof StaleRights) {
        for (const p of batch) p.saved?.reject(err);
        this.listener.refused(batch, err);
        return;
      }
      // Keep the batch, in front of what came since: the room stays in memory and tries again,
      // and nothing is sent unsaved.
      this.log.error({ err, strategyId: this.strategyId }, 'saving updates failed; retrying');
      this.pending = [...batch, ...this.pending];
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.flush();
      }, 1_000);
      return;
    }
    recordSince(this.metrics.persist, started);
    if (this.closed) return;
    this.listener.saved(batch, lastSeq);
    for (const p of batch) p.saved?.resolve();
    this.updatesSinceCompaction += batch.length;
    if (this.updatesSinceCompaction >= this.compactAfter) {
      this.updatesSinceCompaction = 0;
      this.listener.compactDue();
    }
  }
}

/**
 * The people whose sockets sent a batch, each with the rights version their sockets hold, read
 * when the storing transaction checks it: an outline change may regrant a socket (and move its
 * version) while the batch waits for the database.
 */
function writersOf(batch: readonly Applied[]): Writer[] {
  const writers = new Map<string, RoomConnection[]>();
  for (const { from } of batch) {
    if (from?.rightsVersion === undefined) continue;
    writers.set(from.userId, [...(writers.get(from.userId) ?? []), from]);
  }
  return [...writers].map(([userId, connections]) => ({
    userId,
    // Two sockets of one person under different versions: the older one is stale, so check that.
    get rightsVersion() {
      return Math.min(...connections.map((c) => c.rightsVersion!));
    },
  }));
}
