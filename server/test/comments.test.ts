import { asc, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { findTextRange, resolveAnchor } from '@samstrat/shared/anchors';
import type { NotificationsView, ThreadView } from '@samstrat/shared/comments';
import { ERROR_MESSAGES } from '@samstrat/shared/errors';
import { users } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { waitFor, writeParagraph } from './collab-client';
import { anchorOf, apiAs, clientPool, fragmentOf, waitForText } from './comments-support';
import { startTestServer, type TestServer } from './harness';

const UNION = 'tillitsvalgt@eksempel.no';
const LEADER = 'leder@eksempel.no';
const HELSE = 'helse@eksempel.no';
const OPPVEKST = 'oppvekst@eksempel.no';
const VIEWER = 'politiker@eksempel.no';
const STEERING = 'styring@eksempel.no';

let s: TestServer;
let strategyId: string;
let api: ReturnType<typeof apiAs>['api'];
let pool: ReturnType<typeof clientPool>;

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  const helpers = apiAs(s);
  api = helpers.api;
  pool = clientPool(s, helpers.cookieOf);
});
afterEach(() => pool.destroyAll());
afterAll(() => s.close());

const userId = async (email: string) =>
  (await s.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0]!.id;

/** A leader writes a paragraph into a section and the union rep's replica receives it. */
async function paragraphIn(sectionKey: string, text: string) {
  const leader = await pool.connect(LEADER, strategyId);
  const union = await pool.connect(UNION, strategyId);
  writeParagraph(leader.doc, sectionKey, text);
  await waitForText(union, sectionKey, text);
  return { leader, union };
}

async function comment(
  email: string,
  doc: import('yjs').Doc,
  sectionKey: string,
  words: string,
  body: string,
  suggestion?: string,
) {
  return api<ThreadView>(email, 'POST', `/strategies/${strategyId}/comments`, {
    sectionKey,
    anchor: anchorOf(doc, sectionKey, words),
    quote: words,
    body,
    ...(suggestion === undefined ? {} : { suggestion: { text: suggestion } }),
  });
}

const thread = async (email: string, id: string) => (await api<ThreadView>(email, 'GET', `/comments/${id}`)).body;

describe('comment anchors under concurrent editing, over real sockets', () => {
  it('keep covering the same words while others insert before, inside and after them', async () => {
    const { leader, union } = await paragraphIn('innledning', 'Kommunen skal samarbeide tett med nabokommunene.');
    const created = await comment(UNION, union.doc, 'innledning', 'samarbeide tett', 'Hvem har ansvaret?');
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ quote: 'samarbeide tett', status: 'open', position: { detached: false } });

    const text = findTextRange(fragmentOf(leader.doc, 'innledning'), 'Kommunen')!;
    const insertAt = (needle: string, what: string) => {
      const at = findTextRange(fragmentOf(leader.doc, 'innledning'), needle)!;
      // The paragraph paragraphIn wrote, after whatever the section held already (the demo's text).
      const fragment = fragmentOf(leader.doc, 'innledning');
      const paragraph = fragment.get(fragment.length - 1) as import('yjs').XmlElement;
      (paragraph.get(0) as import('yjs').XmlText).insert(at.from - text.from, what);
    };
    insertAt('Kommunen', 'I planperioden: ');
    insertAt(' tett', ' svært');
    insertAt(' med nabokommunene', ' og åpent');
    await waitForText(union, 'innledning', 'svært tett og åpent');

    const mine = resolveAnchor(union.doc, fragmentOf(union.doc, 'innledning'), created.body.anchor);
    expect(mine).toMatchObject({ text: 'samarbeide svært tett', detached: false });
    const onServer = await thread(UNION, created.body.id);
    expect(onServer.position).toEqual({ from: mine.from, to: mine.to, detached: false });
    expect(onServer.quote).toBe('samarbeide tett');
  });

  it('turn detached when the words are deleted, and keep their quote', async () => {
    const { leader, union } = await paragraphIn('intranett', 'Intranettet skal fornyes innen 2028.');
    const created = await comment(UNION, union.doc, 'intranett', 'fornyes innen 2028', 'For optimistisk?');
    const range = findTextRange(fragmentOf(leader.doc, 'intranett'), 'skal fornyes innen 2028')!;
    const start = findTextRange(fragmentOf(leader.doc, 'intranett'), 'Intranettet')!;
    const fragment = fragmentOf(leader.doc, 'intranett');
    const paragraph = fragment.get(fragment.length - 1) as import('yjs').XmlElement;
    (paragraph.get(0) as import('yjs').XmlText).delete(range.from - start.from, range.to - range.from);
    await waitFor(
      () => findTextRange(fragmentOf(union.doc, 'intranett'), 'fornyes') === null,
      'the deletion to arrive',
    );

    expect(resolveAnchor(union.doc, fragmentOf(union.doc, 'intranett'), created.body.anchor).detached).toBe(true);
    const onServer = await thread(UNION, created.body.id);
    expect(onServer.position.detached).toBe(true);
    expect(onServer.quote).toBe('fornyes innen 2028');
  });

  it('refuse an anchor the server cannot find', async () => {
    const res = await api<{ error: { code: string } }>(UNION, 'POST', `/strategies/${strategyId}/comments`, {
      sectionKey: 'visjon',
      anchor: { start: 'AAAA', end: 'AAAA' },
      quote: 'x',
      body: 'Hei',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('anchor_invalid');
  });
});

