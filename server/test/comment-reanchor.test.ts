import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorFromRange, findTextRange, resolveAnchor, type EncodedAnchor } from '@samstrat/shared/anchors';
import type { ThreadView } from '@samstrat/shared/comments';
import { commentThreads } from '../src/db/schema-comments';
import { waitFor, waitUntil, writeParagraph, type CollabClient } from './collab-client';
import { apiAs, clientPool, fragmentOf, readEvents, waitForText, type EventReader } from './comments-support';
import { startTestServer, type TestServer } from './harness';

/**
 * Fault 6 of issue 12: a union rep comments on a phrase, an editor deletes the sentence and presses
 * undo. The text is back for everyone, but Yjs links the deleted text to the restored copy only on
 * the editor's replica, so the thread showed detached for everyone else, the server included.
 * Expected: the server re-anchors the thread, so every replica shows it attached; with the same
 * phrase twice it lands on the right one or stays detached.
 */

const UNION = 'tillitsvalgt@eksempel.no';
const EDITOR = 'helse@eksempel.no';
const VIEWER = 'politiker@eksempel.no';
const SECTION = 'helse-omsorg';

let s: TestServer;
let strategyId: string;
let helpers: ReturnType<typeof apiAs>;
let pool: ReturnType<typeof clientPool>;
const readers: EventReader[] = [];

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  helpers = apiAs(s);
  pool = clientPool(s, helpers.cookieOf);
});
afterEach(() => {
  pool.destroyAll();
  for (const reader of readers.splice(0)) reader.close();
});
afterAll(() => s.close());

/** The editor (with an undo manager on its replica, as the editor's undo plugin has), the union rep and a viewer. */
async function threeMembers(...paragraphs: string[]) {
  const editor = await pool.connect(EDITOR, strategyId);
  const union = await pool.connect(UNION, strategyId);
  const viewer = await pool.connect(VIEWER, strategyId);
  for (const text of paragraphs) writeParagraph(editor.doc, SECTION, text);
  for (const client of [union, viewer]) await waitForText(client, SECTION, paragraphs.at(-1)!);
  // Tracks the editor's own changes (null origin), not what the provider applies from others.
  const undo = new Y.UndoManager(fragmentOf(editor.doc, SECTION), { captureTimeout: 0 });
  const events = await readEvents(`${s.url}/api/strategies/${strategyId}/events`, await helpers.cookieOf(VIEWER));
  readers.push(events);
  await waitFor(() => s.deps.events.listenerCount(strategyId) >= 1, 'the event stream to subscribe');
  return { editor, union, viewer, undo, events };
}

/** The anchor of `words` inside the first occurrence of the longer `within`, as the union rep's browser makes it. */
function anchorIn(doc: Y.Doc, within: string, words: string): EncodedAnchor {
  const fragment = fragmentOf(doc, SECTION);
  const outer = findTextRange(fragment, within)!;
  const from = outer.from + within.indexOf(words);
  return anchorFromRange(fragment, from, from + words.length)!;
}

async function comment(doc: Y.Doc, within: string, words: string): Promise<ThreadView> {
  const res = await helpers.api<ThreadView>(UNION, 'POST', `/strategies/${strategyId}/comments`, {
    sectionKey: SECTION,
    anchor: anchorIn(doc, within, words),
    quote: words,
    body: 'Hvem har ansvaret?',
  });
  expect(res.status).toBe(201);
  expect(res.body.position.detached).toBe(false);
  return res.body;
}

const thread = async (id: string) => (await helpers.api<ThreadView>(VIEWER, 'GET', `/comments/${id}`)).body;

/** The editor selects the paragraphs holding these texts and deletes them, as one change. */
async function deleteParagraphs(editor: CollabClient, others: CollabClient[], first: string, count: number) {
  const fragment = fragmentOf(editor.doc, SECTION);
  const index = fragment.toArray().findIndex((p) => p.toString().includes(first));
  fragment.delete(index, count);
  for (const client of others) {
    await waitFor(() => findTextRange(fragmentOf(client.doc, SECTION), first) === null, 'the deletion to arrive');
  }
}

function reanchored(events: EventReader, threadId: string): boolean {
  return events.events.some(
    (e) => e.event === 'comment.reanchored' && (e.data as { threadId?: string }).threadId === threadId,
  );
}

const keptContext = async (id: string) =>
  (await s.deps.db.select().from(commentThreads).where(eq(commentThreads.id, id)).limit(1))[0]!.quoteContext;

