import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadView } from '@samstrat/shared/comments';
import { users } from '../src/db/schema';
import { waitFor } from './collab-client';
import { anchorOf, apiAs, clientPool, readEvents, type EventReader } from './comments-support';
import { startTestServer, type TestServer } from './harness';

const UNION = 'tillitsvalgt@eksempel.no';
const LEADER = 'leder@eksempel.no';
const STEERING = 'styring@eksempel.no';
const ADVISOR = 'radgiver@eksempel.no';

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
  for (const r of readers.splice(0)) r.close();
});
afterAll(() => s.close());

const eventsUrl = (id = strategyId) => `${s.url}/api/strategies/${id}/events`;

async function listen(cookie: string, headers: Record<string, string> = {}) {
  const reader = await readEvents(eventsUrl(), cookie, headers);
  readers.push(reader);
  // Subscribed once the stream is open: the server registers before it sends the first bytes.
  await waitFor(
    () => s.deps.events.listenerCount(strategyId) >= readers.filter((r) => !r.ended).length,
    'the stream to subscribe',
  );
  return reader;
}

const userId = async (email: string) =>
  (await s.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0]!.id;

async function startThread(email: string) {
  const client = await pool.connect(email, strategyId);
  const res = await helpers.api<ThreadView>(email, 'POST', `/strategies/${strategyId}/comments`, {
    sectionKey: 'visjon',
    anchor: anchorOf(client.doc, 'visjon', 'gode tjenester'),
    quote: 'gode tjenester',
    body: 'Hva betyr gode?',
  });
  expect(res.status).toBe(201);
  return res.body;
}

describe('GET /api/strategies/:id/events', () => {
  it('delivers comment events to another member as they happen', async () => {
    const leader = await listen(await helpers.cookieOf(LEADER));
    const created = await startThread(UNION);
    await waitFor(
      () => leader.events.some((e) => e.event === 'comment.created'),
      'comment.created to reach the leader',
    );
    expect(leader.events.find((e) => e.event === 'comment.created')).toMatchObject({
      // The strategy's own sequence number, the same on every process (events.ts).
      id: expect.stringMatching(/^\d+$/),
      data: { type: 'comment.created', threadId: created.id, sectionKey: 'visjon', authorId: await userId(UNION) },
    });

    await helpers.api(LEADER, 'POST', `/comments/${created.id}/replies`, { body: 'Godt spørsmål' });
    await helpers.api(LEADER, 'PATCH', `/comments/${created.id}`, { status: 'resolved' });
    await waitFor(() => leader.events.some((e) => e.event === 'comment.updated'), 'comment.updated to arrive');
    expect(leader.events.map((e) => e.event)).toEqual(['comment.created', 'comment.reply', 'comment.updated']);
  });

  it('delivers a notification only to the member it is for', async () => {
    const union = await listen(await helpers.cookieOf(UNION));
    const steering = await listen(await helpers.cookieOf(STEERING));
    const created = await startThread(UNION);
    await helpers.api(LEADER, 'POST', `/comments/${created.id}/replies`, { body: 'Svar' });
    await waitFor(() => union.events.some((e) => e.event === 'notification'), 'the union rep to be notified');
    await waitFor(() => steering.events.some((e) => e.event === 'comment.reply'), 'the reply to reach steering');
    expect(union.events.find((e) => e.event === 'notification')!.data).toMatchObject({ userId: await userId(UNION) });
    expect(steering.events.some((e) => e.event === 'notification')).toBe(false);
  });

  it('answers 401 without a session and 404 for a strategy the caller is not a member of', async () => {
    expect((await readEvents(eventsUrl(), '')).status).toBe(401);
    expect((await readEvents(eventsUrl('no-such-strategy'), await helpers.cookieOf(LEADER))).status).toBe(404);
  });

  it('replays what a reconnecting client missed, and asks for a resync when it cannot tell', async () => {
    const cookie = await helpers.cookieOf(LEADER);
    const first = await listen(cookie);
    await s.deps.events.publish(strategyId, { type: 'outline.changed' });
    await waitFor(() => first.events.length === 1, 'the first event');
    const lastId = first.events[0]!.id!;
    first.close();
    await s.deps.events.publish(strategyId, { type: 'members.changed' });
    await s.deps.events.publish(strategyId, { type: 'workflow.changed', stage: 'horing' });

    const again = await listen(cookie, { 'last-event-id': lastId });
    await waitFor(() => again.events.length === 2, 'the missed events');
    expect(again.events.map((e) => e.event)).toEqual(['members.changed', 'workflow.changed']);

    const stranger = await listen(cookie, { 'last-event-id': 'beforearestart.12' });
    await waitFor(() => stranger.events.length === 1, 'the resync');
    expect(stranger.events[0]!.event).toBe('stream.resync');
  });

  it('stops listening when the client goes away', async () => {
    await waitFor(() => s.deps.events.listenerCount(strategyId) === 0, 'earlier streams to be gone');
    const reader = await listen(await helpers.cookieOf(LEADER));
    expect(s.deps.events.listenerCount(strategyId)).toBe(1);
    reader.close();
    await waitFor(() => s.deps.events.listenerCount(strategyId) === 0, 'the listener to be dropped');
  });

  it('ends when the session ends', async () => {
    const cookie = await s.login(STEERING);
    const reader = await listen(cookie);
    await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: s.url } });
    await s.deps.events.publish(strategyId, { type: 'outline.changed' });
    await waitFor(() => reader.ended, 'the stream to end');
    expect(reader.events).toEqual([]);
  });

  it('ends when the bus closes it, and keeps a heartbeat going while open', async () => {
    s.deps.events.heartbeatMs = 50;
    const closed = await listen(await s.login(LEADER));
    await waitFor(() => closed.comments.includes('heartbeat'), 'a heartbeat');
    const leaderId = await userId(LEADER);
    expect(s.deps.events.closeStreams((stream) => stream.userId === leaderId, 'test')).toBeGreaterThan(0);
    await waitFor(() => closed.ended, 'the closed stream to end');
  });

  it('ends a removed member’s stream at once, as the removal closes their sockets, with nothing published', async () => {
    // Long heartbeats, so nothing but the removal itself could end the stream in time.
    s.deps.events.heartbeatMs = 600_000;
    const cookie = await s.login(ADVISOR);
    const advisor = await listen(cookie);
    const other = await listen(await helpers.cookieOf(LEADER));
    const removed = await helpers.api(LEADER, 'DELETE', `/strategies/${strategyId}/members/${await userId(ADVISOR)}`);
    expect(removed.status).toBe(200);
    await waitFor(() => advisor.ended, 'the removed member’s stream to end');
    expect(other.ended).toBe(false);
    // Streams are authorized when they open: a removed member cannot open a new one.
    expect((await readEvents(eventsUrl(), cookie)).status).toBe(404);
  });
});
