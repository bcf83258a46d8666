import pino from 'pino';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anchorFromRange, findTextRange } from '@samstrat/shared/anchors';
import { DocumentStore } from '../src/collab/persistence';
import { versions } from '../src/db/schema-versions';
import { startTestServer, type TestServer } from './harness';
import { apiAs, appendBlock, LEADER } from './versions-support';
import { readZipEntry } from './zip';

// Older servers accepted updates that fit no editor schema and stored them. Whatever the guard refuses
// from now on, such content stays in the stored documents, and every reader must take it: an odd node
// is skipped (its words kept where they can be) and the rest of the text reads as before.

const KEPT = 'Denne setningen står i et vanlig avsnitt og skal med i alt.';
const ROOT_TEXT = 'Tekst rett under seksjonen.';
const ELEMENT_TEXT = 'Tekst rett i avsnittselementet.';
const AROUND_EMBED = ['Før innbyggingen ', 'og etter den.'];
const UNKNOWN_TEXT = 'Tekst i et ukjent element.';
const AFTER = 'Dette avsnittet kommer etter alt det rare.';

/**
 * Writes the schema-invalid nodes older servers let through into the stored document of a strategy
 * no one has open, as raw Yjs structures the way a crafted update leaves them.
 */
async function preloadOddContent(store: DocumentStore, strategyId: string): Promise<void> {
  const doc = await store.load(strategyId);
  const before = Y.encodeStateVector(doc);
  const name = 'section:visjon';
  const fragment = doc.getXmlFragment(name);
  doc.transact(() => {
    appendBlock(doc, 'visjon', 'paragraph', KEPT);

    // Text directly inside a paragraph element: characters, not a Y.XmlText, under the element.
    const paragraph = new Y.XmlElement('paragraph');
    fragment.push([paragraph]);
    Y.Text.prototype.insert.call(paragraph as unknown as Y.Text, 0, ELEMENT_TEXT);

    // An embed inside a paragraph's text: an object and a Y type where characters belong.
    const embedded = new Y.XmlElement('paragraph');
    const text = new Y.XmlText(AROUND_EMBED.join(''));
    embedded.insert(0, [text]);
    fragment.push([embedded]);
    text.insertEmbed(AROUND_EMBED[0]!.length, { image: 'https://example.org/x.png' });
    text.insertEmbed(AROUND_EMBED[0]!.length, new Y.XmlElement('paragraph'));

    // Element names the schema does not know, and attributes holding a Y type.
    const unknown = new Y.XmlElement('script');
    unknown.insert(0, [new Y.XmlText(UNKNOWN_TEXT)]);
    fragment.push([unknown, new Y.XmlElement('image')]);
    const heading = new Y.XmlElement('heading');
    heading.setAttribute('level', new Y.Map() as unknown as string);
    fragment.push([heading]);

    // Values that are no XML at all under the root.
    fragment.push(['a string', 42, { an: 'object' }] as unknown as Y.XmlElement[]);
    appendBlock(doc, 'visjon', 'paragraph', AFTER);
  });
  // Text directly under the section root: characters of a Y.Text, written through a document that
  // knows the root as text.
  const asText = new Y.Doc();
  Y.applyUpdate(asText, Y.encodeStateAsUpdate(doc));
  asText.getText(name).insert(0, ROOT_TEXT);
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(asText, Y.encodeStateVector(doc)));
  await store.append(strategyId, [Y.encodeStateAsUpdate(doc, before)]);
  doc.destroy();
  asText.destroy();
}

let s: TestServer;
let strategyId: string;
let call: ReturnType<typeof apiAs>;
const warnings: { sectionKey?: string; problems?: Record<string, number>; msg: string }[] = [];

beforeAll(async () => {
  const log = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(JSON.parse(line)) });
  s = await startTestServer({}, { log });
  strategyId = await s.strategyId();
  call = apiAs(s);
  await preloadOddContent(new DocumentStore(s.deps.db), strategyId);
});
afterAll(() => s.close());

const get = (path: string) => call.raw(LEADER, 'GET', `/strategies/${strategyId}${path}`);

