import type { JSONContent } from '@tiptap/core';
import { collectGoals, isGoalNodeType } from '../editor/goals';
import { exampleVision, TEMPLATE_SECTIONS, templateSection } from '../template';
// The same rule the mandate is checked against: "Strategiperioden bør ikke være mer enn 3-4 år".
import { MAX_PERIOD_YEARS } from '../workflow';
import { measureSignals } from './measures';
import { normalizeSpace, sectionWordCount, textBlocks } from './text';
import type { Finding, LintInput, LintSection } from './types';

/** The seed: "Strategidokumentet kan være kortfattet (10-12 sider)". */
export const TARGET_PAGES = { min: 10, max: 12 } as const;

/**
 * A page of report text in 11–12 pt with headings holds about 400–450 words. The estimate flags a
 * length only when both ends agree (over 12 pages even at 450 words a page, under 10 even at 400),
 * so layout differences alone never raise a finding. The midpoint is what the finding shows.
 */
export const WORDS_PER_PAGE = { min: 400, max: 450, shown: 425 } as const;

const VISION_KEY = 'visjon';

// Sections a leader adds under these chapters are areas too, though the template does not know them.
const AREA_CHAPTERS = new Set(TEMPLATE_SECTIONS.filter((s) => s.requiresGoal).map((s) => s.parentKey));
const APPENDIX_KEYS = new Set(TEMPLATE_SECTIONS.filter((s) => s.kind === 'appendix').map((s) => s.key));

export function requiresMainGoal(section: LintSection): boolean {
  return templateSection(section.key)?.requiresGoal ?? AREA_CHAPTERS.has(section.parentKey);
}

/** Appendices hold reference material: they count toward neither length nor the goals-only rule. */
export function isAppendix(section: LintSection): boolean {
  return APPENDIX_KEYS.has(section.key) || (section.parentKey !== null && APPENDIX_KEYS.has(section.parentKey));
}

export function sectionLabel(section: LintSection): string {
  return section.number ? `${section.number} ${section.title}` : section.title;
}

/** What every rule reads: the input with the outline filled in. */
export interface LintContext {
  input: LintInput;
  outline: readonly LintSection[];
  contentOf(key: string): JSONContent | null | undefined;
}

export function lintContext(input: LintInput): LintContext {
  return {
    input,
    outline: input.outline ?? TEMPLATE_SECTIONS,
    contentOf: (key) => input.content[key],
  };
}

export function checkPeriod({ input: { periodStart: start, periodEnd: end } }: LintContext): Finding[] {
  if (end < start) {
    return [
      {
        id: 'period-invalid',
        ruleId: 'period-invalid',
        severity: 'warning',
        sectionKey: null,
        messageKey: 'period-invalid',
        params: { start, end },
      },
    ];
  }
  const years = end - start + 1;
  if (years <= MAX_PERIOD_YEARS) return [];
  return [
    {
      id: 'period-too-long',
      ruleId: 'period-too-long',
      severity: 'warning',
      sectionKey: null,
      messageKey: 'period-too-long',
      params: { start, end, years },
    },
  ];
}

/** Words in the strategy's own text: every section but the appendices. */
export function strategyWordCount(context: LintContext): number {
  return context.outline
    .filter((section) => !isAppendix(section))
    .reduce((sum, section) => sum + sectionWordCount(context.contentOf(section.key)), 0);
}

export function checkLength(context: LintContext): Finding[] {
  const { pdfPageCount } = context.input;
  if (pdfPageCount !== undefined) {
    const params = { pages: pdfPageCount };
    if (pdfPageCount > TARGET_PAGES.max) {
      return [
        {
          id: 'length-too-long',
          ruleId: 'length-too-long',
          severity: 'warning',
          sectionKey: null,
          messageKey: 'length-too-long:pdf',
          params,
        },
      ];
    }
    if (pdfPageCount < TARGET_PAGES.min) {
      return [
        {
          id: 'length-too-short',
          ruleId: 'length-too-short',
          severity: 'info',
          sectionKey: null,
          messageKey: 'length-too-short:pdf',
          params,
        },
      ];
    }
    return [];
  }
  const words = strategyWordCount(context);
  const params = { words, pages: Math.round(words / WORDS_PER_PAGE.shown), wordsPerPage: WORDS_PER_PAGE.shown };
  if (words / WORDS_PER_PAGE.max > TARGET_PAGES.max) {
    return [
      {
        id: 'length-too-long',
        ruleId: 'length-too-long',
        severity: 'warning',
        sectionKey: null,
        messageKey: 'length-too-long',
        params,
      },
    ];
  }
  if (words / WORDS_PER_PAGE.min < TARGET_PAGES.min) {
    return [
      {
        id: 'length-too-short',
        ruleId: 'length-too-short',
        severity: 'info',
        sectionKey: null,
        messageKey: 'length-too-short',
        params,
      },
    ];
  }
  return [];
}

