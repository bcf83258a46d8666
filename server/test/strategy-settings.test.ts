import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { strategies } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { connect, synced, waitFor } from './collab-client';
import { createThread } from '../src/comments/commands';
import { anchorOf } from './comments-support';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, userIdOf, type Json } from './members-support';
import { EDITOR, LEADER, outsiderCookie, strategyLikeDemo } from './workflow-support';

// Strategy settings and archive (issue 13): leaders change title and period until adoption;
// organization admins archive (read-only, out of the lists, restorable) and delete only an empty one.

let s: TestServer;
let demoId: string;
let organizationId: string;
let leader: string;
let editor: string;

beforeAll(async () => {
  s = await startTestServer({ COLLAB_UNLOAD_DELAY_MS: '0' });
  demoId = await s.strategyId();
  organizationId = await organizationOf(s, demoId);
  leader = await s.login(LEADER);
  editor = await s.login(EDITOR);
}, 30_000);
afterAll(() => s.close());

const row = async (id: string) => (await s.deps.db.select().from(strategies).where(eq(strategies.id, id)))[0];
const entries = async (id: string, action: string) =>
  s.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.strategyId, id), eq(auditLog.action, action)));

describe('PATCH /api/strategies/:id', () => {
  it('lets a leader change title and period, audited; the list shows the new title', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const res = await call(s, leader, 'PATCH', `/strategies/${id}`, {
      title: 'Digital kommune 2028–2031',
      periodStart: 2028,
      periodEnd: 2031,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await row(id)).toMatchObject({ title: 'Digital kommune 2028–2031', periodStart: 2028, periodEnd: 2031 });
    const list = (await call(s, leader, 'GET', '/strategies')).body as Json[];
    expect(list.find((x) => x.id === id)?.title).toBe('Digital kommune 2028–2031');
    const [entry] = await entries(id, 'strategy.settings_changed');
    expect(entry?.detail).toMatchObject({
      after: { title: 'Digital kommune 2028–2031', periodStart: 2028, periodEnd: 2031 },
    });
  });

  it('checks the period as it would be, and changes nothing on bad input', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const before = await row(id);
    // The stored start is 2027: an end of 2031 makes five years.
    const long = await call(s, leader, 'PATCH', `/strategies/${id}`, { periodEnd: 2031 });
    expect(long.status).toBe(400);
    expect(long.body.error.code).toBe('period_too_long');
    expect((await call(s, leader, 'PATCH', `/strategies/${id}`, { title: ' ' })).body.error.code).toBe(
      'strategy_title_required',
    );
    expect((await call(s, leader, 'PATCH', `/strategies/${id}`, {})).status).toBe(400);
    expect(await row(id)).toEqual(before);
  });

  it('refuses an editor (403), someone of another organization (404), and an adopted strategy (409)', async () => {
    const id = await strategyLikeDemo(s, demoId);
    expect((await call(s, editor, 'PATCH', `/strategies/${id}`, { title: 'Nei' })).status).toBe(403);
    expect((await call(s, await outsiderCookie(s), 'PATCH', `/strategies/${id}`, { title: 'Nei' })).status).toBe(404);
    await s.deps.db.transaction((tx) => tx.update(strategies).set({ stage: 'vedtatt' }).where(eq(strategies.id, id)));
    const adopted = await call(s, leader, 'PATCH', `/strategies/${id}`, { title: 'Nei' });
    expect(adopted.status).toBe(409);
    expect(adopted.body.error.code).toBe('strategy_adopted');
    expect((await row(id))?.title).not.toBe('Nei');
  });
});

