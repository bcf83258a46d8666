import type { JSONContent } from '@tiptap/core';
import { Fragment, Mark, type Node as PMNode, type NodeType } from '@tiptap/pm/model';
import { editorSchema } from './extensions';

// Older servers stored updates that fit no editor schema (text straight under a section, characters
// straight inside a paragraph element, embeds in a text, element names no editor knows), and a
// stored version keeps whatever the text held that day. Everything that reads a section reads it
// through here, so such content costs the odd node, never the whole read.

/** Why a part of a section's content was left out or moved; readers log these. */
export type ContentProblemKind =
  /** An element name, or a mark, the editor schema does not know: its words are kept, itself dropped. */
  | 'unknown-node'
  | 'unknown-mark'
  /** Something that is no node at all (a number, an object, an embed in a text): dropped. */
  | 'not-a-node'
  /** A node where the schema does not allow it: wrapped (text under a section) or unwrapped. */
  | 'misplaced'
  /** An attribute value that is no JSON (a Y type) or that the node refuses: the default is used. */
  | 'bad-attribute';

export interface ContentProblem {
  kind: ContentProblemKind;
  /** The node or mark name, or the JavaScript type of what was found. */
  name: string;
}

export type ReportProblem = (problem: ContentProblem) => void;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What a value is, for a report: `null`, `string`, `YMap`, `Object`… */
export const kindOf = (value: unknown): string =>
  value === null ? 'null' : typeof value === 'object' ? (value.constructor?.name ?? 'object') : typeof value;

/** A copy holding only plain JSON, or undefined when the value is (or holds) anything else. */
export function plainJson(value: unknown): Json | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (Array.isArray(value)) {
    const items = value.map(plainJson);
    return items.every((item) => item !== undefined) ? (items as Json[]) : undefined;
  }
  if (typeof value !== 'object') return undefined;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return undefined;
  const copy: Record<string, Json> = {};
  for (const [key, member] of Object.entries(value)) {
    const json = plainJson(member);
    if (json === undefined) return undefined;
    copy[key] = json;
  }
  return copy;
}

function attributes(raw: unknown, name: string, report: ReportProblem): Record<string, Json> | null {
  if (!isRecord(raw)) return null;
  const attrs: Record<string, Json> = {};
  for (const [key, value] of Object.entries(raw)) {
    const json = plainJson(value);
    if (json === undefined) report({ kind: 'bad-attribute', name: `${name}.${key}` });
    else attrs[key] = json;
  }
  return attrs;
}

function marks(raw: unknown, report: ReportProblem): Mark[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((json): Mark[] => {
    const name = isRecord(json) && typeof json.type === 'string' ? json.type : kindOf(json);
    if (!isRecord(json) || !editorSchema.marks[name]) {
      report({ kind: 'unknown-mark', name });
      return [];
    }
    try {
      return [Mark.fromJSON(editorSchema, { type: name, attrs: attributes(json.attrs, name, report) })];
    } catch {
      report({ kind: 'bad-attribute', name });
      try {
        return [editorSchema.marks[name].create()];
      } catch {
        return [];
      }
    }
  });
}

/** A node of a known type with its content fitted, or null when it cannot be made even with defaults. */
function known(type: NodeType, json: Record<string, unknown>, report: ReportProblem): PMNode | null {
  const content = fit(type, children(json.content, report), report);
  const nodeMarks = marks(json.marks, report);
  try {
    return type.create(attributes(json.attrs, type.name, report), content, nodeMarks);
  } catch {
    report({ kind: 'bad-attribute', name: type.name });
    try {
      return type.create(null, content, nodeMarks);
    } catch {
      return null;
    }
  }
}

/** The nodes one piece of raw content stands for, each fitted inside, not yet placed. */
function nodes(raw: unknown, report: ReportProblem): PMNode[] {
  if (Array.isArray(raw)) return children(raw, report);
  if (!isRecord(raw) || typeof raw.type !== 'string') {
    report({ kind: 'not-a-node', name: kindOf(raw) });
    return [];
  }
  if (raw.type === 'text') {
    if (typeof raw.text !== 'string') {
      report({ kind: 'not-a-node', name: `text of ${kindOf(raw.text)}` });
      return [];
    }
    return raw.text ? [editorSchema.text(raw.text, marks(raw.marks, report))] : [];
  }
  const type = editorSchema.nodes[raw.type];
  const node = type ? known(type, raw, report) : null;
  if (node) return [node];
  // Its words are worth more than its kind: they take its place, wherever they fit.
  report({ kind: 'unknown-node', name: raw.type });
  return children(raw.content, report);
}

