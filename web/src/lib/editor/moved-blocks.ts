import * as Y from 'yjs';
import { blockUnits, copyElement, pairBlocks, unitKey, type BlockUnit } from './block-units';
import { insertElement, insertText, itemsBetween, liveOffsetAfter, type UnitTarget } from './block-edits';

// Yjs has no move. When this editor restructures a block — indents or outdents a list item, wraps
// text in a list or a quote, turns a paragraph into a heading or a goal — the binding deletes the
// block's Y types and creates new ones with the same text (a Y.XmlElement cannot change its name or
// its parent). Whatever another person typed into the old block before they saw the change lands in
// deleted types, and Yjs drops it on every replica.
//
// The person who made the move knows exactly where every character of the old block went. So this
// replica remembers each move (old block → new block, character by character) and, when an edit
// made without knowledge of the move arrives in an old block, repeats it in the new block. Only the
// mover does this, so the edit is repeated once; everyone else receives the repetition as an
// ordinary update. What is repeated: inserted text and inline or block elements. Not repeated:
// deletions and formatting of characters that were moved (a deletion of something already deleted
// leaves no trace in a Yjs transaction), so a character deleted concurrently with a move survives.

/** A block this replica deleted while creating a copy of it. */
interface Move {
  target: Y.XmlElement;
  /** unitKey of a unit of the old block → where it is now. */
  units: Map<string, UnitTarget>;
}

/** Any Y type: the types are generic over their event type, which nothing here uses. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type YType = Y.AbstractType<any>;

/** The origin of the transactions that repeat edits in moved blocks. */
export const MOVED_BLOCK_ORIGIN = Symbol('moved-block');

export interface MovedBlockOptions {
  /** Whether elements of this name hold inline content (paragraph, heading, goal). */
  isTextblock: (nodeName: string) => boolean;
  /** How many moves are remembered; the oldest are forgotten first. */
  limit?: number;
}

const isElement = (value: unknown): value is Y.XmlElement => value instanceof Y.XmlElement;
const typeOf = (item: Y.Item): YType | null => (item.content instanceof Y.ContentType ? item.content.type : null);
const existedBefore = (tr: Y.Transaction, id: Y.ID) => id.clock < (tr.beforeState.get(id.client) ?? 0);
const createdIn = (tr: Y.Transaction, id: Y.ID) => !existedBefore(tr, id);

/**
 * Remembers the moves this replica makes in a document and repeats, in the moved blocks, the edits
 * that others made in the old ones. One per Y.Doc (see `movedBlocksOf`).
 */
export class MovedBlocks {
  private readonly moves = new Map<Y.XmlElement, Move>();
  /** Deleted ancestors of old blocks, with how many old blocks each holds: kept from garbage collection. */
  private readonly ancestors = new Map<YType, number>();
  private readonly previousGcFilter: (item: Y.Item) => boolean;
  private readonly gcFilter = (item: Y.Item) => !this.keeps(item) && this.previousGcFilter(item);
  private readonly onAfterTransaction = (tr: Y.Transaction) => {
    if (tr.origin === MOVED_BLOCK_ORIGIN) return;
    if (tr.local) this.rememberMoves(tr);
    else this.repeatEdits(tr);
  };