describe('who may comment', () => {
  it('refuses a viewer with 403 and a stranger with 404, and lets the viewer read', async () => {
    const union = await pool.connect(UNION, strategyId);
    const input = {
      sectionKey: 'visjon',
      anchor: anchorOf(union.doc, 'visjon', 'Digital kommunikasjon'),
      quote: 'Digital kommunikasjon',
      body: 'Hei',
    };
    expect((await api(VIEWER, 'POST', `/strategies/${strategyId}/comments`, input)).status).toBe(403);
    expect((await api(VIEWER, 'GET', `/strategies/${strategyId}/comments`)).status).toBe(200);
    expect((await api(UNION, 'POST', `/strategies/not-a-strategy/comments`, input)).status).toBe(404);
    const anonymous = await fetch(`${s.url}/api/strategies/${strategyId}/comments`);
    expect(anonymous.status).toBe(401);
  });

  it('lets authors edit their own comments only, and leaders hide others without deleting them (audited)', async () => {
    const union = await pool.connect(UNION, strategyId);
    const created = (await comment(UNION, union.doc, 'visjon', 'tatt i bruk', 'Første tanke')).body;
    expect((await api(LEADER, 'PATCH', `/comments/${created.id}`, { body: 'Overskrevet' })).status).toBe(403);
    const edited = await api<ThreadView>(UNION, 'PATCH', `/comments/${created.id}`, { body: 'Andre tanke' });
    expect(edited.body.comments[0]).toMatchObject({ body: 'Andre tanke', abilities: { edit: true, hide: false } });
    expect(edited.body.comments[0]!.editedAt).not.toBeNull();

    expect((await api(STEERING, 'PATCH', `/comments/${created.id}`, { hidden: true })).status).toBe(403);
    const hidden = await api<ThreadView>(LEADER, 'PATCH', `/comments/${created.id}`, { hidden: true });
    expect(hidden.status).toBe(200);
    expect(hidden.body.comments[0]).toMatchObject({
      body: 'Andre tanke',
      hidden: { by: { id: await userId(LEADER) } },
    });
    expect((await thread(STEERING, created.id)).comments[0]).toMatchObject({ body: null, deleted: false });
    const entry = await s.deps.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'comment.hidden'))
      .orderBy(asc(auditLog.id));
    expect(entry.at(-1)).toMatchObject({ actorId: await userId(LEADER), subjectId: await userId(UNION), strategyId });
  });

  it('deletes only your own comment, leaving the thread readable', async () => {
    const union = await pool.connect(UNION, strategyId);
    const created = (await comment(UNION, union.doc, 'visjon', 'effektiv forvaltning', 'Slett meg')).body;
    await api(LEADER, 'POST', `/comments/${created.id}/replies`, { body: 'Svar som blir stående' });
    expect((await api(LEADER, 'DELETE', `/comments/${created.id}`)).status).toBe(403);
    const after = await api<ThreadView>(UNION, 'DELETE', `/comments/${created.id}`);
    expect(after.status).toBe(200);
    expect(after.body.comments.map((c) => [c.deleted, c.body])).toEqual([
      [true, null],
      [false, 'Svar som blir stående'],
    ]);
  });
});

