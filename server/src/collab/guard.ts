import { isEmptyUpdate, readAwarenessStates } from './protocol';

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

/** Awareness may only describe the connection's own user: nobody shows up under someone else's name. */
export function checkAwareness(userId: string, update: Uint8Array): Verdict {
  let states: { clientId: number; state: unknown }[];
  try {
    states = readAwarenessStates(update);
  } catch {
    return { ok: false, reason: 'awareness update could not be decoded' };
  }
  for (const { state } of states) {
    if (state === null || typeof state !== 'object') continue;
    const user = (state as { user?: unknown }).user;
    if (user === undefined) continue;
    if (typeof user !== 'object' || user === null || (user as { id?: unknown }).id !== userId) {
      return { ok: false, reason: 'awareness names another user' };
    }
  }
  return accept;
}
