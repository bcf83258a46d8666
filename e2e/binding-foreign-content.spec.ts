import { expect, test, type Browser, type Page, type WebSocketRoute } from './fixtures';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { and, eq } from 'drizzle-orm';
import { DocumentStore } from '../server/src/collab/persistence';
import { openDatabase, type Db } from '../server/src/db/client';
import { strategies } from '../server/src/db/schema';
import { auditLog } from '../server/src/db/schema-audit';
import { DEMO_STRATEGY_TITLE } from '../server/src/demo';
import { startServerProcess, tempDataDir, type ServerProcess } from '../server/test/process';
import { login, openStrategy, sectionEditor } from './helpers';

// Fault 12, the browser's part: a strategy whose stored Y.Doc holds what the editor schema does not
// allow (written by an older server, before the guard checked the schema). The binding must leave it
// out of the view and never delete it: a viewer sends nothing and stays connected, an editor's page
// works and its typing is stored, and a whole session of real editor commands is never refused.
//
// This spec runs its own server on its own data directory, so it can write into the database before
// anyone opens the strategy.

const SECTION = 'section:visjon';
const FOREIGN_TEXT = ['løs tekst', 'rå tekst', 'ukjent element'];

let server: ServerProcess;
let db: Db;
let strategyId: string;

/** Adds one of each kind of schema-invalid content to the section, as an older server would have stored it. */
function addForeignContent(fragment: Y.XmlFragment): void {
  const first = fragment.get(0);
  if (!(first instanceof Y.XmlElement) || first.nodeName !== 'paragraph')
    throw new Error('the section starts otherwise');
  const second = new Y.XmlElement('paragraph');
  second.insert(0, [new Y.XmlText('Andre avsnitt.')]);
  fragment.insert(1, [second]);
  const image = new Y.XmlElement('image');
  image.setAttribute('alt', 'ukjent element');
  const strayItem = new Y.XmlElement('listItem');
  const strayParagraph = new Y.XmlElement('paragraph');
  strayParagraph.insert(0, [new Y.XmlText('punkt utenfor liste')]);
  strayItem.insert(0, [strayParagraph]);
  const textList = new Y.XmlElement('bulletList');
  textList.insert(0, [new Y.XmlText('tekst rett i liste')]);

  fragment.insert(0, [new Y.XmlText('løs tekst'), image]);
  // A string where only nodes belong: the typed API does not allow it, an older writer did.
  first.insert(0, ['rå tekst' as unknown as Y.XmlText]);
  first.insert(first.length, [new Y.XmlElement('mention')]);
  const text = first.toArray().find((n): n is Y.XmlText => n instanceof Y.XmlText)!;
  text.insertEmbed(5, { image: 'kart.png' });
  text.format(0, 3, { comment: { id: 'c1' } });
  second.setAttribute('data-legacy', 'ja');
  fragment.insert(fragment.length, [strayItem, textList]);
}

/** Everything the section holds, valid or not, as text: to see nothing foreign was lost. */
async function storedSection(): Promise<string> {
  const doc = await new DocumentStore(db).load(strategyId);
  return (
    JSON.stringify(doc.getXmlFragment(SECTION).toJSON()) + JSON.stringify(describeEmbeds(doc.getXmlFragment(SECTION)))
  );
}

function describeEmbeds(type: Y.XmlFragment | Y.XmlElement): unknown[] {
  return type.toArray().flatMap((child) => {
    if (child instanceof Y.XmlText)
      return child.toDelta().filter((op: { insert: unknown }) => typeof op.insert !== 'string');
    if (child instanceof Y.XmlElement) return [child.getAttributes(), ...describeEmbeds(child)];
    return [child];
  });
}

async function refusals(): Promise<number> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.strategyId, strategyId), eq(auditLog.action, 'collab.update_refused')));
  return rows.length;
}

/** What a page says to the collaboration server, read off the wire, and how the server closed on it. */
interface Wire {
  /** Sync messages the page sent that carry changes (an update, or a reply with structs or deletions). */
  changes: string[];
  /** Awareness messages the page sent. */
  awareness: number;
  /** Close codes the server sent. */
  closes: number[];
  /** Errors thrown in the page. */
  errors: string[];
}

async function watchWire(page: Page): Promise<Wire> {
  const wire: Wire = { changes: [], awareness: 0, closes: [], errors: [] };
  page.on('pageerror', (error) => wire.errors.push(error.stack ?? error.message));
  await page.routeWebSocket(/\/collab\//, (ws: WebSocketRoute) => {
    const upstream = ws.connectToServer();
    ws.onMessage((message) => {
      if (typeof message !== 'string') noteMessage(wire, new Uint8Array(message));
      upstream.send(message);
    });
    upstream.onMessage((message) => ws.send(message));
    upstream.onClose((code, reason) => {
      wire.closes.push(code ?? 0);
      void ws.close({ code, reason });
    });
  });
  return wire;
}

function noteMessage(wire: Wire, bytes: Uint8Array): void {
  const decoder = decoding.createDecoder(bytes);
  const kind = decoding.readVarUint(decoder);
  if (kind === 1) wire.awareness++;
  if (kind !== 0) return;
  const step = decoding.readVarUint(decoder);
  if (step === 0) return; // sync step 1: only a state vector
  const update = decoding.readVarUint8Array(decoder);
  const { structs, ds } = Y.decodeUpdate(update);
  if (structs.length > 0 || ds.clients.size > 0) wire.changes.push(step === 1 ? 'sync reply with changes' : 'update');
}