describe('archive and restore', () => {
  it('makes a strategy read-only and takes it out of the lists; restoring brings both back', async () => {
    const id = await strategyLikeDemo(s, demoId);
    // The editor has a comment in it.
    const doc = await s.loadDocument(id);
    const anchor = anchorOf(doc, 'visjon', 'digital');
    doc.destroy();
    const threadId = await createThread(
      s.deps,
      id,
      { userId: await userIdOf(s, EDITOR), role: 'editor' },
      { sectionKey: 'visjon', anchor, quote: 'digital', body: 'Før arkivering' },
    );
    // An editor is writing when the strategy is archived: the socket closes as for a frozen text.
    const socket = connect(s.url, id, editor);
    await synced(socket);
    expect((await call(s, editor, 'POST', `/admin/strategies/${id}/archive`)).status).toBe(403);
    const res = await call(s, leader, 'POST', `/admin/strategies/${id}/archive`);
    expect(res.status).toBe(200);
    await waitFor(() => socket.closeCodes.includes(CLOSE_CODES.frozen), 'the socket closing as for a frozen text');

    const list = (await call(s, editor, 'GET', '/strategies')).body as Json[];
    expect(list.map((x) => x.id)).not.toContain(id);
    const detail = await call(s, editor, 'GET', `/strategies/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ archived: true, frozen: true, abilities: { edit: false, comment: false } });
    // Still readable in every way, but nothing changes.
    expect((await call(s, editor, 'GET', `/strategies/${id}/versions`)).status).toBe(200);
    const invite = await call(s, leader, 'POST', `/strategies/${id}/members`, {
      email: 'ny@eksempel.no',
      role: 'editor',
    });
    expect(invite.status).toBe(409);
    expect(invite.body.error.code).toBe('strategy_archived');
    expect((await call(s, leader, 'PATCH', `/strategies/${id}`, { title: 'Arkivert' })).status).toBe(409);
    // Comments too: readable, but not changed.
    expect((await call(s, editor, 'GET', `/comments/${threadId}`)).status).toBe(200);
    const edit = await call(s, editor, 'PATCH', `/comments/${threadId}`, { body: 'Etter arkivering' });
    expect(edit.status).toBe(409);
    expect(edit.body.error.code).toBe('strategy_archived');
    const admins = (await call(s, leader, 'GET', '/admin/strategies')).body.strategies as Json[];
    expect(admins.find((x) => x.id === id)).toMatchObject({ archived: true, empty: false });
    expect(await entries(id, 'strategy.archived')).toHaveLength(1);

    expect((await call(s, leader, 'POST', `/admin/strategies/${id}/restore`)).status).toBe(200);
    expect(((await call(s, editor, 'GET', '/strategies')).body as Json[]).map((x) => x.id)).toContain(id);
    expect((await call(s, editor, 'GET', `/strategies/${id}`)).body).toMatchObject({
      archived: false,
      frozen: false,
      abilities: { edit: true },
    });
    expect(await entries(id, 'strategy.restored')).toHaveLength(1);
    socket.destroy();
  });

  it('answers 404 to someone of another organization', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const outsider = await outsiderCookie(s);
    expect((await call(s, outsider, 'POST', `/admin/strategies/${id}/archive`)).status).toBe(404);
    expect((await call(s, outsider, 'DELETE', `/admin/strategies/${id}`)).status).toBe(404);
    expect((await row(id))?.archivedAt).toBeNull();
  });
});

describe('delete', () => {
  it('deletes a strategy nobody has worked on, audited; refuses one with work in it (409)', async () => {
    const created = await call(s, leader, 'POST', '/strategies', {
      title: 'Feilopprettet',
      periodStart: 2031,
      periodEnd: 2034,
      writtenForm: 'nb',
      start: { kind: 'empty' },
    });
    expect(created.status).toBe(201);
    const emptyId: string = created.body.id;
    expect(
      ((await call(s, leader, 'GET', '/admin/strategies')).body.strategies as Json[]).find((x) => x.id === emptyId),
    ).toMatchObject({ empty: true, archived: false });
    // A member who is no admin may not, even as its leader.
    const lead = await createAccount(s, { organizationId, strategyId: emptyId, role: 'leader' });
    expect((await call(s, await s.login(lead.email), 'DELETE', `/admin/strategies/${emptyId}`)).status).toBe(403);

    const withWork = await strategyLikeDemo(s, demoId);
    const refused = await call(s, leader, 'DELETE', `/admin/strategies/${withWork}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('strategy_not_empty');
    expect(await row(withWork)).toBeDefined();

    // Two members now (the creator and `lead`): not empty either. Without `lead`, it is.
    expect((await call(s, leader, 'DELETE', `/admin/strategies/${emptyId}`)).status).toBe(409);
    expect(
      (await call(s, leader, 'DELETE', `/strategies/${emptyId}/members/${await userIdOf(s, lead.email)}`)).status,
    ).toBe(200);
    expect((await call(s, leader, 'DELETE', `/admin/strategies/${emptyId}`)).status).toBe(200);
    expect(await row(emptyId)).toBeUndefined();
    const [entry] = await entries(emptyId, 'strategy.deleted');
    expect(entry?.detail).toMatchObject({ title: 'Feilopprettet' });
  });
});
