import type * as Y from 'yjs';
import type { DocumentShape } from './document-shape';
import { inspectUpdate, type Need } from './inspect-update';
import { readAwarenessEntries, type AwarenessEntry } from './protocol';

/**
 * What a connection may change, computed when it opens: nothing, or the listed root fragments.
 * A change of role or membership closes the connection (the client reconnects with new rights);
 * an outline change gives the open connection new rights (CollabConnection.regrant).
 */
export type Rights = { kind: 'read-only' } | { kind: 'edit'; roots: ReadonlySet<string> };

/** The roots a connection may change; read-only is simply none. */
export function editableRoots(rights: Rights): ReadonlySet<string> {
  return rights.kind === 'edit' ? rights.roots : NO_ROOTS;
}

const NO_ROOTS: ReadonlySet<string> = new Set();

/**
 * accept: apply it (`fresh`: it changes the document by exactly its own bytes; see Inspection).
 * wait: it depends on structs the document lacks; hold it until they come.
 * refuse: it breaks the rules (`malformed` when it is not even a Yjs update). claim: it writes
 * under client ids the connection has not been granted yet; ask the ledger, then check again.
 */
export type Verdict =
  | { kind: 'accept'; fresh: boolean }
  | { kind: 'claim'; clients: number[] }
  | { kind: 'wait'; reason: string; need: Need }
  | { kind: 'refuse'; reason: string; malformed: boolean };

const ACCEPT_FRESH: Verdict = { kind: 'accept', fresh: true };
const ACCEPT: Verdict = { kind: 'accept', fresh: false };

export interface UpdateCheck {
  /** The roots the connection may change (see editableRoots). */
  editable: ReadonlySet<string>;
  shape: DocumentShape;
  /**
   * Whether the connection's person may write under a Yjs client id (the first writer owns it);
   * undefined when the ledger has not been asked yet.
   */
  mayWrite(clientId: number): boolean | undefined;
}

/**
 * Decides on a document update before it touches the room's document: the one check for every
 * connection. An update may change only editable roots (so a read-only connection, which has
 * none, may still send what changes nothing, like the delete set of a routine sync reply), add
 * only content that fits the editor schema, and add structs only under client ids of its sender.
 */
export function checkUpdate(check: UpdateCheck, doc: Y.Doc, update: Uint8Array): Verdict {
  let inspection;
  try {
    inspection = inspectUpdate(doc, update, check.shape);
  } catch {
    // Decoded, but self-contradictory in a way Yjs's reader did not catch.
    return { kind: 'refuse', reason: 'update could not be read', malformed: true };
  }
  if (inspection.kind === 'malformed') return { kind: 'refuse', reason: inspection.reason, malformed: true };
  const unclaimed: number[] = [];
  for (const client of inspection.writers) {
    const may = check.mayWrite(client);
    if (may === undefined) unclaimed.push(client);
    else if (!may) {
      return {
        kind: 'refuse',
        reason: `writes under client id ${client}, which another person uses`,
        malformed: false,
      };
    }
  }
  if (unclaimed.length > 0) return { kind: 'claim', clients: unclaimed };
  if (inspection.kind === 'missing') return { kind: 'wait', reason: inspection.reason, need: inspection.need };
  if (inspection.kind === 'invalid') return { kind: 'refuse', reason: inspection.reason, malformed: false };
  for (const root of inspection.roots) {
    if (!check.editable.has(root)) {
      return { kind: 'refuse', reason: `changes ${root}, which this connection may not edit`, malformed: false };
    }
  }
  return inspection.fresh ? ACCEPT_FRESH : ACCEPT;
}

/** The account behind a connection, as its presence must show it. */
export interface Person {
  userId: string;
  sessionId: string;
  name: string;
}

/** `entries` are the connection's own; `whole` says they are all the update held (no relay was dropped). */
export type AwarenessVerdict =
  { ok: true; entries: AwarenessEntry[]; whole: boolean } | { ok: false; reason: string; malformed: boolean };

/** The fields of a presence's `user` a client may set, and which of them must be the account's own. */
const USER_FIELDS = new Set(['id', 'name', 'color']);

/**
 * Awareness may only describe the connection's own account: nobody shows up under someone else's
 * id or name. Stock clients relay the states of others they have seen; entries `isRelay` says
 * belong to another connection are dropped (the server has them first-hand), never taken as this
 * person's.
 */
export function checkAwareness(
  person: Person,
  update: Uint8Array,
  isRelay: (entry: AwarenessEntry) => boolean,
): AwarenessVerdict {
  let entries: AwarenessEntry[];
  try {
    entries = readAwarenessEntries(update);
  } catch {
    return { ok: false, reason: 'awareness update could not be decoded', malformed: true };
  }
  for (const { state } of entries) {
    if (depthOf(state) > MAX_AWARENESS_DEPTH) {
      return { ok: false, reason: 'awareness state nested too deep', malformed: true };
    }
  }
  const own = entries.filter((entry) => !isRelay(entry));
  for (const { state } of own) {
    if (state === null || typeof state !== 'object') continue;
    const user = (state as { user?: unknown }).user;
    if (user === undefined) continue;
    const problem = userProblem(person, user);
    if (problem) return { ok: false, reason: problem, malformed: false };
  }
  return { ok: true, entries: own, whole: own.length === entries.length };
}

/**
 * How deep a presence may nest: a caret is four levels (cursor, anchor, its fields). y-protocols
 * compares and writes states recursively, so one nested thousands deep would overflow the stack
 * in every broadcast after it was taken.
 */
const MAX_AWARENESS_DEPTH = 16;

/** The nesting depth of a parsed JSON value, found without recursion. */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    deepest = Math.max(deepest, depth + 1);
    if (deepest > MAX_AWARENESS_DEPTH) return deepest;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function userProblem(person: Person, user: unknown): string | null {
  if (typeof user !== 'object' || user === null) return 'awareness user is not an object';
  const fields = user as Record<string, unknown>;
  if (fields.id !== person.userId) return 'awareness names another user';
  if ('name' in fields && fields.name !== person.name) return 'awareness shows another name';
  for (const key of Object.keys(fields)) if (!USER_FIELDS.has(key)) return `awareness user carries "${key}"`;
  return null;
}
