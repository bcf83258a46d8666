import type { JSONContent } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_BENEFIT_INPUT, calculateBenefits } from './benefits';
import { editorSchema } from './editor/extensions';
import {
  BENEFIT_FIGURE_LABELS,
  benefitFigures,
  benefitSummaryContent,
  statusComparisonContent,
} from './guidance-content';
import { statusComparison } from './status';

const asDoc = (blocks: JSONContent[]) => editorSchema.nodeFromJSON({ type: 'doc', content: blocks });
// Norwegian number formatting groups digits with a no-break space.
const plain = (blocks: JSONContent[]) =>
  asDoc(blocks).textBetween(0, asDoc(blocks).content.size, '\n').replace(/\s/g, ' ');

describe('the benefit summary for the appendix', () => {
  const result = calculateBenefits(DEFAULT_BENEFIT_INPUT, { startYear: 2025, endYear: 2028 });

  it('is valid content for the editor schema', () => {
    expect(() => asDoc(benefitSummaryContent(DEFAULT_BENEFIT_INPUT, result)).check()).not.toThrow();
  });

  it('states the totals, each item, each year and the 80% from organization and process change', () => {
    const text = plain(benefitSummaryContent(DEFAULT_BENEFIT_INPUT, result, 'nb'));
    expect(text).toContain('Gevinstberegning');
    expect(text).toContain('1 973 800 kr, 304 kr per innbygger (6 500 innbyggere)');
    expect(text).toContain(
      'Henvendelser flyttet til digital selvbetjening: 1 328 800 kr per år (204 kr per innbygger)',
    );
    expect(text).toContain('2025: kostnad 1 500 000 kr, effekt 493 450 kr (25 % realisert)');
    expect(text).toContain('80 % av gevinstpotensialet');
  });

  it('lists every figure with its source', () => {
    const text = plain(benefitSummaryContent(DEFAULT_BENEFIT_INPUT, result, 'nb'));
    expect(text).toContain('Innbyggere: 6 500 – Eksempel 1 i veilederen');
    expect(text).toContain('Realisert andel av gevinsten per år (%): 25 / 50 / 75 / 100');
  });

  it('has a label in every language for every figure of the input', () => {
    const paths = benefitFigures(DEFAULT_BENEFIT_INPUT).map((f) => f.path);
    for (const labels of Object.values(BENEFIT_FIGURE_LABELS))
      expect(Object.keys(labels).sort()).toEqual([...paths].sort());
  });
});

describe('the status comparison for the appendix', () => {
  it('gives the own score, marks the own band and shows the difference to every average', () => {
    const blocks = statusComparisonContent(statusComparison({ inhabitants: 6_500, score: 230 }), 'nb');
    expect(() => asDoc(blocks).check()).not.toThrow();
    const text = plain(blocks);
    expect(text).toContain('Vår kommune: 230 av 404 poeng (57 %). Størrelsesgruppe: 5 000–9 999 innbyggere.');
    expect(text).toContain('Alle kommuner: gjennomsnitt 195 (høyest 360, lavest 57), vår kommune +35');
    expect(text).toContain(
      '5 000–9 999: gjennomsnitt 202 (høyest 311, lavest 114), vår kommune +28 – vår størrelsesgruppe',
    );
    expect(text).toContain('50 000 og flere: gjennomsnitt 289 (høyest 360, lavest 203), vår kommune −59');
    expect(text).toContain('Kilde: eKommune-kartleggingen 2011 (KS). Maks poeng = 404.');
  });

  it('shows the reference alone before the municipality has scored itself', () => {
    const text = plain(statusComparisonContent(statusComparison({ inhabitants: 800, score: null }), 'nn'));
    expect(text).toContain('Kommunen har ikkje sett si eiga poengsum enno.');
    expect(text).not.toContain('kommunen vår');
  });
});
