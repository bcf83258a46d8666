import { Extension, Node, type AnyExtension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { editorExtensions } from '@samstrat/shared';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { m } from '$lib/paraglide/messages.js';
import type { CollabUser } from '$lib/types';
import { isReadOnly } from './read-only-selectable';
import { movedBlocksOf } from './moved-blocks';

type GoalKind = 'main' | 'sub';

/**
 * A goal block with its label ("Hovedmål"/"Delmål") as real text in the DOM, outside the editable
 * content, so screen readers say what the block is and the label comes from the catalog.
 */
function goalNodeView(initial: PMNode, kind: GoalKind) {
  const dom = document.createElement('div');
  dom.className = `goal goal--${kind}`;
  dom.dataset.goal = kind;

  const label = document.createElement('span');
  label.className = 'goal__label';
  label.contentEditable = 'false';
  label.textContent = kind === 'main' ? m.goal_main() : m.goal_sub();

  const contentDOM = document.createElement('div');
  contentDOM.className = 'goal__text';
  dom.append(label, contentDOM);

  // The shared schema's paste handling finds goal ids in the DOM of every editor on the page.
  const showId = (node: PMNode) => {
    const id = node.attrs.goalId as string | null;
    if (id) dom.setAttribute('data-goal-id', id);
    else dom.removeAttribute('data-goal-id');
  };
  showId(initial);

  return {
    dom,
    contentDOM,
    update(node: PMNode) {
      if (node.type !== initial.type) return false;
      showId(node);
      return true;
    },
  };
}

function withGoalLabel(extension: AnyExtension): AnyExtension {
  if (!(extension instanceof Node)) return extension;
  const kind: GoalKind | null = extension.name === 'mainGoal' ? 'main' : extension.name === 'subGoal' ? 'sub' : null;
  if (!kind) return extension;
  return extension.extend({
    addNodeView() {
      return ({ node }) => goalNodeView(node, kind);
    },
  });
}

/** The caret as CollaborationCaret draws it by default, hidden from screen readers (the presence list says who is where). */
function caret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' ? user.color : '#4b5563';
  const cursor = document.createElement('span');
  cursor.classList.add('collaboration-carets__caret');
  cursor.setAttribute('aria-hidden', 'true');
  cursor.style.borderColor = color;
  const label = document.createElement('div');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === 'string' ? user.name : '';
  cursor.append(label);
  return cursor;
}

/**
 * Repeats in a moved block the words others typed into it before they saw the move (indent,
 * outdent, list, heading, goal, quote), which Yjs would otherwise drop: see moved-blocks.ts.
 */
function movedBlocks(doc: Y.Doc): AnyExtension {
  return Extension.create<unknown, { release: (() => void) | null }>({
    name: 'movedBlocks',
    addStorage: () => ({ release: null }),
    onCreate() {
      const { schema } = this.editor;
      this.storage.release = movedBlocksOf(doc, { isTextblock: (name) => schema.nodes[name]?.isTextblock ?? false });
    },
    onDestroy() {
      this.storage.release?.();
    },
  });
}

export interface SectionEditorOptions {
  doc: Y.Doc;
  provider: WebsocketProvider;
  sectionKey: string;
  user: CollabUser;
}

/** The shared schema plus collaboration on the section's own fragment (`section:<key>`). */
export function sectionExtensions({ doc, provider, sectionKey, user }: SectionEditorOptions): AnyExtension[] {
  return [
    ...editorExtensions().map(withGoalLabel),
    Placeholder.configure({
      placeholder: ({ editor }) =>
        editor.isEditable && !isReadOnly(editor.state) ? m.editor_placeholder() : m.editor_empty(),
      showOnlyWhenEditable: false,
    }),
    Collaboration.configure({ document: doc, field: `section:${sectionKey}` }),
    movedBlocks(doc),
    CollaborationCaret.configure({ provider, user, render: caret }),
  ];
}
