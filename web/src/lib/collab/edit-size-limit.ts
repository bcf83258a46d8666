import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { transactionBytes } from '@samstrat/shared/editor/change-size';
import { MAX_EDIT_BYTES } from '@samstrat/shared/limits';

export interface EditSizeLimitOptions {
  /** The largest estimated update, in bytes, that the editor lets through. */
  limit: number;
  /** Told when a change was refused, with its estimated size in bytes. */
  onRefuse: (bytes: number) => void;
}

/**
 * Refuses, before it is applied, a change whose Yjs update would be larger than the collaboration
 * socket accepts. Applied, such a change could never be stored: the server closes the socket, and
 * everything typed after it depends on it. Changes arriving from the server are never refused.
 */
export const EditSizeLimit = Extension.create<EditSizeLimitOptions>({
  name: 'editSizeLimit',

  addOptions() {
    return { limit: MAX_EDIT_BYTES, onRefuse: () => {} };
  },

  addProseMirrorPlugins() {
    const { limit, onRefuse } = this.options;
    return [
      new Plugin({
        key: new PluginKey('editSizeLimit'),
        filterTransaction(tr) {
          if (!tr.docChanged || tr.getMeta(ySyncPluginKey)) return true;
          const bytes = transactionBytes(tr);
          if (bytes <= limit) return true;
          onRefuse(bytes);
          return false;
        },
      }),
    ];
  },
});
