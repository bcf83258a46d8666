import { eq } from 'drizzle-orm';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { isRole } from '@samstrat/shared/roles';
import type { Deps } from '../context';
import type { Db } from '../db/client';
import { memberships } from '../db/schema';
import type { Rights } from './guard';
import { connectionRights } from './rights';
import type { LiveSocket, RoomRegistry } from './rooms';

// Rights are computed once per connection; revoking them means closing the socket so the client
// reconnects and gets new ones. One gap remains: a socket whose upgrade computed its rights before a
// change but which opens after the change closed the tracked sockets. The generation below closes
// that gap: the collab route notes it at upgrade and closes the socket on open if it moved.

const generations = new WeakMap<RoomRegistry, number>();

/** A counter that moves whenever sockets are closed because rights were revoked. */
export function revocationGeneration(rooms: RoomRegistry): number {
  return generations.get(rooms) ?? 0;
}

function revoke(rooms: RoomRegistry, match: (socket: LiveSocket) => boolean, code: number, reason: string): number {
  generations.set(rooms, revocationGeneration(rooms) + 1);
  return rooms.closeSockets(match, code, reason);
}

/** Closes the sockets of sessions that have ended (logout, password change, deactivation): 4401. */
export function closeSessionSockets(rooms: RoomRegistry, match: (socket: LiveSocket) => boolean): number {
  return revoke(rooms, match, CLOSE_CODES.sessionEnded, 'session ended');
}

/**
 * Closes every socket of one strategy: the workflow froze its text (4409, clients reconnect
 * read-only) or opened it again (4403, clients reconnect with their edit rights).
 */
export function closeStrategySockets(rooms: RoomRegistry, strategyId: string, code: number, reason: string): number {
  return revoke(rooms, (socket) => socket.strategyId === strategyId, code, reason);
}

function sameRights(a: Rights, b: Rights): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'read-only' || b.kind === 'read-only') return true;
  return a.roots.size === b.roots.size && [...a.roots].every((root) => b.roots.has(root));
}

/** Every member's connection rights as they would be computed on connect now. */
function rightsOfMembers(db: Db, strategyId: string): Map<string, Rights> {
  const rows = db
    .select({ userId: memberships.userId, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.strategyId, strategyId))
    .all();
  const rights = new Map<string, Rights>();
  for (const { userId, role } of rows) {
    if (isRole(role)) rights.set(userId, connectionRights(db, strategyId, userId, role));
  }
  return rights;
}

/**
 * Runs a change to who may do what in a strategy (a role, a membership, a section's restriction or
 * owners), then closes the sockets of exactly the members whose connection rights it changed:
 * 4403 "rights changed" for those who remain (they reconnect with the new rights), 4404 for those
 * who are no longer members. Everything here is synchronous, so no message is handled in between.
 * `alsoRefresh` names members whose sockets close even if their edit rights stayed the same (a new
 * role changes what else they may do, and the reconnect is how their page learns it).
 */
export function changingRights<T>(
  deps: Deps,
  strategyId: string,
  change: () => T,
  alsoRefresh: readonly string[] = [],
): T {
  const before = rightsOfMembers(deps.db, strategyId);
  const result = change();
  const after = rightsOfMembers(deps.db, strategyId);
  for (const [userId, old] of before) {
    const now = after.get(userId);
    const ofUser = (socket: LiveSocket) => socket.strategyId === strategyId && socket.userId === userId;
    if (!now) revoke(deps.rooms, ofUser, CLOSE_CODES.notFound, 'membership ended');
    else if (!sameRights(old, now) || alsoRefresh.includes(userId))
      revoke(deps.rooms, ofUser, CLOSE_CODES.rightsChanged, 'rights changed');
  }
  return result;
}
