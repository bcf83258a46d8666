/**
 * Who is connected where, and who writes under which Yjs client id: the collaboration state that
 * several server processes will have to share (through Redis), kept behind this one small
 * interface so that a shared implementation replaces the in-memory one without touching the guard.
 *
 * Callers ask only at connect, at close and on a connection's first write under a client id
 * (connections remember the ids they were granted), so the round trip to a shared ledger costs
 * no keystroke.
 */
export interface ConnectionLedger {
  /** Counts a new connection, or refuses it naming the cap it would pass. */
  admit(key: ConnectionKey): Promise<Admission>;
  /** Stops counting a connection that `admit` let in. */
  leave(key: ConnectionKey): Promise<void>;
  /** How many connections are counted: in a room, or of one person or session in it. */
  count(scope: 'room' | 'person' | 'session', key: ConnectionKey): Promise<number>;
  /**
   * Grants `userId` the Yjs client id `clientId` in a strategy unless another person holds it.
   * The first writer under an id owns it; the owner's later claims only refresh it.
   * @returns true when `userId` owns the id now.
   */
  claimClient(strategyId: string, clientId: number, userId: string): Promise<boolean>;
  /** Forgets the client ids of a strategy nobody has claimed for `idleMs`; called when its room unloads. */
  forgetIdleClients(strategyId: string, idleMs: number): Promise<void>;
  /** Stops whatever keeps the ledger's entries alive (a shared ledger's heartbeat). */
  close(): Promise<void>;
}

export interface ConnectionKey {
  strategyId: string;
  userId: string;
  sessionId: string;
  /** Tells two connections of one session apart; a shared ledger counts connections by it. */
  connectionId?: string;
}

export type Admission = { ok: true } | { ok: false; cap: 'room' | 'person' | 'session' };

export interface ConnectionCaps {
  /** Connections to one strategy's room. */
  perRoom: number;
  /** Connections of one person to one room: well below the room's, so one person cannot fill it. */
  perPerson: number;
  /** Connections of one session (one browser) to one room. */
  perSession: number;
}

export const DEFAULT_CAPS: ConnectionCaps = { perRoom: 200, perPerson: 20, perSession: 10 };

/** The ledger of one process; its answers are synchronous (`…Now`), wrapped for the interface. */
export class MemoryConnectionLedger implements ConnectionLedger {
  private readonly counts = new Map<string, number>();
  /** Per strategy: client id → the person who owns it and when they last claimed it (Date.now()). */
  private readonly clients = new Map<string, Map<number, { userId: string; claimedAt: number }>>();

  constructor(private readonly caps: ConnectionCaps = DEFAULT_CAPS) {}

  async admit(key: ConnectionKey): Promise<Admission> {
    return this.admitNow(key);
  }

  async leave(key: ConnectionKey): Promise<void> {
    this.leaveNow(key);
  }

  async count(scope: 'room' | 'person' | 'session', key: ConnectionKey): Promise<number> {
    return this.countNow(scope, key);
  }

  async claimClient(strategyId: string, clientId: number, userId: string): Promise<boolean> {
    return this.claimClientNow(strategyId, clientId, userId);
  }

  async forgetIdleClients(strategyId: string, idleMs: number): Promise<void> {
    this.forgetIdleClientsNow(strategyId, idleMs);
  }

  async close(): Promise<void> {}

  admitNow(key: ConnectionKey): Admission {
    if (this.countNow('room', key) >= this.caps.perRoom) return { ok: false, cap: 'room' };
    if (this.countNow('person', key) >= this.caps.perPerson) return { ok: false, cap: 'person' };
    if (this.countNow('session', key) >= this.caps.perSession) return { ok: false, cap: 'session' };
    for (const scope of SCOPES) this.add(counter(scope, key), 1);
    return { ok: true };
  }

  leaveNow(key: ConnectionKey): void {
    for (const scope of SCOPES) this.add(counter(scope, key), -1);
  }

  countNow(scope: 'room' | 'person' | 'session', key: ConnectionKey): number {
    return this.counts.get(counter(scope, key)) ?? 0;
  }

  claimClientNow(strategyId: string, clientId: number, userId: string): boolean {
    let owners = this.clients.get(strategyId);
    if (!owners) this.clients.set(strategyId, (owners = new Map()));
    const owner = owners.get(clientId);
    if (owner && owner.userId !== userId) return false;
    owners.set(clientId, { userId, claimedAt: Date.now() });
    return true;
  }

  forgetIdleClientsNow(strategyId: string, idleMs: number): void {
    const owners = this.clients.get(strategyId);
    if (!owners) return;
    const before = Date.now() - idleMs;
    for (const [clientId, { claimedAt }] of owners) if (claimedAt < before) owners.delete(clientId);
    if (owners.size === 0) this.clients.delete(strategyId);
  }

  private add(name: string, delta: number): void {
    const next = (this.counts.get(name) ?? 0) + delta;
    if (next > 0) this.counts.set(name, next);
    else this.counts.delete(name);
  }
}

const SCOPES = ['room', 'person', 'session'] as const;

function counter(scope: 'room' | 'person' | 'session', { strategyId, userId, sessionId }: ConnectionKey): string {
  if (scope === 'room') return `r:${strategyId}`;
  return scope === 'person' ? `p:${strategyId}:${userId}` : `s:${strategyId}:${sessionId}`;
}
