import * as Y from 'yjs';
import type { MeasureFields } from '@samstrat/shared/action-plans';
import type { TestServer } from './harness';
import { connect, synced, waitUntil, type CollabClient } from './collab-client';
import { call } from './members-support';

/** Appends a goal block (as the editor's binding writes one) with a stable id to a section. */
export function writeGoal(doc: Y.Doc, sectionKey: string, goalId: string, text: string, kind: 'main' | 'sub' = 'main') {
  const goal = new Y.XmlElement(kind === 'main' ? 'mainGoal' : 'subGoal');
  goal.setAttribute('goalId', goalId);
  goal.insert(0, [new Y.XmlText(text)]);
  const fragment = doc.getXmlFragment(`section:${sectionKey}`);
  fragment.insert(fragment.length, [goal]);
}

/** A leader's socket that writes goals into the text, waiting until the server has them. */
export async function withGoals(
  s: TestServer,
  strategyId: string,
  goals: { sectionKey: string; goalId: string; text: string }[],
): Promise<CollabClient> {
  const client = connect(s.url, strategyId, await s.login('leder@eksempel.no'));
  await synced(client);
  for (const g of goals) writeGoal(client.doc, g.sectionKey, g.goalId, g.text);
  await waitUntil(async () => {
    const res = await call(s, await s.login('leder@eksempel.no'), 'GET', `/strategies/${strategyId}/action-plans`);
    return res.status === 200 && (await goalIdsOnServer(s, strategyId)).length >= goals.length;
  }, 'the goals to reach the server');
  return client;
}

async function goalIdsOnServer(s: TestServer, strategyId: string): Promise<string[]> {
  const { liveGoals } = await import('../src/plans/goals');
  return (await liveGoals(s.deps, strategyId)).map((g) => g.goalId);
}

/** A valid measure; `change` adjusts it. */
export function measure(ownerId: string, goalIds: string[], change: Partial<MeasureFields> = {}): MeasureFields {
  return {
    title: 'Digitale søknader i barnehage',
    description: 'Søknad om barnehageplass skal kunne sendes digitalt.',
    goalIds,
    ownerId,
    unitName: 'Oppvekstkontoret',
    sectionKey: 'oppvekst-laering',
    startYear: 2027,
    endYear: 2028,
    budget: [
      { year: 2027, investment: 250_000, operating: 40_000 },
      { year: 2028, investment: 0, operating: 40_000 },
    ],
    expectedBenefit: 'Færre henvendelser på telefon; saksbehandlere sparer tid.',
    indicators: [
      {
        name: 'Andel digitale søknader',
        unit: '%',
        baseline: 35,
        target: 90,
        actual: [{ year: 2027, value: 60 }],
        source: 'Kommunens fagsystem',
      },
    ],
    changesWork: true,
    unionDiscussion: {
      date: '2027-02-01',
      participants: 'Fagforbundet, Utdanningsforbundet',
      summary: 'Drøftet; ingen merknader.',
    },
    ...change,
  };
}

const fixtures = new Map<string, Promise<void>>();

/** The goal the authorization matrix links its measures to. */
export const MATRIX_GOAL = 'matrise-mal';

/**
 * Once per strategy: a goal in the text (written through a real socket) and the 2027 plan, for the
 * authorization matrix's rows about plans and measures.
 */
export function planFixture(s: TestServer, strategyId: string): Promise<void> {
  let ready = fixtures.get(strategyId);
  if (!ready) {
    ready = (async () => {
      const client = await withGoals(s, strategyId, [
        { sectionKey: 'kommuneportal', goalId: MATRIX_GOAL, text: 'Kommuneportalen er inngangen til alle tjenester' },
      ]);
      client.destroy();
      const { createPlan } = await import('../src/plans/commands');
      const { findPlan } = await import('../src/plans/read');
      // The demo strategy has its 2027 plan already.
      if (!(await findPlan(s.deps.db, strategyId, 2027))) await createPlan(s.deps, strategyId, await leaderId(s), 2027);
    })();
    fixtures.set(strategyId, ready);
  }
  return ready;
}