  constructor(
    private readonly doc: Y.Doc,
    private readonly options: MovedBlockOptions,
  ) {
    // An old block's content must survive garbage collection: edits that arrive later name its
    // characters as their neighbours, and Yjs drops an edit whose neighbour it collected.
    this.previousGcFilter = doc.gcFilter;
    doc.gcFilter = this.gcFilter;
    doc.on('afterTransaction', this.onAfterTransaction);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onAfterTransaction);
    if (this.doc.gcFilter === this.gcFilter) this.doc.gcFilter = this.previousGcFilter;
    this.moves.clear();
    this.ancestors.clear();
  }

  /** Whether an item belongs to an old block (or holds one) and must keep its content. */
  private keeps(item: Y.Item): boolean {
    if (this.moves.size === 0) return false;
    const own = typeOf(item);
    if (own && (this.moves.has(own as Y.XmlElement) || this.ancestors.has(own))) return true;
    for (let parent = item.parent; parent instanceof Y.AbstractType; parent = parent._item?.parent ?? null) {
      if (this.moves.has(parent as Y.XmlElement)) return true;
    }
    return false;
  }

  // ---- remembering moves (transactions of this replica) ----

  private rememberMoves(tr: Y.Transaction): void {
    const deleted = new Set<Y.XmlElement>();
    Y.iterateDeletedStructs(tr, tr.deleteSet, (struct) => {
      if (!(struct instanceof Y.Item) || !existedBefore(tr, struct.id)) return;
      const type = typeOf(struct);
      if (isElement(type)) deleted.add(type);
    });
    if (deleted.size === 0) return;
    const created = new Set<Y.XmlElement>();
    tr.afterState.forEach((clock, client) => {
      for (const item of itemsBetween(this.doc, client, tr.beforeState.get(client) ?? 0, clock)) {
        const type = typeOf(item);
        if (isElement(type) && !item.deleted) created.add(type);
      }
    });
    if (created.size === 0) return;

    const order = documentOrder([...deleted, ...created]);
    const isTextblock = (el: Y.XmlElement) => this.options.isTextblock(el.nodeName);
    const oldBlocks = order.filter((el) => deleted.has(el) && isTextblock(el));
    const newBlocks = order.filter((el) => created.has(el) && isTextblock(el));
    const seenBefore = (unit: BlockUnit) =>
      !unit.item.deleted || (existedBefore(tr, unit.id) && Y.isDeleted(tr.deleteSet, unit.id));
    const seenAfter = (unit: BlockUnit) => !unit.item.deleted;

    const withUnits = (blocks: Y.XmlElement[], seen: (unit: BlockUnit) => boolean) =>
      blocks.map((block) => ({ block, units: blockUnits(block).filter(seen) }));
    const pairs: [Y.XmlElement, Y.XmlElement][] = [];
    for (const { old, copy, units } of pairBlocks(withUnits(oldBlocks, seenBefore), withUnits(newBlocks, seenAfter))) {
      this.remember(old, { target: copy, units: new Map([...units].map(([key, id]) => [key, { block: copy, id }])) });
      pairs.push([old, copy]);
    }

    // Their containers pair up too (the old list item with the new one), so that a block someone
    // added inside an old container is repeated in the new one.
    for (let [old, copy] of pairs) {
      for (;;) {
        const oldParent = old._item?.parent;
        const newParent = copy._item?.parent;
        if (!isElement(oldParent) || !isElement(newParent)) break;
        if (!deleted.has(oldParent) || !created.has(newParent)) break;
        const known = this.moves.get(oldParent);
        if (known && known.target !== newParent) break;
        const move = known ?? { target: newParent, units: new Map<string, UnitTarget>() };
        if (!known) this.remember(oldParent, move);
        move.units.set(unitKey(old._item!.id), { block: newParent, id: copy._item!.id });
        [old, copy] = [oldParent, newParent];
      }
    }
  }

  private remember(old: Y.XmlElement, move: Move): void {
    this.moves.set(old, move);
    for (
      let parent = old._item?.parent;
      parent instanceof Y.AbstractType && parent._item;
      parent = parent._item.parent
    ) {
      this.ancestors.set(parent, (this.ancestors.get(parent) ?? 0) + 1);
    }
    const limit = this.options.limit ?? 500;
    for (const [oldest] of this.moves) {
      if (this.moves.size <= limit) break;
      this.forget(oldest);
    }
  }

  private forget(old: Y.XmlElement): void {
    this.moves.delete(old);
    for (
      let parent = old._item?.parent;
      parent instanceof Y.AbstractType && parent._item;
      parent = parent._item.parent
    ) {
      const count = (this.ancestors.get(parent) ?? 1) - 1;
      if (count > 0) this.ancestors.set(parent, count);
      else this.ancestors.delete(parent);
    }
  }

  // ---- repeating edits (transactions from others) ----

  private repeatEdits(tr: Y.Transaction): void {
    if (this.moves.size === 0) return;
    const arrived = new Map<Y.XmlElement, Set<Y.Item>>();
    tr.afterState.forEach((clock, client) => {
      for (const item of itemsBetween(this.doc, client, tr.beforeState.get(client) ?? 0, clock)) {
        const block = this.oldBlockHolding(item);
        if (!block) continue;
        const items = arrived.get(block) ?? new Set<Y.Item>();
        items.add(item);
        arrived.set(block, items);
      }
    });
    if (arrived.size === 0) return;
    this.doc.transact(() => {
      for (const [block, items] of arrived) this.repeatIn(block, items, tr);
    }, MOVED_BLOCK_ORIGIN);
  }

  /** The old block an arriving item was put into, if any: as a child, or as text of a child text. */
  private oldBlockHolding(item: Y.Item): Y.XmlElement | null {
    const parent = item.parent;
    if (parent instanceof Y.XmlText) {
      const owner = parent._item?.parent;
      return isElement(owner) && this.moves.has(owner) && item.countable ? owner : null;
    }
    return isElement(parent) && this.moves.has(parent) && isElement(typeOf(item)) ? parent : null;
  }

  /** Repeats, left to right, what arrived in one old block where its content went. */
  private repeatIn(block: Y.XmlElement, items: Set<Y.Item>, tr: Y.Transaction): void {
    const move = this.moves.get(block)!;
    let left: Y.ID | null = null;
    for (const unit of blockUnits(block)) {
      if (items.has(unit.item) && unit.offset === 0) {
        const repeated = this.repeatItem(block, unit.item, left, tr);
        repeated.forEach((target, i) => move.units.set(unitKey(Y.createID(unit.id.client, unit.id.clock + i)), target));
      }
      left = unit.id;
    }
  }

  /** Inserts a copy of an arrived item where its left neighbour went; returns where each of its units went. */
  private repeatItem(block: Y.XmlElement, item: Y.Item, left: Y.ID | null, tr: Y.Transaction): UnitTarget[] {
    const place = this.follow(block, left);
    if (!place) return [];
    const offset = place.left ? liveOffsetAfter(place.block, place.left) : 0;
    if (item.content instanceof Y.ContentString) {
      return insertText(this.doc, place.block, offset, item.content.str);
    }
    const type = typeOf(item);
    if (isElement(type)) {
      const copy = copyElement(type, (part) => createdIn(tr, part.id));
      insertElement(place.block, offset, copy);
      this.rememberCopy(type, copy, tr);
      return [{ block: place.block, id: copy._item!.id }];
    }
    return []; // embeds and plain values are not shown by the editor; nothing to repeat
  }

  /** An element that arrived inside an old block was copied: later edits in it follow the copy. */
  private rememberCopy(old: Y.XmlElement, copy: Y.XmlElement, tr: Y.Transaction): void {
    const oldUnits = blockUnits(old).filter((unit) => createdIn(tr, unit.id));
    const newUnits = blockUnits(copy);
    if (oldUnits.length === 0 || oldUnits.length !== newUnits.length) return;
    const units = new Map(oldUnits.map((unit, i) => [unitKey(unit.id), { block: copy, id: newUnits[i]!.id }]));
    this.remember(old, { target: copy, units });
    const oldChildren = childElements(old).filter((child) => createdIn(tr, child._item!.id));
    childElements(copy).forEach((child, i) => {
      const oldChild = oldChildren[i];
      if (oldChild) this.rememberCopy(oldChild, child, tr);
    });
  }

  /**
   * Where something placed after unit `left` of an old block belongs now: in the live block its
   * content went to (following later moves of that block), after the nearest unit to the left that
   * went there. null when the content was deleted since (then so is the edit).
   */
  private follow(block: Y.XmlElement, left: Y.ID | null): { block: Y.XmlElement; left: Y.ID | null } | null {
    for (let hops = 0; hops <= this.moves.size; hops++) {
      const move = this.moves.get(block);
      if (!move) return isLive(block) ? { block, left } : null;
      const target = left ? nearestMovedUnit(block, left, move) : null;
      block = target?.block ?? move.target;
      left = target?.id ?? null;
    }
    return null;
  }
}

