import type { Logger } from 'pino';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { FanOut } from './fan-out';
import type { Framed } from './framed';
import { LOADING, Loading } from './loading';
import { CollabMetrics, recordSince } from './metrics';
import type { EditOrigin, ServerEdit } from './origins';
import type { DocumentStore } from './persistence';
import { Presence } from './presence';
import type { AwarenessEntry } from './protocol';
import { WriteAhead, type Applied } from './write-ahead';

/** One open socket as the room sees it. */
export interface RoomConnection {
  readonly userId: string;
  /** What saved-change listeners hear about this connection's updates. */
  readonly origin: EditOrigin;
  send(message: Uint8Array): void;
  /** Messages framed once for a whole broadcast, in one write. */
  sendFramed(framed: Framed): void;
  /** Awareness client ids this connection introduced; removed when it leaves. */
  readonly awarenessIds: Set<number>;
  /** Tries again the updates it holds for missing dependencies (see Room.holdsWaiting). */
  retryWaiting?(): void;
}

export interface RoomOptions {
  store: DocumentStore;
  log: Logger;
  /** Saved updates before the log is folded into one state. */
  compactAfter: number;
  metrics?: CollabMetrics;
  /** Called when the stored document cannot be built; the registry drops the room and its sockets. */
  onBroken?: (room: Room) => void;
  /** Hears every saved batch, after it was stored and sent. */
  onSaved?: (strategyId: string, batch: readonly Applied[]) => void;
}

/**
 * An open strategy: its Y.Doc, its awareness and its connections. Its steps each have their own
 * module: loading (the stored document, built lazily), write-ahead (save before anything goes
 * out, then compaction), fan-out (the broadcast) and presence (awareness).
 */
export class Room {
  private readonly ydoc = new Y.Doc({ gc: true });
  readonly connections = new Set<RoomConnection>();
  private readonly loading: Loading;
  private readonly presence: Presence;
  private readonly writeAhead: WriteAhead;
  private readonly fanOut: FanOut;
  private readonly metrics: CollabMetrics;
  /** About the update being applied: when it arrived (null while the server makes its own), and who made it. */
  private arrivedAt: number | null = null;
  private author: RoomConnection | null = null;
  private editOrigin: EditOrigin | null = null;
  /** Connections holding updates that wait for structs the document lacks. */
  private readonly waiting = new Set<RoomConnection>();
  private applied = 0;
  private retrying = false;

  constructor(
    readonly strategyId: string,
    private readonly options: RoomOptions,
  ) {
    const metrics = (this.metrics = options.metrics ?? new CollabMetrics());
    this.presence = new Presence(this.ydoc, this.connections, () => this.fanOut.schedule());
    this.fanOut = new FanOut(this.connections, () => this.presence.takeDue(), metrics);
    this.writeAhead = new WriteAhead(
      strategyId,
      options.store,
      options.log,
      metrics,
      options.compactAfter,
      (batch) => this.saved(batch),
      () => this.persistAll(),
    );
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === LOADING) return;
      this.writeAhead.enqueue({
        update,
        from: this.author,
        origin: this.editOrigin,
        arrivedAt: this.arrivedAt ?? performance.now(),
      });
    });
    this.loading = new Loading(this.ydoc, options.store, strategyId, (err) => {
      options.log.error({ err, strategyId }, 'building the stored document failed');
      options.onBroken?.(this);
    });
  }

  /** The live document, built from storage on first use. */
  get doc(): Y.Doc {
    this.loading.build();
    return this.ydoc;
  }

  get awareness(): Awareness {
    return this.presence.awareness;
  }

  /** Sends a new connection the server's sync step 1 (in a cold room, once the document is built). */
  greet(connection: RoomConnection): void {
    this.loading.greet(connection);
  }

  /** The answer to a client's sync step 1: what it lacks of the document. */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    return this.loading.syncStep2(stateVector);
  }

  /**
   * Applies an update the guard has accepted. The first of a turn is saved and sent at once, so
   * it does not also wait for the rest of the socket's messages (its caret, mostly); later ones
   * are saved together at the end of the tick and sent at the end of the turn.
   */
  applyUpdate(update: Uint8Array, from: RoomConnection, arrivedAt = performance.now()): void {
    const started = performance.now();
    this.arrivedAt = arrivedAt;
    this.author = from;
    this.editOrigin = from.origin;
    try {
      Y.applyUpdate(this.doc, update, from);
    } finally {
      this.arrivedAt = null;
      this.author = null;
      this.editOrigin = null;
    }
    recordSince(this.metrics.apply, started);
    this.applied++;
    if (!this.fanOut.busyThisTurn) this.writeAhead.flush();
    if (this.waiting.size > 0) this.retryWaiting();
  }

  /**
   * Notes whether a connection holds updates waiting for their dependencies. What they wait for
   * usually comes on the same connection (its own sync reply), but may come on another (a second
   * tab that had it first), so each applied update lets them try again.
   */
  holdsWaiting(connection: RoomConnection, waiting: boolean): void {
    if (waiting) this.waiting.add(connection);
    else this.waiting.delete(connection);
  }

  /** Lets waiting connections try again, as long as any of their updates gets applied. */
  private retryWaiting(): void {
    if (this.retrying) return;
    this.retrying = true;
    try {
      let before;
      do {
        before = this.applied;
        for (const connection of [...this.waiting]) connection.retryWaiting?.();
      } while (this.applied !== before && this.waiting.size > 0);
    } finally {
      this.retrying = false;
    }
  }

  /**
   * Runs a server-side edit in one Y transaction. What it changed is saved at once unless
   * `saveLater` (then at the end of the tick, as a socket's update is) and sent to everyone.
   */
  edit<T>(origin: ServerEdit, change: (doc: Y.Doc) => T, saveLater: boolean): T {
    const doc = this.doc;
    this.editOrigin = origin;
    try {
      return Y.transact(doc, () => change(doc), origin);
    } finally {
      this.editOrigin = null;
      if (!saveLater) this.writeAhead.flush();
    }
  }

  add(connection: RoomConnection): void {
    this.connections.add(connection);
  }

  remove(connection: RoomConnection): void {
    this.connections.delete(connection);
    this.waiting.delete(connection);
    this.loading.forget(connection);
    this.presence.remove(connection);
  }

  /** Whether an awareness entry a connection sent relays someone else's presence (see Presence.isRelay). */
  isRelay(entry: AwarenessEntry, connection: RoomConnection): boolean {
    return this.presence.isRelay(entry, connection);
  }

  /** Makes the connection the holder of its own entries' ids (a reconnect over a half-open socket). */
  adoptAwareness(entries: readonly AwarenessEntry[], connection: RoomConnection): void {
    this.presence.adopt(entries, connection);
  }

  /** Saves what waits, then folds the log into one state. Throws if the database refuses. */
  persistAll(): void {
    this.writeAhead.flush();
    if (this.writeAhead.hasUnsaved) throw new Error(`room ${this.strategyId} could not save its updates`);
    // Never built from a compacted state: nothing changed, nothing to fold.
    if (this.loading.untouchedSnapshot) return;
    this.options.store.compact(this.strategyId, this.doc);
    this.writeAhead.compacted();
  }

  destroy(): void {
    this.writeAhead.close();
    this.fanOut.close();
    this.loading.destroy();
    this.presence.destroy();
    this.ydoc.destroy();
  }

  private saved(batch: Applied[]): void {
    this.fanOut.send(batch);
    this.options.onSaved?.(this.strategyId, batch);
  }
}
