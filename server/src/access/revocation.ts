import { eq } from 'drizzle-orm';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { isRole } from '@samstrat/shared/roles';
import type { Rights } from '../collab/guard';
import type { LiveSocket } from '../collab/rooms';
import type { Deps } from '../context';
import type { Db, Reader } from '../db/client';
import { memberships } from '../db/schema';
import { connectionRights } from './connection-rights';

// Rights are computed once per connection (socket or event stream); revoking them means closing
// it, so the client reconnects and gets new ones. Streams are closed by the same revocations as
// sockets, never polled per event.

/** Who a socket or stream belongs to: what a revocation matches on. */
type Holder = Pick<LiveSocket, 'userId' | 'sessionId' | 'strategyId'>;

type Revokers = Pick<Deps, 'rooms' | 'events'>;

/** Closes the sockets and event streams of sessions that have ended (logout, password change, deactivation): 4401. */
export function closeSessionSockets(deps: Revokers, match: (holder: Holder) => boolean): number {
  deps.events.closeStreams(match, 'session ended');
  return deps.rooms.revoke(match, CLOSE_CODES.sessionEnded, 'session ended');
}

/**
 * Closes every socket of one strategy: the workflow froze its text (4409, clients reconnect
 * read-only) or opened it again (4403, clients reconnect with their edit rights). Event streams
 * stay: every member may still hear the strategy's events.
 */
export function closeStrategySockets(deps: Revokers, strategyId: string, code: number, reason: string): number {
  return deps.rooms.revoke((socket) => socket.strategyId === strategyId, code, reason);
}

function sameRights(a: Rights, b: Rights): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'read-only' || b.kind === 'read-only') return true;
  return a.roots.size === b.roots.size && [...a.roots].every((root) => b.roots.has(root));
}

/** Every member's connection rights as they would be computed on connect now. */
async function rightsOfMembers(db: Reader, strategyId: string): Promise<Map<string, Rights>> {
  const rows = await db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.strategyId, strategyId));
  const rights = new Map<string, Rights>();
  for (const { userId, role } of rows) {
    if (isRole(role)) rights.set(userId, await connectionRights(db, strategyId, userId, role));
  }
  return rights;
}

/**
 * Runs a change to who may do what in a strategy (a role, a membership, a section's restriction or
 * owners), then closes the sockets of exactly the members whose connection rights it changed:
 * 4403 "rights changed" for those who remain (they reconnect with the new rights), 4404 for those
 * who are no longer members, whose event streams end too. Everything here is synchronous, so no
 * message is handled in between. `alsoRefresh` names members whose sockets close even if their
 * edit rights stayed the same (a new role changes what else they may do, and the reconnect is how
 * their page learns it).
 */
export async function changingRights<T>(
  deps: Deps,
  strategyId: string,
  change: () => T,
  alsoRefresh: readonly string[] = [],
): Promise<T> {
  const before = await rightsOfMembers(deps.db, strategyId);
  const result = change();
  const after = await rightsOfMembers(deps.db, strategyId);
  for (const [userId, old] of before) {
    const now = after.get(userId);
    const ofUser = (holder: Holder) => holder.strategyId === strategyId && holder.userId === userId;
    if (!now) {
      deps.events.closeStreams(ofUser, 'membership ended');
      deps.rooms.revoke(ofUser, CLOSE_CODES.notFound, 'membership ended');
    } else if (!sameRights(old, now) || alsoRefresh.includes(userId)) {
      deps.rooms.revoke(ofUser, CLOSE_CODES.rightsChanged, 'rights changed');
    }
  }
  return result;
}
