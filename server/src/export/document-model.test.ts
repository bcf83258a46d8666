import { describe, expect, it } from 'vitest';
import { chapters, exportFileName, type ExportDocument } from './document-model';
import { renderMarkdown } from './markdown';

const section = (key: string, number: string, title: string, parentKey: string | null, content: object[]) => ({
  key,
  number,
  title,
  parentKey,
  content: { type: 'doc', content },
});

const text = (value: string, marks?: object[]) => ({ type: 'text', text: value, ...(marks ? { marks } : {}) });

const outline = [
  section('visjon', '3', 'Visjon', null, [
    { type: 'paragraph' },
    {
      type: 'paragraph',
      content: [text('Vi er '), text('digitale', [{ type: 'bold' }]), { type: 'hardBreak' }, text('og åpne.')],
    },
  ]),
  section('kommuneportal', '4.1', 'Kommuneportal', 'tverrgaende', [
    { type: 'mainGoal', attrs: { goalId: 'g1' }, content: [text('Portalen er *universell*.')] },
    {
      type: 'subGoal',
      attrs: { goalId: 'g2' },
      content: [text('Se '), text('nettsiden', [{ type: 'link', attrs: { href: 'https://eksempel.no' } }])],
    },
    { type: 'subGoal', attrs: { goalId: 'g3' }, content: [] },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Tredje')] }] }],
    },
  ]),
];

describe('the export document model', () => {
  it('numbers chapters from the outline, labels goals and leaves out empty paragraphs and goals', () => {
    const [visjon, portal] = chapters(outline as never);
    expect(visjon).toMatchObject({ heading: '3 Visjon', level: 1 });
    expect(visjon!.blocks).toEqual([
      {
        type: 'paragraph',
        inlines: [{ text: 'Vi er ' }, { text: 'digitale', bold: true }, { text: '\n' }, { text: 'og åpne.' }],
      },
    ]);
    expect(portal).toMatchObject({ heading: '4.1 Kommuneportal', level: 2 });
    expect(portal!.blocks.map((b) => (b.type === 'goal' ? `${b.label} ${b.goalId}` : b.type))).toEqual([
      'Hovedmål: g1',
      'Delmål: g2',
      'list',
    ]);
    expect(portal!.blocks[1]).toMatchObject({
      inlines: [{ text: 'Se ' }, { text: 'nettsiden', href: 'https://eksempel.no' }],
    });
  });
});

describe('the Markdown rendering', () => {
  const doc: ExportDocument = {
    lang: 'nb-NO',
    title: 'Strategi & plan',
    municipality: 'Åsnes kommune',
    period: '2027–2030',
    status: { stage: 'utkast', label: 'Utkast', details: [] },
    version: null,
    contentHash: 'a'.repeat(64),
    generatedAt: new Date('2027-01-02T10:00:00Z'),
    chapters: chapters(outline as never),
  };

  it('escapes what Markdown would read as syntax and keeps formatting, links, breaks and list numbers', () => {
    const md = renderMarkdown(doc);
    expect(md).toContain('> **Hovedmål:** Portalen er \\*universell\\*.\n');
    expect(md).toContain('> **Delmål:** Se [nettsiden](https://eksempel.no)\n');
    expect(md).toContain('Vi er **digitale**  \nog åpne.\n');
    expect(md).toContain('\n3. Tredje\n');
    expect(md).toContain('  - [4.1 Kommuneportal](#41-kommuneportal)\n');
    expect(md).toContain('Gjeldende tekst, 2. januar 2027 kl. 11:00');
  });

  it('names the file in ASCII after the municipality and title, with the version number', () => {
    expect(exportFileName(doc, 'pdf')).toBe('Asnes-kommune-Strategi-plan.pdf');
    expect(exportFileName({ ...doc, version: { number: 4, name: null, createdAt: new Date() } }, 'docx')).toBe(
      'Asnes-kommune-Strategi-plan-v4.docx',
    );
  });
});
