import type { Logger } from 'pino';
import type { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { FanOut } from './fan-out';
import type { Framed } from './framed';
import { LOADING, Loading } from './loading';
import { CollabMetrics, recordSince } from './metrics';
import type { EditOrigin, ServerEdit } from './origins';
import type { DocumentStore, StaleRights, StoredDocument } from './persistence';
import type { Tx } from '../db/client';
import { applyAwarenessUpdate } from 'y-protocols/awareness';
import type { DocumentNews, RoomNewsLine } from './news';
import { Presence, REMOTE_PRESENCE } from './presence';
import { SequenceTracker } from './sequence';
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
  /** The rights version the connection was opened with; its updates are stored only while it holds. */
  readonly rightsVersion?: number;
}

export interface RoomOptions {
  store: DocumentStore;
  log: Logger;
  /** Saved updates before the log is folded into one state. */
  compactAfter: number;
  metrics?: CollabMetrics;
  /**
   * Called when the room's document can no longer be trusted to match the database: the stored
   * document could not be built, or writers' rights turned out stale (`staleUserIds`). The registry drops the room
   * and closes its sockets; clients resync from the database (nothing unsaved was ever sent).
   */
  onBroken?: (room: Room, staleUserIds?: readonly string[]) => void;
  /** Hears every saved batch, after it was stored and sent. */
  onSaved?: (strategyId: string, batch: readonly Applied[]) => void;
  /** The line to the other server processes; none when this process is alone. */
  news?: RoomNewsLine;
  /** How long due awareness changes wait for text to carry them (PRESENCE_RIDE_MS unless a test says). */
  presenceRideMs?: number;
}

/** Origin of updates another process stored: applied and sent here, never stored again. */
const REMOTE = Symbol('remote');

