import type { Logger } from 'pino';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { Framed } from './framed';
import { CollabMetrics, recordSince } from './metrics';
import type { DocumentStore } from './persistence';
import {
  encodeAwareness,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncStep2Update,
  encodeUpdate,
  isEmptyStateVector,
} from './protocol';

/** Origin of the transaction that builds a room's document from storage: nothing new to save. */
const LOADING = Symbol('loading');

/** How long a cold room waits before it builds its document when nothing needs it sooner. */
const HYDRATE_FALLBACK_MS = 200;

/**
 * Awareness (presence, carets) goes out at most this often: the first change at once, later ones
 * together at the end of the interval. Text never waits for it, and a caret moving with every
 * keystroke no longer doubles the fan-out.
 */
const AWARENESS_INTERVAL_MS = 50;

/**
 * How long clients may still relay the presence of someone who left: the stock client relays every
 * awareness change it receives, and the last ones can reach the server after the owner's socket closed.
 */
const DEPARTED_RELAY_MS = 60_000;

/**
 * An accepted update, the connection it came from (anything else when the server made it) and
 * when it arrived (performance.now()).
 */
type Pending = { update: Uint8Array; origin: unknown; arrivedAt: number };

/** One open socket as the room sees it. */
export interface RoomConnection {
  readonly userId: string;
  send(message: Uint8Array): void;
  /** Messages framed once for a whole broadcast, in one write. */
  sendFramed(framed: Framed): void;
  /** Awareness client ids this connection introduced; removed when it leaves. */
  readonly awarenessIds: Set<number>;
}

/**
 * An open strategy: its Y.Doc, its awareness and its connections. Accepted updates are
 * applied, appended to the log in one transaction per tick, and only then broadcast, so no
 * client ever sees an update that a crash could lose.
 *
 * A lone update is saved and sent at once, as a server without a database would send it. What
 * else arrives in the same turn of the event loop waits for the end of it and goes out as one
 * merged update per connection, with the awareness changes when they are due, in one write.
 * Under load that is what keeps fan-out cheap, since a broadcast costs mostly one socket write
 * per connection, whatever the message holds.
 *
 * A room opened from a compacted state builds its Y.Doc lazily: a client that has nothing yet
 * gets the stored state as it is, and the document is built right after (or as soon as anything
 * needs it). Building a long history takes far longer than sending it, and the first reader
 * should not wait for it.
 */