/** The unit of `block` at or left of `id` that a move took along, and where it went. */
function nearestMovedUnit(block: Y.XmlElement, id: Y.ID, move: Move): UnitTarget | null {
  const units = blockUnits(block);
  let index = units.findIndex((unit) => Y.compareIDs(unit.id, id));
  for (; index >= 0; index--) {
    const target = move.units.get(unitKey(units[index]!.id));
    if (target) return target;
  }
  return null;
}

/** The child elements of an element, deleted ones included. */
function childElements(element: Y.XmlElement): Y.XmlElement[] {
  const children: Y.XmlElement[] = [];
  for (let item = element._start; item; item = item.right) {
    const type = typeOf(item);
    if (isElement(type)) children.push(type);
  }
  return children;
}

function isLive(type: YType): boolean {
  for (let item = type._item; item; item = (item.parent as YType)._item) {
    if (item.deleted) return false;
  }
  return true;
}

/** Elements in the order they appear in their documents (deleted ones included, where they were). */
function documentOrder(elements: Y.XmlElement[]): Y.XmlElement[] {
  const wanted = new Set(elements);
  const roots = new Set<YType>();
  for (const el of elements) {
    let type: YType = el;
    while (type._item?.parent instanceof Y.AbstractType) type = type._item.parent;
    roots.add(type);
  }
  const ordered: Y.XmlElement[] = [];
  const walk = (type: YType) => {
    for (let item = type._start; item; item = item.right) {
      const child = typeOf(item);
      if (!isElement(child)) continue;
      if (wanted.has(child)) ordered.push(child);
      walk(child);
    }
  };
  roots.forEach(walk);
  return ordered;
}

const registry = new WeakMap<Y.Doc, { blocks: MovedBlocks; users: number }>();

/**
 * The document's MovedBlocks, shared by every editor bound to it (one per section). Call the
 * returned release when the editor goes; the last release stops it.
 */
export function movedBlocksOf(doc: Y.Doc, options: MovedBlockOptions): () => void {
  const entry = registry.get(doc) ?? { blocks: new MovedBlocks(doc, options), users: 0 };
  entry.users++;
  registry.set(doc, entry);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    if (--entry.users > 0) return;
    entry.blocks.destroy();
    registry.delete(doc);
  };
}