async function leaderId(s: TestServer): Promise<string> {
  const res = await call(s, await s.login('leder@eksempel.no'), 'GET', '/me');
  return res.body.user.id;
}

/** A new measure of the 2027 plan owned by `ownerId`, made by the command itself; answers its id. */
export async function newMeasure(s: TestServer, strategyId: string, ownerId: string): Promise<string> {
  await planFixture(s, strategyId);
  const { addMeasure } = await import('../src/plans/commands');
  return await addMeasure(s.deps, strategyId, await leaderId(s), 2027, measure(ownerId, [MATRIX_GOAL]));
}

/**
 * The strategy's plan for `year` (created if missing) put in `state`, approved as it is unless a
 * draft; answers its content hash. For the authorization matrix's approval rows.
 */
export async function planInState(
  s: TestServer,
  strategyId: string,
  year: number,
  state: 'draft' | 'approved',
): Promise<string> {
  await planFixture(s, strategyId);
  const { createPlan } = await import('../src/plans/commands');
  const { findPlan } = await import('../src/plans/read');
  const { currentContentHash } = await import('../src/plans/approval');
  const { actionPlans } = await import('../src/db/schema-plans');
  const { eq } = await import('drizzle-orm');
  if (!(await findPlan(s.deps.db, strategyId, year))) await createPlan(s.deps, strategyId, await leaderId(s), year);
  const plan = (await findPlan(s.deps.db, strategyId, year))!;
  const hash = await currentContentHash(s.deps.db, plan.id, year);
  await s.deps.db.transaction(async (tx) => {
    await tx
      .update(actionPlans)
      .set(state === 'draft' ? { state, approvedHash: null } : { state, approvedHash: hash, approvedAt: new Date() })
      .where(eq(actionPlans.id, plan.id));
  });
  return hash;
}

/** An open status round on the 2027 plan with a request nobody has answered; for the reminder row. */
export async function openRound(s: TestServer, strategyId: string, ownerId: string): Promise<void> {
  await newMeasure(s, strategyId, ownerId);
  const { startStatusRound } = await import('../src/plans/rounds');
  const { osloToday } = await import('@samstrat/shared/status-rounds');
  await startStatusRound(s.deps, strategyId, await leaderId(s), 2027, { dueDate: osloToday(new Date()), message: '' });
}

/**
 * Writes a sentence that reads as a measure under the matrix goal (through the server's own edit)
 * and answers the id of the finding the strategy page shows for it, for the "move to the plan" row.
 */
export async function measureSentenceFinding(s: TestServer, strategyId: string): Promise<string> {
  await planFixture(s, strategyId);
  const { lintStrategy } = await import('@samstrat/shared/lint');
  const { strategyContent } = await import('../src/strategies/content');
  const find = async () => {
    const sections = await strategyContent(s.deps, strategyId);
    const content = Object.fromEntries(sections.map((x) => [x.key, x.content]));
    return lintStrategy({ periodStart: 2027, periodEnd: 2030, content, outline: sections }).find(
      (f) => f.ruleId === 'measure-in-text' && f.sectionKey === 'kommuneportal',
    );
  };
  // Written once: a frozen copy gets its sentence before the freeze, and only reads it after.
  const written = await find();
  if (written) return written.id;
  await s.deps.rooms.edit(
    strategyId,
    { kind: 'outline.sectionAdded', userId: 'matrise', sectionKey: 'kommuneportal' },
    (doc) => {
      const paragraph = new Y.XmlElement('paragraph');
      paragraph.insert(0, [new Y.XmlText('Kommunen skal kjøpe inn nettbrett til alle ansatte.')]);
      const fragment = doc.getXmlFragment('section:kommuneportal');
      fragment.insert(fragment.length, [paragraph]);
    },
  );
  return (await find())!.id;
}
