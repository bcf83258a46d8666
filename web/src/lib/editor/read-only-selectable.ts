import { Extension } from '@tiptap/core';
import { isChangeOrigin } from '@tiptap/extension-collaboration';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

// Members who may comment but not edit must still reach the text by keyboard to select what they
// comment on, and a contenteditable=false element takes no focus. So their editor stays editable for
// ProseMirror (focusable, with a caret) while this plugin refuses every change that does not come
// from the collaboration sync: the server's guard would refuse the update anyway and close the socket.

export const readOnlySelectableKey = new PluginKey<boolean>('readOnlySelectable');

/** Keys that only move the caret or the selection; everything else might write. */
const MOVING_KEYS = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown']);
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock']);

export interface ReadOnlySelectableOptions {
  /** Whether the editor starts read-only; change it later with setReadOnly. */
  readOnly: boolean;
  /** Tab pressed with text selected; true when it moved focus on (to the comment button). */
  onTabWithSelection: () => boolean;
}

export function isReadOnly(state: EditorState): boolean {
  return readOnlySelectableKey.getState(state) === true;
}

/** Turns the read-only mode on or off; the plugin's state, so plugins and placeholders see it at once. */
export function setReadOnly(view: EditorView, readOnly: boolean): void {
  if (isReadOnly(view.state) === readOnly || view.isDestroyed) return;
  view.dispatch(view.state.tr.setMeta(readOnlySelectableKey, readOnly).setMeta('addToHistory', false));
}

function refuse(view: EditorView, event: Event): boolean {
  if (!isReadOnly(view.state)) return false;
  event.preventDefault();
  return true;
}

export const ReadOnlySelectable = Extension.create<ReadOnlySelectableOptions>({
  name: 'readOnlySelectable',
  // Before every keymap, so no shortcut (lists, goals, undo) runs in a read-only editor.
  priority: 10_000,

  addOptions() {
    return { readOnly: false, onTabWithSelection: () => false };
  },

  addProseMirrorPlugins() {
    const { readOnly, onTabWithSelection } = this.options;
    return [
      new Plugin<boolean>({
        key: readOnlySelectableKey,
        state: {
          init: () => readOnly,
          apply: (tr, value) => (tr.getMeta(readOnlySelectableKey) as boolean | undefined) ?? value,
        },
        // Appended transactions (e.g. the goal-id plugin's) pass through here too.
        filterTransaction: (tr, state) => !isReadOnly(state) || !tr.docChanged || isChangeOrigin(tr),
        props: {
          handleDOMEvents: {
            keydown(view, event) {
              if (!isReadOnly(view.state)) return false;
              if (event.key === 'Tab') {
                if (!event.shiftKey && !view.state.selection.empty && onTabWithSelection()) event.preventDefault();
                // Handled here so that no keymap (list indent) keeps the focus: the browser moves it.
                return true;
              }
              const mod = event.ctrlKey || event.metaKey;
              if (MOVING_KEYS.has(event.key) || MODIFIER_KEYS.has(event.key)) return false;
              if (mod && !event.altKey && ['a', 'c'].includes(event.key.toLowerCase())) return false;
              // Typing, Enter, Backspace and Delete do nothing; other shortcuts skip ProseMirror's keymaps
              // and go to the browser, whose editing defaults the beforeinput handler cancels.
              if (!mod && (event.key.length === 1 || ['Enter', 'Backspace', 'Delete'].includes(event.key))) {
                event.preventDefault();
              }
              return true;
            },
            beforeinput: refuse,
            cut: refuse,
            paste: refuse,
            drop: refuse,
          },
          handleTextInput: (view) => isReadOnly(view.state),
          handlePaste: (view) => isReadOnly(view.state),
          handleDrop: (view) => isReadOnly(view.state),
        },
      }),
    ];
  },
});