/** How long a gap in the sequence may last before the room reads it from the database: news from two processes may cross. */
const GAP_WAIT_MS = 200;

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
  /** Set while a fresh update is applied with the 'update' listener off (see applyUpdate). */
  private passingAsItCame = false;
  /** Set while a server edit stored in a caller's transaction is applied: the write-ahead step skips it. */
  private applyingStored = false;
  /** The pending `saved` callback of the server edit being applied. */
  private editSaved: Applied['saved'] | undefined;
  /** Which of the log's updates the document holds. */
  private readonly sequence: SequenceTracker;
  private catchingUp: Promise<void> | null = null;
  private gapTimer: NodeJS.Timeout | null = null;
  /** Something was stored since the room was loaded, so there is something to fold. */
  private storedSinceLoad = false;
  private compacting: Promise<void> | null = null;
  private closed = false;

  /** `stored` is what the database held when the room was opened (DocumentStore.read). */
  constructor(
    readonly strategyId: string,
    stored: StoredDocument,
    private readonly options: RoomOptions,
  ) {
    const metrics = (this.metrics = options.metrics ?? new CollabMetrics());
    this.sequence = new SequenceTracker(stored.seq);
    this.presence = new Presence(
      this.ydoc,
      this.connections,
      () => this.fanOut.presenceDue(),
      options.news ? (update) => options.news?.publish({ kind: 'awareness', update }) : null,
    );
    this.fanOut = new FanOut(this.connections, () => this.presence.takeDue(), metrics, options.presenceRideMs);
    this.writeAhead = new WriteAhead(strategyId, options.store, options.log, metrics, options.compactAfter, {
      saved: (batch, lastSeq) => this.saved(batch, lastSeq),
      refused: (_batch, stale) => this.refused(stale),
      compactDue: () => void this.compactQuietly(),
    });
    this.ydoc.on('update', this.onDocUpdate);
    this.ydoc.on('afterTransaction', this.onAfterTransaction);
    this.loading = new Loading(this.ydoc, stored, (err) => {
      options.log.error({ err, strategyId }, 'building the stored document failed');
      options.onBroken?.(this);
    });
  }

  /**
   * A fresh update's transaction that leaves Yjs formatting to tidy (a remote change to text with
   * marks) is followed by Yjs's own transaction, inside the same applyUpdate: both must be stored
   * and sent in order, so the listener goes back on and Yjs encodes both, as for any update.
   */
  private readonly onAfterTransaction = (transaction: Y.Transaction): void => {
    if (!this.passingAsItCame || !(transaction as { _needFormattingCleanup?: boolean })._needFormattingCleanup) return;
    this.passingAsItCame = false;
    this.ydoc.on('update', this.onDocUpdate);
  };

  /** Every change of the document but a fresh update's (see applyUpdate), as Yjs encodes it. */
  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === LOADING) return;
    // Stored by another process already: only this process's sockets need it.
    if (origin === REMOTE)
      return void this.fanOut.send([{ update, from: null, origin: null, arrivedAt: performance.now() }]);
    if (this.applyingStored) return;
    this.writeAhead.enqueue({
      update,
      from: this.author,
      origin: this.editOrigin,
      arrivedAt: this.arrivedAt ?? performance.now(),
      saved: this.editSaved,
    });
    this.editSaved = undefined;
  };

  /** The sequence number up to which this room's document holds every stored update. */
  get lastSeq(): number {
    return this.sequence.upTo;
  }

  /** News from another process: stored updates are applied in their order, presence at once. */
  receive(news: DocumentNews): void {
    if (news.kind === 'awareness') {
      applyAwarenessUpdate(this.awareness, news.update, REMOTE_PRESENCE);
      return;
    }
    if (this.sequence.covers(news.first, news.last)) return;
    this.applyStored(news.update);
    this.sequence.add(news.first, news.last);
    if (this.sequence.hasGap) this.scheduleCatchUp();
  }

  /**
   * Reads from the database whatever stored updates this document lacks (news that never came,
   * or came while the line to the other processes was down). Also finds out, cheaply, whether
   * there is anything to read: the head of the log against what the room holds.
   */
  async catchUp(): Promise<void> {
    this.catchingUp ??= this.readMissing().finally(() => (this.catchingUp = null));
    return this.catchingUp;
  }

  private async readMissing(): Promise<void> {
    const store = this.options.store;
    const head = await store.head(this.strategyId);
    if (head <= this.sequence.upTo) return;
    const tail = await store.tail(this.strategyId, this.sequence.upTo);
    if (this.closed) return;
    if (tail.folded) {
      // The log was folded past what this room holds: the folded state has it all.
      const stored = await store.read(this.strategyId);
      if (this.closed) return;
      if (stored.state) this.applyStored(stored.state);
      for (const update of stored.updates) this.applyStored(update);
      this.sequence.add(1, stored.seq);
      return;
    }
    if (tail.updates.length === 0) return;
    this.applyStored(tail.updates.length === 1 ? tail.updates[0]! : Y.mergeUpdates(tail.updates));
    this.sequence.add(this.sequence.upTo + 1, tail.seq);
  }

  private applyStored(update: Uint8Array): void {
    Y.applyUpdate(this.doc, update, REMOTE);
    this.applied++;
    if (this.waiting.size > 0) this.retryWaiting();
  }

  private scheduleCatchUp(): void {
    if (this.gapTimer || this.closed) return;
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null;
      if (!this.sequence.hasGap) return;
      this.catchUp().catch((err: unknown) =>
        this.options.log.warn({ err, strategyId: this.strategyId }, 'reading missed updates failed; tried again later'),
      );
    }, GAP_WAIT_MS);
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
   *
   * A `fresh` update (the guard's word: it changes the document by exactly its own bytes) is saved
   * and sent as it came, so Yjs need not encode the change again: that was a quarter of applying
   * a keystroke. Not while the document holds structs waiting for others (news from another
   * process that came out of order): this update may let them in, and they must go out too. Nor
   * when Yjs tidies formatting after it (a transaction of its own, see onAfterTransaction).
   */
  applyUpdate(update: Uint8Array, from: RoomConnection, arrivedAt = performance.now(), fresh = false): void {
    const started = performance.now();
    const doc = this.doc;
    this.arrivedAt = arrivedAt;
    this.author = from;
    this.editOrigin = from.origin;
    this.passingAsItCame = fresh && doc.store.pendingStructs === null && doc.store.pendingDs === null;
    // Yjs encodes a transaction's change only for 'update' listeners.
    if (this.passingAsItCame) doc.off('update', this.onDocUpdate);
    let passed: boolean;
    try {
      Y.applyUpdate(doc, update, from);
      passed = this.passingAsItCame;
    } catch (err) {
      // Part of it may be in the document, and with the listener off it was neither stored nor
      // sent: the document no longer matches the database. (The guard refuses what Yjs throws on.)
      if (this.passingAsItCame) this.options.onBroken?.(this);
      throw err;
    } finally {
      if (this.passingAsItCame) doc.on('update', this.onDocUpdate);
      this.passingAsItCame = false;
      this.arrivedAt = null;
      this.author = null;
      this.editOrigin = null;
    }
    if (passed) this.writeAhead.enqueue({ update, from, origin: from.origin, arrivedAt });
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
   * Runs a server-side edit in one Y transaction and resolves once what it changed is stored and
   * sent, like any accepted update. If `change` throws, the part it changed is still saved and the
   * error goes on to the caller.
   */
  async edit<T>(origin: ServerEdit, change: (doc: Y.Doc) => T): Promise<T> {
    const doc = this.doc;
    let saved!: NonNullable<Applied['saved']>;
    const stored = new Promise<void>((resolve, reject) => (saved = { resolve, reject }));
    // If `change` throws, nobody awaits this; its outcome is logged by the write-ahead step.
    stored.catch(() => {});
    this.editOrigin = origin;
    this.editSaved = saved;
    let changed: boolean;
    try {
      return Y.transact(doc, () => change(doc), origin);
    } finally {
      // The update listener takes `editSaved` when the transaction changed anything.
      changed = this.editSaved === undefined;
      this.editOrigin = null;
      this.editSaved = undefined;
      if (changed) {
        this.writeAhead.flush();
        await stored;
      }
    }
  }

  /**
   * Runs a server-side edit whose update is stored in the caller's transaction, with the rows it
   * belongs to. `change` runs on a copy of the document, and the live document takes the update
   * only once the transaction commits, then sends it like any accepted update: a transaction that
   * rolls back (a refused check after the edit, or a PostgreSQL attempt retried after a
   * serialization failure) leaves the live document as the database has it, and nobody's socket
   * closes. If `change` throws, nothing of it is kept.
   */
  async editIn<T>(tx: Tx, origin: ServerEdit, change: (doc: Y.Doc) => T): Promise<T> {
    const draft = new Y.Doc({ gc: true });
    const captured: Uint8Array[] = [];
    let result: T;
    try {
      Y.applyUpdate(draft, Y.encodeStateAsUpdate(this.doc));
      draft.on('update', (update: Uint8Array) => captured.push(update));
      result = Y.transact(draft, () => change(draft), origin);
    } finally {
      draft.destroy();
    }
    if (captured.length === 0) return result;
    const update = captured.length === 1 ? captured[0]! : Y.mergeUpdates(captured);
    const lastSeq = await this.options.store.appendIn(tx, this.strategyId, [update]);
    tx.afterCommit(() => {
      // Stored already: the live document's own update event must not store it again.
      this.applyingStored = true;
      try {
        Y.applyUpdate(this.doc, update, origin);
      } finally {
        this.applyingStored = false;
      }
      this.saved([{ update, from: null, origin, arrivedAt: performance.now() }], lastSeq);
    });
    return result;
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

  /** Saves what waits, then folds the log into one state. Rejects if the database refuses. */
  async persistAll(): Promise<void> {
    await this.writeAhead.drain();
    // Loaded from a folded state and nothing stored since: nothing to fold.
    if (this.loading.untouchedSnapshot && !this.storedSinceLoad) return;
    await this.compact();
  }

  /** Folds the stored log into one state (from the database, one process at a time). */
  private compact(): Promise<void> {
    this.compacting ??= this.options.store
      .compact(this.strategyId)
      .then(() => this.writeAhead.compacted())
      .finally(() => (this.compacting = null));
    return this.compacting;
  }

  private async compactQuietly(): Promise<void> {
    try {
      await this.compact();
    } catch (err) {
      this.options.log.error({ err, strategyId: this.strategyId }, 'compaction failed; the update log is intact');
    }
  }

  destroy(): void {
    this.closed = true;
    if (this.gapTimer) clearTimeout(this.gapTimer);
    // Presence waiting to go out (a departure, as a rule) still reaches the other processes.
    this.presence.hurry();
    this.fanOut.flushPresence();
    this.options.news?.close();
    this.writeAhead.close();
    this.fanOut.close();
    this.loading.destroy();
    this.presence.destroy();
    this.ydoc.destroy();
  }

  private saved(batch: Applied[], lastSeq: number): void {
    const first = lastSeq - batch.length + 1;
    this.sequence.add(first, lastSeq);
    this.storedSinceLoad = true;
    this.fanOut.send(batch);
    if (this.options.news) {
      const updates = batch.map((p) => p.update);
      const update = updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
      this.options.news.publish({ kind: 'update', first, last: lastSeq, update });
    }
    if (this.sequence.hasGap) this.scheduleCatchUp();
    this.options.onSaved?.(this.strategyId, batch);
  }

  private refused(stale: StaleRights): void {
    this.options.log.warn(
      { strategyId: this.strategyId, userIds: stale.userIds },
      "updates refused in the storing transaction: the writers' rights changed; the room reloads",
    );
    this.options.onBroken?.(this, stale.userIds);
  }
}
