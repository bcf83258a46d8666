import type * as Y from 'yjs';
import { isEmptyUpdate, readAwarenessEntries, type AwarenessEntry } from './protocol';
import { updateRoots } from './update-roots';

/**
 * What a connection may change, computed when it opens: nothing, or the listed root fragments.
 * Rights never change on an open connection: when they must, the server closes it and the
 * client reconnects with new ones.
 */
export type Rights = { kind: 'read-only' } | { kind: 'edit'; roots: ReadonlySet<string> };

export type Verdict = { ok: true } | { ok: false; reason: string };

const accept: Verdict = { ok: true };

/** Decides on a document update before it touches the room's document. */
export function checkUpdate(rights: Rights, doc: Y.Doc, update: Uint8Array): Verdict {
  if (rights.kind === 'read-only') {
    try {
      return isEmptyUpdate(update) ? accept : { ok: false, reason: 'read-only connection sent changes' };
    } catch {
      return { ok: false, reason: 'update could not be decoded' };
    }
  }
  const result = updateRoots(doc, update);
  if (!result.ok) return { ok: false, reason: result.reason };
  for (const root of result.roots) {
    if (!rights.roots.has(root)) return { ok: false, reason: `changes ${root}, which this connection may not edit` };
  }
  return accept;
}

export type AwarenessVerdict = { ok: true; entries: AwarenessEntry[] } | { ok: false; reason: string };

/**
 * Awareness may only describe the connection's own user: nobody shows up under someone else's
 * name. Stock clients relay the states of others they have seen; entries for client ids another
 * connection owns, or gave up a moment ago, are dropped (the server has them first-hand), never
 * taken as this user's.
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
