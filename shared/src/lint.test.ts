import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { initialSectionContent } from './initial-content';
import {
  LINT_MESSAGES,
  lintContext,
  lintStrategy,
  lintText,
  strategyWordCount,
  type Finding,
  type LintInput,
  type LintSection,
} from './lint';
import { EXAMPLE_VISION, TEMPLATE_SECTIONS } from './template';
import type { Locale } from './errors';

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] });
const mainGoal = (value: string, goalId = `g-${value.length}`): JSONContent => ({
  type: 'mainGoal',
  attrs: { goalId },
  content: value ? [text(value)] : [],
});
const subGoal = (value: string): JSONContent => ({ type: 'subGoal', attrs: { goalId: 's-1' }, content: [text(value)] });
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });
const words = (n: number) => Array.from({ length: n }, () => 'ord').join(' ');

const AREA_KEYS = TEMPLATE_SECTIONS.filter((s) => s.requiresGoal).map((s) => s.key);

/** A strategy that passes every check: text everywhere, a hovedmål in every area, its own vision. */
function goodContent(): Record<string, JSONContent> {
  const content: Record<string, JSONContent> = {};
  for (const section of TEMPLATE_SECTIONS) {
    content[section.key] = section.requiresGoal
      ? doc(
          mainGoal(section.exampleGoal ?? 'Kommunen skal ha gode digitale tjenester.', `goal-${section.key}`),
          paragraph(words(220)),
        )
      : doc(paragraph(words(120)));
  }
  content.innledning = doc(paragraph(words(500)));
  content.visjon = doc(paragraph('Kommunen er digital først, og innbyggerne merker det hver dag.'));
  return content;
}

const lint = (overrides: Partial<LintInput> = {}): Finding[] =>
  lintStrategy({ periodStart: 2025, periodEnd: 2028, content: goodContent(), ...overrides });
const ruleIds = (findings: Finding[]) => findings.map((f) => f.ruleId);
const withRule = (findings: Finding[], ruleId: Finding['ruleId']) => findings.filter((f) => f.ruleId === ruleId);

