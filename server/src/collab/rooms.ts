import type { Logger } from 'pino';
import type * as Y from 'yjs';
import type { Reader, Tx } from '../db/client';
import { LocalBus, type NewsBus } from '../cluster/bus';
import { RoomNewsLine } from './news';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { MAX_COLLAB_MESSAGE_BYTES } from '@samstrat/shared/limits';
import type { DocumentShape } from './document-shape';
import type { ConnectionLedger } from './ledger';
import { Liveness } from './liveness';
import { CollabMetrics } from './metrics';
import type { Grant } from './route';
import type { EditOrigin, ServerEdit } from './origins';
import type { DocumentStore } from './persistence';
import { Room } from './room';
import { DEFAULT_WAIT_LIMITS, type WaitLimits } from './waiting';
import type { Applied } from './write-ahead';

export interface CollabLimits {
  /** Larger messages are refused by the socket itself, from the frame header (close 4413). */
  maxMessageBytes: number;
  /** How often each socket is pinged; one that misses a ping is cut at the next. */
  pingIntervalMs: number;
  /** Bounds of what one connection may have waiting for its dependencies. */
  waiting: WaitLimits;
}

export const DEFAULT_LIMITS: CollabLimits = {
  maxMessageBytes: MAX_COLLAB_MESSAGE_BYTES,
  pingIntervalMs: 30_000,
  waiting: DEFAULT_WAIT_LIMITS,
};

export interface RegistryOptions {
  store: DocumentStore;
  log: Logger;
  /** Milliseconds a room stays loaded after its last connection leaves. */
  unloadDelayMs: number;
  /** Saved updates before a room folds its log into one state. */
  compactAfter: number;
  /** Connection counts and Yjs client id owners (in memory, or shared between processes). */
  ledger: ConnectionLedger;
  /** What the documents may hold (the editor schema's shape); the guard refuses anything else. */
  shape: DocumentShape;
  limits?: Partial<CollabLimits>;
  /**
   * News between server processes (REDIS_URL). Without it this process is alone: nothing to
   * publish, nothing to poll.
   */
  bus?: NewsBus;
}

/** While news flows, rooms still compare their document with the log this often, for news lost in a reconnect. */
const SAFETY_POLL_MS = 5_000;
/** While news does not flow (Redis down), rooms read the log this often: a bounded delay, nothing lost. */
const FALLBACK_POLL_MS = 500;

/** A live socket as the registry tracks it, so revocations can close it. */
export interface LiveSocket {
  readonly userId: string;
  readonly sessionId: string;
  readonly strategyId: string;
  close(code: number, reason: string): void;
  /**
   * Gives the open connection new rights (an outline change); false when the socket has no
   * connection yet, and must close instead.
   */
  regrant?(grant: Grant): boolean;
}

export type SavedListener = (strategyId: string, origin: EditOrigin) => void;

/** A client id owned by nobody for this long is forgotten when its room unloads. */
const CLIENT_ID_MEMORY_MS = 7 * 24 * 3_600_000;

/**
 * The open rooms, and the one way into them for the rest of the server: `edit` for changes the
 * server makes, `revoke` for closing connections whose rights changed, `onSaved` to hear about
 * saved changes. A room is loaded on first connect and unloaded, fully persisted, a little while
 * after its last connection leaves. A room that fails to load is never kept; a room that fails
 * to save is never dropped (it retries).
 */
export class RoomRegistry {
  readonly limits: CollabLimits;
  readonly store: DocumentStore;
  readonly ledger: ConnectionLedger;
  readonly shape: DocumentShape;
  readonly metrics = new CollabMetrics();
  readonly liveness: Liveness;
  private readonly rooms = new Map<string, Room>();
  private readonly loading = new Map<string, Promise<Room>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly sockets = new Set<LiveSocket>();
  private readonly savedListeners = new Set<SavedListener>();
  private revocationCount = 0;

  constructor(private readonly options: RegistryOptions) {
    this.store = options.store;
    this.ledger = options.ledger;
    this.shape = options.shape;
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.liveness = new Liveness(this.limits.pingIntervalMs);
    this.bus = options.bus ?? new LocalBus();
    this.shared = options.bus !== undefined;
    if (this.shared) {
      this.stopWatchingBus = this.bus.onState((connected) => {
        // Whatever was published while the line was down is lost: read it from the log.
        if (connected) void this.catchUpAll();
        this.pollEvery(connected ? SAFETY_POLL_MS : FALLBACK_POLL_MS);
      });
      this.pollEvery(this.bus.connected ? SAFETY_POLL_MS : FALLBACK_POLL_MS);
    }
  }

  private readonly bus: NewsBus;
  /** True when other processes serve the same strategies. */
  private readonly shared: boolean;
  private stopWatchingBus = () => {};
  private pollTimer: NodeJS.Timeout | null = null;

