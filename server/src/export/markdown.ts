import { exportLabels, titlePageLines, type Block, type ExportDocument, type Inline } from './document-model';

/** Escapes what Markdown would read as syntax, so the text reads exactly as written. */
function escape(text: string): string {
  return (
    text
      .replace(/([\\`*_{}[\]<>#|~])/g, '\\$1')
      // At a line's start: a list marker, or a line of - or = that would make the line above a heading.
      .replace(/^(\s*)([-+=])/gm, '$1\\$2')
      .replace(/^(\s*)(\d+)([.)])(\s|$)/gm, '$1$2\\$3$4')
  );
}

function inline(run: Inline): string {
  if (run.text === '\n') return '  \n';
  // Emphasis markers must hug the words, so surrounding spaces stay outside them.
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text) ?? [];
  if (!core) return run.text;
  let text = escape(core).replace(/\n/g, '  \n');
  if (run.href) text = `[${text}](${run.href.replace(/[()\s]/g, encodeURIComponent)})`;
  if (run.strike) text = `~~${text}~~`;
  if (run.italic) text = `*${text}*`;
  if (run.bold) text = `**${text}**`;
  return `${lead}${text}${trail}`;
}

/** A paragraph's lines. Spaces opening a line are dropped: four of them would make it code. */
const textLines = (runs: Inline[]) =>
  inlines(runs)
    .replace(/^[ \t]+/gm, '')
    .split('\n');

const inlines = (runs: Inline[]) => runs.map(inline).join('');

const quoted = (lines: string[]) => lines.map((line) => (line ? `> ${line}` : '>'));

/** Whether a block's first line may directly follow a paragraph in the same container. */
const interruptsParagraph = (b: Block) =>
  // CommonMark lets a bullet list, or an ordered list that starts at 1, end a paragraph.
  b.type === 'list' && (!b.ordered || b.start === 1);

/**
 * Blocks one after the other in one container (a chapter, a quote, a list item), a blank line
 * between them: without it a paragraph runs on into the next, or into a quote before it. Only a
 * list right under a paragraph goes without, so an item with its own sub-list stays a tight list.
 */
function sequence(blocks: Block[]): string[] {
  return blocks.flatMap((b, i) => {
    const tight = i > 0 && blocks[i - 1]!.type === 'paragraph' && interruptsParagraph(b);
    return [...(i > 0 && !tight ? [''] : []), ...block(b)];
  });
}

/**
 * One block as lines from column 0. A container indents or prefixes the lines of what it holds,
 * so a quote, a goal or a list inside a list item stays inside it whatever the depth.
 */
function block(b: Block): string[] {
  switch (b.type) {
    case 'paragraph':
      return textLines(b.inlines);
    case 'heading':
      // Chapters take levels 2 and 3 under the title; the text's own headings follow below them.
      return [`${'#'.repeat(b.level + 1)} ${textLines(b.inlines).join(' ')}`];
    case 'goal':
      // Set apart as a quote with the label, so a goal reads as a goal in any Markdown viewer.
      return quoted(textLines([{ text: b.label, bold: true }, { text: ' ' }, ...b.inlines]));
    case 'quote':
      return quoted(sequence(b.blocks));
    case 'list':
      return b.items.flatMap((item, i) => {
        const marker = b.ordered ? `${b.start + i}.` : '-';
        // Lines after the first start where the item's text starts, which ends their list item.
        const indent = ' '.repeat(marker.length + 1);
        return sequence(item).map((line, j) => (j === 0 ? `${marker} ${line}` : line ? `${indent}${line}` : ''));
      });
  }
}

const anchor = (heading: string) =>
  heading
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .trim()
    .replace(/\s+/g, '-');

/** The document as Markdown, with YAML front matter naming its title and language. */
export function renderMarkdown(doc: ExportDocument): string {
  const out: string[] = [
    '---',
    `title: ${JSON.stringify(doc.title)}`,
    `author: ${JSON.stringify(doc.municipality)}`,
    `lang: ${doc.lang}`,
    '---',
    '',
    `# ${escape(doc.title)}`,
    '',
    `**${escape(doc.municipality)}**`,
    '',
    ...titlePageLines(doc).flatMap((line) => [escape(line), '']),
    `${exportLabels(doc).contentHash}: \`${doc.contentHash}\``,
    '',
    `## ${exportLabels(doc).contents}`,
    '',
    ...doc.chapters.map((c) => `${c.level === 2 ? '  ' : ''}- [${escape(c.heading)}](#${anchor(c.heading)})`),
    '',
  ];
  for (const chapter of doc.chapters) {
    out.push(`${'#'.repeat(chapter.level + 1)} ${escape(chapter.heading)}`, '');
    out.push(...sequence(chapter.blocks), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
