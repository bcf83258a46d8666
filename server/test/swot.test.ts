import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SwotEntry } from '@samstrat/shared/swot';
import { auditLog } from '../src/db/schema-audit';
import { swotEntries } from '../src/db/schema-benefits';
import { strategyWorkflows } from '../src/db/schema-workflow';
import { sectionText, waitFor } from './collab-client';
import { apiAs, clientPool, readEvents, type EventReader } from './comments-support';
import { startTestServer, type TestServer } from './harness';

const LEADER = 'leder@eksempel.no';
const UNION = 'tillitsvalgt@eksempel.no';
const POLITICIAN = 'politiker@eksempel.no';

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

const base = () => `/strategies/${strategyId}/swot`;
const board = async (email: string) => (await helpers.api<{ entries: SwotEntry[] }>(email, 'GET', base())).body.entries;

async function freeze(frozen: boolean) {
  await s.deps.db.transaction((tx) =>
    tx
      .insert(strategyWorkflows)
      .values({ strategyId, frozen })
      .onConflictDoUpdate({ target: strategyWorkflows.strategyId, set: { frozen } }),
  );
}

describe('/api/strategies/:id/swot', () => {
  it('takes an entry from a commenting member, with its author, live to another member', async () => {
    const reader = await readEvents(
      `${s.url}/api${base().replace('/swot', '/events')}`,
      await helpers.cookieOf(LEADER),
    );
    readers.push(reader);
    await waitFor(() => s.deps.events.listenerCount(strategyId) >= 1, 'the stream to subscribe');

    const res = await helpers.api<{ id: string }>(UNION, 'POST', base(), {
      kind: 'weakness',
      text: '  Få ansatte med IKT-kompetanse  ',
    });
    expect(res.status).toBe(201);
    await waitFor(() => reader.events.some((e) => e.event === 'swot.changed'), 'swot.changed to reach the leader');

    const entries = await board(POLITICIAN);
    expect(entries).toEqual([
      expect.objectContaining({
        id: res.body.id,
        kind: 'weakness',
        text: 'Få ansatte med IKT-kompetanse',
        author: expect.objectContaining({ name: expect.stringMatching(/\S/) }),
      }),
    ]);
    const audited = await s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'swot.entry_added'));
    expect(audited).toHaveLength(1);
  });

  it('refuses bad input with 400 and a reader (no comment rights) with 403, storing nothing', async () => {
    const before = (await s.deps.db.select().from(swotEntries)).length;
    for (const body of [
      { kind: 'joker', text: 'x' },
      { kind: 'threat', text: '   ' },
      { kind: 'threat', text: 'x'.repeat(501) },
    ]) {
      const res = await helpers.api<{ error: { message: string } }>(LEADER, 'POST', base(), body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/\S/);
    }
    expect((await helpers.api(POLITICIAN, 'POST', base(), { kind: 'threat', text: 'Budsjettkutt' })).status).toBe(403);
    expect(await s.deps.db.select().from(swotEntries)).toHaveLength(before);
  });

  it('lets the leader insert the board into the status appendix, written by the server into the document', async () => {
    await helpers.api(LEADER, 'POST', base(), { kind: 'threat', text: 'Budsjettkutt i økonomiplanen' });
    const client = await pool.connect(UNION, strategyId);
    // Asked in English: the headings are written in the text's form (bokmål) all the same.
    const insert = await fetch(`${s.url}/api${base()}/insert`, {
      method: 'POST',
      headers: { cookie: await s.login(LEADER), origin: s.url, 'accept-language': 'en' },
    });
    expect(insert.status).toBe(200);
    const key = ((await insert.json()) as { sectionKey: string }).sectionKey;
    expect(key).toMatch(/vedlegg|status/);
    // Another member's open document gets the text: it went through the room, not beside it.
    await waitFor(() => sectionText(client.doc, key).includes('Budsjettkutt i økonomiplanen'), 'the inserted text');
    const text = sectionText(client.doc, key);
    expect(text).toContain('SWOT-analyse');
    expect(text).toContain('Trusler');
    expect(text).not.toContain('Threats');
    expect(text).toContain('Få ansatte med IKT-kompetanse');
    const audited = await s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'swot.inserted'));
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ strategyId, detail: { sectionKey: key, entries: 2 } });
  });

  it('refuses the insert to a non-leader (403) and while the text is frozen (409), leaving the text alone', async () => {
    expect((await helpers.api(UNION, 'POST', `${base()}/insert`)).status).toBe(403);
    await freeze(true);
    try {
      const res = await helpers.api<{ error: { code: string } }>(LEADER, 'POST', `${base()}/insert`);
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('text_frozen');
    } finally {
      await freeze(false);
    }
    const audited = await s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'swot.inserted'));
    expect(audited).toHaveLength(1);
  });
});
