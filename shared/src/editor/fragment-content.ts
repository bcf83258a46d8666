import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { fitToSchema, kindOf, plainJson, type ReportProblem } from './fit-schema';

// y-prosemirror's own converter (yXmlFragmentToProsemirrorJSON) trusts the fragment: characters or
// values that are no Y.XmlText or Y.XmlElement throw, and an embed or a Y type in an attribute comes
// out as an object that is no JSON (a Y type refers back to its document). This one reads whatever
// a fragment holds into plain JSON first and lets fitToSchema decide what of it is text.

/** y-prosemirror stores a mark that may overlap itself (excludes: '') under `name--<8 chars>`. */
const markName = (attribute: string) => /^(.*)--[a-zA-Z0-9+/=]{8}$/.exec(attribute)?.[1] ?? attribute;

function textRuns(text: Y.Text, report: ReportProblem): JSONContent[] {
  return (text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]).flatMap((op) => {
    if (typeof op.insert !== 'string') {
      report({ kind: 'not-a-node', name: `embed (${kindOf(op.insert)}) in a text` });
      return [];
    }
    const run: JSONContent = { type: 'text', text: op.insert };
    if (op.attributes)
      run.marks = Object.entries(op.attributes).map(([name, attrs]) => ({
        type: markName(name),
        attrs: (plainJson(attrs) ?? {}) as Record<string, unknown>,
      }));
    return [run];
  });
}

/** The children of a fragment or element as raw JSON; characters stored straight in it are text. */
function rawChildren(parent: Y.XmlFragment, report: ReportProblem): unknown[] {
  const out: unknown[] = [];
  let loose = '';
  const flush = () => {
    if (loose) out.push({ type: 'text', text: loose });
    loose = '';
  };
  for (const child of parent.toArray() as unknown[]) {
    // Each character of a string stored in the list arrives on its own.
    if (typeof child === 'string') {
      loose += child;
      continue;
    }
    flush();
    if (child instanceof Y.Text) out.push(...textRuns(child, report));
    else if (child instanceof Y.XmlElement) out.push(rawElement(child, report));
    // A value (a number, an object, a Y.Map, a subdocument) is no node, whatever it looks like.
    else report({ kind: 'not-a-node', name: kindOf(child) });
  }
  flush();
  return out;
}

function rawElement(element: Y.XmlElement, report: ReportProblem): unknown {
  const attrs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(element.getAttributes() as Record<string, unknown>)) {
    // A Y type here would carry its whole document into the JSON.
    attrs[key] = plainJson(value) ?? value;
  }
  return { type: element.nodeName, attrs, content: rawChildren(element, report) };
}

/**
 * A section's text (its root Y.XmlFragment) as ProseMirror JSON of the editor schema: a `doc`
 * whose every node is one the schema knows, where the schema allows it. For a fragment the editor
 * wrote, the result is y-prosemirror's conversion normalized through the schema; anything else is
 * repaired as fitToSchema describes and reported to `report` (readers log it). Never throws.
 */
export function fragmentContent(fragment: Y.XmlFragment, report: ReportProblem = () => {}): JSONContent {
  let raw: unknown[];
  try {
    raw = rawChildren(fragment, report);
  } catch {
    // A Yjs structure too broken to walk: nothing of it can be read.
    report({ kind: 'not-a-node', name: 'unreadable fragment' });
    raw = [];
  }
  return fitToSchema({ type: 'doc', content: raw }, report);
}
