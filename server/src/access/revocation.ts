import { and, eq, inArray, sql } from 'drizzle-orm';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { isRole } from '@samstrat/shared/roles';
import type { Rights } from '../collab/guard';
import type { Deps } from '../context';
import type { Reader, Tx } from '../db/client';
import { memberships } from '../db/schema';
import { membersConnectionRights } from './connection-rights';

// Rights are computed once per connection (socket or event stream); revoking them means closing
// it, so the client reconnects and gets new ones. Streams are closed by the same revocations as
// sockets, never polled per event. Revocations reach every server process (cluster/revocations.ts);
// one that never arrives is still enforced by the rights version the storing transaction checks.

/** Closes the sockets and event streams of ended sessions (logout, password change, deactivation): 4401. */
export function closeSessionSockets(
  deps: Pick<Deps, 'revocations'>,
  whose: { sessionId: string } | { userId: string; exceptSessionId?: string },
): void {
  deps.revocations.revoke({ ...whose, code: CLOSE_CODES.sessionEnded, reason: 'session ended', streams: true });
}

/**
 * Closes every socket of one strategy: the workflow froze its text (4409, clients reconnect
 * read-only) or opened it again (4403, clients reconnect with their edit rights). Event streams
 * stay: every member may still hear the strategy's events.
 */
export function closeStrategySockets(
  deps: Pick<Deps, 'revocations'>,
  strategyId: string,
  code: number,
  reason: string,
): void {
  deps.revocations.revoke({ strategyId, code, reason, streams: false });
}

/**
 * Moves the rights version of every member of a strategy (the text froze or thawed): sockets opened
 * before can no longer store anything, wherever they are.
 */
export async function bumpRightsVersions(tx: Tx, strategyId: string, userIds?: readonly string[]): Promise<void> {
  await tx
    .update(memberships)
    .set({ rightsVersion: sql`${memberships.rightsVersion} + 1` })
    .where(
      and(eq(memberships.strategyId, strategyId), userIds ? inArray(memberships.userId, [...userIds]) : undefined),
    );
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
  const members = rows.flatMap(({ userId, role }) => (isRole(role) ? [{ userId, role }] : []));
  return await membersConnectionRights(db, strategyId, members);
}

/** Whether `now` lacks a root `before` had: the member lost something they could write. */
function shrank(before: Rights, now: Rights): boolean {
  if (before.kind === 'read-only') return false;
  if (now.kind === 'read-only') return true;
  return [...before.roots].some((root) => !now.roots.has(root));
}

/**
 * Runs a change to who may do what in a strategy (a role, a membership, a section's restriction or
 * owners) in one transaction, moves the rights version of exactly the members whose connection
 * rights it changed, and after the commit closes their sockets: 4403 "rights changed" for those
 * who remain (they reconnect with the new rights), 4404 for those who are no longer members, whose
 * event streams end too. `alsoRefresh` names members whose sockets close even if their edit rights
 * stayed the same (a new role changes what else they may do, and the reconnect is how their page
 * learns it).
 */
export async function changingRights<T>(
  deps: Deps,
  strategyId: string,
  change: (tx: Tx) => Promise<T>,
  alsoRefresh: readonly string[] = [],
): Promise<T> {
  return deps.db.transaction(async (tx) => {
    const before = await rightsOfMembers(tx, strategyId);
    const result = await change(tx);
    const after = await rightsOfMembers(tx, strategyId);
    const removed: string[] = [];
    const changed: string[] = [];
    for (const [userId, old] of before) {
      const now = after.get(userId);
      if (!now) removed.push(userId);
      else if (!sameRights(old, now) || alsoRefresh.includes(userId)) changed.push(userId);
    }
    if (changed.length > 0) await bumpRightsVersions(tx, strategyId, changed);
    tx.afterCommit(() => {
      for (const userId of removed) {
        deps.revocations.revoke({
          strategyId,
          userId,
          code: CLOSE_CODES.notFound,
          reason: 'membership ended',
          streams: true,
        });
      }
      for (const userId of changed) {
        deps.revocations.revoke({
          strategyId,
          userId,
          code: CLOSE_CODES.rightsChanged,
          reason: 'rights changed',
          streams: false,
        });
      }
    });
    return result;
  });
}

/**
 * Runs a change of the outline (a section added, removed, restored) in one transaction and hands
 * the members' open sockets their new rights after the commit, without closing them: an outline
 * change must never cost anyone a keystroke (issue 13). The rights version moves only for members
 * who lost a root (a removed section they could write): a socket the regrant never reached is then
 * stopped by the storing transaction, as after any revocation. One that only gained a root keeps
 * its version; its old rights are a subset of the new ones.
 */
export async function changingOutline<T>(deps: Deps, strategyId: string, change: (tx: Tx) => Promise<T>): Promise<T> {
  return deps.db.transaction(async (tx) => {
    const before = await rightsOfMembers(tx, strategyId);
    const result = await change(tx);
    const after = await rightsOfMembers(tx, strategyId);
    const changed = [...after].filter(([userId, now]) => {
      const old = before.get(userId);
      return old !== undefined && !sameRights(old, now);
    });
    const lost = changed.filter(([userId, now]) => shrank(before.get(userId)!, now)).map(([userId]) => userId);
    if (lost.length > 0) await bumpRightsVersions(tx, strategyId, lost);
    const versions = new Map(
      (
        await tx
          .select({ userId: memberships.userId, rightsVersion: memberships.rightsVersion })
          .from(memberships)
          .where(eq(memberships.strategyId, strategyId))
      ).map((row) => [row.userId, row.rightsVersion]),
    );
    tx.afterCommit(() => {
      for (const [userId, rights] of changed) {
        deps.revocations.revoke({
          strategyId,
          userId,
          code: CLOSE_CODES.rightsChanged,
          reason: 'rights changed',
          streams: false,
          regrant: {
            roots: rights.kind === 'edit' ? [...rights.roots] : [],
            rightsVersion: versions.get(userId) ?? 0,
          },
        });
      }
    });
    return result;
  });
}
