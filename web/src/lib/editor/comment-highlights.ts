import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import type { HighlightRange } from '$lib/stores/comments.svelte';

// Commented text is shown with decorations, never marks: commenting must not write the document
// (most commenters may not edit it, and the server would refuse their change).

const key = new PluginKey<DecorationSet>('commentHighlights');
const REFRESH = 'refresh';

export interface CommentHighlightOptions {
  /** The section's open threads where their text is now. */
  ranges: () => HighlightRange[];
  /** The person clicked commented text. */
  onActivate: (threadId: string) => void;
}

function build(state: EditorState, ranges: HighlightRange[]): DecorationSet {
  const size = state.doc.content.size;
  const decorations = ranges
    .filter((r) => r.from >= 0 && r.to <= size && r.to > r.from)
    .map((r) =>
      Decoration.inline(
        r.from,
        r.to,
        { class: r.active ? 'comment-range comment-range--active' : 'comment-range', 'data-thread-id': r.id },
        { threadId: r.id, active: r.active },
      ),
    );
  return DecorationSet.create(state.doc, decorations);
}

export const CommentHighlights = Extension.create<CommentHighlightOptions>({
  name: 'commentHighlights',

  addOptions() {
    return { ranges: () => [], onActivate: () => {} };
  },

  addProseMirrorPlugins() {
    const { ranges, onActivate } = this.options;
    return [
      new Plugin<DecorationSet>({
        key,
        state: {
          init: (_, state) => build(state, ranges()),
          apply(tr, set, _old, state) {
            if (tr.getMeta(key) === REFRESH) return build(state, ranges());
            return tr.docChanged ? set.map(tr.mapping, tr.doc) : set;
          },
        },
        props: {
          decorations: (state) => key.getState(state),
          handleClick(view, pos) {
            const found = key.getState(view.state)?.find(pos, pos) ?? [];
            const hit = found.find((d) => d.from <= pos && pos <= d.to);
            if (hit) onActivate((hit.spec as { threadId: string }).threadId);
            return false;
          },
        },
        view() {
          // Mapping keeps highlights in place while typing; once the binding has written the change
          // to the Y.Doc, the anchors are resolved again (they may have grown, shrunk or detached).
          let frame: number | null = null;
          return {
            update(view, previous) {
              if (view.state.doc === previous.doc || frame !== null) return;
              frame = requestAnimationFrame(() => {
                frame = null;
                if (!view.isDestroyed)
                  view.dispatch(view.state.tr.setMeta(key, REFRESH).setMeta('addToHistory', false));
              });
            },
            destroy() {
              if (frame !== null) cancelAnimationFrame(frame);
            },
          };
        },
      }),
    ];
  },
});

/** Draws the editor's highlights again, e.g. after threads changed. */
export function refreshCommentHighlights(editor: Editor): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(key, REFRESH).setMeta('addToHistory', false));
}
