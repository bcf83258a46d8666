import PDFDocument from 'pdfkit';
import { pdfFonts, type FontStyle } from './pdf-fonts';
import {
  exportLabels,
  titlePageLines,
  type Block,
  type Chapter,
  type ExportDocument,
  type Inline,
} from './document-model';

// A tagged PDF for universal design: every piece of text sits in a structure element (H1–H5, P, L/LI/
// Lbl/LBody, TOC/TOCI/Link, BlockQuote) in reading order, decoration and page numbers are artifacts,
// the catalog names the language and the viewer shows the title, and chapters are bookmarks. pdfkit
// writes it as PDF/A-2a (embedded font subsets, XMP metadata, an sRGB output intent).

const A4 = { width: 595.28, height: 841.89 };
const MARGIN = { top: 72, bottom: 72, left: 72, right: 72 };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;
const BODY = 11;
const LINE_GAP = 3;
const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#1e4e79';

/** Heading sizes by structure level: the title is H1, chapters H2, their sections H3, the text's own H4–H5. */
const HEADING_SIZE: Record<number, number> = { 1: 26, 2: 17, 3: 14, 4: 12.5, 5: 11.5 };

const fontFor = (run: Inline): FontStyle =>
  run.bold && run.italic ? 'boldItalic' : run.bold ? 'bold' : run.italic ? 'italic' : 'regular';

/** Keeps XMP well-formed: pdfkit writes the title into it without escaping. */
const forMetadata = (text: string) => text.replace(/&/g, '＆').replace(/</g, '‹').replace(/>/g, '›');

type Struct = PDFKit.PDFStructureElement;

interface Pass {
  pdf: PDFKit.PDFDocument;
  /** The page (1-based) each chapter's heading landed on. */
  chapterPages: number[];
  pages: number;
}

