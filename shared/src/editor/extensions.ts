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
      // It appends an empty paragraph after any transaction, remote ones included, to a section that
      // ends in a list or goal: every client that opens such a section writes one (two editors opening
      // at once leave two), and a read-only member's write is refused, closing their socket in a loop.
      trailingNode: false,
      link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
    }),
    MainGoal,
    SubGoal,
    GoalIds,
  ];
}

export const editorSchema = getSchema(editorExtensions());
