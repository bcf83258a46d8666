import * as Y from 'yjs';
import { misfit, parentKind, type DocumentShape, type ParentKind } from './document-shape';

/**
 * What an update would do to a document, found WITHOUT applying it: which root types it changes,
 * under which client ids it adds structs, and whether what it adds fits the document's shape.
 *
 * A decoded struct names its parent (a root name or the ID of a parent item) only when it has no
 * left/right origin; otherwise its parent is that of its origin. Origins and parents are resolved
 * from structs earlier in the same update or from the document. What Yjs itself would not record
 * as a change (inserts into deleted or garbage-collected parents, deletions of what is already
 * deleted) is not reported, so `roots` equals `transaction.changed` mapped to roots.
 *
 * An update that depends on structs the document lacks (a gap in a client's clock, an origin or
 * parent not seen yet, the deletion of something not seen yet) is `missing`, not wrong: Yjs would
 * keep it pending until they arrive, and an honest client sends them a moment later.
 *
 * `fresh`: everything the update holds is new to the document (no struct it has, no deletion of
 * what is deleted already) and it holds something, so applying it changes the document by exactly
 * these bytes: they may be stored and sent as they came. A keystroke is fresh; a client's sync
 * reply, which repeats its whole delete set, is not.
 */
export type Inspection =
  | { kind: 'ok'; roots: Set<string>; writers: number[]; fresh: boolean }
  | { kind: 'missing'; reason: string; need: Need; writers: number[] }
  | { kind: 'invalid'; reason: string; writers: number[] }
  | { kind: 'malformed'; reason: string };

/**
 * A struct the document must have before an update can be taken: met once the document's clock
 * for `client` has passed `clock`.
 */
export interface Need {
  client: number;
  clock: number;
}

/** Where a new item lands: in a live type under a root, nowhere visible, or an open question. */
type Place =
  | { kind: 'live'; root: string; parent: ParentKind; key: string | null }
  | { kind: 'dead' }
  | { kind: 'missing'; reason: string; need: Need }
  | { kind: 'invalid'; reason: string };

type DecodedStruct = Y.Item | Y.GC | Y.Skip;
/** yjs does not export its DeleteSet type; this is the part we read. */
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

const DEAD: Place = { kind: 'dead' };
const missing = (reason: string, id: Y.ID): Place => ({
  kind: 'missing',
  reason,
  need: { client: id.client, clock: id.clock },
});
const invalid = (reason: string): Place => ({ kind: 'invalid', reason });

