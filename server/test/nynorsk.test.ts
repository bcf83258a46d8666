import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionPlainText } from '@samstrat/shared/diff';
import { chapters } from '../src/export/document-model';
import { strategyContent } from '../src/strategies/content';
import { startTestServer, type TestServer } from './harness';
import { call, type Json } from './members-support';
import { eq } from 'drizzle-orm';
import { publications } from '../src/db/schema-workflow';
import { strategies } from '../src/db/schema';
import { LEADER, publishedSlug } from './workflow-support';
import { readZipEntry } from './zip';

// The template in nynorsk (issue 13, deliverable 3): a strategy created in nynorsk over real HTTP
// gets nynorsk headings, starting text and guidance, and its DOCX, PDF and Markdown declare nn-NO.

let s: TestServer;
let admin: string;
let nynorskId: string;
let bokmalId: string;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samstrat-nynorsk-'));

const create = async (writtenForm: 'nb' | 'nn', title: string) => {
  const res = await call(s, admin, 'POST', '/strategies', {
    title,
    periodStart: 2031,
    periodEnd: 2034,
    writtenForm,
    start: {
      kind: 'template',
      areas: ['kommuneportal', 'informasjonssikkerhet', 'helse-omsorg'],
      ownAreas: [{ chapter: 'tjenesteomrader', title: 'Næring og samfunnsutvikling' }],
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
};

beforeAll(async () => {
  s = await startTestServer();
  admin = await s.login(LEADER);
  nynorskId = await create('nn', 'Digitaliseringsstrategi på nynorsk');
  bokmalId = await create('nb', 'Digitaliseringsstrategi på bokmål');
}, 30_000);
afterAll(async () => {
  await s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function download(id: string, format: string): Promise<Buffer> {
  const res = await fetch(`${s.url}/api/strategies/${id}/export?format=${format}`, {
    headers: { cookie: admin, origin: s.url },
  });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

const NYNORSK_OUTLINE = [
  '1 Innleiing',
  '2 Overordna prinsipp',
  '3 Visjon',
  '4 Tverrgåande satsingsområde',
  '4.1 Kommuneportal',
  '4.2 Informasjonstryggleik',
  '5 Tenesteområde',
  '5.1 Helse og omsorg',
  '5.2 Næring og samfunnsutvikling',
  '6 Vedlegg',
];

describe('a strategy in nynorsk', () => {
  it('has nynorsk headings, guidance, example goals and starting text', async () => {
    const detail = await call(s, admin, 'GET', `/strategies/${nynorskId}`);
    expect(detail.status).toBe(200);
    expect(detail.body.writtenForm).toBe('nn');
    const sections = detail.body.sections as Json[];
    expect(sections.map((x) => `${x.number} ${x.title}`)).toEqual(NYNORSK_OUTLINE);
    const byKey = (key: string) => sections.find((x) => x.key === key)!;
    expect(byKey('prinsipper').guidance[0]).toBe(
      'Prinsippa gjeld all digitalisering i kommunen og ligg til grunn for måla i satsingsområda og tenesteområda.',
    );
    expect(byKey('informasjonssikkerhet').exampleGoal).toMatch(/^Kommunen skal ta vare på personvernet/);
    expect(byKey('egen-naering-og-samfunnsutvikling').guidance).toEqual([]);

    const text = await strategyContent(s.deps, nynorskId);
    const plain = (key: string) => sectionPlainText(text.find((x) => x.key === key)!.content);
    expect(plain('prinsipper')).toMatch(/Følgjande prinsipp skal liggje til grunn/);
    expect(plain('prinsipper')).toMatch(/Data skal registrerast éin gong/);
    expect(plain('visjon')).toMatch(/^Digitalisering er teken i bruk på alle område/);
  });

  it('leaves a bokmål strategy in bokmål', async () => {
    const detail = await call(s, admin, 'GET', `/strategies/${bokmalId}`);
    const sections = detail.body.sections as Json[];
    expect(sections[0]).toMatchObject({
      title: 'Innledning',
      guidance: expect.arrayContaining(['Viktigste lover og regler']),
    });
    expect(sections.find((x) => x.key === 'informasjonssikkerhet')?.title).toBe('Informasjonssikkerhet');
  });

  it('exports a DOCX that declares nn-NO, with nynorsk headings', async () => {
    const data = await download(nynorskId, 'docx');
    expect(readZipEntry(data, 'word/styles.xml').toString('utf8')).toContain('<w:lang w:val="nn-NO"/>');
    const documentXml = readZipEntry(data, 'word/document.xml').toString('utf8');
    expect(documentXml).not.toContain('w:val="nb-NO"');
    for (const heading of NYNORSK_OUTLINE) expect(documentXml, heading).toContain(`>${heading}</w:t>`);
    expect(documentXml).toContain('Digitalisering er teken i bruk');
    // The document's own labels are nynorsk too.
    expect(documentXml).toContain('>Innhald</w:t>');
    expect(documentXml).toMatch(/>Gjeldande tekst, /);
    expect(documentXml).not.toContain('>Innhold</w:t>');

    const bokmal = await download(bokmalId, 'docx');
    expect(readZipEntry(bokmal, 'word/styles.xml').toString('utf8')).toContain('<w:lang w:val="nb-NO"/>');
  });

  it('exports a PDF that declares /Lang (nn-NO), with nynorsk headings', async () => {
    const data = await download(nynorskId, 'pdf');
    const raw = data.toString('latin1');
    expect(raw).toMatch(/\/Lang \(nn-NO\)/);
    expect(raw).not.toMatch(/\/Lang \(nb-NO\)/);
    const file = path.join(tmp, 'nynorsk.pdf');
    fs.writeFileSync(file, data);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    for (const heading of NYNORSK_OUTLINE) expect(text, heading).toContain(heading);
    expect(text).toMatch(/Innhald 1 Innleiing \d+ 2 Overordna prinsipp \d+/);
    expect(text).toContain('Innhaldskontroll (SHA-256)');

    expect((await download(bokmalId, 'pdf')).toString('latin1')).toMatch(/\/Lang \(nb-NO\)/);
  });

  it('exports Markdown whose front matter says lang: nn-NO', async () => {
    const markdown = (await download(nynorskId, 'md')).toString('utf8');
    expect(markdown).toMatch(/^---\n[\s\S]*?\nlang: nn-NO\n---\n/);
    expect(markdown).toMatch(/^## 1 Innleiing$/m);
    expect(markdown).toMatch(/^## Innhald$/m);
  });

  it('says its written form on the public page of the adopted text, for the page’s lang', async () => {
    const slug = await publishedSlug(s, await s.strategyId());
    const published = await call(s, null, 'GET', `/public/strategies/${slug}`);
    expect(published.body.writtenForm).toBe('nb');
    // The adopted copy is made from the template in bokmål; a nynorsk one answers nn.
    const [row] = await s.deps.db
      .select({ strategyId: publications.strategyId })
      .from(publications)
      .where(eq(publications.slug, slug));
    await s.deps.db.transaction(async (tx) => {
      await tx.update(strategies).set({ writtenForm: 'nn' }).where(eq(strategies.id, row!.strategyId));
    });
    expect((await call(s, null, 'GET', `/public/strategies/${slug}`)).body.writtenForm).toBe('nn');
  });

  it('labels goals Hovudmål and Delmål in a nynorsk document, Hovedmål in a bokmål one', () => {
    const goal = (type: string, text: string) => ({ type, attrs: { goalId: null }, content: [{ type: 'text', text }] });
    const outline = [
      {
        key: 'kultur',
        number: '5.1',
        title: 'Kultur',
        parentKey: 'tjenesteomrader',
        content: { type: 'doc', content: [goal('mainGoal', 'Eit mål'), goal('subGoal', 'Eit delmål')] },
      },
    ];
    const labels = (lang: 'nb-NO' | 'nn-NO') =>
      chapters(outline as never, lang)[0]!.blocks.map((b) => (b.type === 'goal' ? b.label : b.type));
    expect(labels('nn-NO')).toEqual(['Hovudmål:', 'Delmål:']);
    expect(labels('nb-NO')).toEqual(['Hovedmål:', 'Delmål:']);
  });
});
