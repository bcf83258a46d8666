import { getSchema, type AnyExtension } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { GoalIds, MainGoal, SubGoal } from './goals';

/**
 * The one editor schema, used by the browser's editors and by the server when it turns a section's
 * Y.XmlFragment into ProseMirror JSON. Anything the server cannot parse is lost, so both sides
 * must build from this list.
 */
export function editorExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      // Undo is Yjs's job (per user); ProseMirror's history would undo other people's edits.
      undoRedo: false,
      // Levels 1–2 belong to the outline's chapter and section titles, which are not editable text.
      heading: { levels: [3, 4] },
      // A strategy has no code; rules and code marks would only leak into export.
      codeBlock: false,
      code: false,
      horizontalRule: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
    }),
    MainGoal,
    SubGoal,
    GoalIds,
  ];
}

export const editorSchema = getSchema(editorExtensions());
