import { LABELS, titlePageLines, type Block, type ExportDocument, type Inline } from './document-model';

/** Escapes what Markdown would read as syntax, so the text reads exactly as written. */
function escape(text: string): string {
  return text
    .replace(/([\\`*_{}[\]<>#|~])/g, '\\$1')
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
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

const inlines = (runs: Inline[]) => runs.map(inline).join('');

function block(b: Block, indent: string): string[] {
  switch (b.type) {
    case 'paragraph':
      return [`${indent}${inlines(b.inlines)}`];
    case 'heading':
      // Chapters take levels 2 and 3 under the title; the text's own headings follow below them.
      return [`${indent}${'#'.repeat(b.level + 1)} ${inlines(b.inlines)}`];
    case 'goal':
      // Set apart as a quote with the label, so a goal reads as a goal in any Markdown viewer.
      return [`${indent}> **${b.label}** ${inlines(b.inlines)}`];
    case 'quote':
      return b.blocks.flatMap((inner) => block(inner, indent)).map((line) => (line ? `> ${line}` : '>'));
    case 'list':
      return b.items.map((item, i) => {
        const marker = b.ordered ? `${b.start + i}.` : '-';
        const [first = '', ...rest] = item.flatMap((inner) =>
          block(inner, `${indent}${' '.repeat(marker.length + 1)}`),
        );
        return [`${indent}${marker} ${first.trimStart()}`, ...rest].join('\n');
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
    `${LABELS.contentHash}: \`${doc.contentHash}\``,
    '',
    `## ${LABELS.contents}`,
    '',
    ...doc.chapters.map((c) => `${c.level === 2 ? '  ' : ''}- [${escape(c.heading)}](#${anchor(c.heading)})`),
    '',
  ];
  for (const chapter of doc.chapters) {
    out.push(`${'#'.repeat(chapter.level + 1)} ${escape(chapter.heading)}`, '');
    for (const b of chapter.blocks) out.push(...block(b, ''), '');
  }
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}