describe('lintStrategy', () => {
  it('finds nothing in a strategy that follows all the advice', () => {
    expect(lint()).toEqual([]);
  });

  describe('the period', () => {
    it('accepts four years, counting both the first and the last', () => {
      expect(withRule(lint({ periodStart: 2025, periodEnd: 2028 }), 'period-too-long')).toEqual([]);
    });

    it('warns when the period is longer than four years', () => {
      const [finding] = withRule(lint({ periodStart: 2025, periodEnd: 2029 }), 'period-too-long');
      expect(finding).toMatchObject({
        severity: 'warning',
        sectionKey: null,
        params: { start: 2025, end: 2029, years: 5 },
      });
    });

    it('warns when the period ends before it starts', () => {
      expect(ruleIds(lint({ periodStart: 2028, periodEnd: 2025 }))).toEqual(['period-invalid']);
    });
  });

  describe('the length', () => {
    // The introduction is the free variable: the rest of goodContent holds about 3,700 words.
    const ofWords = (n: number): LintInput['content'] => ({ ...goodContent(), innledning: doc(paragraph(words(n))) });
    const baseWords = (() => {
      const { innledning: _, ...rest } = goodContent();
      return strategyWordCount(lintContext({ periodStart: 2025, periodEnd: 2028, content: rest }));
    })();

    it('estimates pages from words and stays quiet between 4,000 and 5,400 words', () => {
      expect(withRule(lint({ content: ofWords(4000 - baseWords) }), 'length-too-short')).toEqual([]);
      expect(withRule(lint({ content: ofWords(5400 - baseWords) }), 'length-too-long')).toEqual([]);
    });

    it('warns when even at 450 words a page the text runs past 12 pages', () => {
      const [finding] = withRule(lint({ content: ofWords(5401 - baseWords) }), 'length-too-long');
      expect(finding).toMatchObject({
        severity: 'warning',
        messageKey: 'length-too-long',
        params: { words: 5401, pages: 13 },
      });
    });

    it('reports as information when even at 400 words a page the text is under 10 pages', () => {
      const [finding] = withRule(lint({ content: ofWords(3999 - baseWords) }), 'length-too-short');
      expect(finding).toMatchObject({ severity: 'info', params: { words: 3999, pages: 9, wordsPerPage: 425 } });
    });

    it('leaves the appendices out of the count', () => {
      const content = { ...ofWords(4000 - baseWords), vedlegg: doc(paragraph(words(10_000))) };
      expect(withRule(lint({ content }), 'length-too-long')).toEqual([]);
    });

    it('takes the PDF page count over the estimate when it is given', () => {
      expect(withRule(lint({ content: ofWords(8000), pdfPageCount: 11 }), 'length-too-long')).toEqual([]);
      expect(withRule(lint({ pdfPageCount: 13 }), 'length-too-long')).toMatchObject([
        { messageKey: 'length-too-long:pdf', params: { pages: 13 } },
      ]);
      expect(withRule(lint({ pdfPageCount: 8 }), 'length-too-short')).toMatchObject([
        { messageKey: 'length-too-short:pdf', severity: 'info' },
      ]);
    });
  });

  describe('main goals', () => {
    it('flags every area and service area of a new strategy, each linked to its section', () => {
      const content = Object.fromEntries(TEMPLATE_SECTIONS.map((s) => [s.key, initialSectionContent(s.key)]));
      const findings = withRule(
        lintStrategy({ periodStart: 2025, periodEnd: 2028, content }),
        'area-missing-main-goal',
      );
      expect(findings.map((f) => f.sectionKey)).toEqual(AREA_KEYS);
      expect(findings[0]?.params.section).toBe('4.1 Kommuneportal');
    });

    it('is satisfied by a hovedmål with text, not by a delmål, plain text or an empty goal block', () => {
      const flagged = (area: JSONContent) =>
        withRule(lint({ content: { ...goodContent(), kommuneportal: area } }), 'area-missing-main-goal').map(
          (f) => f.sectionKey,
        );
      expect(flagged(doc(mainGoal('Portalen skal være universelt utformet.')))).toEqual([]);
      expect(flagged(doc(subGoal('Portalen skal være universelt utformet.')))).toEqual(['kommuneportal']);
      expect(flagged(doc(paragraph('Portalen skal være universelt utformet.')))).toEqual(['kommuneportal']);
      expect(flagged(doc(mainGoal('')))).toEqual(['kommuneportal']);
    });

    it('finds a hovedmål inside a list', () => {
      const inList = doc({
        type: 'bulletList',
        content: [{ type: 'listItem', content: [mainGoal('Portalen skal være god.')] }],
      });
      expect(
        withRule(lint({ content: { ...goodContent(), kommuneportal: inList } }), 'area-missing-main-goal'),
      ).toEqual([]);
    });

    it('asks a service area the leader added for a hovedmål too', () => {
      const outline: LintSection[] = [
        ...TEMPLATE_SECTIONS,
        { key: 'naering', title: 'Næring', parentKey: 'tjenesteomrader', number: '5.7' },
      ];
      const findings = withRule(lint({ outline }), 'area-missing-main-goal');
      expect(findings.map((f) => [f.sectionKey, f.params.section])).toEqual([['naering', '5.7 Næring']]);
    });
  });

  describe('the vision', () => {
    const visionFindings = (visjon: JSONContent | undefined) =>
      lint({ content: { ...goodContent(), visjon: visjon as JSONContent } }).filter((f) =>
        f.ruleId.startsWith('vision'),
      );

    it('warns when the vision is empty or missing', () => {
      expect(visionFindings(doc(paragraph('   ')))).toMatchObject([{ ruleId: 'vision-missing', sectionKey: 'visjon' }]);
      expect(visionFindings(undefined)).toMatchObject([{ ruleId: 'vision-missing' }]);
    });

    it('warns when the vision is the template example as a new strategy starts with it', () => {
      expect(visionFindings(initialSectionContent('visjon'))).toMatchObject([
        { ruleId: 'vision-is-example', sectionKey: 'visjon' },
      ]);
    });

    it('sees the example through other line breaks, quotes and a sentence added in front', () => {
      const wrapped = `«${EXAMPLE_VISION.replace(/ /g, '\n')}»`;
      expect(visionFindings(doc(paragraph(`Vår visjon: ${wrapped}`)))).toMatchObject([{ ruleId: 'vision-is-example' }]);
    });

    it('accepts a vision that borrows from the example but is rewritten', () => {
      expect(
        visionFindings(doc(paragraph(EXAMPLE_VISION.replace('alle områder', 'alle kommunens tjenesteområder')))),
      ).toEqual([]);
    });

    it('links to no section when the outline has no vision chapter', () => {
      const outline = TEMPLATE_SECTIONS.filter((s) => s.key !== 'visjon');
      expect(withRule(lint({ outline }), 'vision-missing')).toMatchObject([{ sectionKey: null }]);
    });
  });

  describe('measures', () => {
    it('flags a measure-like hovedmål with its goal id and section', () => {
      const content = {
        ...goodContent(),
        kompetanse: doc(mainGoal('Alle ansatte skal ha fått opplæring i nytt sak/arkivsystem innen 2027.', 'g-k')),
      };
      expect(withRule(lint({ content }), 'measure-in-text')).toMatchObject([
        {
          severity: 'warning',
          sectionKey: 'kompetanse',
          goalId: 'g-k',
          params: { section: '4.7 Kompetanse', signal: 'deadline', match: 'innen 2027' },
        },
      ]);
    });

    it('flags measures written as plain text or lists in an area', () => {
      const list = { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('Kjøpe inn nettbrett')] }] };
      const content = { ...goodContent(), 'helse-omsorg': doc(mainGoal('Tjenestene skal være trygge.'), list) };
      expect(withRule(lint({ content }), 'measure-in-text')).toMatchObject([
        { sectionKey: 'helse-omsorg', params: { signal: 'purchase' } },
      ]);
    });

    it('lets the introduction tell of dated national programmes, and the appendices hold anything', () => {
      const content = {
        ...goodContent(),
        innledning: doc(paragraph('Elektronisk leverandørfaktura tas i bruk i staten fra 1. juli 2012.')),
        vedlegg: doc(mainGoal('Tiltak: kjøpe inn servere for 2 mill. kr innen 2026.')),
      };
      expect(withRule(lint({ content }), 'measure-in-text')).toEqual([]);
    });

    it('checks goals wherever they are written', () => {
      const content = { ...goodContent(), innledning: doc(mainGoal('Kommunen skal innføre SvarUt.', 'g-i')) };
      expect(withRule(lint({ content }), 'measure-in-text')).toMatchObject([
        { sectionKey: 'innledning', goalId: 'g-i' },
      ]);
    });

    it('shortens a long text to an excerpt', () => {
      const long = `Kommunen skal kjøpe inn ${words(40)}`;
      const content = { ...goodContent(), kultur: doc(mainGoal('Kultur for alle.'), paragraph(long)) };
      const excerpt = String(withRule(lint({ content }), 'measure-in-text')[0]?.params.excerpt);
      expect(excerpt.length).toBeLessThanOrEqual(80);
      expect(excerpt.endsWith('…')).toBe(true);
    });
  });

  describe('empty sections', () => {
    it('reports chapters and appendices without text as information', () => {
      const content = { ...goodContent(), innledning: doc(paragraph('')), vedlegg: doc() };
      expect(withRule(lint({ content }), 'section-empty')).toMatchObject([
        { sectionKey: 'innledning', severity: 'info', params: { section: '1 Innledning' } },
        { sectionKey: 'vedlegg', severity: 'info' },
      ]);
    });

    it('leaves empty areas and the vision to their own findings', () => {
      const content = { ...goodContent(), kultur: doc(paragraph('')), visjon: doc(paragraph('')) };
      const findings = lint({ content });
      expect(withRule(findings, 'section-empty')).toEqual([]);
      expect(ruleIds(findings).filter((id) => !id.startsWith('length'))).toEqual([
        'vision-missing',
        'area-missing-main-goal',
      ]);
    });
  });

  describe('open comment threads', () => {
    it('warns before a gate when threads are still open', () => {
      expect(withRule(lint({ openCommentThreads: 3 }), 'open-comments-before-gate')).toMatchObject([
        { severity: 'warning', sectionKey: null, params: { count: 3 } },
      ]);
    });

    it('says nothing when none are open or the count is unknown', () => {
      expect(lint({ openCommentThreads: 0 })).toEqual([]);
      expect(lint({ openCommentThreads: undefined })).toEqual([]);
    });
  });

  it('lists whole-strategy findings first, then section by section in outline order, with unique ids', () => {
    const content = Object.fromEntries(TEMPLATE_SECTIONS.map((s) => [s.key, initialSectionContent(s.key)]));
    const findings = lintStrategy({ periodStart: 2025, periodEnd: 2030, content, openCommentThreads: 1 });
    const order = TEMPLATE_SECTIONS.map((s) => s.key);
    const positions = findings.map((f) => (f.sectionKey === null ? -1 : order.indexOf(f.sectionKey)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(ruleIds(findings).slice(0, 3).sort()).toEqual([
      'length-too-short',
      'open-comments-before-gate',
      'period-too-long',
    ]);
    expect(new Set(findings.map((f) => f.id)).size).toBe(findings.length);
  });
});