function renderPass(model: ExportDocument, tocPages: readonly number[] | null): Pass {
  const fonts = pdfFonts();
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGIN,
    pdfVersion: '1.7',
    subset: 'PDF/A-2a',
    tagged: true,
    lang: model.lang,
    displayTitle: true,
    bufferPages: true,
    autoFirstPage: false,
    // No default font: pdfkit would load Helvetica, which PDF/A cannot embed; ours is set below.
    font: null,
    info: {
      Title: forMetadata(model.title),
      Author: forMetadata(model.municipality),
      Subject: forMetadata(`${model.title}, ${model.municipality}, ${model.period}`),
      Creator: 'Samstrat',
    },
  } as unknown as PDFKit.PDFDocumentOptions);
  fonts.register(pdf);
  pdf.font(fonts.primary('regular')).fontSize(BODY);

  /**
   * Prints text in a style the way pdf.text would in one font, but each character from the first
   * font of the chain that has it; the runs continue one another, so lines wrap across them. `at`
   * places the first run (pdf.text's x and y); `continued` is the caller's, for the last run.
   */
  const print = (
    style: FontStyle,
    text: string,
    options: PDFKit.Mixins.TextOptions = {},
    at?: { x: number; y: number },
  ) => {
    const runs = fonts.runs(text, style);
    runs.forEach((run, i) => {
      pdf.font(run.font);
      const last = i === runs.length - 1;
      const runOptions = { ...options, continued: last ? (options.continued ?? false) : true };
      if (i === 0 && at) pdf.text(run.text, at.x, at.y, runOptions);
      else pdf.text(run.text, runOptions);
    });
    pdf.font(fonts.primary('regular'));
  };

  const page = () => pdf.bufferedPageRange().count;
  const remaining = () => A4.height - MARGIN.bottom - pdf.y;
  const lineHeight = (size: number) => size * 1.2 + LINE_GAP;
  const ensureSpace = (needed: number) => {
    if (remaining() < needed) pdf.addPage();
  };

  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const add = (parent: Struct, type: string, draw: () => void) => parent.add(pdf.struct(type, {}, draw));

  /** Decoration that carries no content: marked as an artifact so screen readers skip it. */
  const artifact = (draw: () => void) => {
    pdf.markContent('Artifact', { type: 'Layout' });
    draw();
    pdf.endMarkedContent();
  };

  const runs = (inlines: Inline[], x: number, width: number, base: FontStyle = 'regular') => {
    const parts = inlines.flatMap((run): Inline[] =>
      // A PDF link annotation would have to be tagged on its own; the address printed serves print and screen alike.
      run.href && run.href !== run.text ? [run, { text: ` (${run.href})` }] : [run],
    );
    pdf.x = x;
    parts.forEach((run, i) => {
      const font = base === 'bold' && fontFor(run) === 'regular' ? 'bold' : fontFor(run);
      print(font, run.text, {
        width,
        lineGap: LINE_GAP,
        continued: i < parts.length - 1,
        underline: run.underline === true,
        strike: run.strike === true,
      });
    });
  };

  const heading = (parent: Struct, level: number, text: string, options: { destination?: string } = {}) => {
    const size = HEADING_SIZE[level] ?? BODY;
    // Keep a heading with the first lines after it.
    ensureSpace(lineHeight(size) + lineHeight(BODY) * 3);
    pdf.moveDown(level <= 2 ? 1.2 : 0.6);
    if (options.destination)
      pdf.addNamedDestination(options.destination, 'XYZ', MARGIN.left, pdf.y, null as unknown as number);
    add(parent, `H${level}`, () => {
      pdf.x = MARGIN.left;
      pdf.fontSize(size).fillColor(level <= 3 ? ACCENT : INK);
      print('bold', text, { width: TEXT_WIDTH });
    });
    pdf.fontSize(BODY).fillColor(INK);
    pdf.moveDown(0.3);
  };

  const block = (parent: Struct, b: Block, x: number) => {
    const width = A4.width - MARGIN.right - x;
    switch (b.type) {
      case 'heading':
        return heading(parent, b.level + 1, b.inlines.map((r) => r.text).join(''));
      case 'paragraph':
        ensureSpace(lineHeight(BODY) * 2);
        add(parent, 'P', () => runs(b.inlines, x, width));
        pdf.moveDown(0.5);
        return;
      case 'quote': {
        const quote = pdf.struct('BlockQuote');
        parent.add(quote);
        for (const inner of b.blocks) block(quote, inner, x + 18);
        quote.end();
        return;
      }
      case 'goal': {
        // Hovedmål and delmål are set apart by a bar in the margin and their label, delmål indented.
        const indent = b.kind === 'main' ? 14 : 34;
        ensureSpace(lineHeight(BODY) * 2 + 8);
        pdf.moveDown(0.2);
        const top = pdf.y;
        const startPage = page();
        add(parent, 'P', () =>
          runs(
            [{ text: `${b.label} `, bold: true }, ...b.inlines],
            x + indent,
            width - indent,
            b.kind === 'main' ? 'bold' : 'regular',
          ),
        );
        if (page() === startPage) {
          const bottom = pdf.y;
          artifact(() => {
            pdf
              .rect(x + indent - 10, top - 2, b.kind === 'main' ? 4 : 2, bottom - top)
              .fill(b.kind === 'main' ? ACCENT : '#7a9cc0');
            pdf.fillColor(INK);
          });
        }
        pdf.moveDown(0.6);
        return;
      }
      case 'list': {
        const list = pdf.struct('L');
        parent.add(list);
        b.items.forEach((item, i) => {
          const label = b.ordered ? `${b.start + i}.` : '•';
          ensureSpace(lineHeight(BODY) * 2);
          const li = pdf.struct('LI');
          list.add(li);
          const y = pdf.y;
          add(li, 'Lbl', () => {
            print('regular', label, { width: 18, lineBreak: false }, { x, y });
          });
          pdf.y = y;
          const body = pdf.struct('LBody');
          li.add(body);
          for (const inner of item) {
            if (inner.type === 'paragraph') {
              add(body, 'P', () => runs(inner.inlines, x + 18, width - 18));
              pdf.moveDown(0.25);
            } else {
              block(body, inner, x + 18);
            }
          }
          body.end();
          li.end();
        });
        list.end();
        pdf.moveDown(0.3);
        return;
      }
    }
  };

  // Title page.
  pdf.addPage();
  pdf.outline.addItem(model.title);
  pdf.y = 200;
  add(root, 'P', () => {
    pdf.fontSize(14).fillColor(MUTED);
    print('regular', model.municipality, { width: TEXT_WIDTH }, { x: MARGIN.left, y: pdf.y });
  });
  pdf.moveDown(0.6);
  add(root, 'H1', () => {
    pdf.fontSize(HEADING_SIZE[1]!).fillColor(ACCENT);
    print('bold', model.title, { width: TEXT_WIDTH });
  });
  artifact(() => {
    pdf.rect(MARGIN.left, pdf.y + 10, 80, 4).fill(ACCENT);
  });
  pdf.y += 34;
  pdf.fillColor(INK);
  for (const line of titlePageLines(model)) {
    add(root, 'P', () => {
      pdf.fontSize(12).fillColor(INK);
      print('regular', line, { width: TEXT_WIDTH, lineGap: LINE_GAP }, { x: MARGIN.left, y: pdf.y });
    });
    pdf.moveDown(0.3);
  }
  pdf.moveDown(1);
  add(root, 'P', () => {
    pdf.fontSize(8).fillColor(MUTED);
    print(
      'regular',
      `${exportLabels(model).contentHash}: ${model.contentHash}`,
      { width: TEXT_WIDTH },
      { x: MARGIN.left, y: pdf.y },
    );
  });
  pdf.fontSize(BODY).fillColor(INK);

  // Table of contents, each entry a link to its chapter with the page it starts on.
  pdf.addPage();
  pdf.outline.addItem(exportLabels(model).contents);
  heading(root, 2, exportLabels(model).contents);
  const toc = pdf.struct('TOC');
  root.add(toc);
  model.chapters.forEach((chapter, i) => {
    const indent = chapter.level === 2 ? 18 : 0;
    const size = chapter.level === 1 ? 12 : BODY;
    ensureSpace(lineHeight(size));
    if (chapter.level === 1) pdf.moveDown(0.3);
    const item = pdf.struct('TOCI');
    toc.add(item);
    const link = pdf.struct('Link');
    item.add(link);
    const y = pdf.y;
    link.add(() => {
      pdf.fontSize(size).fillColor(INK);
      const style = chapter.level === 1 ? 'bold' : 'regular';
      print(style, chapter.heading, { width: TEXT_WIDTH - indent - 40 }, { x: MARGIN.left + indent, y });
      const after = pdf.y;
      const number = tocPages ? String(tocPages[i]) : '';
      print(style, number, { width: 40, align: 'right' }, { x: MARGIN.left + TEXT_WIDTH - 40, y });
      pdf.y = Math.max(after, pdf.y);
    });
    pdf.annotate(MARGIN.left + indent, y, TEXT_WIDTH - indent, pdf.y - y, {
      Subtype: 'Link',
      Dest: `kapittel-${chapter.key}`,
      // A JavaScript string would be written as a PDF name; a String object is written as text.
      Contents: new String(
        `${chapter.heading}, ${exportLabels(model).page.toLowerCase()} ${tocPages?.[i] ?? ''}`.trim(),
      ),
      structParent: link,
    } as unknown as PDFKit.Mixins.AnnotationOption);
    link.end();
    item.end();
  });
  toc.end();
  pdf.fontSize(BODY);

  // The chapters.
  pdf.addPage();
  const chapterPages: number[] = [];
  let parentBookmark: PDFKit.PDFOutline | null = null;
  model.chapters.forEach((chapter: Chapter, i) => {
    if (i > 0 && chapter.level === 1 && remaining() < A4.height / 3) pdf.addPage();
    heading(root, chapter.level + 1, chapter.heading, { destination: `kapittel-${chapter.key}` });
    chapterPages.push(page());
    if (chapter.level === 1 || !parentBookmark) {
      parentBookmark = pdf.outline.addItem(chapter.heading);
    } else {
      parentBookmark.addItem(chapter.heading);
    }
    for (const b of chapter.blocks) block(root, b, MARGIN.left);
  });
  root.end();

  // Page numbers on every page after the title page, as pagination artifacts.
  const pages = page();
  for (let i = 1; i < pages; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf.fontSize(9).fillColor(MUTED);
    print(
      'regular',
      `${exportLabels(model).page} ${i + 1} ${exportLabels(model).of} ${pages}`,
      { width: TEXT_WIDTH, align: 'center', lineBreak: false },
      { x: MARGIN.left, y: A4.height - 44 },
    );
    pdf.endMarkedContent();
    pdf.page.margins.bottom = bottom;
  }
  return { pdf, chapterPages, pages };
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
    pdf.end();
  });
}

/**
 * Renders the document as a tagged PDF. Two passes: the first finds the page each chapter starts
 * on, the second prints those pages in the table of contents (whose layout does not depend on them).
 */
export async function renderPdf(model: ExportDocument): Promise<{ data: Buffer; pages: number }> {
  // The first pass is only laid out, never written out: its pages are all it is for.
  const first = renderPass(model, null);
  const second = renderPass(model, first.chapterPages);
  return { data: await collect(second.pdf), pages: second.pages };
}

/** How many pages the PDF of this document has: one layout pass, nothing written out. */
export function pdfPageCount(model: ExportDocument): number {
  return renderPass(model, null).pages;
}
