import { eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import type { ThreadView } from '@samstrat/shared/comments';
import { contentHash } from '@samstrat/shared/content-hash';
import type { VersionDiff } from '@samstrat/shared/diff';
import { auditLog } from '../src/db/schema-audit';
import { strategyWorkflows } from '../src/db/schema-workflow';
import { strategyContent } from '../src/strategies/content';
import { sectionText, waitFor, writeParagraph } from './collab-client';
import type { OutlineEntry } from '@samstrat/shared/outline';
import { anchorOf, apiAs, clientPool, readEvents, type EventReader } from './comments-support';
import { startTestServer, type TestServer } from './harness';

// Issue 13, "Outline editing, live": a leader changes the outline while others have the strategy
// open. Their sockets stay open (no close code at all) and take the new rights at once; a removed
// section's text and threads come back whole; an update to a removed section is refused.

const LEADER = 'leder@eksempel.no';
const ADVISOR = 'radgiver@eksempel.no';
const VIEWER = 'politiker@eksempel.no';

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

interface Outline {
  sections: {
    key: string;
    number: string;
    title: string;
    parentKey: string | null;
    abilities: { edit: boolean };
    substrategy: OutlineEntry['substrategy'];
  }[];
}

const outline = async (email = ADVISOR) =>
  (await api<Outline>(email, 'GET', `/strategies/${strategyId}`)).body.sections;
const serverText = (key: string) => sectionText(s.rooms.get(strategyId)!.doc, key);
const sections = (path = '') => `/strategies/${strategyId}/sections${path}`;
/** The outline the newest `outline.changed` event on the stream carried. */
const lastOutlineEvent = (events: EventReader) =>
  (
    [...events.events].reverse().find((e) => e.event === 'outline.changed')?.data as
      { outline?: OutlineEntry[] } | undefined
  )?.outline;

describe('outline editing while others have the strategy open', () => {
  it('adds, renames, moves and removes sections without closing anyone’s socket; restore brings text and threads back', async () => {
    const advisor = await pool.connect(ADVISOR, strategyId);
    const viewer = await pool.connect(VIEWER, strategyId);
    const leader = await pool.connect(LEADER, strategyId);
    const events = await readEvents(`${s.url}/api/strategies/${strategyId}/events`, await s.login(VIEWER));
    try {
      writeParagraph(advisor.doc, 'kommuneportal', 'Portalen samler alle skjemaer.');
      await waitFor(() => serverText('kommuneportal').includes('Portalen samler'), 'the advisor’s text to land');
      await waitFor(() => sectionText(leader.doc, 'kommuneportal').includes('Portalen samler'), 'the leader to see it');
      const thread = await api<ThreadView>(LEADER, 'POST', `/strategies/${strategyId}/comments`, {
        sectionKey: 'kommuneportal',
        anchor: anchorOf(leader.doc, 'kommuneportal', 'alle skjemaer'),
        quote: 'alle skjemaer',
        body: 'Også byggesak?',
      });
      expect(thread.status).toBe(201);

      // Add an area under Tjenesteområder: the advisor writes it at once, on the same socket.
      const hashBefore = contentHash(await strategyContent(s.deps, strategyId));
      const added = await api<{ section: { key: string } }>(LEADER, 'POST', sections(), {
        title: 'Næring og samfunnsutvikling',
        parentKey: 'tjenesteomrader',
      });
      expect(added.status).toBe(201);
      const key = added.body.section.key;
      expect(key).toBe('egen-naering-og-samfunnsutvikling');
      await waitFor(() => events.events.some((e) => e.event === 'outline.changed'), 'outline.changed on the stream');
      const withNew = await outline();
      const created = withNew.find((x) => x.key === key)!;
      expect(created.parentKey).toBe('tjenesteomrader');
      expect(created.abilities.edit).toBe(true);
      // The event carries the outline as every member sees it, so open pages show it without a round trip.
      expect(lastOutlineEvent(events)).toEqual(
        withNew.map(({ key, number, title, parentKey, substrategy }) => ({
          key,
          number,
          title,
          parentKey,
          substrategy,
        })),
      );
      writeParagraph(advisor.doc, key, 'Næringslivet får digitale tjenester.');
      await waitFor(() => serverText(key).includes('Næringslivet'), 'the advisor’s text in the new area');

      // Rename and move: numbering follows, and the content hash covers it.
      expect((await api(LEADER, 'PATCH', sections(`/${key}/title`), { title: 'Næring' })).status).toBe(200);
      const renamedHash = contentHash(await strategyContent(s.deps, strategyId));
      expect(renamedHash).not.toBe(hashBefore);
      const order = (await outline()).reduce<{ key: string; children: string[] }[]>((chapters, x) => {
        if (x.parentKey === null) chapters.push({ key: x.key, children: [] });
        else chapters.find((c) => c.key === x.parentKey)!.children.push(x.key);
        return chapters;
      }, []);
      const services = order.find((c) => c.key === 'tjenesteomrader')!;
      services.children = [key, ...services.children.filter((k) => k !== key)];
      expect((await api(LEADER, 'PUT', sections('/order'), { chapters: order })).status).toBe(200);
      const moved = await outline();
      const servicesNumber = moved.find((x) => x.key === 'tjenesteomrader')!.number;
      expect(moved.find((x) => x.key === key)).toMatchObject({ number: `${servicesNumber}.1`, title: 'Næring' });
      await waitFor(
        () => lastOutlineEvent(events)?.find((x) => x.key === key)?.number === `${servicesNumber}.1`,
        'the move’s outline on the stream',
      );
      expect(lastOutlineEvent(events)?.map((x) => `${x.number} ${x.title}`)).toEqual(
        moved.map((x) => `${x.number} ${x.title}`),
      );
      expect(contentHash(await strategyContent(s.deps, strategyId))).not.toBe(renamedHash);

      // Remove the area with text and a thread: gone from the outline, listed as removed, not writable.
      expect((await api(LEADER, 'DELETE', sections('/kommuneportal'))).status).toBe(200);
      expect((await outline()).some((x) => x.key === 'kommuneportal')).toBe(false);
      const removed = await api<{ removed: { key: string; title: string }[] }>(ADVISOR, 'GET', sections('/removed'));
      expect(removed.body.removed.map((r) => r.key)).toContain('kommuneportal');
      // Nobody's socket closed for any of it, also on PostgreSQL, where a command's serializable
      // transaction may be retried: its first attempt's edit never reached the live document.
      expect([advisor.closeCodes, viewer.closeCodes, leader.closeCodes]).toEqual([[], [], []]);

      writeParagraph(advisor.doc, 'kommuneportal', 'Skrevet etter fjerningen.');
      await waitFor(
        () => advisor.closeCodes.includes(CLOSE_CODES.rightsChanged),
        'the removed section’s update refused',
      );
      expect(serverText('kommuneportal')).not.toContain('Skrevet etter fjerningen');

      // Restore: the text and the thread are there as they were.
      expect((await api(LEADER, 'POST', sections('/removed/kommuneportal/restore'))).status).toBe(200);
      const restored = await outline();
      expect(restored.find((x) => x.key === 'kommuneportal')).toMatchObject({ parentKey: 'tverrgaende' });
      expect(serverText('kommuneportal')).toContain('Portalen samler alle skjemaer.');
      const back = await api<ThreadView>(LEADER, 'GET', `/comments/${thread.body.id}`);
      expect(back.body).toMatchObject({ quote: 'alle skjemaer', status: 'open', position: { detached: false } });

      const audited = await s.deps.db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(eq(auditLog.strategyId, strategyId));
      for (const action of [
        'outline.section_added',
        'outline.section_renamed',
        'outline.reordered',
        'outline.section_removed',
        'outline.section_restored',
      ]) {
        expect(audited.map((a) => a.action)).toContain(action);
      }
    } finally {
      events.close();
    }
  });

  it('never reuses a removed section’s key, so its text never comes back under a new section', async () => {
    const advisor = await pool.connect(ADVISOR, strategyId);
    const added = await api<{ section: { key: string } }>(LEADER, 'POST', sections(), { title: 'Kultur' });
    const key = added.body.section.key;
    writeParagraph(advisor.doc, key, 'Biblioteket er digitalt.');
    await waitFor(() => serverText(key).includes('Biblioteket'), 'the text in the new chapter');
    expect((await api(LEADER, 'DELETE', sections(`/${key}`))).status).toBe(200);
    const again = await api<{ section: { key: string } }>(LEADER, 'POST', sections(), { title: 'Kultur' });
    expect(again.body.section.key).not.toBe(key);
    // Only the empty paragraph every new section starts with.
    expect(serverText(again.body.section.key)).toBe('<paragraph></paragraph>');
    expect(advisor.closeCodes).toEqual([]);
  });

  it('refuses bad input with 4xx and changes nothing; refuses every change while the text is frozen', async () => {
    const before = await outline(LEADER);
    const bad = [
      await api(LEADER, 'POST', sections(), { title: '   ' }),
      await api(LEADER, 'POST', sections(), { title: 'X', parentKey: 'kommuneportal' }),
      await api(LEADER, 'DELETE', sections('/tjenesteomrader')),
      await api(LEADER, 'PUT', sections('/order'), { chapters: [{ key: 'visjon', children: [] }] }),
      await api(LEADER, 'PATCH', sections('/finnes-ikke/title'), { title: 'X' }),
    ];
    expect(bad.map((r) => r.status)).toEqual([400, 409, 409, 409, 404]);
    expect((bad[2]!.body as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'section_has_areas',
      message: expect.stringContaining('Flytt eller fjern'),
    });
    expect((await api(ADVISOR, 'POST', sections(), { title: 'X' })).status).toBe(403);
    expect(await outline(LEADER)).toEqual(before);

    const freeze = (frozen: boolean) =>
      s.deps.db.transaction(async (tx) => {
        // As the workflow freezes it at the steering gate (the row may not exist before the first transition).
        await tx
          .insert(strategyWorkflows)
          .values({ strategyId, frozen })
          .onConflictDoUpdate({ target: strategyWorkflows.strategyId, set: { frozen } });
      });
    await freeze(true);
    try {
      const frozen = await api<{ error: { code: string } }>(LEADER, 'POST', sections(), { title: 'Ny' });
      expect(frozen.status).toBe(409);
      expect(frozen.body.error.code).toBe('text_frozen');
      expect((await api(LEADER, 'DELETE', sections('/intranett'))).status).toBe(409);
      const shape = (list: Outline['sections']) => list.map((x) => `${x.number} ${x.key} ${x.title}`);
      expect(shape(await outline(LEADER))).toEqual(shape(before));
    } finally {
      await freeze(false);
    }
  });

  it('records the outline in versions: the diff shows sections added, removed, renamed and moved', async () => {
    const first = await api<{ id: string }>(LEADER, 'POST', `/strategies/${strategyId}/versions`, { name: 'Før' });
    expect(first.status).toBe(201);
    const added = await api<{ section: { key: string } }>(LEADER, 'POST', sections(), { title: 'Bærekraft' });
    await api(LEADER, 'PATCH', sections('/visjon/title'), { title: 'Vår visjon' });
    await api(LEADER, 'DELETE', sections('/intranett'));
    const order = (await outline(LEADER)).reduce<{ key: string; children: string[] }[]>((chapters, x) => {
      if (x.parentKey === null) chapters.push({ key: x.key, children: [] });
      else chapters.find((c) => c.key === x.parentKey)!.children.push(x.key);
      return chapters;
    }, []);
    const from = order.find((c) => c.children.includes('informasjonssikkerhet'))!;
    from.children = from.children.filter((k) => k !== 'informasjonssikkerhet');
    order.find((c) => c.key === 'vedlegg')!.children.push('informasjonssikkerhet');
    expect((await api(LEADER, 'PUT', sections('/order'), { chapters: order })).status).toBe(200);
    const second = await api<{ id: string }>(LEADER, 'POST', `/strategies/${strategyId}/versions`, { name: 'Etter' });
    const diff = await api<VersionDiff>(
      LEADER,
      'GET',
      `/strategies/${strategyId}/versions/${first.body.id}/diff/${second.body.id}`,
    );
    const byKey = new Map(diff.body.sections.map((x) => [x.key, x]));
    expect(byKey.get(added.body.section.key)?.status).toBe('added');
    expect(byKey.get('intranett')?.status).toBe('removed');
    expect(byKey.get('visjon')).toMatchObject({ status: 'changed', titleBefore: 'Visjon', title: 'Vår visjon' });
    expect(byKey.get('informasjonssikkerhet')).toMatchObject({ status: 'changed', numberBefore: expect.any(String) });
  });
});