describe('a stored document holding nodes that fit no editor schema', () => {
  it('exports as Markdown with the rest of the text and the words of the odd nodes', async () => {
    const res = await get('/export?format=md');
    expect(res.status).toBe(200);
    const md = await res.text();
    for (const words of [KEPT, ROOT_TEXT, ELEMENT_TEXT, ...AROUND_EMBED, UNKNOWN_TEXT, AFTER])
      expect(md).toContain(words.trim());
    expect(md).toContain('Digitalisering er tatt i bruk på alle områder');
    expect(md).not.toContain('[object Object]');
    // Read around, and said so: what was skipped is in the log with its section.
    const logged = warnings.find((w) => w.sectionKey === 'visjon' && w.problems);
    expect(Object.keys(logged?.problems ?? {})).toEqual(
      expect.arrayContaining(['unknown-node script', 'misplaced text', 'bad-attribute heading.level']),
    );
  });

  it('exports as DOCX and PDF, and counts the pages', async () => {
    const docx = await get('/export?format=docx');
    expect(docx.status).toBe(200);
    const xml = readZipEntry(Buffer.from(await docx.arrayBuffer()), 'word/document.xml').toString('utf8');
    expect(xml).toContain(KEPT);
    expect(xml).toContain(AFTER);
    const pdf = await get('/export?format=pdf');
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const count = await get('/export/page-count');
    expect(count.status).toBe(200);
    expect(((await count.json()) as { pages: number }).pages).toBeGreaterThan(2);
  });

  it('shows the workflow with a content hash', async () => {
    const res = await get('/workflow');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { currentHash?: string }).currentHash ?? '').toMatch(/^[0-9a-f]{64}$/);
  });

  it('lists, saves, shows and compares versions', async () => {
    const list = await get('/versions');
    expect(list.status).toBe(200);
    const saved = await call.api<{ id: string }>(LEADER, 'POST', `/strategies/${strategyId}/versions`, {
      name: 'Med rare noder',
    });
    expect(saved.status).toBe(201);
    const current = await get('/versions/current');
    expect(current.status).toBe(200);
    expect(JSON.stringify(await current.json())).toContain(KEPT);
    const diff = await get(`/versions/${saved.body.id}/diff/current`);
    expect(diff.status).toBe(200);
  });

  it('takes and lists comments on the text around the odd nodes', async () => {
    const doc = await s.loadDocument(strategyId);
    const fragment = doc.getXmlFragment('section:visjon');
    const range = findTextRange(fragment, AFTER)!;
    const anchor = anchorFromRange(fragment, range.from, range.to)!;
    doc.destroy();
    const created = await call.api(LEADER, 'POST', `/strategies/${strategyId}/comments`, {
      sectionKey: 'visjon',
      anchor,
      quote: AFTER,
      body: 'Ser bra ut.',
    });
    expect(created.status).toBe(201);
    const listed = await get('/comments');
    expect(listed.status).toBe(200);
    expect(JSON.stringify(await listed.json())).toContain('Ser bra ut.');
  });

  it('reads, compares, exports and restores a version an older server saved with odd nodes in its JSON', async () => {
    // What y-prosemirror's converter made of such content: text as an array under the doc, an embed
    // as the text of a text node, an element name no editor knows.
    const oddJson = {
      type: 'doc',
      content: [
        [{ type: 'text', text: ROOT_TEXT }],
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: { image: 'x.png' } },
            { type: 'text', text: KEPT },
          ],
        },
        { type: 'script', content: [{ type: 'text', text: UNKNOWN_TEXT }] },
      ],
    };
    await s.deps.db.transaction((tx) =>
      tx.insert(versions).values({
        id: 'eldre-versjon',
        strategyId,
        number: 99,
        kind: 'named',
        stage: 'utkast',
        contentHash: 'e'.repeat(64),
        state: Buffer.from(Y.encodeStateAsUpdate(new Y.Doc())),
        sections: JSON.stringify([{ key: 'visjon', number: '3', title: 'Visjon', parentKey: null, content: oddJson }]),
      }),
    );
    const shown = await get('/versions/eldre-versjon');
    expect(shown.status).toBe(200);
    expect(JSON.stringify(await shown.json())).toContain(UNKNOWN_TEXT);
    expect((await get('/versions/eldre-versjon/diff/current')).status).toBe(200);
    const md = await get('/export?format=md&version=eldre-versjon');
    expect(md.status).toBe(200);
    expect(await md.text()).toContain(ROOT_TEXT);
    expect((await get('/export?format=pdf&version=eldre-versjon')).status).toBe(200);
    const restored = await call.api(LEADER, 'POST', `/strategies/${strategyId}/versions/eldre-versjon/restore`, {
      sectionKey: 'visjon',
    });
    expect(restored.status).toBe(200);
    const current = JSON.stringify(await (await get('/versions/current')).json());
    for (const words of [ROOT_TEXT, KEPT, UNKNOWN_TEXT]) expect(current).toContain(words);
  });
});
