import * as z from 'zod';
import { TEMPLATE_SECTIONS, templateSections, type TemplateSection } from './template';
import { periodProblem } from './workflow';
import { MAX_PARTICIPANTS } from './participants';

/**
 * "Ny strategi": the body of `POST /api/strategies` and the outline a new strategy starts with, as
 * data and pure functions, shared so the web refuses what the server would refuse before anything
 * is sent. Source: issue 13 (a municipality chooses its own areas; a new period starts from the last
 * adopted strategy; the period is at most four years, as the mandate's).
 */

/** The written forms a strategy may be in: bokmål or nynorsk. */
export const WRITTEN_FORMS = ['nb', 'nn'] as const;
export type WrittenForm = (typeof WRITTEN_FORMS)[number];

export const NEW_STRATEGY_LIMITS = { title: 200, areaTitle: 120, ownAreas: 30 } as const;

/** The chapters of the template a municipality may add its own areas under. */
export const AREA_CHAPTERS = ['tverrgaende', 'tjenesteomrader'] as const;
export type AreaChapter = (typeof AREA_CHAPTERS)[number];

/** The template's areas one may choose among (cross-sectoral areas and service areas), in template order. */
export const CHOOSABLE_AREAS: readonly TemplateSection[] = TEMPLATE_SECTIONS.filter(
  (s) => s.parentKey !== null && (AREA_CHAPTERS as readonly string[]).includes(s.parentKey),
);

const CHOOSABLE_KEYS = new Set(CHOOSABLE_AREAS.map((s) => s.key));

/**
 * CHOOSABLE_AREAS with their titles in the written form `form`: "Ny strategi" names the areas in
 * the form the new strategy will be written in, as its headings will read.
 */
export function choosableAreas(form: WrittenForm): readonly TemplateSection[] {
  return templateSections(form).filter((s) => CHOOSABLE_KEYS.has(s.key));
}

/** A chapter's heading (the areas' chapters above) in the written form `form`. */
export function chapterTitle(chapter: AreaChapter, form: WrittenForm): string {
  return templateSections(form).find((s) => s.key === chapter)?.title ?? chapter;
}

const year = z.number().int().min(2000).max(2100);

const ownArea = z.object({
  chapter: z.enum(AREA_CHAPTERS),
  title: z.string().trim().min(1, 'area_title_required').max(NEW_STRATEGY_LIMITS.areaTitle, 'area_title_too_long'),
});
export type OwnArea = z.infer<typeof ownArea>;

/** Where a new strategy's outline and text come from. */
export const strategyStart = z.discriminatedUnion('kind', [
  /** The template: its chapters, the chosen areas (by key) and the municipality's own areas. */
  z.object({
    kind: z.literal('template'),
    areas: z
      .array(z.string().max(80))
      .max(CHOOSABLE_AREAS.length)
      .refine((keys) => keys.every((key) => CHOOSABLE_KEYS.has(key)), 'unknown_template_area'),
    ownAreas: z.array(ownArea).max(NEW_STRATEGY_LIMITS.ownAreas),
  }),
  /** No sections at all. */
  z.object({ kind: z.literal('empty') }),
  /** The next period of an earlier strategy of the organization: its adopted (or else latest) text and outline. */
  z.object({ kind: z.literal('next'), fromStrategyId: z.string().min(1).max(100) }),
]);
export type StrategyStart = z.infer<typeof strategyStart>;

export const newStrategyBody = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'strategy_title_required')
      .max(NEW_STRATEGY_LIMITS.title, 'strategy_title_too_long'),
    periodStart: year,
    periodEnd: year,
    /** Unless given, the organization's default written form. */
    writtenForm: z.enum(WRITTEN_FORMS).optional(),
    start: strategyStart,
    /**
     * Other organizations of the installation taking part (a joint strategy; who may name them:
     * shared/participants). The creating organization takes part anyway.
     */
    participants: z
      .array(z.string().min(1).max(100))
      .max(MAX_PARTICIPANTS - 1)
      .optional(),
  })
  .superRefine((body, ctx) => {
    const problem = periodProblem(body.periodStart, body.periodEnd);
    if (problem) ctx.addIssue({ code: 'custom', path: ['periodEnd'], message: problem });
  });
export type NewStrategyBody = z.infer<typeof newStrategyBody>;

/**
 * `PATCH /api/strategies/:id`: a new title and/or period. The period is checked on what it would
 * be, with the stored years for those not given (server side).
 */
export const strategySettingsBody = z
  .object({
    title: z
      .string()
      .trim()
      .min(1, 'strategy_title_required')
      .max(NEW_STRATEGY_LIMITS.title, 'strategy_title_too_long')
      .optional(),
    periodStart: year.optional(),
    periodEnd: year.optional(),
  })
  .refine((b) => b.title !== undefined || b.periodStart !== undefined || b.periodEnd !== undefined);
export type StrategySettingsBody = z.infer<typeof strategySettingsBody>;

/** One section of an outline as a new strategy stores it: key (never reused), numbering, title, parent. */
export interface OutlineDraft {
  key: string;
  number: string;
  title: string;
  parentKey: string | null;
}

/** "Næring og samfunnsutvikling" → "naering-og-samfunnsutvikling" (a section key's shape). */
export function keySlug(title: string): string {
  return title
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
}

/**
 * Numbers an outline given as chapters with their children, in order: "1", "1.1", "1.2", "2" …
 * Numbering follows the order alone, so any list of chapters and areas numbers itself.
 */
export function numberOutline(
  chapters: readonly { key: string; title: string; children: readonly { key: string; title: string }[] }[],
): OutlineDraft[] {
  return chapters.flatMap((chapter, i) => [
    { key: chapter.key, number: String(i + 1), title: chapter.title, parentKey: null },
    ...chapter.children.map((child, j) => ({
      key: child.key,
      number: `${i + 1}.${j + 1}`,
      title: child.title,
      parentKey: chapter.key,
    })),
  ]);
}

/**
 * The outline of a strategy made from the template: every chapter, of the template's areas only
 * those chosen (in template order), and the municipality's own areas after them in their chapter.
 * An own area's key is `egen-<slug of its title>` (a template key never starts so), with `-2`, `-3` …
 * when two own areas read alike; keys are thus unique in the outline, and a new strategy has no
 * earlier keys to collide with. Titles are in the strategy's written form `form` (bokmål unless given).
 */
export function templateOutline(
  chosen: readonly string[],
  own: readonly OwnArea[],
  form: WrittenForm = 'nb',
): OutlineDraft[] {
  const template = templateSections(form);
  const wanted = new Set(chosen);
  const taken = new Set(TEMPLATE_SECTIONS.map((s) => s.key));
  const ownKey = (title: string) => {
    const base = `egen-${keySlug(title) || 'omrade'}`;
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return key;
  };
  const ownByChapter = new Map<string, { key: string; title: string }[]>();
  for (const area of own) {
    ownByChapter.set(area.chapter, [
      ...(ownByChapter.get(area.chapter) ?? []),
      { key: ownKey(area.title), title: area.title.trim() },
    ]);
  }
  const chapters = template
    .filter((s) => s.parentKey === null)
    .map((chapter) => ({
      key: chapter.key,
      title: chapter.title,
      children: [
        ...template.filter((s) => s.parentKey === chapter.key && wanted.has(s.key)),
        ...(ownByChapter.get(chapter.key) ?? []),
      ],
    }));
  return numberOutline(chapters);
}