  /** Every open room reads what it lacks of the log. */
  catchUpAll(): Promise<void> {
    return Promise.all(
      [...this.rooms.values()].map((room) =>
        room
          .catchUp()
          .catch((err: unknown) =>
            this.options.log.warn({ err, strategyId: room.strategyId }, 'reading missed updates failed'),
          ),
      ),
    ).then(() => {});
  }

  private pollEvery(ms: number): void {
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = setInterval(() => void this.catchUpAll(), ms);
    this.pollTimer.unref();
  }

  /**
   * Changes a strategy's document on the server's behalf (an accepted suggestion, a restored
   * section): `change` runs in one Y transaction with `origin`, and what it changed is stored and
   * sent to every connection like any accepted update. Without `tx` it resolves once that is done.
   * With `tx`, `change` runs on a copy, the update is stored in that transaction with the rows it
   * belongs to, and the live document takes it and sends it when the transaction commits; a
   * rollback leaves the live document untouched (Room.editIn). Whatever
   * `change` returns, `edit` returns; if it throws, the error goes on to the caller.
   */
  async edit<T>(
    strategyId: string,
    origin: ServerEdit,
    change: (doc: Y.Doc) => T,
    options: { tx?: Tx } = {},
  ): Promise<T> {
    // Loaded through the caller's transaction: on SQLite a read of its own would wait for it.
    const room = await this.open(strategyId, options.tx);
    const tx = options.tx;
    if (!tx) {
      try {
        return await room.edit(origin, change);
      } finally {
        this.release(room);
      }
    }
    try {
      return await room.editIn(tx, origin, change);
    } finally {
      // Held until the transaction ends: its update goes into this room's document at commit, and a
      // room unloaded before that would miss it. Registered after editIn's own hook, so it runs after.
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        this.release(room);
      };
      tx.afterCommit(release);
      tx.afterRollback(release);
    }
  }

  /**
   * Listens to every saved change of any strategy, after it was stored and sent: its origin says
   * who made it. Listeners run synchronously and must not edit the document from within; schedule
   * that. Returns the function that stops listening.
   */
  onSaved(listener: SavedListener): () => void {
    this.savedListeners.add(listener);
    return () => this.savedListeners.delete(listener);
  }

  /**
   * Closes every socket that matches with a catalogued code (the rights it was opened with are
   * no longer right: a role, a membership, the frozen text, a session). Answers how many closed.
   */
  revoke(match: (socket: LiveSocket) => boolean, code: number, reason: string): number {
    this.revocationCount++;
    return this.closeSockets(match, code, reason);
  }

  /**
   * Gives every matching open socket new rights without closing it (an outline change: a removed
   * section can no longer be written, a new one can). A socket still opening closes with `code`
   * instead and reconnects with rights read anew. Answers how many sockets took the new rights.
   */
  regrant(
    match: (socket: LiveSocket) => boolean,
    regrant: { roots: readonly string[]; rightsVersion: number },
    code: number,
    reason: string,
  ): number {
    // An upgrade that read its rights before this and opens after it must not keep them.
    this.revocationCount++;
    const grant: Grant = {
      rights: regrant.roots.length > 0 ? { kind: 'edit', roots: new Set(regrant.roots) } : { kind: 'read-only' },
      rightsVersion: regrant.rightsVersion,
    };
    let regranted = 0;
    for (const socket of [...this.sockets]) {
      if (!match(socket)) continue;
      if (socket.regrant?.(grant)) regranted++;
      else socket.close(code, reason);
    }
    return regranted;
  }

  /**
   * A counter that moves with every revocation. A socket whose upgrade computed its rights before
   * a revocation but which opens after it was not there to be closed: the collab route notes the
   * counter at upgrade and closes the socket on open if it moved.
   */
  get revocations(): number {
    return this.revocationCount;
  }

  /**
   * The open room of a strategy, loading it if needed; `release` it when done. Concurrent calls
   * share one load. Rejects (and keeps nothing) when the stored document cannot be read or built.
   * With `tx`, the stored document is read in that transaction.
   */
  async open(strategyId: string, tx?: Reader): Promise<Room> {
    this.cancelUnload(strategyId);
    const open = this.rooms.get(strategyId);
    if (open) return open;
    let loading = this.loading.get(strategyId);
    if (!loading) {
      loading = this.load(strategyId, tx).finally(() => this.loading.delete(strategyId));
      this.loading.set(strategyId, loading);
    }
    const room = await loading;
    // An unload may have been scheduled by a release while this call waited.
    this.cancelUnload(strategyId);
    return room;
  }

  private async load(strategyId: string, tx?: Reader): Promise<Room> {
    // Listen first: what is stored while the database is read arrives as news and is not missed.
    const news = this.shared
      ? new RoomNewsLine(this.bus, strategyId, (err) =>
          this.options.log.warn({ err, strategyId }, 'unreadable news from another process'),
        )
      : undefined;
    let stored;
    try {
      stored = tx ? await this.store.readIn(tx, strategyId) : await this.store.read(strategyId);
    } catch (err) {
      news?.close();
      throw err;
    }
    const room = new Room(strategyId, stored, {
      news,
      store: this.store,
      log: this.options.log,
      compactAfter: this.options.compactAfter,
      metrics: this.metrics,
      onBroken: this.dropBroken,
      onSaved: this.notifySaved,
    });
    this.rooms.set(strategyId, room);
    news?.deliverTo((message) => room.receive(message));
    return room;
  }

  isLoaded(strategyId: string): boolean {
    return this.rooms.has(strategyId);
  }

  get(strategyId: string): Room | undefined {
    return this.rooms.get(strategyId);
  }

  /** Called when a connection or an edit is done with a room: it unloads later if nobody is left. */
  release(room: Room): void {
    if (room.connections.size > 0 || this.unloadTimers.has(room.strategyId)) return;
    if (this.rooms.get(room.strategyId) !== room) return;
    const timer = setTimeout(() => void this.unload(room.strategyId), this.options.unloadDelayMs);
    timer.unref();
    this.unloadTimers.set(room.strategyId, timer);
  }

  track(socket: LiveSocket): void {
    this.sockets.add(socket);
  }

  untrack(socket: LiveSocket): void {
    this.sockets.delete(socket);
  }

  /** Closes every socket and persists every room; used at shutdown. */
  async closeAll(): Promise<void> {
    this.liveness.stop();
    this.stopWatchingBus();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.closeSockets(() => true, CLOSE_CODES.goingAway, 'server shutting down');
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    await Promise.all([...this.loading.values()].map((loading) => loading.catch(() => null)));
    for (const id of [...this.rooms.keys()]) {
      if (!(await this.unload(id))) {
        this.options.log.error({ strategyId: id }, 'room could not be saved at shutdown; its update log is kept');
      }
    }
  }

  private closeSockets(match: (socket: LiveSocket) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const socket of [...this.sockets]) {
      if (match(socket)) {
        socket.close(code, reason);
        closed++;
      }
    }
    return closed;
  }

  private readonly notifySaved = (strategyId: string, batch: readonly Applied[]): void => {
    if (this.savedListeners.size === 0) return;
    for (const { origin } of batch) {
      if (!origin) continue;
      for (const listener of this.savedListeners) {
        try {
          listener(strategyId, origin);
        } catch (err) {
          this.options.log.error({ err, strategyId }, 'a saved-change listener failed');
        }
      }
    }
  };

  /** A room whose stored document cannot be built is never kept: its sockets close, the next open tries again. */
  /**
   * A room whose document cannot be trusted to match the database (see RoomOptions.onBroken) is
   * never kept: writers whose rights went stale are told so (4403: drop local changes), everyone
   * else gets 4500 and resyncs from the database, resending what they have that it lacks.
   */
  private readonly dropBroken = (room: Room, staleUserIds: readonly string[] = []): void => {
    if (this.rooms.get(room.strategyId) !== room) return;
    this.rooms.delete(room.strategyId);
    this.cancelUnload(room.strategyId);
    room.destroy();
    const inRoom = (socket: LiveSocket) => socket.strategyId === room.strategyId;
    if (staleUserIds.length > 0) {
      this.revoke(
        (socket) => inRoom(socket) && staleUserIds.includes(socket.userId),
        CLOSE_CODES.rightsChanged,
        'rights changed',
      );
    }
    this.closeSockets(inRoom, CLOSE_CODES.serverError, 'document reloads');
  };

  private cancelUnload(strategyId: string): void {
    const timer = this.unloadTimers.get(strategyId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(strategyId);
  }

  private async unload(strategyId: string): Promise<boolean> {
    this.unloadTimers.delete(strategyId);
    const room = this.rooms.get(strategyId);
    if (!room) return true;
    if (room.connections.size > 0) return false;
    try {
      await room.persistAll();
    } catch (err) {
      this.options.log.error({ err, strategyId }, 'unloading room failed; keeping it in memory and retrying');
      this.release(room);
      return false;
    }
    // Someone may have opened it again while it was saved.
    if (room.connections.size > 0 || this.rooms.get(strategyId) !== room || this.unloadTimers.has(strategyId)) {
      return false;
    }
    room.destroy();
    this.rooms.delete(strategyId);
    void this.ledger.forgetIdleClients(strategyId, CLIENT_ID_MEMORY_MS);
    return true;
  }
}