async function openAs(browser: Browser, email: string) {
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();
  const wire = await watchWire(page);
  await login(page, email);
  await openStrategy(page);
  // The page's own reader of the document (the quality check) has read every section.
  await expect(page.getByRole('region', { name: 'Kvalitetssjekk' })).toContainText(/Advarsler|Ingen merknader/);
  // Survives only as long as the page is not reloaded.
  await page.evaluate(() => ((window as { notReloaded?: boolean }).notReloaded = true));
  return { context, page, wire, editor: sectionEditor(page, '3', 'Visjon') };
}

/** Every message sent before now has reached the server once it has received a later one. */
async function flushWire(page: Page, wire: Wire): Promise<void> {
  const before = wire.awareness;
  await page.evaluate(() => window.dispatchEvent(new Event('focus')));
  await sectionEditor(page, '3', 'Visjon').click();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => wire.awareness).toBeGreaterThan(before);
}

test.describe('a strategy holding content the editor schema does not allow', () => {
  test.describe.configure({ mode: 'serial' });

  test.beforeAll(async () => {
    const dataDir = tempDataDir();
    server = await startServerProcess(dataDir, { LOG_LEVEL: 'warn' });
    db = await openDatabase({ dataDir });
    const [demo] = await db
      .select({ id: strategies.id })
      .from(strategies)
      .where(eq(strategies.title, DEMO_STRATEGY_TITLE))
      .limit(1);
    strategyId = demo!.id;
    // Nobody has opened the strategy yet, so its room is not loaded: the next load reads this.
    const store = new DocumentStore(db);
    const doc = await store.load(strategyId);
    const before = Y.encodeStateVector(doc);
    doc.transact(() => addForeignContent(doc.getXmlFragment(SECTION)));
    await store.append(strategyId, [Y.encodeStateAsUpdate(doc, before)]);
  });

  test.afterAll(async () => {
    await db?.close();
    server?.child.kill('SIGTERM');
    await server?.exited;
  });

  test('a viewer opens it, sends no change and stays connected', async ({ browser }) => {
    const stored = await storedSection();
    const { context, page, wire, editor } = await openAs(browser, 'politiker@eksempel.no');
    await expect(editor).toContainText('Digitalisering er tatt i bruk');
    for (const foreign of FOREIGN_TEXT) await expect(editor).not.toContainText(foreign);
    await flushWire(page, wire);

    expect(wire.changes).toEqual([]);
    expect(wire.closes).toEqual([]);
    expect(wire.errors).toEqual([]);
    expect(await refusals()).toBe(0);
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await storedSection()).toBe(stored);
    await context.close();
  });

  test("an editor's page shows the valid text, and what is typed is stored beside the foreign content", async ({
    browser,
  }) => {
    const { context, page, wire, editor } = await openAs(browser, 'leder@eksempel.no');
    await expect(editor).toHaveAttribute('contenteditable', 'true');
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Skrevet ved siden av.');
    await expect.poll(() => storedSection()).toContain('Skrevet ved siden av.');

    const stored = await storedSection();
    for (const foreign of [...FOREIGN_TEXT, 'kart.png', 'comment', 'data-legacy', 'mention', 'tekst rett i liste']) {
      expect(stored).toContain(foreign);
    }
    expect(wire.closes).toEqual([]);
    expect(wire.errors).toEqual([]);
    expect(await refusals()).toBe(0);
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await context.close();
  });

  test('a whole session of editor commands in that section is never refused', async ({ browser }) => {
    const { context, page, wire, editor } = await openAs(browser, 'leder@eksempel.no');
    await expect(editor).toHaveAttribute('contenteditable', 'true');
    const toolbar = page.getByRole('toolbar', { name: 'Formatering' });
    const press = (name: string) => toolbar.getByRole('button', { name, exact: true }).click();

    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Et nytt avsnitt med ord.');
    await press('Overskrift');
    await expect(editor.locator('h3', { hasText: 'Et nytt avsnitt' })).toBeVisible();
    await press('Underoverskrift');
    await press('Underoverskrift');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Første punkt');
    await press('Punktliste');
    await expect(editor.locator('ul li', { hasText: 'Første punkt' })).toBeVisible();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Andre punkt');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    await press('Nummerert liste');
    await press('Nummerert liste');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Alle tjenester er digitale');
    await press('Sett inn hovedmål');
    await expect(editor.locator('.goal--main', { hasText: 'Alle tjenester' })).toBeVisible();
    await press('Sett inn delmål');
    await expect(editor.locator('.goal--sub', { hasText: 'Alle tjenester' })).toBeVisible();
    await page.keyboard.press('Enter');
    await page.keyboard.type('Et mål til');
    await press('Sett inn delmål');
    await press('Sett inn delmål');
    await page.keyboard.press('Shift+Home');
    await press('Fet');
    await press('Kursiv');
    await page.keyboard.press('End');
    await page.keyboard.press('Control+Shift+B');
    await page.keyboard.type(' i sitat');
    await page.keyboard.press('Control+Shift+B');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('End');
    await page.keyboard.type(' Slutt.');
    await expect.poll(() => storedSection()).toContain('Slutt.');

    expect(wire.closes).toEqual([]);
    expect(wire.errors).toEqual([]);
    expect(await refusals()).toBe(0);
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
    for (const foreign of FOREIGN_TEXT) expect(await storedSection()).toContain(foreign);
    await context.close();
  });
});
