import type { JSONContent } from '@tiptap/core';
import type { WrittenForm } from './new-strategy';
import { defaultPrinciples, exampleVision } from './template';
import { NYNORSK_PRINCIPLES_LEAD } from './template-nn';

const PRINCIPLES_LEAD: Record<WrittenForm, string> = {
  nb: 'Følgende prinsipper skal ligge til grunn for digitaliseringsarbeidet i kommunen:',
  nn: NYNORSK_PRINCIPLES_LEAD,
};

const paragraph = (text?: string): JSONContent =>
  text ? { type: 'paragraph', content: [{ type: 'text', text }] } : { type: 'paragraph' };

const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

/**
 * The content a section of a new strategy starts with (ProseMirror JSON for `editorSchema`), in the
 * strategy's written form (bokmål unless given).
 */
export function initialSectionContent(key: string, form: WrittenForm = 'nb'): JSONContent {
  switch (key) {
    case 'prinsipper':
      return doc(paragraph(PRINCIPLES_LEAD[form]), {
        type: 'bulletList',
        // The seed ends only some principles with a full stop; a list reads better without.
        content: defaultPrinciples(form).map((principle) => ({
          type: 'listItem',
          content: [paragraph(principle.replace(/\.$/, ''))],
        })),
      });
    case 'visjon':
      // The seed's vision ends without a full stop; in the document it is running text.
      return doc(paragraph(`${exampleVision(form)}.`));
    default:
      // Areas start empty on purpose: the example goal is guidance beside the editor, not text
      // that could slip into an adopted strategy unread.
      return doc(paragraph());
  }
}