/** A hovedmål counts once it has text; an empty goal block is only a start. */
export function checkMainGoals(context: LintContext): Finding[] {
  return context.outline.filter(requiresMainGoal).flatMap((section) => {
    const doc = context.contentOf(section.key);
    const hasMainGoal = doc ? collectGoals(doc).some((goal) => goal.kind === 'main' && goal.text !== '') : false;
    if (hasMainGoal) return [];
    return [
      {
        id: `area-missing-main-goal:${section.key}`,
        ruleId: 'area-missing-main-goal',
        severity: 'warning',
        sectionKey: section.key,
        messageKey: 'area-missing-main-goal',
        params: { section: sectionLabel(section) },
      },
    ];
  });
}

// The seed's vision is wrapped across slide lines and quoted; a copy differs in spacing, quotes and
// the final full stop at most.
const comparable = (text: string) =>
  normalizeSpace(text.replace(/[«»"“”]/g, ''))
    .replace(/[.!\s]+$/, '')
    .toLowerCase();
// The example vision in either written form counts as the template's, unchanged.
const EXAMPLES = [comparable(exampleVision('nb')), comparable(exampleVision('nn'))];

export function checkVision(context: LintContext): Finding[] {
  const section = context.outline.find((s) => s.key === VISION_KEY);
  const text = section
    ? comparable(
        textBlocks(context.contentOf(section.key))
          .map((b) => b.text)
          .join(' '),
      )
    : '';
  const sectionKey = section ? section.key : null;
  if (text === '') {
    return [
      {
        id: 'vision-missing',
        ruleId: 'vision-missing',
        severity: 'warning',
        sectionKey,
        messageKey: 'vision-missing',
        params: {},
      },
    ];
  }
  // Containing the whole example counts too: a sentence added in front does not make it the municipality's own.
  if (EXAMPLES.some((example) => text.includes(example))) {
    return [
      {
        id: 'vision-is-example',
        ruleId: 'vision-is-example',
        severity: 'warning',
        sectionKey,
        messageKey: 'vision-is-example',
        params: {},
      },
    ];
  }
  return [];
}

const EXCERPT_LENGTH = 80;

function excerpt(text: string): string {
  const flat = normalizeSpace(text);
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH - 1).trimEnd()}…`;
}

/**
 * Goals anywhere, and all text in the areas, where goals are written. The introduction and the
 * appendices legitimately tell of laws with dates and national programmes being introduced.
 */
export function checkMeasures(context: LintContext): Finding[] {
  return context.outline
    .filter((section) => !isAppendix(section))
    .flatMap((section) => {
      const inArea = requiresMainGoal(section);
      return textBlocks(context.contentOf(section.key)).flatMap((block, index): Finding[] => {
        if (!inArea && !isGoalNodeType(block.type)) return [];
        const [signal] = measureSignals(block.text);
        if (!signal) return [];
        return [
          {
            id: `measure-in-text:${section.key}:${block.goalId ?? index}`,
            ruleId: 'measure-in-text',
            severity: 'warning',
            sectionKey: section.key,
            ...(block.goalId ? { goalId: block.goalId } : {}),
            messageKey: 'measure-in-text',
            params: {
              section: sectionLabel(section),
              excerpt: excerpt(block.text),
              signal: signal.kind,
              match: signal.match,
            },
          },
        ];
      });
    });
}

/** Areas and the vision have their own, more telling findings when empty; this covers the rest. */
export function checkEmptySections(context: LintContext): Finding[] {
  return context.outline
    .filter((section) => !requiresMainGoal(section) && section.key !== VISION_KEY)
    .filter((section) => sectionWordCount(context.contentOf(section.key)) === 0)
    .map((section) => ({
      id: `section-empty:${section.key}`,
      ruleId: 'section-empty',
      severity: 'info',
      sectionKey: section.key,
      messageKey: 'section-empty',
      params: { section: sectionLabel(section) },
    }));
}

export function checkOpenComments({ input: { openCommentThreads } }: LintContext): Finding[] {
  if (!openCommentThreads || openCommentThreads <= 0) return [];
  return [
    {
      id: 'open-comments-before-gate',
      ruleId: 'open-comments-before-gate',
      severity: 'warning',
      sectionKey: null,
      messageKey: 'open-comments-before-gate',
      params: { count: openCommentThreads },
    },
  ];
}

/** In the order the panel lists them: the whole strategy first, then section by section. */
export const LINT_RULES: readonly ((context: LintContext) => Finding[])[] = [
  checkPeriod,
  checkLength,
  checkOpenComments,
  checkVision,
  checkMainGoals,
  checkMeasures,
  checkEmptySections,
];
