import { isEmptyUpdate, readAwarenessEntries, type AwarenessEntry } from './protocol';

/**
 * What a connection may change, computed when it opens. Rights never change on an open
 * connection: when they must, the server closes it and the client reconnects.
 */
export type Rights = { kind: 'read-only' } | { kind: 'edit-all' };

export type Verdict = { ok: true } | { ok: false; reason: string };

const accept: Verdict = { ok: true };

/** Decides on a document update before it touches the room. */
export function checkUpdate(rights: Rights, update: Uint8Array): Verdict {
  let empty: boolean;
  try {
    empty = isEmptyUpdate(update);
  } catch {
    return { ok: false, reason: 'update could not be decoded' };
  }
  if (empty) return accept;
  if (rights.kind === 'read-only') return { ok: false, reason: 'read-only connection sent changes' };
  return accept;
}

export type AwarenessVerdict = { ok: true; entries: AwarenessEntry[] } | { ok: false; reason: string };

/**
 * Awareness may only describe the connection's own user: nobody shows up under someone else's
 * name. Stock clients relay the states of others they have seen; entries for client ids another
 * connection owns are dropped (the server has them first-hand), never taken as this user's.
 */
export function checkAwareness(
  userId: string,
  update: Uint8Array,
  ownerOf: (clientId: number) => 'self' | 'other' | 'none',
): AwarenessVerdict {
  let entries: AwarenessEntry[];
  try {
    entries = readAwarenessEntries(update);
  } catch {
    return { ok: false, reason: 'awareness update could not be decoded' };
  }
  const own = entries.filter((entry) => ownerOf(entry.clientId) !== 'other');
  for (const { state } of own) {
    if (state === null || typeof state !== 'object') continue;
    const user = (state as { user?: unknown }).user;
    if (user === undefined) continue;
    if (typeof user !== 'object' || user === null || (user as { id?: unknown }).id !== userId) {
      return { ok: false, reason: 'awareness names another user' };
    }
  }
  return { ok: true, entries: own };
}
