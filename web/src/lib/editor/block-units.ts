import * as Y from 'yjs';

// A block's content as a flat row of units, deleted ones included: every character of its texts
// and every child element counts one, as ProseMirror counts positions inside a block. Units are
// named by their Yjs IDs, which never change, so a unit can be found again after any edit.

export interface BlockUnit {
  /** The unit's own ID: its item's ID plus its offset in the item. */
  id: Y.ID;
  item: Y.Item;
  offset: number;
  /** What the unit shows: its character, or its element's name. */
  signature: string;
}

export const unitKey = (id: Y.ID) => `${id.client}:${id.clock}`;

/** The units of a block, in order, with the deleted ones where they were. */
export function blockUnits(block: Y.XmlElement): BlockUnit[] {
  const units: BlockUnit[] = [];
  const add = (item: Y.Item, signature: (offset: number) => string) => {
    for (let offset = 0; offset < item.length; offset++) {
      units.push({
        id: Y.createID(item.id.client, item.id.clock + offset),
        item,
        offset,
        signature: signature(offset),
      });
    }
  };
  for (let child = block._start; child; child = child.right) {
    const content = child.content;
    if (content instanceof Y.ContentType && content.type instanceof Y.XmlText) {
      for (let item = content.type._start; item; item = item.right) {
        if (item.content instanceof Y.ContentString) {
          const text = item.content.str;
          add(item, (offset) => text[offset]!);
        } else if (item.countable || item.content instanceof Y.ContentDeleted) {
          // An embed, or a character whose content was collected: it still has its place.
          add(item, () => '\u0001');
        }
      }
    } else if (content instanceof Y.ContentType && content.type instanceof Y.XmlElement) {
      const name = content.type.nodeName;
      add(child, () => `\u0002${name}\u0003`);
    } else if (child.countable) {
      add(child, () => '\u0001');
    }
  }
  return units;
}

/** Units that may differ between a block and its moved copy (an input rule such as "- " removes its trigger). */
const MAX_CHANGED_UNITS = 8;

export interface BlockPair {
  old: Y.XmlElement;
  copy: Y.XmlElement;
  /** unitKey of an old unit → the ID of the same unit in the copy. */
  units: Map<string, Y.ID>;
}

/**
 * Which deleted textblocks became which created ones, both given in document order with the units
 * each showed. A move keeps the order of what it moves and keeps the text, though it may change the
 * block's kind, so blocks pair in order by equal text; failing that, by text that differs in one
 * place by a few units (then the units before and after that place pair up).
 */
export function pairBlocks(
  olds: { block: Y.XmlElement; units: BlockUnit[] }[],
  copies: { block: Y.XmlElement; units: BlockUnit[] }[],
): BlockPair[] {
  const signatures = copies.map(({ units }) => units.map((unit) => unit.signature));
  const pairs: BlockPair[] = [];
  let next = 0;
  for (const { block: old, units: oldUnits } of olds) {
    const signature = oldUnits.map((unit) => unit.signature);
    const same = (i: number) => i >= next && signatures[i]!.join('') === signature.join('');
    const close = (i: number) => i >= next && changedUnits(signature, signatures[i]!) <= MAX_CHANGED_UNITS;
    let index = copies.findIndex((_, i) => same(i));
    if (index < 0) index = copies.findIndex((_, i) => close(i));
    if (index < 0) continue;
    next = index + 1;
    const { block: copy, units: copyUnits } = copies[index]!;
    const { prefix, suffix } = commonEnds(signature, signatures[index]!);
    const units = new Map<string, Y.ID>();
    for (let i = 0; i < prefix; i++) units.set(unitKey(oldUnits[i]!.id), copyUnits[i]!.id);
    for (let i = 1; i <= suffix; i++) {
      units.set(unitKey(oldUnits[oldUnits.length - i]!.id), copyUnits[copyUnits.length - i]!.id);
    }
    pairs.push({ old, copy, units });
  }
  return pairs;
}

/** How many units of a and b lie outside their common beginning and end. */
function changedUnits(a: string[], b: string[]): number {
  const { prefix, suffix } = commonEnds(a, b);
  return a.length + b.length - 2 * (prefix + suffix);
}

function commonEnds(a: string[], b: string[]): { prefix: number; suffix: number } {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  return { prefix, suffix };
}

/**
 * A fresh copy of an element as its author wrote it, from the items `include` accepts, deleted or
 * not (Y's own clone copies only live content, and content that arrived inside a deleted block is
 * deleted on arrival). Attributes are copied as last written.
 */
export function copyElement(element: Y.XmlElement, include: (item: Y.Item) => boolean): Y.XmlElement {
  const copy = new Y.XmlElement(element.nodeName);
  element._map.forEach((item, key) => {
    const values = item.content.getContent();
    if (values.length > 0) copy.setAttribute(key, values[values.length - 1] as string);
  });
  const children: (Y.XmlElement | Y.XmlText)[] = [];
  for (let child = element._start; child; child = child.right) {
    if (!include(child) || !(child.content instanceof Y.ContentType)) continue;
    const type = child.content.type;
    if (type instanceof Y.XmlElement) children.push(copyElement(type, include));
    else if (type instanceof Y.XmlText) children.push(copyText(type, include));
  }
  copy.insert(0, children);
  return copy;
}

function copyText(text: Y.XmlText, include: (item: Y.Item) => boolean): Y.XmlText {
  const delta: { insert: string | object; attributes: Record<string, unknown> }[] = [];
  const attributes: Record<string, unknown> = {};
  for (let item = text._start; item; item = item.right) {
    if (!include(item)) continue;
    const content = item.content;
    if (content instanceof Y.ContentFormat) {
      if (content.value === null) delete attributes[content.key];
      else attributes[content.key] = content.value;
    } else if (content instanceof Y.ContentString) {
      delta.push({ insert: content.str, attributes: { ...attributes } });
    } else if (content instanceof Y.ContentEmbed) {
      delta.push({ insert: content.embed, attributes: { ...attributes } });
    }
  }
  const copy = new Y.XmlText();
  copy.applyDelta(delta);
  return copy;
}