export class Room {
  private readonly ydoc = new Y.Doc({ gc: true });
  readonly awareness: Awareness;
  readonly connections = new Set<RoomConnection>();
  /** Applied, not yet saved. */
  private pending: Pending[] = [];
  /** Saved, not yet broadcast. */
  private unsent: Pending[] = [];
  /** Awareness client ids their connections gave up, by whom and when (Date.now()). */
  private readonly departed = new Map<number, { by: RoomConnection; at: number }>();
  /** Awareness client ids changed since the last broadcast. */
  private awarenessChanged = new Set<number>();
  private flushScheduled = false;
  private broadcastScheduled = false;
  /** A save went out in this turn of the event loop; later ones wait for the end of it. */
  private sentThisTurn = false;
  /** When the update being applied arrived; null while the server applies its own. */
  private arrivedAt: number | null = null;
  /** Awareness changes may go out in the next broadcast. */
  private awarenessDue = false;
  private lastAwarenessAt = 0;
  private awarenessTimer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private updatesSinceCompaction = 0;
  private closed = false;
  /** What storage holds, until the document is built from it. */
  private stored: { state: Uint8Array | null; updates: Uint8Array[] } | null;
  /** The compacted state when it is all storage holds: valid while the document is not built. */
  private readonly snapshot: Uint8Array | null;
  /** Connections still owed the server's sync step 1, which needs the built document. */
  private readonly ungreeted = new Set<RoomConnection>();
  private hydrateTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly strategyId: string,
    private readonly store: DocumentStore,
    private readonly log: Logger,
    private readonly compactAfter: number,
    /** Called when the stored document cannot be built; the registry drops the room and its sockets. */
    private readonly onBroken: (room: Room) => void = () => {},
    private readonly metrics: CollabMetrics = new CollabMetrics(),
    /** Called after accepted updates were saved. TEMPORARY (w12/anchors): see RoomRegistry.onSaved. */
    private readonly onSaved: (strategyId: string) => void = () => {},
  ) {
    this.stored = store.read(strategyId);
    this.snapshot = this.stored.updates.length === 0 ? this.stored.state : null;
    this.awareness = new Awareness(this.ydoc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.ydoc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LOADING) this.enqueue(update, origin);
    });
    this.awareness.on('update', this.onAwarenessUpdate);
    // A log to replay cannot be sent as it is: build the document now, failing here if it must.
    if (!this.snapshot) this.hydrate();
  }

  /** The live document, built from storage on first use. */
  get doc(): Y.Doc {
    this.hydrate();
    return this.ydoc;
  }

  private hydrate(): void {
    const stored = this.stored;
    if (!stored) return;
    if (this.hydrateTimer) clearTimeout(this.hydrateTimer);
    this.hydrateTimer = null;
    try {
      Y.transact(
        this.ydoc,
        () => {
          if (stored.state) Y.applyUpdate(this.ydoc, stored.state);
          for (const update of stored.updates) Y.applyUpdate(this.ydoc, update);
        },
        LOADING,
      );
    } catch (err) {
      this.log.error({ err, strategyId: this.strategyId }, 'building the stored document failed');
      this.onBroken(this);
      throw err;
    }
    this.stored = null;
    for (const connection of this.ungreeted) connection.send(encodeSyncStep1(this.ydoc));
    this.ungreeted.clear();
  }

  /**
   * Sends a new connection the server's sync step 1. In a cold room it waits until the document
   * is built: meanwhile the client asks (stock providers do on open) and is answered from storage.
   */
  greet(connection: RoomConnection): void {
    if (!this.stored) {
      connection.send(encodeSyncStep1(this.ydoc));
      return;
    }
    this.ungreeted.add(connection);
    this.hydrateTimer ??= setTimeout(() => this.hydrateQuietly(), HYDRATE_FALLBACK_MS);
  }

  /** The answer to a client's sync step 1: what it lacks of the document. */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    // The document is built when anything needs it, or by the greeting's timer: not right away,
    // so the first reader's answer goes out before the server spends its time on the build.
    if (this.stored && this.snapshot && isEmptyStateVector(stateVector)) return encodeSyncStep2Update(this.snapshot);
    return encodeSyncStep2(this.doc, stateVector);
  }

  private hydrateQuietly(): void {
    if (this.closed) return;
    try {
      this.hydrate();
    } catch {
      // Logged and reported by hydrate.
    }
  }

  /**
   * Applies an update the guard has accepted. The first of a turn is saved and sent at once, so
   * it does not also wait for the rest of the socket's messages (its caret, mostly); later ones
   * are saved together at the end of the tick and sent at the end of the turn.
   */
  applyUpdate(update: Uint8Array, from: RoomConnection, arrivedAt = performance.now()): void {
    const started = performance.now();
    this.arrivedAt = arrivedAt;
    try {
      Y.applyUpdate(this.doc, update, from);
    } finally {
      this.arrivedAt = null;
    }
    recordSince(this.metrics.apply, started);
    if (!this.sentThisTurn) this.flush();
  }

  add(connection: RoomConnection): void {
    this.connections.add(connection);
  }

  remove(connection: RoomConnection): void {
    this.connections.delete(connection);
    this.ungreeted.delete(connection);
    const now = Date.now();
    for (const [id, { at }] of this.departed) if (now - at > DEPARTED_RELAY_MS) this.departed.delete(id);
    if (connection.awarenessIds.size > 0) {
      for (const id of connection.awarenessIds) this.departed.set(id, { by: connection, at: now });
      removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
  }

  /**
   * Which connection introduced an awareness client id, so relayed states are not taken as its own.
   * An id another connection gave up a moment ago (it left, or cleared its presence) is still
   * someone else's: other clients may relay its last state after that.
   */
  awarenessOwner(clientId: number, connection: RoomConnection): 'self' | 'other' | 'none' {
    if (connection.awarenessIds.has(clientId)) return 'self';
    for (const other of this.connections) {
      if (other !== connection && other.awarenessIds.has(clientId)) return 'other';
    }
    const departed = this.departed.get(clientId);
    if (departed && departed.by !== connection && Date.now() - departed.at <= DEPARTED_RELAY_MS) return 'other';
    return 'none';
  }

  /** True while accepted updates still wait to reach the database. */
  get hasUnsaved(): boolean {
    return this.pending.length > 0;
  }

  /** Saves what waits, then folds the log into one state. Throws if the database refuses. */
  persistAll(): void {
    this.flush();
    if (this.pending.length > 0) throw new Error(`room ${this.strategyId} could not save its updates`);
    // Never built from a compacted state: nothing changed, nothing to fold.
    if (this.stored && this.snapshot) return;
    this.store.compact(this.strategyId, this.doc);
    this.updatesSinceCompaction = 0;
  }

  destroy(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.hydrateTimer) clearTimeout(this.hydrateTimer);
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer);
    this.awareness.destroy();
    this.ydoc.destroy();
  }

  private enqueue(update: Uint8Array, origin: unknown): void {
    this.pending.push({ update, origin, arrivedAt: this.arrivedAt ?? performance.now() });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
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
    this.unsent.push(...batch);
    this.sendSaved();
    this.onSaved(this.strategyId);
    this.updatesSinceCompaction += batch.length;
    if (this.updatesSinceCompaction >= this.compactAfter) {
      setImmediate(() => this.compactQuietly());
    }
  }

  /**
   * A lone update goes out as soon as it is saved; later ones in the same turn wait for its end,
   * so a burst costs one write per connection instead of one per update.
   */
  private sendSaved(): void {
    if (this.sentThisTurn) return this.scheduleBroadcast();
    this.sentThisTurn = true;
    setImmediate(() => (this.sentThisTurn = false));
    this.broadcast();
  }

  private scheduleBroadcast(): void {
    if (this.broadcastScheduled) return;
    this.broadcastScheduled = true;
    // setImmediate runs right after the poll phase: every socket read of this turn is in it,
    // and no timer delays it.
    setImmediate(() => {
      this.broadcastScheduled = false;
      if (!this.closed) this.broadcast();
    });
  }

  /**
   * Sends what the turn saved and what changed in awareness: per connection one merged update
   * (without what it sent itself) and one awareness message, framed once and written together.
   */
  private broadcast(): void {
    const batch = this.unsent;
    this.unsent = [];
    let awareness: Uint8Array | null = null;
    if (this.awarenessDue) {
      this.awarenessDue = false;
      if (this.awarenessChanged.size > 0) {
        awareness = encodeAwareness(this.awareness, [...this.awarenessChanged]);
        this.awarenessChanged.clear();
        this.lastAwarenessAt = Date.now();
      }
    }
    const started = performance.now();
    for (const p of batch) recordSince(this.metrics.untilBroadcast, p.arrivedAt);
    const framedFor = framedMessages(batch, awareness);
    for (const connection of this.connections) {
      const framed = framedFor(connection);
      if (framed) connection.sendFramed(framed);
    }
    if (batch.length > 0) recordSince(this.metrics.fanOut, started);
  }

  private scheduleAwareness(): void {
    if (this.awarenessDue || this.awarenessTimer) return;
    const wait = this.lastAwarenessAt + AWARENESS_INTERVAL_MS - Date.now();
    const due = () => {
      this.awarenessTimer = null;
      this.awarenessDue = true;
      this.scheduleBroadcast();
    };
    if (wait <= 0) due();
    else this.awarenessTimer = setTimeout(due, wait);
  }

  private compactQuietly(): void {
    if (this.closed) return;
    try {
      this.persistAll();
    } catch (err) {
      this.log.error({ err, strategyId: this.strategyId }, 'compaction failed; the update log is intact');
    }
  }

  private onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const from = origin as RoomConnection | null;
    if (from && this.connections.has(from)) {
      for (const id of added) from.awarenessIds.add(id);
      for (const id of removed) {
        from.awarenessIds.delete(id);
        this.departed.set(id, { by: from, at: Date.now() });
      }
    }
    for (const id of [...added, ...updated, ...removed]) this.awarenessChanged.add(id);
    this.scheduleAwareness();
  };
}

/**
 * What each connection is sent: everything saved, less what the connection sent itself, then the
 * awareness changes. Most connections sent nothing, so they share one set of frames.
 */
function framedMessages(
  batch: readonly Pending[],
  awareness: Uint8Array | null,
): (connection: RoomConnection) => Framed | null {
  const merged = (updates: Uint8Array[]) => encodeUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
  const framed = (update: Uint8Array | null) => {
    const messages = [update, awareness].filter((m) => m !== null);
    return messages.length > 0 ? new Framed(messages) : null;
  };
  const everything = framed(batch.length > 0 ? merged(batch.map((p) => p.update)) : null);
  const authors = new Set(batch.map((p) => p.origin));
  return (connection) => {
    if (!authors.has(connection)) return everything;
    const others = batch.filter((p) => p.origin !== connection).map((p) => p.update);
    return framed(others.length > 0 ? merged(others) : null);
  };
}
