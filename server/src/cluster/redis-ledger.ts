import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import {
  DEFAULT_CAPS,
  MemoryConnectionLedger,
  type Admission,
  type ConnectionCaps,
  type ConnectionKey,
  type ConnectionLedger,
} from '../collab/ledger';

/** A connection counts until this long after its process last vouched for it (a dead process's expire). */
const CONNECTION_TTL_MS = 60_000;
/** How often a process vouches for its open connections. */
const HEARTBEAT_MS = 20_000;
/** A Yjs client id nobody wrote under for this long is free again. */
const CLIENT_TTL_MS = 7 * 24 * 3_600_000;

const SCOPES = ['room', 'person', 'session'] as const;
type Scope = (typeof SCOPES)[number];

/**
 * Counts in sorted sets whose scores are expiry times: drop the expired, refuse past a cap, else
 * count the connection in all three. KEYS: room, person, session. ARGV: now, expiry, id, caps×3, ttl.
 */
const ADMIT = `
for i = 1, 3 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', ARGV[1]) end
for i = 1, 3 do
  if redis.call('ZCARD', KEYS[i]) >= tonumber(ARGV[3 + i]) then return i end
end
for i = 1, 3 do
  redis.call('ZADD', KEYS[i], ARGV[2], ARGV[3])
  redis.call('PEXPIRE', KEYS[i], ARGV[7])
end
return 0`;

/** KEYS: the client id's key. ARGV: user id, ttl. 1 when the user owns it (now), 0 when someone else does. */
const CLAIM = `
local owner = redis.call('GET', KEYS[1])
if owner and owner ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/**
 * The connection ledger shared by every process through Redis: connection counts per room,
 * person and session (each process renews its own; a process that dies stops counting within a
 * minute), and the owners of Yjs client ids. While Redis cannot be reached, each process falls
 * back to counting and granting on its own, and says so in the log.
 */
export class RedisConnectionLedger implements ConnectionLedger {
  private readonly local: MemoryConnectionLedger;
  private readonly open = new Map<string, ConnectionKey>();
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly log: Logger,
    private readonly caps: ConnectionCaps = DEFAULT_CAPS,
  ) {
    this.local = new MemoryConnectionLedger(caps);
    this.heartbeat = setInterval(() => void this.renew(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  async admit(key: ConnectionKey): Promise<Admission> {
    const id = connectionIdOf(key);
    try {
      const now = Date.now();
      const refused = (await this.redis.eval(
        ADMIT,
        3,
        ...SCOPES.map((scope) => countKey(scope, key)),
        now,
        now + CONNECTION_TTL_MS,
        id,
        this.caps.perRoom,
        this.caps.perPerson,
        this.caps.perSession,
        CONNECTION_TTL_MS,
      )) as number;
      if (refused > 0) return { ok: false, cap: SCOPES[refused - 1]! };
      this.open.set(id, key);
      return { ok: true };
    } catch (err) {
      this.degraded(err, 'counting connections');
      const admission = this.local.admitNow(key);
      if (admission.ok) this.open.set(id, key);
      return admission;
    }
  }

  async leave(key: ConnectionKey): Promise<void> {
    const id = connectionIdOf(key);
    this.open.delete(id);
    this.local.leaveNow(key);
    try {
      const pipeline = this.redis.pipeline();
      for (const scope of SCOPES) pipeline.zrem(countKey(scope, key), id);
      await pipeline.exec();
    } catch (err) {
      // It expires on its own within a minute.
      this.degraded(err, 'uncounting a connection');
    }
  }

  async count(scope: Scope, key: ConnectionKey): Promise<number> {
    try {
      await this.redis.zremrangebyscore(countKey(scope, key), '-inf', Date.now());
      return await this.redis.zcard(countKey(scope, key));
    } catch (err) {
      this.degraded(err, 'counting connections');
      return this.local.countNow(scope, key);
    }
  }

  async claimClient(strategyId: string, clientId: number, userId: string): Promise<boolean> {
    try {
      return (await this.redis.eval(CLAIM, 1, clientKey(strategyId, clientId), userId, CLIENT_TTL_MS)) === 1;
    } catch (err) {
      this.degraded(err, 'checking a client id');
      return this.local.claimClientNow(strategyId, clientId, userId);
    }
  }

  /** Redis forgets idle ids by itself (their keys expire). */
  async forgetIdleClients(strategyId: string, idleMs: number): Promise<void> {
    this.local.forgetIdleClientsNow(strategyId, idleMs);
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeat);
  }

  /** Vouches for this process's open connections, so they keep counting. */
  private async renew(): Promise<void> {
    if (this.open.size === 0) return;
    try {
      const pipeline = this.redis.pipeline();
      const expiry = Date.now() + CONNECTION_TTL_MS;
      for (const [id, key] of this.open) {
        for (const scope of SCOPES) {
          pipeline.zadd(countKey(scope, key), 'XX', 'CH', expiry, id);
          pipeline.pexpire(countKey(scope, key), CONNECTION_TTL_MS);
        }
      }
      await pipeline.exec();
    } catch (err) {
      this.degraded(err, 'renewing connection counts');
    }
  }

  private degraded(err: unknown, doing: string): void {
    this.log.warn({ err: (err as Error).message }, `redis unavailable while ${doing}; this process decides alone`);
  }
}

function connectionIdOf(key: ConnectionKey): string {
  if (!key.connectionId) throw new Error('a shared ledger needs a connection id');
  return key.connectionId;
}

function countKey(scope: Scope, { strategyId, userId, sessionId }: ConnectionKey): string {
  if (scope === 'room') return `samstrat:conns:r:${strategyId}`;
  return scope === 'person'
    ? `samstrat:conns:p:${strategyId}:${userId}`
    : `samstrat:conns:s:${strategyId}:${sessionId}`;
}

function clientKey(strategyId: string, clientId: number): string {
  return `samstrat:client:${strategyId}:${clientId}`;
}
