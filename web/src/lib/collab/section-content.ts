import { Editor, type JSONContent } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import { editorExtensions } from '@samstrat/shared';
import { fragmentContent } from '@samstrat/shared/editor/fragment-content';
import type * as Y from 'yjs';
import type { CollabSession } from './session.svelte';

/**
 * A section's text in the shared doc as ProseMirror JSON, read as the server reads it (lint, the
 * benefits page): content that fits no editor schema is read around rather than thrown on.
 */
export function sectionContent(doc: Y.Doc, sectionKey: string): JSONContent {
  return fragmentContent(doc.getXmlFragment(`section:${sectionKey}`));
}

/** Resolves once the session's doc holds the server's state. */
export function whenSynced(session: CollabSession, timeoutMs = 15_000): Promise<void> {
  if (session.provider.synced) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      session.provider.off('sync', onSync);
      reject(new Error('sync timed out'));
    }, timeoutMs);
    const onSync = (synced: boolean) => {
      if (!synced) return;
      clearTimeout(timer);
      session.provider.off('sync', onSync);
      resolve();
    };
    session.provider.on('sync', onSync);
  });
}

const isEmptyText = (doc: Editor['state']['doc']) =>
  doc.childCount === 1 && doc.firstChild?.type.name === 'paragraph' && doc.firstChild.content.size === 0;

/**
 * Appends blocks to a section through an editor bound to its fragment, so the change is an ordinary
 * Yjs edit of that section: the server's guard checks it like typing, and everyone sees it live.
 * The editor is never shown; it lives only for the edit. An empty section is replaced, not appended
 * to, so the text does not start with a blank line.
 */
export async function appendToSection(doc: Y.Doc, sectionKey: string, blocks: JSONContent[]): Promise<void> {
  let rendered: () => void = () => {};
  const firstRender = new Promise<void>((resolve) => (rendered = resolve));
  const editor = new Editor({
    element: document.createElement('div'),
    extensions: [
      ...editorExtensions(),
      Collaboration.configure({ document: doc, field: `section:${sectionKey}`, onFirstRender: () => rendered() }),
    ],
  });
  try {
    await Promise.race([firstRender, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    const current = editor.state.doc;
    const at = isEmptyText(current) ? { from: 0, to: current.content.size } : current.content.size;
    if (!editor.commands.insertContentAt(at, blocks)) throw new Error('the content did not fit the schema');
  } finally {
    editor.destroy();
  }
}

/** All text in a ProseMirror JSON tree, for checking what a section holds. */
export function plainText(node: JSONContent): string {
  if (node.type === 'text') return node.text ?? '';
  return (node.content ?? []).map(plainText).join(' ');
}