describe('input safety', () => {
  const PAYLOADS = [
    '<script>alert(1)</script>',
    '<img src=x onerror="alert(1)">',
    '"><svg onload=alert(1)>',
    'javascript:alert(1)',
    '[klikk](javascript:alert(1)) &lt;b&gt; &amp;',
  ];

  it('stores and returns XSS payloads verbatim, as JSON text', async () => {
    const union = await pool.connect(UNION, strategyId);
    const body = PAYLOADS.join('\n');
    const created = await comment(UNION, union.doc, 'visjon', 'gode tjenester', body, PAYLOADS[1]);
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/json/);
    const listed = await api<{ threads: ThreadView[] }>(LEADER, 'GET', `/strategies/${strategyId}/comments`);
    const found = listed.body.threads.find((t) => t.id === created.body.id)!;
    expect(found.comments[0]!.body).toBe(body);
    expect(found.suggestion!.text).toBe(PAYLOADS[1]);
  });

  it('refuses empty and oversized bodies with a clear Norwegian message', async () => {
    const union = await pool.connect(UNION, strategyId);
    const tooLong = await comment(UNION, union.doc, 'visjon', 'gode tjenester', 'x'.repeat(5_001));
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toEqual({ error: { code: 'comment_too_long', message: ERROR_MESSAGES.comment_too_long.nb } });
    expect((await comment(UNION, union.doc, 'visjon', 'gode tjenester', 'x'.repeat(5_000))).status).toBe(201);
    const empty = await comment(UNION, union.doc, 'visjon', 'gode tjenester', '   ');
    expect(empty.body).toMatchObject({ error: { code: 'comment_empty' } });
    const longSuggestion = await comment(UNION, union.doc, 'visjon', 'gode tjenester', 'Se her', 'y'.repeat(5_001));
    expect(longSuggestion.body).toMatchObject({ error: { code: 'suggestion_too_long' } });
  });
});

