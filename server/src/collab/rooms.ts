import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import type { BaseDeps } from '../context';
import { CollabMetrics } from './metrics';
import { DocumentStore } from './persistence';
import { Room } from './room';

export interface CollabLimits {
  /** Larger frames are refused by the socket itself (close 1009). */
  maxMessageBytes: number;
  maxConnectionsPerRoom: number;
}

/** A live socket as the registry tracks it, so rights changes and logouts can close it. */
export interface LiveSocket {
  readonly userId: string;
  readonly sessionId: string;
  readonly strategyId: string;
  close(code: number, reason: string): void;
}

/**
 * The open rooms. A room is loaded on first connect and unloaded, fully persisted, a little
 * while after its last connection leaves. A room that fails to load is never kept; a room that
 * fails to save is never dropped (it retries).
 */
export class RoomRegistry {
  readonly limits: CollabLimits = { maxMessageBytes: 2_000_000, maxConnectionsPerRoom: 200 };
  readonly store: DocumentStore;
  readonly metrics = new CollabMetrics();
  private readonly rooms = new Map<string, Room>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly sockets = new Set<LiveSocket>();
  /**
   * TEMPORARY (w12/anchors): told after a room saved accepted updates, so domain code (comment
   * re-anchoring) can follow the text. Must return at once and never throw. Switch to the collab
   * engineer's `rooms.onSaved(...)` hook at merge.
   */
  onSaved: ((strategyId: string) => void) | null = null;

  constructor(private readonly deps: BaseDeps) {
    this.store = new DocumentStore(deps.db);
  }

  open(strategyId: string): Room {
    this.cancelUnload(strategyId);
    let room = this.rooms.get(strategyId);
    if (!room) {
      room = new Room(
        strategyId,
        this.store,
        this.deps.log,
        this.deps.config.COLLAB_COMPACT_AFTER,
        this.dropBroken,
        this.metrics,
        (id) => this.onSaved?.(id),
      );
      this.rooms.set(strategyId, room);
    }
    return room;
  }

  isLoaded(strategyId: string): boolean {
    return this.rooms.has(strategyId);
  }

  get(strategyId: string): Room | undefined {
    return this.rooms.get(strategyId);
  }

  /** Called when a connection has left the room. */
  release(room: Room): void {
    if (room.connections.size > 0 || this.unloadTimers.has(room.strategyId)) return;
    const timer = setTimeout(() => this.unload(room.strategyId), this.deps.config.COLLAB_UNLOAD_DELAY_MS);
    timer.unref();
    this.unloadTimers.set(room.strategyId, timer);
  }

  track(socket: LiveSocket): void {
    this.sockets.add(socket);
  }

  untrack(socket: LiveSocket): void {
    this.sockets.delete(socket);
  }

  /** Closes every socket that matches, e.g. all of one session's after logout. */
  closeSockets(match: (socket: LiveSocket) => boolean, code: number, reason: string): number {
    let closed = 0;
    for (const socket of [...this.sockets]) {
      if (match(socket)) {
        socket.close(code, reason);
        closed++;
      }
    }
    return closed;
  }

  /** Closes every socket and persists every room; used at shutdown. */
  async closeAll(): Promise<void> {
    this.closeSockets(() => true, 1001, 'server shutting down');
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    for (const id of [...this.rooms.keys()]) {
      if (!this.unload(id)) {
        this.deps.log.error({ strategyId: id }, 'room could not be saved at shutdown; its update log is kept');
      }
    }
  }

  /** A room whose stored document cannot be built is never kept: its sockets close, the next open tries again. */
  private readonly dropBroken = (room: Room): void => {
    if (this.rooms.get(room.strategyId) !== room) return;
    this.rooms.delete(room.strategyId);
    this.cancelUnload(room.strategyId);
    room.destroy();
    this.closeSockets(
      (socket) => socket.strategyId === room.strategyId,
      CLOSE_CODES.serverError,
      'document could not be loaded',
    );
  };

  private cancelUnload(strategyId: string): void {
    const timer = this.unloadTimers.get(strategyId);
    if (timer) clearTimeout(timer);
    this.unloadTimers.delete(strategyId);
  }

  private unload(strategyId: string): boolean {
    this.unloadTimers.delete(strategyId);
    const room = this.rooms.get(strategyId);
    if (!room) return true;
    if (room.connections.size > 0) return false;
    try {
      room.persistAll();
    } catch (err) {
      this.deps.log.error({ err, strategyId }, 'unloading room failed; keeping it in memory and retrying');
      this.release(room);
      return false;
    }
    room.destroy();
    this.rooms.delete(strategyId);
    return true;
  }
}
