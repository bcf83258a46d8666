import * as Y from 'yjs';

/** The parts of a ProseMirror schema read here (structural, so collab needs no editor package). */
export interface SchemaLike {
  readonly nodes: Readonly<Record<string, NodeTypeLike>>;
  readonly marks: Readonly<Record<string, unknown>>;
  readonly topNodeType: NodeTypeLike;
}
interface NodeTypeLike {
  readonly contentMatch: ContentMatchLike;
}
interface ContentMatchLike {
  readonly edgeCount: number;
  edge(n: number): { type: { name: string }; next: ContentMatchLike };
}

/**
 * What the Yjs form of an editor document may hold, derived from the ProseMirror schema the
 * browser edits with. y-prosemirror writes a node as a Y.XmlElement named after its type (its
 * attributes as the element's attributes), a run of text as a Y.XmlText whose formats are mark
 * names, and an inline node such as a hard break as an element beside the texts. Anything else in
 * a section (text straight under the root, a string or an embed inside an element or a text, an
 * element the schema does not name) cannot be read back by the editor or the export.
 *
 * The rules say which children each parent may have, not in which order: the order is the
 * binding's business, and a struct alone does not tell it.
 */
export interface DocumentShape {
  /** What a section's root fragment (the schema's top node) may hold. */
  readonly root: Children;
  /** What each element may hold, by node type name; a name missing here is not in the schema. */
  readonly elements: ReadonlyMap<string, Children>;
  /** Mark names, which are the formats a text may carry. */
  readonly marks: ReadonlySet<string>;
}

interface Children {
  readonly elements: ReadonlySet<string>;
  /** Whether text (a Y.XmlText) may sit here: the node's content allows ProseMirror text nodes. */
  readonly text: boolean;
}

/** What an item holds (yjs does not export the name of its content base class). */
type Content = Y.Item['content'];

/** The type an item is inserted into, as far as the shape cares. */
export type ParentKind = { kind: 'root' } | { kind: 'element'; name: string } | { kind: 'text' } | { kind: 'other' };

const ROOT: ParentKind = { kind: 'root' };
const TEXT: ParentKind = { kind: 'text' };
const OTHER: ParentKind = { kind: 'other' };

export function documentShape(schema: SchemaLike): DocumentShape {
  const elements = new Map<string, Children>();
  for (const [name, type] of Object.entries(schema.nodes)) {
    if (name !== 'text' && type !== schema.topNodeType) elements.set(name, childrenOf(type));
  }
  return { root: childrenOf(schema.topNodeType), elements, marks: new Set(Object.keys(schema.marks)) };
}

/** Every node type the content expression can match anywhere, walking its automaton. */
function childrenOf(type: NodeTypeLike): Children {
  const names = new Set<string>();
  const seen = new Set<ContentMatchLike>();
  const stack = [type.contentMatch];
  while (stack.length > 0) {
    const match = stack.pop()!;
    if (seen.has(match)) continue;
    seen.add(match);
    for (let i = 0; i < match.edgeCount; i++) {
      const edge = match.edge(i);
      names.add(edge.type.name);
      stack.push(edge.next);
    }
  }
  const text = names.delete('text');
  return { elements: names, text };
}

/** How a type of the document counts as a parent: `isRoot` for a top-level type. */
export function parentKind(type: Y.AbstractType<unknown>, isRoot: boolean): ParentKind {
  if (isRoot) return ROOT;
  if (type instanceof Y.XmlElement) return { kind: 'element', name: type.nodeName };
  if (type instanceof Y.XmlText) return TEXT;
  return OTHER;
}

/**
 * Why content does not fit where an item puts it, or null when it does. `key` is the item's
 * parentSub: an attribute of an element (or a map entry, which no other parent has).
 */
export function misfit(shape: DocumentShape, parent: ParentKind, key: string | null, content: Content): string | null {
  // Content deleted before it was sent is a placeholder for a clock range; it never shows.
  if (content instanceof Y.ContentDeleted) return null;
  switch (parent.kind) {
    case 'root':
      return key === null ? childMisfit(shape.root, content, 'a section') : 'an attribute on a section';
    case 'element': {
      const children = shape.elements.get(parent.name);
      if (!children) return `content inside "${parent.name}", which the editor schema does not know`;
      if (key !== null) return content instanceof Y.ContentAny ? null : `a typed attribute on "${parent.name}"`;
      return childMisfit(children, content, `"${parent.name}"`);
    }
    case 'text':
      if (key !== null) return 'an attribute on a text';
      if (content instanceof Y.ContentString) return null;
      if (content instanceof Y.ContentFormat) {
        return shape.marks.has(markName(content.key)) ? null : `a format "${content.key}" that is no mark`;
      }
      return 'an embed inside a text';
    case 'other':
      return 'content inside a type the editor never writes';
  }
}

function childMisfit(children: Children, content: Content, where: string): string | null {
  if (content instanceof Y.ContentType) {
    const type = content.type;
    if (type instanceof Y.XmlElement) {
      return children.elements.has(type.nodeName) ? null : `an element "${type.nodeName}" inside ${where}`;
    }
    if (type instanceof Y.XmlText) return children.text ? null : `text directly inside ${where}`;
    return `a type the editor never writes inside ${where}`;
  }
  if (content instanceof Y.ContentString || content instanceof Y.ContentAny) return `bare text inside ${where}`;
  return `an embed inside ${where}`;
}

/** y-prosemirror names a mark that may overlap itself `<mark>--<8 characters of hash>`. */
function markName(format: string): string {
  return /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(format)?.[1] ?? format;
}
