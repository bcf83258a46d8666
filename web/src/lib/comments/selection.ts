import type { Editor } from '@tiptap/core';

/** Text selected in one section's editor, in that editor's ProseMirror positions. */
export interface CommentSelection {
  sectionKey: string;
  from: number;
  to: number;
  quote: string;
  /** Where the selection is on screen, for the floating "Comment" button. */
  rect: { top: number; left: number; bottom: number; right: number };
}

/**
 * The page's text selection when it lies inside one section editor and holds some text, else null.
 * `editors` maps section keys to their editors.
 */
export function readCommentSelection(editors: ReadonlyMap<string, Editor>): CommentSelection | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const { anchorNode, focusNode } = selection;
  if (!anchorNode || !focusNode) return null;
  for (const [sectionKey, editor] of editors) {
    const dom = editor.view.dom;
    if (!dom.contains(anchorNode) || !dom.contains(focusNode)) continue;
    try {
      const a = editor.view.posAtDOM(anchorNode, selection.anchorOffset);
      const b = editor.view.posAtDOM(focusNode, selection.focusOffset);
      const from = Math.min(a, b);
      const to = Math.max(a, b);
      const quote = editor.state.doc.textBetween(from, to, '\n', '\n');
      if (!quote.trim()) return null;
      const r = selection.getRangeAt(0).getBoundingClientRect();
      return { sectionKey, from, to, quote, rect: { top: r.top, left: r.left, bottom: r.bottom, right: r.right } };
    } catch {
      // posAtDOM throws for DOM the editor does not own (a node view's label): nothing to comment on.
      return null;
    }
  }
  return null;
}

/** Calls `onChange` whenever the selection, or where it is on screen, may have changed; answers the unsubscribe. */
export function followSelection(onChange: () => void): () => void {
  document.addEventListener('selectionchange', onChange);
  window.addEventListener('scroll', onChange, { passive: true });
  window.addEventListener('resize', onChange);
  return () => {
    document.removeEventListener('selectionchange', onChange);
    window.removeEventListener('scroll', onChange);
    window.removeEventListener('resize', onChange);
  };
}
