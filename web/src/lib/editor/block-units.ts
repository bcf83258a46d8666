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
