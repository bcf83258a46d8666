import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { lintStrategy } from '@samstrat/shared/lint';
import { auditLog } from '../src/db/schema-audit';
import { measures } from '../src/db/schema-plans';
import { strategyWorkflows } from '../src/db/schema-workflow';
import { strategyContent } from '../src/strategies/content';
import { startTestServer, type TestServer } from './harness';
import { waitFor, waitUntil, type CollabClient } from './collab-client';
import { call } from './members-support';
import { withGoals } from './plans-support';
import { strategyLikeDemo } from './workflow-support';

let s: TestServer;
let strategyId: string;
let leader: string;
let writer: CollabClient;
const SECTION = 'oppvekst-laering';
const SENTENCE = 'Kommunen skal kjøpe inn nettbrett til alle elever innen 2028.';
const move = (cookie: string, body: unknown) =>
  call(s, cookie, 'POST', `/strategies/${strategyId}/action-plans/2027/measures/from-text`, body);

const sectionText = (doc: Y.Doc) => doc.getXmlFragment(`section:${SECTION}`).toString();

/** The finding the strategy page shows for the paragraph, as the web computes it from the content. */
async function finding() {
  const sections = await strategyContent(s.deps, strategyId);
  const content = Object.fromEntries(sections.map((x) => [x.key, x.content]));
  return lintStrategy({ periodStart: 2027, periodEnd: 2030, content, outline: sections }).find(
    (f) => f.ruleId === 'measure-in-text' && f.sectionKey === SECTION,
  );
}

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await strategyLikeDemo(s, await s.strategyId());
  leader = await s.login('leder@eksempel.no');
  writer = await withGoals(s, strategyId, [
    { sectionKey: SECTION, goalId: 'mal-oppvekst', text: 'Alle elever har digitale læremidler' },
  ]);
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText(`Skolen er viktig. ${SENTENCE} Det gir bedre læring.`)]);
  const fragment = writer.doc.getXmlFragment(`section:${SECTION}`);
  fragment.insert(fragment.length, [paragraph]);
  await waitUntil(async () => (await finding()) !== undefined, 'the paragraph to reach the server');
}, 60_000);
afterAll(async () => {
  writer.destroy();
  await s.close();
});

describe('POST /api/strategies/:id/action-plans/:year/measures/from-text', () => {
  it('refuses whoever may not manage the plan, with nothing changed', async () => {
    const f = (await finding())!;
    const editor = await s.login('helse@eksempel.no');
    expect((await move(editor, { sectionKey: SECTION, findingId: f.id })).status).toBe(403);
    expect((await move(leader, { sectionKey: 5 })).status).toBe(400);
    expect(await s.deps.db.select().from(measures).where(eq(measures.strategyId, strategyId))).toEqual([]);
    expect(sectionText(writer.doc)).toContain(SENTENCE);
  });

  it('creates the year’s plan and the measure under the goal, and takes the sentence out of the text', async () => {
    const f = (await finding())!;
    const res = await move(leader, { sectionKey: SECTION, findingId: f.id });
    expect(res.status).toBe(201);
    const [row] = await s.deps.db.select().from(measures).where(eq(measures.id, res.body.id));
    expect(row!.fields).toMatchObject({ title: SENTENCE, description: SENTENCE, goalIds: ['mal-oppvekst'] });
    // Every open editor gets the change like any other edit.
    await waitFor(() => !sectionText(writer.doc).includes(SENTENCE), 'the sentence to leave the open editor');
    expect(sectionText(writer.doc)).toContain('Skolen er viktig. Det gir bedre læring.');
    expect(await finding()).toBeUndefined();
    const plan = await call(s, leader, 'GET', `/strategies/${strategyId}/action-plans/2027`);
    expect(plan.body.measures.map((m: { id: string }) => m.id)).toEqual([res.body.id]);
    const audited = await s.deps.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'measure.created'), eq(auditLog.subjectId, res.body.id)));
    expect(audited[0]!.detail).toMatchObject({ movedFromText: { sectionKey: SECTION, sentence: SENTENCE } });
    // Done once: the finding is gone, so moving it again finds nothing.
    expect((await move(leader, { sectionKey: SECTION, findingId: f.id })).status).toBe(409);
  });

  it('takes the sentence out of the finding’s own paragraph when an earlier one holds the same words', async () => {
    const twice = 'Kommunen skal kjøpe inn lesebrett til alle lærere innen 2028.';
    const fragment = writer.doc.getXmlFragment(`section:${SECTION}`);
    for (const opening of ['Dette er det første avsnittet.', 'Dette er det andre avsnittet.']) {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText(`${opening} ${twice}`)]);
      fragment.insert(fragment.length, [paragraph]);
    }
    const findings = async () => {
      const sections = await strategyContent(s.deps, strategyId);
      const content = Object.fromEntries(sections.map((x) => [x.key, x.content]));
      return lintStrategy({ periodStart: 2027, periodEnd: 2030, content, outline: sections }).filter(
        (f) => f.ruleId === 'measure-in-text' && f.sectionKey === SECTION,
      );
    };
    await waitUntil(async () => (await findings()).length === 2, 'both paragraphs to reach the server');
    const second = (await findings())[1]!;
    expect((await move(leader, { sectionKey: SECTION, findingId: second.id })).status).toBe(201);
    await waitFor(() => sectionText(writer.doc).includes('Dette er det andre avsnittet.</paragraph>'), 'the move');
    expect(sectionText(writer.doc)).toContain(`Dette er det første avsnittet. ${twice}</paragraph>`);
    expect(await findings()).toHaveLength(1);
  });

  it('is refused while the text is frozen, with nothing changed', async () => {
    const second = 'Kommunen skal innføre ny læringsplattform innen 2029.';
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(second)]);
    const fragment = writer.doc.getXmlFragment(`section:${SECTION}`);
    fragment.insert(fragment.length, [paragraph]);
    await waitUntil(async () => (await finding()) !== undefined, 'the second paragraph to reach the server');
    const f = (await finding())!;
    // As the workflow freezes it at the steering gate.
    await s.deps.db.transaction(async (tx) => {
      await tx
        .insert(strategyWorkflows)
        .values({ strategyId, frozen: true })
        .onConflictDoUpdate({ target: strategyWorkflows.strategyId, set: { frozen: true } });
    });
    const before = (await s.deps.db.select().from(measures).where(eq(measures.strategyId, strategyId))).length;
    const res = await move(leader, { sectionKey: SECTION, findingId: f.id });
    expect([res.status, res.body.error?.code]).toEqual([409, 'text_frozen']);
    expect(await s.deps.db.select().from(measures).where(eq(measures.strategyId, strategyId))).toHaveLength(before);
    expect(await finding()).toBeDefined();
  });
});
