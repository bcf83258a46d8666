import { Awareness, encodeAwarenessUpdate, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { encodeAwareness, type AwarenessEntry } from './protocol';
import type { RoomConnection } from './room';

/** Origin of awareness changes another server process reported. */
export const REMOTE_PRESENCE = Symbol('remote presence');

/**
 * Awareness (presence, carets) becomes due at most this often: the first change at once, later ones
 * together at the end of the interval. Due changes then ride with the next text broadcast, or go
 * alone a moment later (fan-out.ts, PRESENCE_RIDE_MS). Text never waits for them.
 */
const AWARENESS_INTERVAL_MS = 50;

/**
 * How long clients may still relay the presence of someone who left: the stock client relays every
 * awareness change it receives, and the last ones can reach the server after the owner's socket closed.
 */
const DEPARTED_RELAY_MS = 60_000;

/**
 * A room's awareness: who introduced which awareness client id, and which changes are due to go
 * out. Changes are sent with the room's next broadcast; `onDue` tells the fan-out they are due.
 */
export class Presence {
  readonly awareness: Awareness;
  /** Awareness client ids their connections gave up, by whom and when (Date.now()). */
  private readonly departed = new Map<number, { by: RoomConnection; at: number }>();
  /** Awareness client ids changed since the last broadcast. */
  private changed = new Set<number>();
  /** Awareness changes may go out in the next broadcast. */
  private due = false;
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Ids whose presence another server process holds (its connections introduced them). */
  private readonly remote = new Set<number>();
  /** Ids this process's connections changed since the last broadcast: news for other processes. */
  private localChanged = new Set<number>();

  constructor(
    doc: Y.Doc,
    private readonly connections: ReadonlySet<RoomConnection>,
    private readonly onDue: () => void,
    /** Hears this process's own presence changes (an awareness update), for the other processes; none when alone. */
    private readonly onLocalChanges: ((update: Uint8Array) => void) | null = null,
  ) {
    this.awareness = new Awareness(doc);
    // The server has no presence of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onUpdate);
  }

  /** The changes due now, encoded for the broadcast; null when none are due. */
  takeDue(): Uint8Array | null {
    if (!this.due) return null;
    this.due = false;
    if (this.onLocalChanges && this.localChanged.size > 0) {
      this.onLocalChanges(encodeAwarenessUpdate(this.awareness, [...this.localChanged]));
      this.localChanged.clear();
    }
    if (this.changed.size === 0) return null;
    const message = encodeAwareness(this.awareness, [...this.changed]);
    this.changed.clear();
    this.lastSentAt = Date.now();
    return message;
  }

  /**
   * Whether an entry a connection sent is a relay of someone else's presence. An id another
   * connection introduced, or gave up a moment ago, is someone else's: other clients may relay its
   * last state after that. Except when that connection is the same person's and the entry is newer
   * than what the room has: the person reconnected while their old socket still looks alive.
   */
  isRelay(entry: AwarenessEntry, connection: RoomConnection): boolean {
    const { clientId } = entry;
    if (connection.awarenessIds.has(clientId)) return false;
    let holder: RoomConnection | null = null;
    for (const other of this.connections) {
      if (other !== connection && other.awarenessIds.has(clientId)) holder = other;
    }
    if (!holder && this.remote.has(clientId)) {
      // Held on another process: a relay, unless it is this person's newer state (they moved here).
      const state = this.awareness.states.get(clientId) as { user?: { id?: unknown } } | undefined;
      return state?.user?.id !== connection.userId || entry.clock <= (this.awareness.meta.get(clientId)?.clock ?? -1);
    }
    const departed = this.departed.get(clientId);
    if (!holder && departed && departed.by !== connection && Date.now() - departed.at <= DEPARTED_RELAY_MS) {
      holder = departed.by;
    }
    if (!holder) return false;
    return holder.userId !== connection.userId || entry.clock <= (this.awareness.meta.get(clientId)?.clock ?? -1);
  }

  /** Takes over the ids of entries that are the connection's own (see isRelay) from other connections. */
  adopt(entries: readonly AwarenessEntry[], connection: RoomConnection): void {
    for (const { clientId } of entries) {
      if (connection.awarenessIds.has(clientId)) continue;
      for (const other of this.connections) other.awarenessIds.delete(clientId);
      this.departed.delete(clientId);
      this.remote.delete(clientId);
      if (this.awareness.states.has(clientId)) connection.awarenessIds.add(clientId);
    }
  }

  /** A connection left: its presence goes, and its ids stay its own for a while. */
  remove(connection: RoomConnection): void {
    const now = Date.now();
    for (const [id, { at }] of this.departed) if (now - at > DEPARTED_RELAY_MS) this.departed.delete(id);
    if (connection.awarenessIds.size > 0) {
      for (const id of connection.awarenessIds) this.departed.set(id, { by: connection, at: now });
      removeAwarenessStates(this.awareness, [...connection.awarenessIds], null);
    }
  }

  /** The room closes: changes waiting for the interval are due now (a departure must still go out). */
  hurry(): void {
    if (!this.timer) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.due = true;
    this.onDue();
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.awareness.destroy();
  }

  private schedule(): void {
    if (this.due || this.timer) return;
    const wait = this.lastSentAt + AWARENESS_INTERVAL_MS - Date.now();
    const due = () => {
      this.timer = null;
      this.due = true;
      this.onDue();
    };
    if (wait <= 0) due();
    else this.timer = setTimeout(due, wait);
  }

  private onUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    if (origin === REMOTE_PRESENCE) {
      for (const id of [...added, ...updated]) this.remote.add(id);
      for (const id of removed) this.remote.delete(id);
    } else {
      // Ours: a connection's change, a departure, or the awareness timeout of a silent client.
      if (this.onLocalChanges) {
        for (const id of [...added, ...updated, ...removed]) if (!this.remote.has(id)) this.localChanged.add(id);
      }
      for (const id of removed) this.remote.delete(id);
    }
    const from = origin as RoomConnection | null;
    if (from && this.connections.has(from)) {
      for (const id of added) from.awarenessIds.add(id);
      for (const id of removed) {
        from.awarenessIds.delete(id);
        this.departed.set(id, { by: from, at: Date.now() });
      }
    }
    for (const id of [...added, ...updated, ...removed]) this.changed.add(id);
    this.schedule();
  };
}
