import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { EditorView } from '@tiptap/pm/view';

export interface AccessibleNameOptions {
  /** The editor's name now; read whenever ProseMirror draws the editor's element. */
  name: () => string;
}

/**
 * The editor's accessible name (what a screen reader announces, and what finds it), which a leader's
 * outline change may change while the editor lives: a section renamed or renumbered. ProseMirror
 * writes the element's attributes from its props on every update; changing them through the
 * editor's options would update the whole view (every plugin view and decoration) of each
 * renumbered section, tens of milliseconds each on a busy page. So the name comes from a plugin that
 * reads it when ProseMirror draws, and `renameEditor` puts a new one on the element at once.
 */
export const AccessibleName = Extension.create<AccessibleNameOptions>({
  name: 'accessibleName',
  addOptions: () => ({ name: () => '' }),
  addProseMirrorPlugins() {
    const { name } = this.options;
    return [
      new Plugin({ key: new PluginKey('accessibleName'), props: { attributes: () => ({ 'aria-label': name() }) } }),
    ];
  },
});

/** Shows the editor's new name; the plugin's `name()` must answer it from now on. */
export function renameEditor(view: EditorView, name: string): void {
  if (!view.isDestroyed && view.dom.getAttribute('aria-label') !== name) view.dom.setAttribute('aria-label', name);
}
