import type { Editor } from '@tiptap/core';

export interface EditorTarget {
  editor: Editor;
  /** "4.1 Kommuneportal" */
  label: string;
}

/**
 * The section editor the toolbar acts on: the one that had focus last. `revision` changes on
 * every transaction of that editor so the toolbar's pressed states follow the selection.
 */
export class EditorFocus {
  target = $state.raw<EditorTarget | null>(null);
  revision = $state(0);

  #unsubscribe: (() => void) | null = null;

  set(editor: Editor, label: string): void {
    if (this.target?.editor === editor) return;
    this.#unsubscribe?.();
    const bump = () => {
      this.revision++;
    };
    editor.on('transaction', bump);
    this.#unsubscribe = () => editor.off('transaction', bump);
    this.target = { editor, label };
    this.revision++;
  }

  release(editor: Editor): void {
    if (this.target?.editor !== editor) return;
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.target = null;
  }
}