describe('suggestions', () => {
  it('accepted by an editor change the text for every client and are recorded on the thread', async () => {
    const { leader, union } = await paragraphIn('kompetanse', 'Alle ansatte skal få opplæring hvert år.');
    const watcher = await pool.connect(VIEWER, strategyId);
    await waitForText(watcher, 'kompetanse', 'hvert år');
    const created = (
      await comment(UNION, union.doc, 'kompetanse', 'hvert år', 'Bør være behovsstyrt', 'når de trenger det')
    ).body;
    expect(created.suggestion).toMatchObject({ status: 'open', text: 'når de trenger det' });
    expect(created.abilities.decide).toBe(false);

    expect((await api(UNION, 'POST', `/comments/${created.id}/suggestion/accept`)).status).toBe(403);
    const accepted = await api<ThreadView>(LEADER, 'POST', `/comments/${created.id}/suggestion/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({
      status: 'resolved',
      suggestion: { status: 'accepted', decidedBy: { id: await userId(LEADER) } },
      position: { detached: false },
    });

    for (const client of [leader, union, watcher])
      await waitForText(client, 'kompetanse', 'få opplæring når de trenger det.');
    expect(resolveAnchor(union.doc, fragmentOf(union.doc, 'kompetanse'), accepted.body.anchor).text).toBe(
      'når de trenger det',
    );
    // Saved like any accepted update: the database already holds it.
    expect((await s.loadDocument()).getXmlFragment('section:kompetanse').toString()).toContain('når de trenger det');
    expect((await api(LEADER, 'POST', `/comments/${created.id}/suggestion/accept`)).status).toBe(409);
  });

  it('in a restricted section are decided by its owner, not by another editor', async () => {
    const helse = await pool.connect(HELSE, strategyId);
    const union = await pool.connect(UNION, strategyId);
    writeParagraph(helse.doc, 'helse-omsorg', 'Velferdsteknologi skal tas i bruk i hjemmetjenesten.');
    await waitForText(union, 'helse-omsorg', 'hjemmetjenesten');
    const created = (
      await comment(UNION, union.doc, 'helse-omsorg', 'skal tas i bruk', 'Tydeligere', 'tas i bruk fra 2028')
    ).body;
    expect((await api(OPPVEKST, 'POST', `/comments/${created.id}/suggestion/accept`)).status).toBe(403);
    expect((await api(HELSE, 'POST', `/comments/${created.id}/suggestion/accept`)).status).toBe(200);
    await waitForText(union, 'helse-omsorg', 'Velferdsteknologi tas i bruk fra 2028 i hjemmetjenesten.');
  });

  it('rejected need a reason, which is recorded and leaves the text as it was', async () => {
    const union = await pool.connect(UNION, strategyId);
    const created = (await comment(UNION, union.doc, 'visjon', 'sikker pålogging', 'Forslag', 'BankID')).body;
    const noReason = await api<{ error: { code: string; message: string } }>(
      LEADER,
      'POST',
      `/comments/${created.id}/suggestion/reject`,
      {},
    );
    expect(noReason.status).toBe(400);
    expect(noReason.body.error).toEqual({ code: 'reason_required', message: ERROR_MESSAGES.reason_required.nb });
    const rejected = await api<ThreadView>(LEADER, 'POST', `/comments/${created.id}/suggestion/reject`, {
      reason: 'Vi nevner ikke produkter',
    });
    expect(rejected.body.suggestion).toMatchObject({
      status: 'rejected',
      reason: 'Vi nevner ikke produkter',
      decidedBy: { id: await userId(LEADER) },
    });
    expect(findTextRange(fragmentOf(union.doc, 'visjon'), 'sikker pålogging')).not.toBeNull();
  });
});

describe('threads, replies and the inbox', () => {
  it('notify the thread author of replies and mentioned members of mentions, and count unread', async () => {
    const union = await pool.connect(UNION, strategyId);
    const created = (await comment(UNION, union.doc, 'visjon', 'innsyn i egne data', 'Gjelder dette også ansatte?'))
      .body;
    const before = (await api<NotificationsView>(UNION, 'GET', '/notifications')).body.unread;
    const mention = `@[Ola Berg](${await userId(HELSE)})`;
    await api(LEADER, 'POST', `/comments/${created.id}/replies`, { body: `Ja. ${mention}, kan du se på det?` });

    const unionInbox = (await api<NotificationsView>(UNION, 'GET', '/notifications')).body;
    expect(unionInbox.unread).toBe(before + 1);
    expect(unionInbox.items[0]).toMatchObject({
      kind: 'reply',
      threadId: created.id,
      actor: { id: await userId(LEADER) },
    });
    const helseInbox = (await api<NotificationsView>(HELSE, 'GET', '/notifications')).body;
    expect(helseInbox.items[0]).toMatchObject({
      kind: 'mention',
      threadId: created.id,
      excerpt: 'Ja. @Ola Berg, kan du se på det?',
    });

    const read = await api<{ unread: number }>(UNION, 'POST', '/notifications/read', {
      ids: [unionInbox.items[0]!.id],
    });
    expect(read.body.unread).toBe(before);
  });

  it('leave the open filter when resolved, and come back when reopened', async () => {
    const union = await pool.connect(UNION, strategyId);
    const created = (await comment(UNION, union.doc, 'visjon', 'andre offentlige', 'Hvilke?')).body;
    const open = async () =>
      (
        await api<{ threads: ThreadView[] }>(UNION, 'GET', `/strategies/${strategyId}/comments?status=open`)
      ).body.threads.map((t) => t.id);
    expect(await open()).toContain(created.id);
    expect((await api(STEERING, 'PATCH', `/comments/${created.id}`, { status: 'resolved' })).status).toBe(403);
    expect((await api(LEADER, 'PATCH', `/comments/${created.id}`, { status: 'resolved' })).body).toMatchObject({
      status: 'resolved',
    });
    expect(await open()).not.toContain(created.id);
    const resolved = (
      await api<{ threads: ThreadView[] }>(UNION, 'GET', `/strategies/${strategyId}/comments?status=resolved`)
    ).body.threads;
    expect(resolved.map((t) => t.id)).toContain(created.id);
    await api(UNION, 'PATCH', `/comments/${created.id}`, { status: 'open' });
    expect(await open()).toContain(created.id);
  });

  it('filter by mine, section and the author’s role, in document order', async () => {
    const union = await pool.connect(UNION, strategyId);
    const steering = await pool.connect(STEERING, strategyId);
    const later = (await comment(UNION, union.doc, 'prinsipper', 'registreres', 'Senere i teksten')).body;
    const earlier = (await comment(STEERING, steering.doc, 'prinsipper', 'Følgende prinsipper', 'Tidligere i teksten'))
      .body;
    const list = async (email: string, query: string) =>
      (
        await api<{ threads: ThreadView[] }>(email, 'GET', `/strategies/${strategyId}/comments?${query}`)
      ).body.threads.map((t) => t.id);
    expect(await list(LEADER, 'section=prinsipper')).toEqual([earlier.id, later.id]);
    expect(await list(UNION, 'section=prinsipper&mine=1')).toEqual([later.id]);
    expect(await list(LEADER, 'section=prinsipper&role=union')).toEqual([later.id]);
    expect(await list(LEADER, 'section=prinsipper&role=steering')).toEqual([earlier.id]);
    expect((await api(LEADER, 'GET', `/strategies/${strategyId}/comments?role=nobody`)).status).toBe(400);
  });
});