function where(client: CollabClient, anchor: EncodedAnchor) {
  return resolveAnchor(client.doc, fragmentOf(client.doc, SECTION), anchor);
}

describe('a comment whose text comes back by undo, over real sockets', () => {
  it('is attached again for every member, not only for the editor who pressed undo', async () => {
    const sentence = 'Hjemmetjenesten skal ta i bruk digitalt tilsyn innen 2027.';
    const { editor, union, viewer, undo, events } = await threeMembers('Innledende avsnitt om helse.', sentence);
    const created = await comment(union.doc, sentence, 'digitalt tilsyn');

    await deleteParagraphs(editor, [union, viewer], sentence, 1);
    expect((await thread(created.id)).position.detached).toBe(true);
    undo.undo();
    for (const client of [union, viewer]) await waitForText(client, SECTION, sentence);

    await waitFor(() => reanchored(events, created.id), 'the server to re-anchor the thread');
    const now = await thread(created.id);
    expect(now.position.detached).toBe(false);
    expect(now.quote).toBe('digitalt tilsyn');
    const expected = findTextRange(fragmentOf(viewer.doc, SECTION), 'digitalt tilsyn')!;
    expect(now.position).toEqual({ ...expected, detached: false });
    for (const client of [viewer, union, editor]) {
      expect(where(client, now.anchor)).toEqual({ ...expected, text: 'digitalt tilsyn', detached: false });
    }
  });

  it('keeps up with the words around the quote as they are edited, so an undo later still finds it', async () => {
    const sentence = 'Legevakten får nytt journalsystem i løpet av 2026.';
    const { editor, union, viewer, undo, events } = await threeMembers(sentence);
    const created = await comment(union.doc, sentence, 'nytt journalsystem');
    const atFirst = (await keptContext(created.id))!;
    expect(atFirst.before.endsWith('Legevakten får ')).toBe(true);

    // Words typed right before the quote: what an undo restores later reads this way.
    const fragment = fragmentOf(editor.doc, SECTION);
    const paragraph = fragment.toArray().find((p) => p.toString().includes(sentence)) as Y.XmlElement;
    (paragraph.get(0) as Y.XmlText).insert(sentence.indexOf('nytt'), 'et ');
    await waitUntil(
      async () => (await keptContext(created.id))!.before.endsWith('får et '),
      'the server to read the new words',
    );

    await deleteParagraphs(editor, [union, viewer], 'Legevakten', 1);
    undo.undo();
    await waitFor(() => reanchored(events, created.id), 'the server to re-anchor the thread');
    expect(where(viewer, (await thread(created.id)).anchor)).toMatchObject({
      text: 'nytt journalsystem',
      detached: false,
    });
  });

  it('lands on the right one of the same phrase twice, and leaves detached a phrase nothing tells apart', async () => {
    const skole = 'Skolene skal være digitale innen 2028, med nettbrett til alle.';
    const helse = 'Helsetjenestene skal være digitale innen 2030, med velferdsteknologi.';
    // Twice word for word: the words around "digital" are the same in both.
    const twin = 'I planperioden skal kommunen være digital først og fremst, sa rådmannen i møtet i går.';
    const { editor, union, viewer, undo, events } = await threeMembers(skole, helse, twin, twin);
    const onHelse = await comment(union.doc, helse, 'være digitale innen');
    const onTwin = await comment(union.doc, twin, 'digital først');

    await deleteParagraphs(editor, [union, viewer], skole, 4);
    undo.undo();
    for (const client of [union, viewer]) await waitForText(client, SECTION, helse);

    await waitFor(() => reanchored(events, onHelse.id), 'the server to re-anchor the thread on the health sentence');
    const helseThread = await thread(onHelse.id);
    const helseRange = findTextRange(fragmentOf(viewer.doc, SECTION), helse)!;
    const from = helseRange.from + helse.indexOf('være digitale innen');
    expect(helseThread.position).toEqual({ from, to: from + 'være digitale innen'.length, detached: false });
    expect(where(viewer, helseThread.anchor)).toMatchObject({ from, text: 'være digitale innen' });

    // The same check ran over the twin's thread: it stays detached rather than guess. The words
    // around its quote never singled it out, so the server kept none.
    expect(await keptContext(onHelse.id)).not.toBeNull();
    expect(await keptContext(onTwin.id)).toBeNull();
    expect(reanchored(events, onTwin.id)).toBe(false);
    expect((await thread(onTwin.id)).position.detached).toBe(true);
  });
});
