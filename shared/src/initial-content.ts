import type { JSONContent } from '@tiptap/core';
import { DEFAULT_PRINCIPLES, EXAMPLE_VISION } from './template';

const paragraph = (text?: string): JSONContent =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };

const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

/** The content a section of a new strategy starts with (ProseMirror JSON for `editorSchema`). */
export function initialSectionContent(key: string): JSONContent {
  switch (key) {
    case 'prinsipper':
      return doc(paragraph('Følgende prinsipper skal ligge til grunn for digitaliseringsarbeidet i kommunen:'), {
        type: 'bulletList',
        // The seed ends only some principles with a full stop; a list reads better without.
        content: DEFAULT_PRINCIPLES.map((principle) => ({
          type: 'listItem',
          content: [paragraph(principle.replace(/\.$/, ''))],
        })),
      });
    case 'visjon':
      // The seed's vision ends without a full stop; in the document it is running text.
      return doc(paragraph(`${EXAMPLE_VISION}.`));
    default:
      // Areas start empty on purpose: the example goal is guidance beside the editor, not text
      // that could slip into an adopted strategy unread.
      return doc(paragraph());
  }
}
