import * as Y from 'yjs';
import { Framed } from './framed';
import { recordSince, type CollabMetrics } from './metrics';
import { encodeUpdate } from './protocol';
import type { RoomConnection } from './room';
import type { Applied } from './write-ahead';

/**
 * How long due awareness changes wait for a text broadcast to carry them before they go out alone.
 * While people type, text goes out many times a second, so carets ride with it and cost no write
 * of their own; in a quiet room a caret arrives this much later, far below what anyone notices.
 */
export const PRESENCE_RIDE_MS = 20;

/**
 * The broadcast of a room. A lone saved update goes out at once, as a server without a database
 * would send it. What else is saved in the same turn of the event loop waits for the end of it and
 * goes out as one merged update per connection, with the awareness changes when they are due, in
 * one write. Under load that is what keeps fan-out cheap, since a broadcast costs mostly one socket
 * write per connection, whatever the message holds.
 */
export class FanOut {
  /** Saved, not yet broadcast. */
  private unsent: Applied[] = [];
  private broadcastScheduled = false;
  /** Due awareness changes wait for a text broadcast until this fires (see PRESENCE_RIDE_MS). */
  private presenceTimer: NodeJS.Timeout | null = null;
  /** A broadcast went out in this turn of the event loop; later ones wait for the end of it. */
  private sentThisTurn = false;
  private closed = false;

  constructor(
    private readonly connections: ReadonlySet<RoomConnection>,
    /** The awareness changes due to go out, encoded, or null. */
    private readonly awarenessDue: () => Uint8Array | null,
    private readonly metrics: CollabMetrics,
    private readonly presenceRideMs = PRESENCE_RIDE_MS,
  ) {}

  /** True once something went out in this turn: what follows is saved and sent at its end. */
  get busyThisTurn(): boolean {
    return this.sentThisTurn;
  }

  /** Sends a saved batch: at once when it is the turn's first, else with the rest at the turn's end. */
  send(batch: readonly Applied[]): void {
    this.unsent.push(...batch);
    if (this.sentThisTurn) return this.schedule();
    this.sentThisTurn = true;
    setImmediate(() => (this.sentThisTurn = false));
    this.broadcast();
  }

  /** Asks for a broadcast at the end of this turn (more was saved after this turn's first broadcast). */
  private schedule(): void {
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
   * Awareness changes are due: they go with the next text broadcast, or alone after
   * PRESENCE_RIDE_MS when no text comes.
   */
  presenceDue(): void {
    if (this.presenceTimer || this.closed) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      if (!this.closed) this.broadcast();
    }, this.presenceRideMs);
  }

  /**
   * Sends awareness changes that wait for text now: the room is closing, and a departure must still
   * reach the other processes (the broadcast is what hands them their news).
   */
  flushPresence(): void {
    if (!this.presenceTimer || this.closed) return;
    clearTimeout(this.presenceTimer);
    this.presenceTimer = null;
    this.broadcast();
  }

  close(): void {
    this.closed = true;
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.presenceTimer = null;
  }

  /**
   * Sends what the turn saved and what changed in awareness: per connection one merged update
   * (without what it sent itself) and one awareness message, framed once and written together.
   */
  private broadcast(): void {
    const batch = this.unsent;
    this.unsent = [];
    const awareness = this.awarenessDue();
    if (awareness && this.presenceTimer) {
      clearTimeout(this.presenceTimer);
      this.presenceTimer = null;
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
}

/**
 * What each connection is sent: everything saved, less what the connection sent itself, then the
 * awareness changes. Most connections sent nothing, so they share one set of frames.
 */
function framedMessages(
  batch: readonly Applied[],
  awareness: Uint8Array | null,
): (connection: RoomConnection) => Framed | null {
  const merged = (updates: Uint8Array[]) => encodeUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
  const framed = (update: Uint8Array | null) => {
    const messages = [update, awareness].filter((m) => m !== null);
    return messages.length > 0 ? new Framed(messages) : null;
  };
  const everything = framed(batch.length > 0 ? merged(batch.map((p) => p.update)) : null);
  const authors = new Set(batch.map((p) => p.from));
  return (connection) => {
    if (!authors.has(connection)) return everything;
    const others = batch.filter((p) => p.from !== connection).map((p) => p.update);
    return framed(others.length > 0 ? merged(others) : null);
  };
}