/** `shape` null checks nothing of the content (tests of the root logic alone). */
export function inspectUpdate(doc: Y.Doc, update: Uint8Array, shape: DocumentShape | null): Inspection {
  let decoded: { structs: DecodedStruct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: DecodedStruct[]; ds: DeleteSet };
  } catch {
    return { kind: 'malformed', reason: 'update could not be decoded' };
  }
  const { structs, ds } = decoded;
  const store = doc.store;

  // Structs of this update by client, in clock order, to resolve IDs that point into the update.
  const byClient = new Map<number, DecodedStruct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client);
    if (list) list.push(struct);
    else byClient.set(struct.id.client, [struct]);
  }
  // The clients this update adds structs for (the document lacks part of them), and whether
  // Yjs could integrate them: only in clock order without gaps.
  const writers: number[] = [];
  let gap: Need | null = null;
  let fresh = true;
  for (const [client, list] of byClient) {
    const known = Y.getState(store, client);
    let next = known;
    for (const struct of list) {
      if (struct.id.clock < known) fresh = false;
      const end = struct.id.clock + struct.length;
      if (!gap && struct.id.clock > next) gap = { client, clock: struct.id.clock - 1 };
      if (!gap && struct instanceof Y.Skip && end > next) gap = { client, clock: end - 1 };
      next = Math.max(next, end);
    }
    if (next > known && list.some((s) => !(s instanceof Y.Skip) && s.id.clock + s.length > known)) writers.push(client);
  }
  if (gap) return { kind: 'missing', reason: 'update skips structs the server has not seen', need: gap, writers };

  const inUpdate = (id: Y.ID): DecodedStruct | undefined => {
    const list = byClient.get(id.client);
    return list ? findStruct(list, id.clock) : undefined;
  };
  const inDoc = (id: Y.ID): Y.Item | Y.GC | undefined =>
    id.clock < Y.getState(store, id.client) ? (Y.getItem(store, id) as Y.Item | Y.GC) : undefined;

  /** Where a live, integrated type of the document sits: its root, unless it or an ancestor is deleted. */
  const placeOfType = (type: Y.AbstractType<unknown>, key: string | null): Place => {
    let current = type;
    while (current._item !== null) {
      if (current._item.deleted) return DEAD;
      current = current._item.parent as Y.AbstractType<unknown>;
    }
    const root = Y.findRootTypeKey(current);
    if (!root) return invalid('type without a root');
    return { kind: 'live', root, parent: parentKind(type, type === current), key };
  };

  const memo = new Map<Y.Item, Place>();

  /** Where the type that an item of this update is inserted into sits. */
  const placeOfNewItem = (item: Y.Item, depth = 0): Place => {
    const known = memo.get(item);
    if (known) return known;
    if (depth > 10_000) return invalid('origin chain too long');
    let place: Place | null = null;
    // Yjs waits for both neighbours before it integrates an item, so both must be known.
    for (const neighbour of [item.origin, item.rightOrigin]) {
      // Its own client's structs Yjs takes as integrated already, and throws on one that comes later.
      if (neighbour && neighbour.client === item.id.client && neighbour.clock >= item.id.clock) {
        place = invalid('item placed beside a later item of its own client');
        break;
      }
      if (neighbour && !inUpdate(neighbour) && !inDoc(neighbour)) {
        place = missing('origin the server has not seen', neighbour);
      }
    }
    if (!place) {
      const parent = item.parent as unknown;
      if (typeof parent === 'string') {
        place = { kind: 'live', root: parent, parent: { kind: 'root' }, key: item.parentSub };
      } else if (parent instanceof Y.ID) {
        place = placeInParentItem(parent, item.parentSub, depth);
      } else {
        const origin = item.origin ?? item.rightOrigin;
        place = origin ? placeBeside(origin, depth) : invalid('item without parent or origin');
      }
    }
    memo.set(item, place);
    return place;
  };

  /** An item whose parent is given as the ID of another item: that item must hold a type. */
  const placeInParentItem = (id: Y.ID, key: string | null, depth: number): Place => {
    const fromUpdate = inUpdate(id);
    if (fromUpdate instanceof Y.GC) return DEAD;
    if (fromUpdate instanceof Y.Item) {
      // Deleted before it was sent: Yjs turns whatever goes into it into garbage.
      if (fromUpdate.content instanceof Y.ContentDeleted) return DEAD;
      if (!(fromUpdate.content instanceof Y.ContentType)) return invalid('parent is not a type');
      // Children of a type created in the same update change whatever that type lands in.
      const outer = placeOfNewItem(fromUpdate, depth + 1);
      if (outer.kind !== 'live') return outer;
      return { kind: 'live', root: outer.root, parent: parentKind(fromUpdate.content.type, false), key };
    }
    // Not in the update, or only a skipped range of it: the document must have it.
    const fromDoc = inDoc(id);
    if (!fromDoc) return missing('parent the server has not seen', id);
    if (fromDoc instanceof Y.GC || fromDoc.deleted) return DEAD;
    if (!(fromDoc.content instanceof Y.ContentType)) return invalid('parent is not a type');
    return placeOfType(fromDoc.content.type, key);
  };

  /** An item placed next to an origin shares the origin's parent and key. */
  const placeBeside = (id: Y.ID, depth: number): Place => {
    const fromUpdate = inUpdate(id);
    if (fromUpdate instanceof Y.GC) return DEAD;
    if (fromUpdate instanceof Y.Item) return placeOfNewItem(fromUpdate, depth + 1);
    const fromDoc = inDoc(id);
    if (!fromDoc) return missing('origin the server has not seen', id);
    if (fromDoc instanceof Y.GC) return DEAD;
    return placeOfType(fromDoc.parent as Y.AbstractType<unknown>, fromDoc.parentSub);
  };

  const roots = new Set<string>();
  /** Records a live place; answers the reason to stop at, if any. */
  const note = (place: Place): Inspection | null => {
    if (place.kind === 'live') roots.add(place.root);
    if (place.kind === 'missing') return { kind: 'missing', reason: place.reason, need: place.need, writers };
    if (place.kind === 'invalid') return { kind: 'invalid', reason: place.reason, writers };
    return null;
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Structs the document already has are skipped by Yjs when the update is applied.
    if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
    const place = placeOfNewItem(struct);
    // Yjs turns what lands in a deleted type into a deletion: its bytes say more than the change.
    if (place.kind === 'dead') fresh = false;
    const stop = note(place);
    if (stop) return stop;
    if (shape && place.kind === 'live') {
      const problem = misfit(shape, place.parent, place.key, struct.content);
      if (problem) return { kind: 'invalid', reason: `${problem} does not fit the editor schema`, writers };
    }
  }

  for (const [client, ranges] of ds.clients) {
    for (const { clock, len } of ranges) {
      const end = clock + len;
      const docState = Y.getState(store, client);
      // The part the document holds: every live item there changes its type.
      if (clock < docState) {
        const docStructs = store.clients.get(client) ?? [];
        for (let i = Y.findIndexSS(docStructs, clock); i < docStructs.length; i++) {
          const struct = docStructs[i]!;
          if (struct.id.clock >= end) break;
          if (!(struct instanceof Y.Item) || struct.deleted) {
            fresh = false;
            continue;
          }
          const stop = note(placeOfType(struct.parent as Y.AbstractType<unknown>, struct.parentSub));
          if (stop) return stop;
        }
      }
      // The part beyond the document must come with this very update.
      for (let at = Math.max(clock, docState); at < end;) {
        const struct = inUpdate(Y.createID(client, at));
        if (!struct || struct instanceof Y.Skip) {
          return {
            kind: 'missing',
            reason: 'deletion of something the server has not seen',
            need: { client, clock: at },
            writers,
          };
        }
        if (struct instanceof Y.Item) {
          const stop = note(placeOfNewItem(struct));
          if (stop) return stop;
        }
        at = struct.id.clock + struct.length;
      }
    }
  }

  const deletes = [...ds.clients.values()].some((ranges) => ranges.some((range) => range.len > 0));
  if (structs.length === 0 && !deletes) fresh = false;
  return { kind: 'ok', roots, writers, fresh };
}

/** The struct of one client's clock-ordered list that covers `clock`, by binary search. */
function findStruct(list: readonly DecodedStruct[], clock: number): DecodedStruct | undefined {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const struct = list[mid]!;
    if (clock < struct.id.clock) high = mid - 1;
    else if (clock >= struct.id.clock + struct.length) low = mid + 1;
    else return struct;
  }
  return undefined;
}