describe('lint texts', () => {
  it('has a title and an explanation in bokmål, nynorsk and English for every message', () => {
    for (const texts of Object.values(LINT_MESSAGES)) {
      for (const locale of ['nb', 'nn', 'en'] as const) {
        expect(texts[locale].title).not.toBe('');
        expect(texts[locale].text).not.toBe('');
      }
    }
  });

  it('fills in every placeholder of every finding a bad strategy gets', () => {
    const content = {
      ...Object.fromEntries(TEMPLATE_SECTIONS.map((s) => [s.key, initialSectionContent(s.key)])),
      kultur: doc(mainGoal('Kulturhuset skal få nytt billettsystem innen 2027.')),
    };
    const findings = [
      ...lintStrategy({ periodStart: 2025, periodEnd: 2031, content, openCommentThreads: 2 }),
      ...lintStrategy({ periodStart: 2025, periodEnd: 2028, content: {}, pdfPageCount: 20 }),
      ...lintStrategy({ periodStart: 2029, periodEnd: 2025, content: {} }),
    ];
    for (const locale of ['nb', 'nn', 'en'] as Locale[]) {
      for (const finding of findings) {
        const { title, text } = lintText(finding, locale);
        expect(`${title} ${text}`).not.toMatch(/\{\w+\}/);
      }
    }
  });

  it('explains a finding in Norwegian with its figures and the reason in words', () => {
    const content = { ...goodContent(), kultur: doc(mainGoal('Kulturhuset skal få nytt billettsystem innen 2027.')) };
    const [finding] = withRule(lint({ content, periodEnd: 2030 }), 'measure-in-text');
    expect(lintText(finding!, 'nb').text).toContain('ser ut som et tiltak (frist: «innen 2027»)');
    const [period] = withRule(lint({ periodEnd: 2030 }), 'period-too-long');
    expect(lintText(period!, 'nb').text).toContain('Perioden 2025–2030 er 6 år.');
    expect(lintText(period!, 'nn').text).toContain('bør ikkje vere meir enn 3–4 år');
  });
});

describe('lint on content that fits no schema', () => {
  it('reads what is no node as no text and never throws', () => {
    const content = goodContent();
    content.visjon = {
      type: 'doc',
      content: [
        null,
        [paragraph('i en liste')],
        { type: 'paragraph', content: [{ type: 'text', text: { image: 'x' } }, text('Kommunen er digital.')] },
      ] as unknown as JSONContent[],
    };
    expect(() => lint({ content })).not.toThrow();
  });
});
