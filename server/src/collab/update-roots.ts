import * as Y from 'yjs';

/**
 * Which root types of a document an update would change, found WITHOUT applying it.
 *
 * A decoded struct names its parent (a root name or the ID of a parent item) only when it has
 * no left/right origin; otherwise its parent is that of its origin. Origins and parents are
 * resolved from structs earlier in the same update or from the document. What Yjs itself would
 * not record as a change (inserts into deleted or garbage-collected parents, deletions of what
 * is already deleted) is not reported, so the answer equals `transaction.changed` mapped to roots.
 */
export type UpdateRoots = { ok: true; roots: Set<string> } | { ok: false; reason: string };

/** Where a struct lands: a live root, nowhere visible (dead/gc parent), or an open question. */
type Location = { kind: 'root'; name: string } | { kind: 'dead' } | { kind: 'unresolvable'; reason: string };

type DecodedStruct = Y.Item | Y.GC | Y.Skip;
/** yjs does not export its DeleteSet type; this is the part we read. */
type DeleteSet = { clients: Map<number, { clock: number; len: number }[]> };

const dead: Location = { kind: 'dead' };
const unresolvable = (reason: string): Location => ({ kind: 'unresolvable', reason });

export function updateRoots(doc: Y.Doc, update: Uint8Array): UpdateRoots {
  let decoded: { structs: DecodedStruct[]; ds: DeleteSet };
  try {
    decoded = Y.decodeUpdate(update) as { structs: DecodedStruct[]; ds: DeleteSet };
  } catch {
    return { ok: false, reason: 'update could not be decoded' };
  }
  const { structs, ds } = decoded;
  const store = doc.store;

  // Structs of this update by client, in clock order, to resolve IDs that point into the update.
  const byClient = new Map<number, DecodedStruct[]>();
  for (const struct of structs) {
    const list = byClient.get(struct.id.client) ?? [];
    list.push(struct);
    byClient.set(struct.id.client, list);
  }
  // Yjs integrates a client's structs only in clock order without gaps; anything after a gap
  // would wait, unapplied, for structs the server has not seen.
  for (const [client, list] of byClient) {
    let next = Y.getState(store, client);
    for (const struct of list) {
      if (struct.id.clock > next) return { ok: false, reason: 'update skips structs the server has not seen' };
      const end = struct.id.clock + struct.length;
      if (struct instanceof Y.Skip && end > next)
        return { ok: false, reason: 'update skips structs the server has not seen' };
      next = Math.max(next, end);
    }
  }

  const inUpdate = (id: Y.ID): DecodedStruct | undefined =>
    byClient.get(id.client)?.find((s) => s.id.clock <= id.clock && id.clock < s.id.clock + s.length);
  const inDoc = (id: Y.ID): Y.Item | Y.GC | undefined =>
    id.clock < Y.getState(store, id.client) ? (Y.getItem(store, id) as Y.Item | Y.GC) : undefined;

  /** Where a live, integrated type of the document sits: its root, unless it or an ancestor is deleted. */
  const locateType = (type: Y.AbstractType<unknown>): Location => {
    let current = type;
    while (current._item !== null) {
      if (current._item.deleted) return dead;
      current = current._item.parent as Y.AbstractType<unknown>;
    }
    const name = Y.findRootTypeKey(current);
    return name ? { kind: 'root', name } : unresolvable('type without a root');
  };

  const memo = new Map<DecodedStruct, Location>();

  /** Where the type that an item of this update is inserted into sits. */
  const locateNewItem = (item: Y.Item, depth = 0): Location => {
    const known = memo.get(item);
    if (known) return known;
    if (depth > 10_000) return unresolvable('origin chain too long');
    let location: Location;
    const parent = item.parent as unknown;
    // Yjs waits for both neighbours before it integrates an item, so both must be known.
    for (const neighbour of [item.origin, item.rightOrigin]) {
      if (neighbour && !inUpdate(neighbour) && !inDoc(neighbour)) {
        memo.set(item, unresolvable('origin the server has not seen'));
        return unresolvable('origin the server has not seen');
      }
    }
    if (typeof parent === 'string') {
      location = { kind: 'root', name: parent };
    } else if (parent instanceof Y.ID) {
      location = locateParentItem(parent, depth);
    } else {
      const origin = item.origin ?? item.rightOrigin;
      location = origin ? locateSibling(origin, depth) : unresolvable('item without parent or origin');
    }
    memo.set(item, location);
    return location;
  };

  /** An item whose parent is given as the ID of another item: that item must hold a type. */
  const locateParentItem = (id: Y.ID, depth: number): Location => {
    const fromUpdate = inUpdate(id);
    if (fromUpdate) {
      if (!(fromUpdate instanceof Y.Item) || !(fromUpdate.content instanceof Y.ContentType)) {
        return fromUpdate instanceof Y.GC ? dead : unresolvable('parent is not a type');
      }
      // Children of a type created in the same update count as a change where that type lands.
      return locateNewItem(fromUpdate, depth + 1);
    }
    const fromDoc = inDoc(id);
    if (!fromDoc) return unresolvable('parent the server has not seen');
    if (fromDoc instanceof Y.GC) return dead;
    if (!(fromDoc.content instanceof Y.ContentType)) return unresolvable('parent is not a type');
    if (fromDoc.deleted) return dead;
    return locateType(fromDoc.content.type);
  };

  /** An item placed next to an origin shares the origin's parent. */
  const locateSibling = (id: Y.ID, depth: number): Location => {
    const fromUpdate = inUpdate(id);
    if (fromUpdate) {
      if (fromUpdate instanceof Y.Item) return locateNewItem(fromUpdate, depth + 1);
      return fromUpdate instanceof Y.GC ? dead : unresolvable('origin is a skipped range');
    }
    const fromDoc = inDoc(id);
    if (!fromDoc) return unresolvable('origin the server has not seen');
    if (fromDoc instanceof Y.GC) return dead;
    return locateType(fromDoc.parent as Y.AbstractType<unknown>);
  };

  const roots = new Set<string>();
  const note = (location: Location): string | null => {
    if (location.kind === 'unresolvable') return location.reason;
    if (location.kind === 'root') roots.add(location.name);
    return null;
  };

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    // Structs the document already has are skipped by Yjs when the update is applied.
    if (struct.id.clock + struct.length <= Y.getState(store, struct.id.client)) continue;
    const problem = note(locateNewItem(struct));
    if (problem) return { ok: false, reason: problem };
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
          if (!(struct instanceof Y.Item) || struct.deleted) continue;
          const problem = note(locateType(struct.parent as Y.AbstractType<unknown>));
          if (problem) return { ok: false, reason: problem };
        }
      }
      // The part beyond the document must come with this very update.
      for (let at = Math.max(clock, docState); at < end;) {
        const struct = inUpdate(Y.createID(client, at));
        if (!struct) return { ok: false, reason: 'deletion of something the server has not seen' };
        if (struct instanceof Y.Item) {
          const problem = note(locateNewItem(struct));
          if (problem) return { ok: false, reason: problem };
        }
        at = struct.id.clock + struct.length;
      }
    }
  }

  return { ok: true, roots };
}
