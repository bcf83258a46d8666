import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { JSONContent } from '@tiptap/core';
import { and, asc, eq } from 'drizzle-orm';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TEMPLATE_SECTIONS } from '@samstrat/shared/template';
import { organizations, strategies, users } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { politicalDecisions, strategyWorkflows, workflowHistory } from '../src/db/schema-workflow';
import type { VersionSummary } from '../src/versions/versions';
import type { CollabClient } from './collab-client';
import { startTestServer, type TestServer } from './harness';
import { apiAs, appendBlock, editorOf, LEADER, outsider, serverHas } from './versions-support';
import { readZipEntry } from './zip';

// A seeded text with every Norwegian letter, in paragraphs, a main goal, a sub goal and formatting.
const SEEDED = {
  visjon: [
    'Innbyggerne møter én digital dør til kommunen, døgnet rundt.',
    'Ærlige og åpne tjenester gir tillit på tvers av sektorene.',
  ],
  kommuneportal: {
    main: 'Kommunens internettportal skal være i samsvar med nasjonale krav til tilgjengelighet og tilfredsstille brukernes behov for informasjon, dialog og tilgang til elektroniske tjenester.',
    sub: 'Alle søknadsskjemaer skal kunne fylles ut og sendes digitalt innen 2028.',
  },
  kompetanse: [
    'Ansatte får årlig opplæring i informasjonssikkerhet og personvern.',
    'Ledere på alle nivåer går foran i å ta i bruk nye løsninger.',
  ],
};
/** Blocks nested inside list items, as people write them: every kind of block inside an item. */
const p = (text: string): JSONContent => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const li = (...content: JSONContent[]): JSONContent => ({ type: 'listItem', content });
const NESTED: JSONContent[] = [
  {
    type: 'bulletList',
    content: [
      li(
        p('Felles arkitektur'),
        p('Andre avsnitt i punktet.'),
        { type: 'blockquote', content: [p('Sitat en'), p('Sitat to')] },
        { type: 'mainGoal', attrs: { goalId: 'g-ark' }, content: [{ type: 'text', text: 'Mål i punktet' }] },
        {
          type: 'orderedList',
          attrs: { start: 3 },
          content: [li(p('Tredje')), li(p('Fjerde'), { type: 'bulletList', content: [li(p('Dypt'))] })],
        },
        p('Etter underlisten.'),
      ),
      li(p('Neste punkt')),
    ],
  },
  p('Etter listen.'),
];

/** What people type besides letters: mathematical signs, arrows, symbols, quotes and dashes, Sámi letters. */
const SYMBOLS = {
  issue: 'andel digitale søknader ≥ 80 %',
  math: 'Svartid ≤ 5 dager, avvik ≠ 0, ± 2 %, 3 × 4 ÷ 2, √9, ∞, kostnad ≈ 10 mill.',
  arrows: 'Papir → digitalt ← manuelt ↑ opp ↓ ned ⇒ gevinst',
  signs: '• € 100 § 12 © ® ™ 20 °C «sitat» „lavt“ ‘enkelt’ “doble” – tankestrek — lang',
  sami: 'Sámi: á č đ ŋ š ŧ ž Á Č Đ Ŋ Š Ŧ Ž',
  bold: 'Fet: ≥ → ✓',
};

const SENTENCES = [...SEEDED.visjon, SEEDED.kommuneportal.main, SEEDED.kommuneportal.sub, ...SEEDED.kompetanse];
const HEADINGS = TEMPLATE_SECTIONS.map((x) => `${x.number} ${x.title}`);
/** Role labels, which must never leave the strategy: one of them reveals union membership. */
const ROLE_LABELS = ['Tillitsvalgt', 'Prosjektleder', 'Lesetilgang', 'Innleid rådgiver', 'Prosjektgruppe'];

