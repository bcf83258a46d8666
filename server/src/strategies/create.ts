import { randomUUID } from 'node:crypto';
import type { JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { editorSchema } from '@samstrat/shared/editor/extensions';
import { initialSectionContent } from '@samstrat/shared/initial-content';
import { TEMPLATE_SECTIONS } from '@samstrat/shared/template';
import type { Tx } from '../db/client';
import { sections, strategies } from '../db/schema';
import { DocumentStore } from '../collab/persistence';

export interface NewStrategy {
  organizationId: string;
  title: string;
  municipality: string;
  periodStart: number;
  periodEnd: number;
}

/** The root fragment that holds one section's text in the strategy's Y.Doc. */
export function sectionFragmentName(key: string): string {
  return `section:${key}`;
}

/**
 * Builds the Y.Doc of a new strategy: every section of the template with its starting text
 * (`content` gives another, e.g. the demo's goals).
 */
export function templateDocument(content: (key: string) => JSONContent = initialSectionContent): Y.Doc {
  const doc = new Y.Doc();
  for (const section of TEMPLATE_SECTIONS) {
    prosemirrorJSONToYXmlFragment(
      editorSchema,
      content(section.key),
      doc.getXmlFragment(sectionFragmentName(section.key)),
    );
  }
  return doc;
}

/** Creates a strategy from the template: its row, its outline and its first text, in the caller's transaction. */
export async function createStrategyFromTemplate(
  tx: Tx,
  input: NewStrategy,
  content?: (key: string) => JSONContent,
): Promise<string> {
  const id = randomUUID();
  const doc = templateDocument(content);
  try {
    await tx.insert(strategies).values({ id, ...input, stage: 'utkast' });
    await tx.insert(sections).values(
      TEMPLATE_SECTIONS.map((section, position) => ({
        strategyId: id,
        key: section.key,
        position,
        number: section.number,
        title: section.title,
        parentKey: section.parentKey,
      })),
    );
    await DocumentStore.saveInitial(tx, id, doc);
  } finally {
    doc.destroy();
  }
  return id;
}
