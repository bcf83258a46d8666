import { applyAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import type { Framed } from './framed';
import { checkAwareness, checkUpdate, editableRoots, type Person, type UpdateCheck } from './guard';
import type { Need } from './inspect-update';
import { recordSince } from './metrics';
import type { EditOrigin } from './origins';
import { decodeMessage, encodeAwareness, writeAwarenessEntries } from './protocol';
import type { Room, RoomConnection } from './room';
import type { RoomRegistry } from './rooms';
import type { Grant } from './route';
import { WaitingUpdates, type Attempt } from './waiting';

/** What a socket received: a binary frame's bytes, or the mark of a text frame (no part of the protocol). */
export type Frame = Uint8Array | typeof TEXT_FRAME;
export const TEXT_FRAME = 'text';

/** The socket under a connection, as the connection uses it. */
export interface ConnectionSocket {
  /** False once a close is under way: frames still arriving then were sent under revoked rights. */
  readonly isOpen: boolean;
  send(message: Uint8Array): void;
  sendFramed(framed: Framed): void;
  /** Closes the socket after a refusal; the caller logs and audits it. */
  refuse(code: number, reason: string): void;
}

/**
 * One socket in a room, speaking the stock y-websocket protocol: every message is read before
 * anything is applied, every update passes the guard, and an update whose dependencies the room
 * lacks waits (bounded) for them to arrive: from this same client's sync reply, as a rule.
 */
export class CollabConnection implements RoomConnection {
  readonly userId: string;
  readonly origin: EditOrigin;
  readonly awarenessIds = new Set<number>();
  /** Moves when an outline change regrants this connection's rights (`regrant`). */
  rightsVersion: number;
  /** Client ids the ledger granted (true) or refused (false) this connection's person. */
  private readonly clients = new Map<number, boolean>();
  /** Frames that arrived while the ledger was asked about client ids: handled after, in order. */
  private held: { frame: Frame; arrivedAt: number }[] | null = null;
  private readonly check: UpdateCheck;
  private readonly waiting: WaitingUpdates;

  constructor(
    private readonly person: Person,
    private readonly strategyId: string,
    grant: Grant,
    private readonly room: Room,
    private readonly rooms: RoomRegistry,
    private readonly socket: ConnectionSocket,
  ) {
    this.userId = person.userId;
    this.origin = { kind: 'connection', userId: person.userId, sessionId: person.sessionId };
    this.rightsVersion = grant.rightsVersion;
    this.check = {
      editable: editableRoots(grant.rights),
      shape: rooms.shape,
      mayWrite: (clientId) => this.mayWrite(clientId),
    };
    this.waiting = new WaitingUpdates(rooms.limits.waiting, () =>
      socket.refuse(CLOSE_CODES.rightsChanged, 'the structs an update depends on never arrived'),
    );
  }

  /**
   * New rights on the open connection (an outline change): every update checked from now on is
   * judged by them, and stored under their version. What the room already took stays taken; what
   * waits for its dependencies is checked again when it is tried.
   */
  regrant(grant: Grant): void {
    this.check.editable = editableRoots(grant.rights);
    this.rightsVersion = grant.rightsVersion;
  }

  send(message: Uint8Array): void {
    this.socket.send(message);
  }

  sendFramed(framed: Framed): void {
    this.socket.sendFramed(framed);
  }

  /** Handles one frame; `arrivedAt` is a performance.now() reading. */
  receive(frame: Frame, arrivedAt: number): void {
    if (!this.socket.isOpen) return;
    if (this.held) return void this.held.push({ frame, arrivedAt });
    if (frame === TEXT_FRAME) return this.malformed('text frames are not part of the protocol');
    let message;
    try {
      message = decodeMessage(frame);
    } catch {
      return this.malformed('malformed message');
    }
    switch (message.kind) {
      case 'sync-step1':
        this.send(this.room.syncStep2(message.stateVector));
        return;
      case 'update':
        return this.receiveUpdate(message.update, arrivedAt);
      case 'awareness': {
        // Handled once this turn's updates are stored and sent. Stock clients send the caret right
        // after each keystroke, so both arrive in one read; the keystroke's storing goes on after
        // the read (the database is asynchronous), and would wait for the caret meanwhile.
        const { update } = message;
        setImmediate(() => {
          if (!this.socket.isOpen) return;
          try {
            this.receiveAwareness(update);
          } catch {
            // Outside the socket's handler now, so caught here: nothing a client sends may escape
            // (a presence nested too deep for y-protocols' comparison, say).
            this.malformed('awareness could not be handled');
          }
        });
        return;
      }
      case 'query-awareness':
        this.send(encodeAwareness(this.room.awareness, [...this.room.awareness.getStates().keys()]));
        return;
    }
  }

  /** The socket closed: whatever waits is dropped (the client resends it after it resyncs). */
  closed(): void {
    this.waiting.clear();
    this.room.holdsWaiting(this, false);
  }

  /** The room applied an update: held ones whose first need is now met are tried again. */
  retryWaiting(): void {
    this.waiting.retry(this.isMet, this.retry);
    if (this.waiting.size === 0) this.room.holdsWaiting(this, false);
  }

  private receiveUpdate(update: Uint8Array, arrivedAt: number): void {
    const verdict = checkUpdate(this.check, this.room.doc, update);
    recordSince(this.rooms.metrics.guard, arrivedAt);
    switch (verdict.kind) {
      case 'accept':
        // The room then lets every connection holding updates try them again.
        this.room.applyUpdate(update, this, arrivedAt, verdict.fresh);
        return;
      case 'claim':
        return this.claim(verdict.clients, update, arrivedAt);
      case 'wait':
        if (!this.waiting.hold(update, arrivedAt, verdict.need)) {
          this.socket.refuse(CLOSE_CODES.rightsChanged, `too much waits for what it depends on (${verdict.reason})`);
          return;
        }
        this.room.holdsWaiting(this, true);
        return;
      case 'refuse':
        if (verdict.malformed) return this.malformed(verdict.reason);
        return this.socket.refuse(CLOSE_CODES.rightsChanged, verdict.reason);
    }
  }

  private readonly isMet = ({ client, clock }: Need): boolean => Y.getState(this.room.doc.store, client) > clock;

  private readonly retry = (update: Uint8Array, arrivedAt: number): Attempt => {
    if (!this.socket.isOpen) return 'stop';
    const verdict = checkUpdate(this.check, this.room.doc, update);
    if (verdict.kind === 'accept') {
      this.room.applyUpdate(update, this, arrivedAt, verdict.fresh);
      return 'applied';
    }
    if (verdict.kind === 'wait') return verdict.need;
    // Its client ids were granted when it first came, or it would not wait.
    if (verdict.kind === 'claim') return 'stop';
    this.socket.refuse(verdict.malformed ? CLOSE_CODES.malformed : CLOSE_CODES.rightsChanged, verdict.reason);
    return 'stop';
  };

  private receiveAwareness(update: Uint8Array): void {
    const verdict = checkAwareness(this.person, update, (entry) => this.room.isRelay(entry, this));
    if (!verdict.ok) {
      if (verdict.malformed) return this.malformed(verdict.reason);
      return this.socket.refuse(CLOSE_CODES.rightsChanged, verdict.reason);
    }
    if (verdict.entries.length === 0) return;
    this.room.adoptAwareness(verdict.entries, this);
    // Written anew only when relays were dropped: a caret moves with every keystroke.
    const own = verdict.whole ? update : writeAwarenessEntries(verdict.entries);
    applyAwarenessUpdate(this.room.awareness, own, this);
  }

  private mayWrite(clientId: number): boolean | undefined {
    return this.clients.get(clientId);
  }

  /**
   * Asks the ledger for client ids this update writes under, holding every later frame of the
   * socket meanwhile so their order stays, then takes the update again.
   */
  private claim(clientIds: readonly number[], update: Uint8Array, arrivedAt: number): void {
    this.held = [];
    Promise.all(
      clientIds.map(async (id) => {
        this.clients.set(id, await this.rooms.ledger.claimClient(this.strategyId, id, this.userId));
      }),
    ).then(
      () => {
        const held = this.held ?? [];
        this.held = null;
        if (!this.socket.isOpen) return;
        this.receiveUpdate(update, arrivedAt);
        for (const { frame, arrivedAt } of held) this.receive(frame, arrivedAt);
      },
      (err: unknown) => {
        this.held = null;
        this.socket.refuse(CLOSE_CODES.serverError, `the client id could not be checked: ${String(err)}`);
      },
    );
  }

  private malformed(reason: string): void {
    this.socket.refuse(CLOSE_CODES.malformed, reason);
  }
}
