// The SWOT board of Oppstart (issue 13, deliverable 6): the project group writes strengths,
// weaknesses, opportunities and threats; a leader inserts the result into the status appendix.
import type { JSONContent } from '@tiptap/core';
import * as z from 'zod';
import type { Locale } from './errors';

/** The four quadrants, in the order the board and the inserted text show them. */
export const SWOT_KINDS = ['strength', 'weakness', 'opportunity', 'threat'] as const;
export type SwotKind = (typeof SWOT_KINDS)[number];

/** Longest entry, in characters: a board note, not a chapter. */
export const SWOT_TEXT_MAX = 500;

/** `POST /api/strategies/:id/swot`: one entry, its text trimmed and 1–500 characters. */
export const swotEntryInputSchema = z.object({
  kind: z.enum(SWOT_KINDS),
  text: z.string().trim().min(1).max(SWOT_TEXT_MAX),
});
export type SwotEntryInput = z.infer<typeof swotEntryInputSchema>;

/** An entry as the API answers it. */
export interface SwotEntry {
  id: string;
  kind: SwotKind;
  text: string;
  author: { id: string; name: string };
  createdAt: string;
}

const TEXTS: Record<Locale, { title: string; kinds: Record<SwotKind, string>; none: string }> = {
  nb: {
    title: 'SWOT-analyse',
    kinds: { strength: 'Styrker', weakness: 'Svakheter', opportunity: 'Muligheter', threat: 'Trusler' },
    none: 'Ingen punkter.',
  },
  nn: {
    title: 'SWOT-analyse',
    kinds: { strength: 'Styrkar', weakness: 'Svakheiter', opportunity: 'Moglegheiter', threat: 'Truslar' },
    none: 'Ingen punkt.',
  },
  en: {
    title: 'SWOT analysis',
    kinds: { strength: 'Strengths', weakness: 'Weaknesses', opportunity: 'Opportunities', threat: 'Threats' },
    none: 'No entries.',
  },
};

const text = (value: string): JSONContent => ({ type: 'text', text: value });

/**
 * The board as editor blocks for the status appendix: a heading, then per quadrant a bold label
 * and a bullet list of its entries (or "none"). Authors stay on the board: the strategy's text
 * speaks for the project group.
 */
export function swotContent(
  entries: readonly Pick<SwotEntry, 'kind' | 'text'>[],
  locale: Locale = 'nb',
): JSONContent[] {
  const t = TEXTS[locale];
  const blocks: JSONContent[] = [{ type: 'heading', attrs: { level: 3 }, content: [text(t.title)] }];
  for (const kind of SWOT_KINDS) {
    const items = entries.filter((e) => e.kind === kind);
    blocks.push({ type: 'paragraph', content: [{ ...text(t.kinds[kind]), marks: [{ type: 'bold' }] }] });
    blocks.push(
      items.length === 0
        ? { type: 'paragraph', content: [text(t.none)] }
        : {
            type: 'bulletList',
            content: items.map((e) => ({
              type: 'listItem',
              content: [{ type: 'paragraph', content: [text(e.text)] }],
            })),
          },
    );
  }
  return blocks;
}

/**
 * The section the status analysis goes into: the appendix's own status section when the outline
 * has one (a child of `vedlegg` whose title names status), else the appendix itself; null when the
 * outline has no appendix. The benefit page's status comparison chooses the same way.
 */
export function statusAppendixKey(
  outline: readonly { key: string; title: string; parentKey: string | null }[],
): string | null {
  const own = outline.find((s) => s.parentKey === 'vedlegg' && /status/i.test(s.title));
  return own?.key ?? outline.find((s) => s.key === 'vedlegg')?.key ?? null;
}
