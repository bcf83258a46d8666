import { describe, expect, it } from 'vitest';
import { initialSectionContent } from './initial-content';
import { templateOutline } from './new-strategy';
import { checkVision, lintContext } from './lint/rules';
import {
  DEFAULT_PRINCIPLES,
  defaultPrinciples,
  EXAMPLE_VISION,
  exampleVision,
  TEMPLATE_SECTIONS,
  templateSection,
  templateSections,
} from './template';
import { NYNORSK_SECTIONS } from './template-nn';

// The template in both written forms (issue 13, deliverable 3): one data set keyed by written form.

const words = (text: string) => new Set(text.toLowerCase().match(/\p{L}+/gu) ?? []);
const allText = (form: 'nb' | 'nn') =>
  [
    ...templateSections(form).flatMap((s) => [s.title, ...s.guidance, s.exampleGoal ?? '']),
    ...defaultPrinciples(form),
    exampleVision(form),
  ].join(' ');

describe('the template in nynorsk', () => {
  it('has every section key of the template and no other', () => {
    expect(Object.keys(NYNORSK_SECTIONS).sort()).toEqual(TEMPLATE_SECTIONS.map((s) => s.key).sort());
  });

  it('gives every section a non-empty title, as many non-empty guidance lines as bokmål, and an example goal where bokmål has one', () => {
    const nn = templateSections('nn');
    expect(nn).toHaveLength(TEMPLATE_SECTIONS.length);
    TEMPLATE_SECTIONS.forEach((nb, i) => {
      const section = nn[i]!;
      expect({ key: section.key, number: section.number, kind: section.kind, parentKey: section.parentKey }).toEqual({
        key: nb.key,
        number: nb.number,
        kind: nb.kind,
        parentKey: nb.parentKey,
      });
      expect(section.title.trim(), nb.key).not.toBe('');
      expect(section.guidance, nb.key).toHaveLength(nb.guidance.length);
      section.guidance.forEach((line) => expect(line.trim(), nb.key).not.toBe(''));
      expect(section.exampleGoal === null, nb.key).toBe(nb.exampleGoal === null);
      if (section.exampleGoal) expect(section.exampleGoal, nb.key).not.toBe(nb.exampleGoal);
      expect(section.exampleGoalSource).toBe(nb.exampleGoalSource);
      expect(section.requiresGoal).toBe(nb.requiresGoal);
    });
  });

  it('has the seven principles and the example vision, non-empty and not the bokmål text', () => {
    expect(defaultPrinciples('nn')).toHaveLength(DEFAULT_PRINCIPLES.length);
    defaultPrinciples('nn').forEach((p, i) => {
      expect(p.trim()).not.toBe('');
      expect(p).not.toBe(DEFAULT_PRINCIPLES[i]);
    });
    expect(exampleVision('nn')).not.toBe(EXAMPLE_VISION);
    expect(exampleVision('nb')).toBe(EXAMPLE_VISION);
    expect(defaultPrinciples()).toBe(DEFAULT_PRINCIPLES);
  });

  it('reads in nynorsk forms where the written forms differ, and has no bokmål forms of those words', () => {
    expect(templateSection('innledning', 'nn')?.title).toBe('Innleiing');
    expect(templateSection('tjenesteomrader', 'nn')?.title).toBe('Tenesteområde');
    expect(templateSection('prinsipper', 'nn')?.title).toBe('Overordna prinsipp');
    expect(templateSection('informasjonssikkerhet', 'nn')?.title).toBe('Informasjonstryggleik');
    expect(templateSection('innledning')?.title).toBe('Innledning');
    const nn = words(allText('nn'));
    const nb = words(allText('nb'));
    for (const [bokmal, nynorsk] of [
      ['være', 'vere'],
      ['et', 'eit'],
      ['tjenester', 'tenester'],
      ['innbyggerne', 'innbyggjarane'],
      ['ansatte', 'tilsette'],
      ['hovedmål', 'hovudmål'],
      ['løsninger', 'løysingar'],
      ['kommunens', 'kommunen'],
    ] as const) {
      expect(nb.has(bokmal), bokmal).toBe(true);
      expect(nn.has(bokmal), `nynorsk has «${bokmal}»`).toBe(false);
      expect(nn.has(nynorsk), `nynorsk lacks «${nynorsk}»`).toBe(true);
    }
    // Bokmål-only forms that must not slip into the nynorsk text.
    for (const bokmal of ['ikke', 'en', 'være', 'hovedregelen', 'sikkerhet', 'innbyggere', 'ansattportal']) {
      expect(nn.has(bokmal), bokmal).toBe(false);
    }
  });

  it('starts a nynorsk strategy with nynorsk principles and vision, and names its outline in nynorsk', () => {
    const principles = JSON.stringify(initialSectionContent('prinsipper', 'nn'));
    expect(principles).toContain('Følgjande prinsipp skal liggje til grunn');
    expect(principles).toContain('Data skal registrerast éin gong');
    expect(JSON.stringify(initialSectionContent('visjon', 'nn'))).toContain('Digitalisering er teken i bruk');
    expect(JSON.stringify(initialSectionContent('visjon'))).toContain('Digitalisering er tatt i bruk');
    const outline = templateOutline(['kommuneportal'], [{ chapter: 'tjenesteomrader', title: 'Næring' }], 'nn');
    expect(outline.map((s) => s.title)).toEqual([
      'Innleiing',
      'Overordna prinsipp',
      'Visjon',
      'Tverrgåande satsingsområde',
      'Kommuneportal',
      'Tenesteområde',
      'Næring',
      'Vedlegg',
    ]);
  });

  it('lints the unchanged nynorsk example vision as the template example, as it does the bokmål one', () => {
    const outline = templateSections('nn');
    const findings = (form: 'nb' | 'nn') =>
      checkVision(
        lintContext({
          periodStart: 2027,
          periodEnd: 2030,
          outline,
          content: { visjon: initialSectionContent('visjon', form) },
        }),
      ).map((f) => f.ruleId);
    expect(findings('nn')).toEqual(findings('nb'));
    expect(findings('nn')).toEqual(['vision-is-example']);
  });
});
