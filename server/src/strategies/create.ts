import { randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { initialSectionContent } from '@samstrat/shared/initial-content';
import type { OutlineDraft, WrittenForm } from '@samstrat/shared/new-strategy';
import { TEMPLATE_SECTIONS, templateSections } from '@samstrat/shared/template';
import type { Tx } from '../db/client';
import { sections, strategies } from '../db/schema';
import { DocumentStore } from '../collab/persistence';

export interface NewStrategy {
  organizationId: string;
  title: string;
  municipality: string;
  periodStart: number;
  periodEnd: number;
  /** 'nb' unless given. */
  writtenForm?: WrittenForm;
}

/** The root fragment that holds one section's text in the strategy's Y.Doc. */
export function sectionFragmentName(key: string): string {
  return `section:${key}`;
}

/** The template's whole outline, as the demo strategy has it. */
export const FULL_TEMPLATE_OUTLINE: readonly OutlineDraft[] = TEMPLATE_SECTIONS.map(
  ({ key, number, title, parentKey }) => ({ key, number, title, parentKey }),
);

/** The template's whole outline with its headings in `form`. */
export function fullTemplateOutline(form: WrittenForm = 'nb'): OutlineDraft[] {
  return templateSections(form).map(({ key, number, title, parentKey }) => ({ key, number, title, parentKey }));
}

/**
 * Builds the Y.Doc of a new strategy: one fragment per section of the outline, holding `content`'s
 * text for its key (ProseMirror JSON of the editor schema), else the template's starting text in
 * the written form `form` (bokmål unless given).
 */
export function outlineDocument(
  outline: readonly OutlineDraft[],
  content: ReadonlyMap<string, JSONContent> = new Map(),
  form: WrittenForm = 'nb',
): Y.Doc {
  const doc = new Y.Doc();
  for (const section of outline) {
    prosemirrorJSONToYXmlFragment(
      editorSchema,
      content.get(section.key) ?? initialSectionContent(section.key, form),
      doc.getXmlFragment(sectionFragmentName(section.key)),
    );
  }
  return doc;
}

/** Builds the Y.Doc of a new strategy: every section of the template with its starting text. */
export function templateDocument(): Y.Doc {
  return outlineDocument(FULL_TEMPLATE_OUTLINE);
}

/**
 * Creates a strategy in the caller's transaction: its row, its outline (from data: any list of
 * chapters and areas) and its first text (`content` by section key, else the template's starting
 * text). Answers the new strategy's id. Members are the caller's business.
 */
export async function createStrategy(
  tx: Tx,
  input: NewStrategy,
  outline: readonly OutlineDraft[],
  content?: ReadonlyMap<string, JSONContent>,
): Promise<string> {
  const id = randomUUID();
  const doc = outlineDocument(outline, content, input.writtenForm);
  try {
    await tx.insert(strategies).values({ id, ...input, writtenForm: input.writtenForm ?? 'nb', stage: 'utkast' });
    if (outline.length > 0) {
      await tx.insert(sections).values(
        outline.map((section, position) => ({
          strategyId: id,
          key: section.key,
          position,
          number: section.number,
          title: section.title,
          parentKey: section.parentKey,
        })),
      );
    }
    await DocumentStore.saveInitial(tx, id, doc);
  } finally {
    doc.destroy();
  }
  return id;
}

/**
 * Creates a strategy from the whole template, in the caller's transaction (the demo, tests), its
 * headings and starting text in the strategy's written form; `content` gives a section's first text
 * by key instead of the template's (e.g. the demo's goals).
 */
export async function createStrategyFromTemplate(
  tx: Tx,
  input: NewStrategy,
  content?: (key: string) => JSONContent,
): Promise<string> {
  const outline = fullTemplateOutline(input.writtenForm);
  const texts = content && new Map(outline.map(({ key }) => [key, content(key)]));
  return await createStrategy(tx, input, outline, texts);
}
