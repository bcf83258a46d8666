import * as Y from 'yjs';
import { blockUnits } from './block-units';

// Writing into a live block at a unit offset (see block-units.ts: a character or a child element
// counts one), as ProseMirror counts positions inside a block.

/** A unit of a block, by its ID. */
export interface UnitTarget {
  block: Y.XmlElement;
  id: Y.ID;
}

/** The live units of `block` before unit `id`, plus one if `id` itself is live: where to insert after it. */
export function liveOffsetAfter(block: Y.XmlElement, id: Y.ID): number {
  let offset = 0;
  for (const unit of blockUnits(block)) {
    const live = !unit.item.deleted;
    if (Y.compareIDs(unit.id, id)) return offset + (live ? 1 : 0);
    if (live) offset++;
  }
  return offset;
}

/** Structs a client added to the store between two clocks. */
export function* itemsBetween(doc: Y.Doc, client: number, from: number, to: number): Generator<Y.Item> {
  if (to <= from) return;
  const structs = doc.store.clients.get(client) ?? [];
  for (let i = Y.findIndexSS(structs, from); i < structs.length && structs[i]!.id.clock < to; i++) {
    const struct = structs[i]!;
    if (struct instanceof Y.Item) yield struct;
  }
}

/** Inserts text at a unit offset of a live block; returns where each character went. */
export function insertText(doc: Y.Doc, block: Y.XmlElement, offset: number, text: string): UnitTarget[] {
  const before = Y.getState(doc.store, doc.clientID);
  const children = block.toArray();
  let at = 0;
  let done = false;
  for (let i = 0; i < children.length && !done; i++) {
    const child = children[i];
    if (child instanceof Y.XmlText) {
      if (offset <= at + child.length) {
        child.insert(offset - at, text);
        done = true;
      }
      at += child.length;
    } else {
      if (offset === at) {
        block.insert(i, [new Y.XmlText(text)]);
        done = true;
      }
      at += 1;
    }
  }
  if (!done) block.insert(block.length, [new Y.XmlText(text)]);
  const targets: UnitTarget[] = [];
  for (const item of itemsBetween(doc, doc.clientID, before, Y.getState(doc.store, doc.clientID))) {
    if (!(item.content instanceof Y.ContentString)) continue;
    for (let i = 0; i < item.length; i++) targets.push({ block, id: Y.createID(item.id.client, item.id.clock + i) });
  }
  return targets;
}

/** Inserts an element at a unit offset of a live block, splitting a text the offset falls inside. */
export function insertElement(block: Y.XmlElement, offset: number, element: Y.XmlElement): void {
  const children = block.toArray();
  let at = 0;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    const length = child instanceof Y.XmlText ? child.length : 1;
    if (offset === at) return void block.insert(i, [element]);
    if (child instanceof Y.XmlText && offset < at + length) {
      const tail = new Y.XmlText();
      tail.applyDelta(sliceDelta(child.toDelta(), offset - at));
      child.delete(offset - at, length - (offset - at));
      return void block.insert(i + 1, [element, tail]);
    }
    at += length;
  }
  block.insert(block.length, [element]);
}

type DeltaOp = { insert: string | object; attributes?: Record<string, unknown> };

/** The part of a text delta from `offset` on. */
function sliceDelta(delta: DeltaOp[], offset: number): DeltaOp[] {
  const tail: DeltaOp[] = [];
  for (const op of delta) {
    const length = typeof op.insert === 'string' ? op.insert.length : 1;
    if (offset >= length) {
      offset -= length;
      continue;
    }
    tail.push(typeof op.insert === 'string' && offset > 0 ? { ...op, insert: op.insert.slice(offset) } : op);
    offset = 0;
  }
  return tail;
}