const children = (raw: unknown, report: ReportProblem): PMNode[] =>
  Array.isArray(raw) ? raw.flatMap((child) => nodes(child, report)) : [];

/**
 * Places nodes into a parent of `type` the way the schema allows, in their order: a node that fits
 * goes in as it is (so content the schema accepts comes out exactly as it went in); one that needs
 * a node before it gets it (a list item starting with a list gets its empty paragraph); inline
 * content where blocks belong is wrapped, together with the inline nodes after it (text under a
 * section becomes a paragraph); anything else gives way to its own content. A parent left without
 * content its schema requires stays so: an empty section is no paragraph.
 */
function fit(type: NodeType, queue: PMNode[], report: ReportProblem): PMNode[] {
  const placed: PMNode[] = [];
  let match = type.contentMatch;
  while (queue.length > 0) {
    const node = queue.shift()!;
    const next = match.matchType(node.type);
    if (next) {
      placed.push(node.isInline ? node.mark(type.allowedMarks(node.marks)) : node);
      match = next;
      continue;
    }
    const before = match.fillBefore(Fragment.from(node));
    if (before) {
      report({ kind: 'misplaced', name: node.type.name });
      before.forEach((filler) => placed.push(filler));
      match = match.matchFragment(before)!.matchType(node.type)!;
      placed.push(node);
      continue;
    }
    const wrapping = match.findWrapping(node.type);
    if (wrapping && wrapping.length > 0) {
      report({ kind: 'misplaced', name: node.type.name });
      placed.push(wrap(wrapping, node, queue));
      match = match.matchType(wrapping[0]!)!;
      continue;
    }
    report({ kind: 'misplaced', name: node.type.name });
    const inner: PMNode[] = [];
    node.forEach((child) => inner.push(child));
    queue.unshift(...inner);
  }
  return placed;
}

/** `node` in the wrappers `findWrapping` chose, with the nodes after it that fit the innermost too. */
function wrap(wrapping: readonly NodeType[], node: PMNode, queue: PMNode[]): PMNode {
  const innermost = wrapping[wrapping.length - 1]!;
  const group = [node];
  let inner = innermost.contentMatch.matchType(node.type);
  while (inner && queue.length > 0) {
    const next = inner.matchType(queue[0]!.type);
    if (!next) break;
    group.push(queue.shift()!);
    inner = next;
  }
  let wrapped = innermost.create(
    null,
    group.map((child) => (child.isInline ? child.mark(innermost.allowedMarks(child.marks)) : child)),
  );
  for (let i = wrapping.length - 2; i >= 0; i--) wrapped = wrapping[i]!.create(null, wrapped);
  return wrapped;
}

/**
 * Raw section content (ProseMirror JSON as a fragment converter or an old version left it, possibly
 * holding anything) as a `doc` the editor schema reads: unknown nodes and marks give way to their
 * words, misplaced nodes are wrapped or unwrapped, values that are no nodes are dropped, and
 * attribute values that are no JSON fall back to their defaults. Each such repair is reported.
 * Content the schema accepts comes out as `editorSchema.nodeFromJSON(content).toJSON()` would give
 * it, so hashes of well-formed text do not change. Never throws.
 */
export function fitToSchema(raw: unknown, report: ReportProblem = () => {}): JSONContent {
  const top = editorSchema.topNodeType;
  let content: unknown[];
  if (isRecord(raw) && raw.type === top.name) {
    content = Array.isArray(raw.content) ? raw.content : [];
  } else {
    report({ kind: 'misplaced', name: isRecord(raw) && typeof raw.type === 'string' ? raw.type : kindOf(raw) });
    content = [raw];
  }
  try {
    return top.create(null, fit(top, children(content, report), report)).toJSON() as JSONContent;
  } catch {
    // Nesting deep enough to exhaust the stack: nothing of it can be read.
    report({ kind: 'not-a-node', name: 'content too deeply nested' });
    return { type: top.name };
  }
}
