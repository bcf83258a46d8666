// A page with the app's real section editors (sectionExtensions: the shared schema, the Yjs binding,
// the moved-block forwarding) and no network in between: each replica's updates wait in its outbox
// until the test delivers them, in the order it chooses. Built for the browser by build.ts.
import { Editor, type JSONContent } from '@tiptap/core';
import { Awareness } from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { editorSchema } from '@samstrat/shared';
import { sectionExtensions } from '$lib/editor/extensions';
import { TOOLS } from '$lib/editor/tools';

const SECTION = 'mål';
const NETWORK = 'network';

interface Replica {
  doc: Y.Doc;
  editor: Editor | null;
  outbox: Uint8Array[];
}

const replicas = new Map<string, Replica>();

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

function replica(name: string): Replica {
  const found = replicas.get(name);
  if (!found) throw new Error(`no replica ${name}`);
  return found;
}

function editorOf(name: string): Editor {
  const { editor } = replica(name);
  if (!editor) throw new Error(`${name} has no editor`);
  return editor;
}

/** The ProseMirror position at the end of the first textblock whose text starts with `prefix`. */
function endOf(editor: Editor, prefix: string): number {
  let found = -1;
  editor.state.doc.descendants((node, pos) => {
    if (found < 0 && node.isTextblock && node.textContent.startsWith(prefix)) found = pos + node.nodeSize - 1;
    return found < 0;
  });
  if (found < 0) throw new Error(`no block starting with "${prefix}"`);
  return found;
}

const harness = {
  /** The state of a section holding `content`, as a base64 update every replica starts from. */
  seed(content: JSONContent[]): string {
    const doc = new Y.Doc();
    prosemirrorJSONToYXmlFragment(editorSchema, { type: 'doc', content }, doc.getXmlFragment(`section:${SECTION}`));
    return toBase64(Y.encodeStateAsUpdate(doc));
  },

  /** A replica that starts from `seed`; with an editor unless `editor` is false (a server's copy). */
  create(name: string, seed: string, editor = true): void {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(seed), NETWORK);
    const r: Replica = { doc, editor: null, outbox: [] };
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== NETWORK) r.outbox.push(update);
    });
    if (editor) {
      const element = document.createElement('div');
      element.dataset.replica = name;
      document.body.append(element);
      const provider = { awareness: new Awareness(doc) } as unknown as WebsocketProvider;
      const user = { id: name, name, color: '#1f6f8b' };
      r.editor = new Editor({ element, extensions: sectionExtensions({ doc, provider, sectionKey: SECTION, user }) });
    }
    replicas.set(name, r);
  },

  /** Removes every replica. */
  reset(): void {
    for (const { doc, editor } of replicas.values()) {
      editor?.destroy();
      doc.destroy();
    }
    replicas.clear();
    document.body.replaceChildren();
  },

  /** Puts the caret at the end of the block starting with `prefix` and focuses the editor. */
  focusEnd(name: string, prefix: string): void {
    const editor = editorOf(name);
    editor.commands.setTextSelection(endOf(editor, prefix));
    // At once: TipTap's focus command waits for an animation frame, and keys pressed before it
    // would go to the page instead.
    editor.view.focus();
    if (!editor.view.hasFocus()) throw new Error(`${name} did not take the focus`);
  },

  /** The toolbar's tools as the toolbar shows them. */
  tools: () => TOOLS.map((tool) => tool.id),

  /** Whether the toolbar would offer the tool where the caret is. */
  canUse(name: string, toolId: string): boolean {
    const editor = editorOf(name);
    const tool = TOOLS.find((t) => t.id === toolId)!;
    return tool.command(editor.can().chain(), editor).run();
  },

  /** Presses a toolbar button: the same call Toolbar.svelte makes. */
  use(name: string, toolId: string): boolean {
    const editor = editorOf(name);
    const tool = TOOLS.find((t) => t.id === toolId)!;
    return tool.command(editor.chain().focus(), editor).run();
  },

  /** Takes what a replica has sent since the last call. */
  take: (name: string) => replica(name).outbox.splice(0).map(toBase64),

  /** Delivers updates to a replica, in order. */
  deliver(name: string, updates: string[]): void {
    for (const update of updates) Y.applyUpdate(replica(name).doc, fromBase64(update), NETWORK);
  },

  /** Delivers everything sent until no replica has anything new (the mover may repeat edits). */
  settle(): void {
    for (let round = 0; round < 10; round++) {
      const sent = [...replicas.keys()].map((name) => [name, harness.take(name)] as const);
      if (sent.every(([, updates]) => updates.length === 0)) return;
      for (const [from, updates] of sent) {
        for (const to of replicas.keys()) if (to !== from) harness.deliver(to, updates);
      }
    }
    throw new Error('the replicas kept sending');
  },

  /** The section as the replica holds it, as ProseMirror JSON (through the schema, like the editor's view). */
  content(name: string): JSONContent {
    const r = replica(name);
    if (r.editor) return r.editor.state.doc.toJSON();
    return yXmlFragmentToProseMirrorRootNode(r.doc.getXmlFragment(`section:${SECTION}`), editorSchema).toJSON();
  },
};

declare global {
  interface Window {
    harness: typeof harness;
  }
}

window.harness = harness;