let s: TestServer;
let strategyId: string;
let call: ReturnType<typeof apiAs>;
let leader: CollabClient;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samstrat-export-'));
const exportPath = (query: string) => `/strategies/${strategyId}/export?${query}`;

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  call = apiAs(s);
  leader = await editorOf(s, await call.cookieOf(LEADER), strategyId);
  leader.doc.transact(() => {
    for (const sentence of SEEDED.visjon) appendBlock(leader.doc, 'visjon', 'paragraph', sentence);
    appendBlock(leader.doc, 'kommuneportal', 'mainGoal', SEEDED.kommuneportal.main, { goalId: 'g-portal' });
    appendBlock(leader.doc, 'kommuneportal', 'subGoal', SEEDED.kommuneportal.sub, { goalId: 'g-skjema' });
    appendBlock(leader.doc, 'kompetanse', 'paragraph', SEEDED.kompetanse.join(' '));
    appendContent(leader.doc, 'arkitektur', NESTED);
    appendContent(leader.doc, 'infrastruktur', [
      ...[SYMBOLS.issue, SYMBOLS.math, SYMBOLS.arrows, SYMBOLS.signs, SYMBOLS.sami].map(p),
      { type: 'paragraph', content: [{ type: 'text', text: SYMBOLS.bold, marks: [{ type: 'bold' }] }] },
    ]);
  });
  await serverHas(s, leader, strategyId, ['visjon', 'kommuneportal', 'kompetanse', 'arkitektur', 'infrastruktur']);
});
afterAll(async () => {
  leader.destroy();
  await s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** ProseMirror JSON written into a section the way the editor's binding writes it. */
function appendContent(doc: Y.Doc, sectionKey: string, blocks: JSONContent[]): void {
  const toY = (node: JSONContent): Y.XmlElement | Y.XmlText => {
    if (node.type === 'text') {
      const text = new Y.XmlText();
      text.insert(0, node.text ?? '', Object.fromEntries((node.marks ?? []).map((m) => [m.type, m.attrs ?? {}])));
      return text;
    }
    const element = new Y.XmlElement(node.type);
    for (const [key, value] of Object.entries(node.attrs ?? {})) element.setAttribute(key, value as string);
    element.insert(0, (node.content ?? []).map(toY));
    return element;
  };
  const fragment = doc.getXmlFragment(`section:${sectionKey}`);
  fragment.insert(fragment.length, blocks.map(toY));
}

/**
 * A CommonMark parse as a tree: a paragraph or heading as `kind: its text`, a container as
 * `[kind, ...children]`, an ordered list with its start number.
 */
type MdTree = string | [string, ...MdTree[]];
function commonMarkTree(markdown: string): MdTree[] {
  const root: [string, ...MdTree[]] = ['root'];
  const stack = [root];
  let pending: string | null = null;
  for (const token of new MarkdownIt('commonmark').parse(markdown, {})) {
    const kind = token.type.replace(/_open$|_close$/, '');
    if (token.nesting === 1 && (kind === 'paragraph' || kind === 'heading')) {
      pending = kind === 'heading' ? token.tag : 'p';
    } else if (token.type === 'inline' && pending) {
      const text = (token.children ?? []).map((t) => (t.type === 'softbreak' ? ' ' : t.content)).join('');
      stack.at(-1)!.push(`${pending}: ${text}`);
      pending = null;
    } else if (token.nesting === 1) {
      const start = token.attrGet('start');
      const node: [string, ...MdTree[]] = [start ? `${kind} ${start}` : kind];
      stack.at(-1)!.push(node);
      stack.push(node);
    } else if (token.nesting === -1 && kind !== 'paragraph' && kind !== 'heading') {
      stack.pop();
    }
  }
  return root.slice(1) as MdTree[];
}

async function download(email: string | null, query: string) {
  const res = await call.raw(email, 'GET', exportPath(query));
  return { res, data: Buffer.from(await res.arrayBuffer()) };
}

/** Paragraph texts of a WordprocessingML part, runs joined, entities decoded. */
function docxParagraphs(xml: string): string[] {
  const decode = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map(([p]) =>
    decode([...p.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')),
  );
}

function pdfText(data: Buffer): { text: string; info: string } {
  const file = path.join(tmp, `export-${Date.now()}-${Math.random()}.pdf`);
  fs.writeFileSync(file, data);
  const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  // Page footers may fall between the lines of a sentence; line breaks are only layout.
  return { text: text.replace(/Side \d+ av \d+/g, ' ').replace(/\s+/g, ' '), info };
}

describe('DOCX export', () => {
  it('holds every section title and every sentence, æ, ø and å intact, in bokmål', async () => {
    const { res, data } = await download(LEADER, 'format=docx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Eksempel-kommune-Digitaliseringsstrategi-2027-2030\.docx"/,
    );

    const documentXml = readZipEntry(data, 'word/document.xml').toString('utf8');
    const paragraphs = docxParagraphs(documentXml);
    const body = paragraphs.join('\n');
    for (const heading of HEADINGS) expect(paragraphs, heading).toContain(heading);
    for (const sentence of SENTENCES) expect(body, sentence).toContain(sentence);
    expect(body).toContain('Digitalisering er tatt i bruk på alle områder');
    expect(readZipEntry(data, 'word/styles.xml').toString('utf8')).toContain('<w:lang w:val="nb-NO"/>');
    for (const label of ROLE_LABELS) expect(body).not.toContain(label);
  });

  it('has a title page, a table of contents, numbered chapters as headings, goals set apart and page numbers', async () => {
    const { data } = await download(LEADER, 'format=docx');
    const documentXml = readZipEntry(data, 'word/document.xml').toString('utf8');
    const paragraphs = docxParagraphs(documentXml);
    expect(paragraphs.slice(0, 4)).toEqual([
      'Eksempel kommune',
      'Digitaliseringsstrategi 2027–2030',
      'Periode: 2027–2030',
      'Status: Utkast',
    ]);
    expect(documentXml).toMatch(/<w:pStyle w:val="Title"\/>/);
    expect(documentXml).toContain('TOC \\h \\o &quot;1-2&quot;');
    const heading = (text: string) =>
      new RegExp(`<w:pStyle w:val="Heading(\\d)"/>(?:(?!</w:p>)[\\s\\S])*?<w:t(?: [^>]*)?>${text}</w:t>`);
    expect(documentXml.match(heading('4 Tverrgående satsingsområder'))?.[1]).toBe('1');
    expect(documentXml.match(heading('4.1 Kommuneportal'))?.[1]).toBe('2');
    expect(paragraphs).toContain(`Hovedmål: ${SEEDED.kommuneportal.main}`);
    expect(paragraphs).toContain(`Delmål: ${SEEDED.kommuneportal.sub}`);
    expect(documentXml).toMatch(/<w:pStyle w:val="Hovedmal"\/>/);
    expect(documentXml).toMatch(/<w:pStyle w:val="Delmal"\/>/);
    const footers = ['word/footer1.xml', 'word/footer2.xml']
      .map((name) => readZipEntry(data, name).toString('utf8'))
      .join('');
    expect(footers).toMatch(/PAGE/);
    expect(footers).toMatch(/NUMPAGES/);
  });
});

describe('PDF export', () => {
  it('holds every section title and every sentence, æ, ø and å intact', async () => {
    const { res, data } = await download(LEADER, 'format=pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const { text } = pdfText(data);
    for (const heading of HEADINGS) expect(text, heading).toContain(heading);
    for (const sentence of SENTENCES) expect(text, sentence).toContain(sentence);
    expect(text).toContain(`Hovedmål: ${SEEDED.kommuneportal.main}`);
    expect(text).toContain(`Delmål: ${SEEDED.kommuneportal.sub}`);
    expect(text).toMatch(/Periode: 2027–2030 Status: Utkast/);
    for (const label of ROLE_LABELS) expect(text).not.toContain(label);
  });

  it('prints and keeps in its text every sign, arrow and Sámi letter, each from an embedded font that has it', async () => {
    const { data } = await download(LEADER, 'format=pdf');
    const { text } = pdfText(data);
    expect(text).toContain(SYMBOLS.issue);
    for (const sentence of Object.values(SYMBOLS)) {
      for (const char of sentence.replace(/\s/g, '')) expect(text, `${char} of «${sentence}»`).toContain(char);
    }
    const file = path.join(tmp, 'symbols.pdf');
    fs.writeFileSync(file, data);
    // name, type, encoding, emb(edded), sub(set), uni(code map): every font embedded, the fallbacks too.
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const names = fonts.map((line) => line.split(/\s+/)[0]!.replace(/^[A-Z]{6}\+/, ''));
    expect(names).toEqual(expect.arrayContaining(['NotoSans-Regular', 'NotoSansMath-Regular']));
    for (const line of fonts) expect(line, line).toMatch(/\s+yes\s+yes\s+yes\s+\d+\s+0\s*$/);
  });

  it('is tagged, in bokmål, shows its title, has bookmarks and claims PDF/A-2a', async () => {
    const { data } = await download(LEADER, 'format=pdf');
    const { info, text } = pdfText(data);
    expect(info).toMatch(/Tagged:\s+yes/);
    expect(info).toMatch(/Title:\s+Digitaliseringsstrategi 2027–2030/);
    expect(info).toMatch(/PDF version:\s+1\.7/);
    const raw = data.toString('latin1');
    expect(raw).toMatch(/\/MarkInfo \d+ 0 R|\/MarkInfo <<\s*\/Marked true/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(raw).toMatch(/\/Lang \(nb-NO\)/);
    expect(raw).toMatch(/\/DisplayDocTitle true/);
    expect(raw).toMatch(/\/Outlines \d+ 0 R/);
    for (const type of ['Document', 'H1', 'H2', 'H3', 'P', 'L', 'LI', 'Lbl', 'LBody', 'TOC', 'TOCI', 'Link']) {
      expect(raw, `structure element ${type}`).toContain(`/S /${type}\n`);
    }
    expect(raw).toMatch(/<pdfaid:part>2<\/pdfaid:part>\s*<pdfaid:conformance>A<\/pdfaid:conformance>/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
    // The table of contents gives the page each chapter starts on.
    expect(text).toMatch(/Innhold 1 Innledning \d+ 2 Overordnede prinsipper \d+/);
  });

  it('has as many pages as the page count says', async () => {
    const { data } = await download(LEADER, 'format=pdf');
    const pages = Number(/Pages:\s+(\d+)/.exec(pdfText(data).info)![1]);
    const count = await call.api<{ pages: number; contentHash: string }>(
      'politiker@eksempel.no',
      'GET',
      `/strategies/${strategyId}/export/page-count`,
    );
    expect(count.status).toBe(200);
    expect(count.body.pages).toBe(pages);
    expect(count.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pages).toBeGreaterThanOrEqual(4);
  });
});

describe('Markdown export', () => {
  it('holds the title, the language, the outline as headings, the goals set apart and the text', async () => {
    const { res, data } = await download(LEADER, 'format=md');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    const md = data.toString('utf8');
    expect(md).toMatch(
      /^---\ntitle: "Digitaliseringsstrategi 2027–2030"\nauthor: "Eksempel kommune"\nlang: nb-NO\n---\n/,
    );
    expect(md).toContain('\n## 4 Tverrgående satsingsområder\n');
    expect(md).toContain('\n### 4.1 Kommuneportal\n');
    expect(md).toContain(`\n> **Hovedmål:** ${SEEDED.kommuneportal.main}\n`);
    expect(md).toContain(`\n> **Delmål:** ${SEEDED.kommuneportal.sub}\n`);
    for (const sentence of SENTENCES) expect(md).toContain(sentence);
    expect(md).toContain('- Data skal registreres en gang og kunne gjenbrukes til flere formål\n');
  });
});

describe('Markdown export of blocks nested in list items', () => {
  it('keeps quotes, goals, sub-lists and later paragraphs inside their item, as CommonMark reads it', async () => {
    const tree = commonMarkTree((await download(LEADER, 'format=md')).data.toString('utf8'));
    const at = tree.indexOf('h3: 4.5 Arkitektur og standardisering');
    expect(at).toBeGreaterThan(0);
    expect(tree.slice(at + 1, at + 3)).toEqual([
      [
        'bullet_list',
        [
          'list_item',
          'p: Felles arkitektur',
          'p: Andre avsnitt i punktet.',
          ['blockquote', 'p: Sitat en', 'p: Sitat to'],
          ['blockquote', 'p: Hovedmål: Mål i punktet'],
          [
            'ordered_list 3',
            ['list_item', 'p: Tredje'],
            ['list_item', 'p: Fjerde', ['bullet_list', ['list_item', 'p: Dypt']]],
          ],
          'p: Etter underlisten.',
        ],
        ['list_item', 'p: Neste punkt'],
      ],
      'p: Etter listen.',
    ]);
  });
});

describe('exporting a version', () => {
  it('exports the version’s text, not what was written after it', async () => {
    const named = await call.api<VersionSummary>(LEADER, 'POST', `/strategies/${strategyId}/versions`, {
      name: 'Til styringsgruppen',
    });
    expect(named.status).toBe(201);
    appendBlock(leader.doc, 'visjon', 'paragraph', 'Skrevet etter versjonen.');
    await serverHas(s, leader, strategyId, ['visjon']);

    const md = (await download(LEADER, `format=md&version=${named.body.id}`)).data.toString('utf8');
    expect(md).toContain(`Versjon ${named.body.number} «Til styringsgruppen»`);
    expect(md).toContain(named.body.contentHash);
    expect(md).toContain(SEEDED.visjon[0]);
    expect(md).not.toContain('Skrevet etter versjonen.');
    expect((await download(LEADER, 'format=md')).data.toString('utf8')).toContain('Skrevet etter versjonen.');

    const pdf = await download(LEADER, `format=pdf&version=${named.body.id}`);
    expect(pdf.res.headers.get('content-disposition')).toContain(`-v${named.body.number}.pdf`);
    expect(pdfText(pdf.data).text).not.toContain('Skrevet etter versjonen.');
    const docx = await download(LEADER, `format=docx&version=${named.body.id}`);
    expect(docxParagraphs(readZipEntry(docx.data, 'word/document.xml').toString('utf8')).join('\n')).not.toContain(
      'Skrevet etter versjonen.',
    );
  });
});

describe('the title page', () => {
  it('names the approvals and the political decision that concern exactly the exported text, never a role', async () => {
    const { currentHash } = (
      await call.api<{ currentHash: string }>(LEADER, 'GET', `/strategies/${strategyId}/versions`)
    ).body;
    const [executive] = await s.deps.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, 'kommunedirektor@eksempel.no'))
      .limit(1);
    const at = new Date('2027-03-12T10:00:00Z');
    await s.deps.db.transaction(async (tx) => {
      await tx.insert(workflowHistory).values([
        {
          strategyId,
          fromStage: 'styringsgruppe',
          toStage: 'godkjenning',
          action: 'steering_approve',
          contentHash: currentHash,
          at: new Date('2027-03-05T10:00:00Z'),
        },
        {
          strategyId,
          fromStage: 'godkjenning',
          toStage: 'politisk',
          action: 'executive_approve',
          actorId: executive!.id,
          contentHash: currentHash,
          at,
        },
        // An approval of other text is not this text's.
        {
          strategyId,
          fromStage: 'godkjenning',
          toStage: 'politisk',
          action: 'executive_approve',
          actorId: executive!.id,
          contentHash: 'f'.repeat(64),
          at: new Date('2026-01-01'),
        },
      ]);
      await tx
        .insert(strategyWorkflows)
        .values({ strategyId, round: 1, candidateHash: currentHash })
        .onConflictDoUpdate({ target: strategyWorkflows.strategyId, set: { round: 1, candidateHash: currentHash } });
      await tx.insert(politicalDecisions).values({
        id: 'vedtak-1',
        strategyId,
        round: 1,
        council: 'Kommunestyret',
        saksnummer: '27/45',
        meetingDate: '2027-04-20',
        decision: 'adopted',
      });
    });

    const md = (await download(LEADER, 'format=md')).data.toString('utf8');
    expect(md).toContain('Godkjent av styringsgruppen 5. mars 2027');
    expect(md).toContain('Godkjent av kommunedirektøren (Kari Nordmann, kommunedirektør) 12. mars 2027');
    expect(md).toContain('Vedtatt i Kommunestyret 20. april 2027, saksnummer 27/45');
    expect(md).not.toContain('1. januar 2026');
    const { text } = pdfText((await download(LEADER, 'format=pdf')).data);
    expect(text).toContain('Vedtatt i Kommunestyret 20. april 2027, saksnummer 27/45');

    // A municipality that says rådmann reads rådmann, in the stage's name too (issue 13).
    const [{ organizationId, stage }] = (await s.deps.db
      .select({ organizationId: strategies.organizationId, stage: strategies.stage })
      .from(strategies)
      .where(eq(strategies.id, strategyId))) as [{ organizationId: string; stage: string }];
    const titled = (executiveTitle: string) =>
      s.deps.db.transaction((tx) =>
        tx.update(organizations).set({ executiveTitle }).where(eq(organizations.id, organizationId)),
      );
    const staged = (to: string) =>
      s.deps.db.transaction((tx) => tx.update(strategies).set({ stage: to }).where(eq(strategies.id, strategyId)));
    await titled('Rådmann');
    await staged('godkjenning');
    try {
      const radmann = (await download(LEADER, 'format=md')).data.toString('utf8');
      expect(radmann).toContain('Status: Rådmannens godkjenning');
      expect(radmann).toContain('Godkjent av rådmannen (Kari Nordmann, kommunedirektør) 12. mars 2027');
    } finally {
      await titled('Kommunedirektør');
      await staged(stage);
    }
  });
});

describe('who may export', () => {
  it.each(['kommunedirektor', 'styring', 'helse', 'tillitsvalgt', 'radgiver', 'politiker'])(
    '%s@eksempel.no, a member who may read, may',
    async (who) => {
      expect((await download(`${who}@eksempel.no`, 'format=md')).res.status).toBe(200);
    },
  );

  it('answers 401 without a session, 404 outside the strategy, 404 for an unknown version and 400 for an unknown format', async () => {
    const stranger = await outsider(s, call);
    for (const query of ['format=md', 'format=pdf', 'format=docx']) {
      expect((await download(null, query)).res.status).toBe(401);
      expect((await download(stranger, query)).res.status).toBe(404);
    }
    expect((await call.api(null, 'GET', `/strategies/${strategyId}/export/page-count`)).status).toBe(401);
    expect((await call.api(stranger, 'GET', `/strategies/${strategyId}/export/page-count`)).status).toBe(404);
    expect((await download(LEADER, 'format=md&version=finnes-ikke')).res.status).toBe(404);
    expect((await download(LEADER, 'format=odt')).res.status).toBe(400);
    expect((await download(LEADER, '')).res.status).toBe(400);
  });

  it('writes every export to the audit log with format, version and content hash', async () => {
    const exports = () =>
      s.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.strategyId, strategyId), eq(auditLog.action, 'strategy.exported')))
        .orderBy(asc(auditLog.id));
    const before = (await exports()).length;
    await download('politiker@eksempel.no', 'format=docx');
    const entries = await exports();
    expect(entries).toHaveLength(before + 1);
    expect(entries.at(-1)?.detail).toMatchObject({
      format: 'docx',
      versionId: null,
      contentHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });
});
