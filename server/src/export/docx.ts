import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  Footer,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  TableOfContents,
  TextRun,
  type ParagraphChild,
} from 'docx';
import { estimatePageNumbers } from 'docx/layout';
import { exportLabels, titlePageLines, type Block, type ExportDocument, type Inline } from './document-model';

// The DOCX a case handler attaches to the council's case: Word's own heading styles (so Word's
// navigation pane and the archive system see the structure), a table of contents Word can update,
// page numbers in the footer, goals in paragraph styles of their own, and the language set to bokmål.

const FONT = 'Calibri';
const ACCENT = '1E4E79';
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
] as const;

function runs(inlines: Inline[]): ParagraphChild[] {
  return inlines.flatMap((run): ParagraphChild[] => {
    const style = {
      bold: run.bold,
      italics: run.italic,
      underline: run.underline ? {} : undefined,
      strike: run.strike,
      ...(run.href ? { style: 'Hyperlink' } : {}),
    };
    // A hard break becomes a line break within the paragraph, as in the editor.
    const lines = run.text
      .split('\n')
      .map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : undefined, ...style }));
    return run.href ? [new ExternalHyperlink({ link: run.href, children: lines })] : lines;
  });
}

function blocks(list: Block[], depth: number, counter: { lists: number }): Paragraph[] {
  return list.flatMap((b): Paragraph[] => {
    switch (b.type) {
      case 'paragraph':
        return [new Paragraph({ children: runs(b.inlines), indent: depth ? { left: 360 * depth } : undefined })];
      case 'heading':
        // The outline's chapters use levels 1 and 2; the text's own headings follow under them.
        return [new Paragraph({ heading: HEADINGS[b.level - 1], children: runs(b.inlines) })];
      case 'goal':
        return [
          new Paragraph({
            style: b.kind === 'main' ? 'Hovedmal' : 'Delmal',
            children: [new TextRun({ text: `${b.label} `, bold: true }), ...runs(b.inlines)],
          }),
        ];
      case 'quote':
        return blocks(b.blocks, depth + 1, counter);
      case 'list': {
        const instance = ++counter.lists;
        return b.items.flatMap((item) =>
          item.flatMap((inner, i) => {
            if (i === 0 && inner.type === 'paragraph') {
              return [
                new Paragraph({
                  children: runs(inner.inlines),
                  ...(b.ordered
                    ? { numbering: { reference: 'ordered', level: Math.min(depth, 8), instance } }
                    : { bullet: { level: Math.min(depth, 8) } }),
                }),
              ];
            }
            return blocks([inner], depth + 1, counter);
          }),
        );
      }
    }
  });
}

function titlePage(model: ExportDocument): Paragraph[] {
  return [
    new Paragraph({
      spacing: { before: 2400 },
      children: [new TextRun({ text: model.municipality, size: 28, color: '555555' })],
    }),
    new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun({ text: model.title })] }),
    ...titlePageLines(model).map(
      (line) => new Paragraph({ spacing: { after: 80 }, children: [new TextRun({ text: line, size: 24 })] }),
    ),
    new Paragraph({
      spacing: { before: 480 },
      children: [
        new TextRun({ text: `${exportLabels(model).contentHash}: ${model.contentHash}`, size: 16, color: '555555' }),
      ],
    }),
  ];
}

export function docxDocument(model: ExportDocument): Document {
  const counter = { lists: 0 };
  const body = model.chapters.flatMap((chapter) => [
    new Paragraph({
      heading: chapter.level === 1 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
      children: [new TextRun(chapter.heading)],
    }),
    ...blocks(chapter.blocks, 0, counter),
  ]);
  const goalBorder = (size: number, color: string) => ({ left: { style: BorderStyle.SINGLE, size, color, space: 8 } });

  return new Document({
    creator: model.municipality,
    title: model.title,
    description: `${model.title}, ${model.municipality}, ${model.period}`,
    // Word fills in the table of contents from the page layout it estimates; Word recounts on update.
    pageNumbers: estimatePageNumbers,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: 22, language: { value: model.lang } },
          paragraph: { spacing: { after: 120, line: 276 } },
        },
        title: { run: { font: FONT, size: 52, bold: true, color: ACCENT }, paragraph: { spacing: { after: 360 } } },
        heading1: {
          run: { font: FONT, size: 34, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 480, after: 160 }, keepNext: true },
        },
        heading2: {
          run: { font: FONT, size: 28, bold: true, color: ACCENT },
          paragraph: { spacing: { before: 360, after: 120 }, keepNext: true },
        },
        heading3: {
          run: { font: FONT, size: 24, bold: true },
          paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
        },
        heading4: {
          run: { font: FONT, size: 22, bold: true },
          paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
        },
      },
      paragraphStyles: [
        {
          id: 'Hovedmal',
          name: 'Hovedmål',
          basedOn: 'Normal',
          next: 'Normal',
          run: { bold: true },
          paragraph: {
            indent: { left: 284 },
            spacing: { before: 160, after: 160 },
            border: goalBorder(24, ACCENT),
            shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF3F8' },
          },
        },
        {
          id: 'Delmal',
          name: 'Delmål',
          basedOn: 'Normal',
          next: 'Normal',
          paragraph: { indent: { left: 680 }, spacing: { before: 80, after: 120 }, border: goalBorder(12, '7A9CC0') },
        },
        {
          id: 'Innholdstittel',
          name: 'Innholdstittel',
          basedOn: 'Normal',
          run: { size: 34, bold: true, color: ACCENT },
          paragraph: { spacing: { after: 240 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'ordered',
          levels: Array.from({ length: 9 }, (_, level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 360 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [
      {
        properties: { titlePage: true },
        footers: {
          first: new Footer({ children: [new Paragraph({})] }),
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({
                    size: 18,
                    color: '555555',
                    children: [
                      `${exportLabels(model).page} `,
                      PageNumber.CURRENT,
                      ` ${exportLabels(model).of} `,
                      PageNumber.TOTAL_PAGES,
                    ],
                  }),
                ],
              }),
            ],
          }),
        },
        children: [
          ...titlePage(model),
          new Paragraph({ children: [new PageBreak()] }),
          // Not a heading style, so the table of contents does not list itself.
          new Paragraph({ style: 'Innholdstittel', children: [new TextRun(exportLabels(model).contents)] }),
          new TableOfContents(exportLabels(model).contents, { hyperlink: true, headingStyleRange: '1-2' }),
          new Paragraph({ children: [new PageBreak()] }),
          ...body,
        ],
      },
    ],
  });
}

export function renderDocx(model: ExportDocument): Promise<Buffer> {
  return Packer.toBuffer(docxDocument(model));
}
