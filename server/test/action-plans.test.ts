import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import * as Y from 'yjs';
import type { StrategyEvent } from '@samstrat/shared/events';
import { users } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { measures } from '../src/db/schema-plans';
import { startTestServer, type TestServer } from './harness';
import { waitFor, waitUntil, type CollabClient } from './collab-client';
import { call } from './members-support';
import { measure, withGoals } from './plans-support';
import { strategyLikeDemo } from './workflow-support';
import { readZipEntry } from './zip';

let s: TestServer;
let strategyId: string;
let leader: string;
let helse: string;
let oppvekst: string;
let helseId: string;
let oppvekstId: string;
let writer: CollabClient;
const base = () => `/strategies/${strategyId}/action-plans`;

const idOf = async (email: string) =>
  (await s.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

beforeAll(async () => {
  s = await startTestServer();
  // A strategy like the demo's, with its members but without the demo's goals and plan.
  strategyId = await strategyLikeDemo(s, await s.strategyId());
  leader = await s.login('leder@eksempel.no');
  helse = await s.login('helse@eksempel.no');
  oppvekst = await s.login('oppvekst@eksempel.no');
  helseId = await idOf('helse@eksempel.no');
  oppvekstId = await idOf('oppvekst@eksempel.no');
  writer = await withGoals(s, strategyId, [
    { sectionKey: 'oppvekst-laering', goalId: 'mal-oppvekst', text: 'Alle søknader i oppvekst er digitale' },
    { sectionKey: 'helse-omsorg', goalId: 'mal-helse', text: 'Velferdsteknologi er tatt i bruk i hjemmetjenesten' },
  ]);
}, 60_000);
afterAll(async () => {
  writer.destroy();
  await s.close();
});

describe('/api/strategies/:id/action-plans', () => {
  it('lets a leader create the year’s plan, audited and announced; nobody else; once per year, within the period', async () => {
    const events: StrategyEvent[] = [];
    const unsubscribe = s.deps.events.subscribe(strategyId, (d) => events.push(d.event));
    expect((await call(s, helse, 'POST', base(), { year: 2027 })).status).toBe(403);
    const outside = await call(s, leader, 'POST', base(), { year: 2031 });
    expect(outside).toMatchObject({ status: 400, body: { error: { code: 'plan_year_outside_period' } } });
    expect(outside.body.error.message).toContain('strategiperioden');
    const created = await call(s, leader, 'POST', base(), { year: 2027 });
    unsubscribe();
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ plan: { year: 2027, state: 'draft', carriedFromYear: null }, measures: [] });
    expect(created.body.goals.map((g: { goalId: string }) => g.goalId)).toEqual(['mal-helse', 'mal-oppvekst']);
    expect(events).toEqual([{ type: 'plan.changed', year: 2027 }]);
    expect((await call(s, leader, 'POST', base(), { year: 2027 })).status).toBe(409);
    const list = await call(s, oppvekst, 'GET', base());
    expect(list.body).toMatchObject({ period: { start: 2027, end: 2030 }, plans: [{ year: 2027, measureCount: 0 }] });
    expect(list.body.abilities).toEqual({
      manage: false,
      statusRound: false,
      approve: false,
      recordDecision: false,
      startFollowUp: false,
    });
    const entries = await s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'plan.created'));
    expect(entries).toHaveLength(1);
  });

  it('adds measures linked to goals, showing the goals’ words from the text, and refuses invalid ones with nothing saved', async () => {
    const before = (await s.deps.db.select().from(measures)).length;
    const refusals = [
      [measure(oppvekstId, ['mal-oppvekst'], { endYear: 2026 }), 'plan_years_invalid'],
      [
        measure(oppvekstId, ['mal-oppvekst'], { budget: [{ year: 2027, investment: 1.5, operating: 0 }] }),
        'plan_budget_invalid',
      ],
      [
        measure(oppvekstId, ['mal-oppvekst'], { budget: [{ year: 2027, investment: -1, operating: 0 }] }),
        'plan_budget_invalid',
      ],
      [
        measure(oppvekstId, ['mal-oppvekst'], { budget: [{ year: 2029, investment: 1, operating: 0 }] }),
        'plan_budget_invalid',
      ],
      [measure(oppvekstId, []), 'plan_goal_required'],
      [measure(oppvekstId, ['finnes-ikke']), 'plan_goal_unknown'],
      [measure(oppvekstId, ['mal-oppvekst'], { title: '  ' }), 'plan_title_required'],
      [measure(await idOf('tillitsvalgt@eksempel.no'), ['mal-oppvekst']), 'plan_owner_invalid'],
    ] as const;
    for (const [body, code] of refusals) {
      const res = await call(s, leader, 'POST', `${base()}/2027/measures`, body);
      expect(res.status, code).toBe(400);
      expect(res.body.error.code).toBe(code);
    }
    expect((await s.deps.db.select().from(measures)).length).toBe(before);
    expect((await call(s, helse, 'POST', `${base()}/2027/measures`, measure(helseId, ['mal-helse']))).status).toBe(403);

    const a = await call(s, leader, 'POST', `${base()}/2027/measures`, measure(oppvekstId, ['mal-oppvekst']));
    const b = await call(
      s,
      leader,
      'POST',
      `${base()}/2027/measures`,
      measure(helseId, ['mal-helse', 'mal-oppvekst'], { title: 'Digitalt tilsyn', sectionKey: 'helse-omsorg' }),
    );
    expect([a.status, b.status]).toEqual([201, 201]);
    const view = await call(s, oppvekst, 'GET', `${base()}/2027`);
    expect(view.body.measures).toHaveLength(2);
    expect(view.body.measures[1]).toMatchObject({
      title: 'Digitalt tilsyn',
      status: 'planned',
      owner: { id: helseId },
      withoutGoal: false,
      goals: [
        { goalId: 'mal-helse', text: 'Velferdsteknologi er tatt i bruk i hjemmetjenesten' },
        { goalId: 'mal-oppvekst', text: 'Alle søknader i oppvekst er digitale' },
      ],
      budget: [{ year: 2027, investment: 250_000 }, { year: 2028 }],
      abilities: { reportStatus: false },
    });
    expect(view.body.measures[0].abilities).toEqual({ reportStatus: true });
  });

  it('keeps both changes when two people change different fields of a measure at once', async () => {
    const id = (await call(s, leader, 'POST', `${base()}/2027/measures`, measure(oppvekstId, ['mal-oppvekst']))).body
      .id;
    const second = await s.login('leder@eksempel.no');
    const [one, two] = await Promise.all([
      call(s, leader, 'PATCH', `${base()}/2027/measures/${id}`, {
        base: { title: 'Digitale søknader i barnehage' },
        changes: { title: 'Digitale søknader om barnehageplass' },
      }),
      call(s, second, 'PATCH', `${base()}/2027/measures/${id}`, {
        base: { budget: measure(oppvekstId, []).budget },
        changes: { budget: [{ year: 2027, investment: 300_000, operating: 45_000 }] },
      }),
    ]);
    expect([one.status, two.status]).toEqual([200, 200]);
    const view = await call(s, leader, 'GET', `${base()}/2027`);
    expect(view.body.measures.find((m: { id: string }) => m.id === id)).toMatchObject({
      title: 'Digitale søknader om barnehageplass',
      budget: [{ year: 2027, investment: 300_000, operating: 45_000 }],
    });
  });

  it('answers one of two changes of the same field at once with a conflict showing both values, never a silent loss', async () => {
    const id = (await call(s, leader, 'POST', `${base()}/2027/measures`, measure(oppvekstId, ['mal-oppvekst']))).body
      .id;
    const second = await s.login('leder@eksempel.no');
    const edit = (cookie: string, description: string) =>
      call(s, cookie, 'PATCH', `${base()}/2027/measures/${id}`, {
        base: { description: measure(oppvekstId, []).description },
        changes: { description },
      });
    const answers = await Promise.all([edit(leader, 'Versjon A'), edit(second, 'Versjon B')]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const refused = answers.find((a) => a.status === 409)!;
    const saved = answers[0] === refused ? 'Versjon B' : 'Versjon A';
    expect(refused.body.error).toMatchObject({
      code: 'plan_conflict',
      conflicts: [{ field: 'description', yours: saved === 'Versjon A' ? 'Versjon B' : 'Versjon A', theirs: saved }],
    });
    expect(refused.body.error.message).toMatch(/samme feltet samtidig/);
    const view = await call(s, leader, 'GET', `${base()}/2027`);
    expect(view.body.measures.find((m: { id: string }) => m.id === id).description).toBe(saved);
  });

  it('lets the owner report status with a dated note; refuses others and a report over a status changed meanwhile', async () => {
    const id = (await call(s, leader, 'POST', `${base()}/2027/measures`, measure(helseId, ['mal-helse']))).body.id;
    const path = `${base()}/2027/measures/${id}/status`;
    const union = await s.login('tillitsvalgt@eksempel.no');
    expect((await call(s, oppvekst, 'POST', path, { status: 'started', note: '', base: 'planned' })).status).toBe(403);
    expect((await call(s, union, 'POST', path, { status: 'started', note: '', base: 'planned' })).status).toBe(403);
    expect((await call(s, helse, 'POST', path, { status: 'ferdig', note: '', base: 'planned' })).status).toBe(400);
    const ok = await call(s, helse, 'POST', path, { status: 'started', note: 'Anskaffelse i gang.', base: 'planned' });
    expect(ok.status).toBe(200);
    const stale = await call(s, leader, 'POST', path, { status: 'postponed', note: 'Utsatt', base: 'planned' });
    expect(stale).toMatchObject({
      status: 409,
      body: {
        error: { code: 'plan_conflict', conflicts: [{ field: 'status', yours: 'postponed', theirs: 'started' }] },
      },
    });
    const view = await call(s, helse, 'GET', `${base()}/2027`);
    const m = view.body.measures.find((x: { id: string }) => x.id === id);
    expect(m.status).toBe('started');
    expect(m.history).toMatchObject([
      { status: 'started', note: 'Anskaffelse i gang.', year: 2027, by: { id: helseId } },
    ]);
    expect(Date.parse(m.history[0].at)).not.toBeNaN();
    const entries = await s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'measure.status_reported'));
    expect(entries.at(-1)).toMatchObject({ subjectId: id, detail: { from: 'planned', to: 'started' } });
  });

  it('deletes a measure for leaders only', async () => {
    const id = (
      await call(s, leader, 'POST', `${base()}/2027/measures`, measure(helseId, ['mal-helse'], { title: 'Slettes' }))
    ).body.id;
    expect((await call(s, helse, 'DELETE', `${base()}/2027/measures/${id}`)).status).toBe(403);
    expect((await call(s, leader, 'DELETE', `${base()}/2027/measures/${id}`)).status).toBe(204);
    expect((await call(s, leader, 'DELETE', `${base()}/2027/measures/${id}`)).status).toBe(404);
  });

  it('carries unfinished measures into the next year’s plan with their history, and leaves finished ones', async () => {
    const plan = (await call(s, leader, 'GET', `${base()}/2027`)).body;
    const done = plan.measures[0];
    expect(
      (
        await call(s, leader, 'POST', `${base()}/2027/measures/${done.id}/status`, {
          status: 'done',
          note: 'Ferdig',
          base: done.status,
        })
      ).status,
    ).toBe(200);
    const next = await call(s, leader, 'POST', base(), { year: 2028 });
    expect(next.status).toBe(201);
    expect(next.body.plan.carriedFromYear).toBe(2027);
    const carried = next.body.measures;
    expect(carried).toHaveLength(plan.measures.length - 1);
    expect(carried.map((m: { lineageId: string }) => m.lineageId)).not.toContain(done.lineageId);
    const started = carried.find((m: { status: string }) => m.status === 'started');
    expect(started).toMatchObject({
      carried: true,
      history: [{ status: 'started', note: 'Anskaffelse i gang.', year: 2027 }],
    });
  });
});

describe('the annual report', () => {
  it('downloads as XLSX whose goals, measures, budgets, statuses and indicators read back with æøå intact', async () => {
    const res = await fetch(`${s.url}/api${base()}/2027/report?format=xlsx`, { headers: { cookie: oppvekst } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain('Handlingsplan-2027-Eksempel-kommune.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Mål og tiltak',
      'Budsjett',
      'Indikatorer',
      'Gevinster',
      'Statushistorikk',
    ]);
    // Benefits realized against planned: the target against the year's actual, and how far of the way.
    const benefits = (book.getWorksheet('Gevinster')!.getSheetValues() as unknown[][]).filter(Boolean);
    expect(benefits[0]!.slice(1)).toEqual([
      'Tiltak',
      'Forventet gevinst',
      'Indikator',
      'Måleenhet',
      'Utgangsverdi',
      'Planlagt (målverdi)',
      'Realisert 2027',
      'Andel av veien til målet (%)',
    ]);
    expect(benefits.find((r) => r[3] === 'Andel digitale søknader')!.slice(4)).toEqual(['%', 35, 90, 60, 45]);
    const rows = (name: string) =>
      (book.getWorksheet(name)!.getSheetValues() as unknown[][]).filter(Boolean).map((r) => r.slice(1));
    const measures = rows('Mål og tiltak');
    expect(measures[0]![0]).toMatch(
      /^Årsrapport for handlingsplanen 2027 – Digitaliseringsstrategi kopi \d+, Eksempel kommune$/,
    );
    const tilsyn = measures.find((r) => r[1] === 'Digitalt tilsyn' && String(r[0]).includes('Velferdsteknologi'))!;
    expect(tilsyn).toMatchObject({
      0: 'Hovedmål: Velferdsteknologi er tatt i bruk i hjemmetjenesten',
      3: 'Ola Berg, helse og omsorg',
      4: 'Oppvekstkontoret',
      6: 2027,
      7: 2028,
      10: 250_000,
      11: 80_000,
      13: 'Ja',
      14: '2027-02-01: Fagforbundet, Utdanningsforbundet',
    });
    const started = measures.find((r) => r[8] === 'Startet')!;
    expect(started[9]).toBe('Anskaffelse i gang.');
    const budget = rows('Budsjett');
    expect(budget[0]).toEqual(['Tiltak', 'År', 'Investering (kr)', 'Drift (kr)']);
    const totals = budget.filter((r) => r[0] === 'Sum');
    const view = (await call(s, leader, 'GET', `${base()}/2027`)).body;
    const invested2027 = view.measures
      .flatMap((m: { budget: { year: number; investment: number }[] }) => m.budget)
      .filter((l: { year: number }) => l.year === 2027)
      .reduce((t: number, l: { investment: number }) => t + l.investment, 0);
    expect(totals[0]).toEqual(['Sum', 2027, invested2027, expect.any(Number)]);
    expect(rows('Indikatorer')[1]).toEqual([
      'Digitale søknader i barnehage',
      'Andel digitale søknader',
      '%',
      35,
      90,
      60,
      'Kommunens fagsystem',
    ]);
    expect(rows('Statushistorikk').some((r) => r[3] === 'Anskaffelse i gang.' && r[2] === 'Startet')).toBe(true);
  });

  const report = async (format: string) => {
    const res = await fetch(`${s.url}/api${base()}/2027/report?format=${format}`, { headers: { cookie: oppvekst } });
    expect(res.status).toBe(200);
    return { res, data: Buffer.from(await res.arrayBuffer()) };
  };

  it('downloads as DOCX with a chapter per goal, its measures, statuses, budgets and indicators, æøå intact', async () => {
    const { res, data } = await report('docx');
    expect(res.headers.get('content-disposition')).toContain('Handlingsplan-2027-Eksempel-kommune.docx');
    const xml = readZipEntry(data, 'word/document.xml').toString('utf8');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('');
    expect(text).toContain('Årsrapport for handlingsplanen 2027');
    expect(text).toContain('Hovedmål: Velferdsteknologi er tatt i bruk i hjemmetjenesten');
    expect(text).toContain('Digitalt tilsyn');
    expect(text).toContain('Startet – Anskaffelse i gang.');
    expect(text).toContain('2027: Investering (kr) 250');
    expect(text).toMatch(/Indikator «Andel digitale søknader» \(%\): Utgangsverdi 35, Målverdi 90, Resultat 2027 60/);
    expect(text).toContain('Budsjett');
    expect(text).toContain('Gevinster: planlagt og realisert');
    expect(text).toMatch(
      /– Andel digitale søknader: Planlagt \(målverdi\) 90 %, realisert 2027 60 %, andel av veien til målet 45 %/,
    );
  });

  it('downloads as tagged PDF whose text reads back with æøå intact', async () => {
    const { res, data } = await report('pdf');
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(data.toString('latin1')).toMatch(/\/StructTreeRoot \d+ 0 R/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'plan-pdf-')), 'report.pdf');
    fs.writeFileSync(file, data);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('Årsrapport for handlingsplanen 2027');
    expect(text).toContain('Velferdsteknologi er tatt i bruk i hjemmetjenesten');
    expect(text).toContain('Anskaffelse i gang.');
    expect(text).toContain('Kommunens fagsystem');
  });

  it('names its columns in the caller’s language', async () => {
    const res = await fetch(`${s.url}/api${base()}/2027/report?format=xlsx`, {
      headers: { cookie: oppvekst, 'accept-language': 'nn' },
    });
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    expect(book.worksheets.map((w) => w.name)).toContain('Indikatorar');
  });
});

describe('the demo', () => {
  it('has a first year’s plan of about a dozen measures in different states, each linked to a goal of its text', async () => {
    const view = await call(s, oppvekst, 'GET', `/strategies/${await s.strategyId()}/action-plans/2027`);
    expect(view.status).toBe(200);
    const demo = view.body.measures as { status: string; withoutGoal: boolean; goals: { text: string | null }[] }[];
    expect(demo.length).toBeGreaterThanOrEqual(10);
    expect(new Set(demo.map((m) => m.status))).toEqual(new Set(['planned', 'started', 'done', 'postponed', 'stopped']));
    expect(demo.every((m) => !m.withoutGoal && m.goals.every((g) => g.text))).toBe(true);
    expect(view.body.goals.length).toBeGreaterThanOrEqual(6);
  });
});

describe('the plan and the text stay linked', () => {
  const helseGoal = (doc: Y.Doc) =>
    doc
      .getXmlFragment('section:helse-omsorg')
      .toArray()
      .find((n) => n instanceof Y.XmlElement && n.getAttribute('goalId') === 'mal-helse') as Y.XmlElement | undefined;
  const measureOf = async () =>
    (await call(s, leader, 'GET', `${base()}/2027`)).body.measures.find(
      (m: { title: string }) => m.title === 'Digitalt tilsyn',
    );
  const onlyHelse = async () =>
    (await call(s, leader, 'GET', `${base()}/2027`)).body.measures.find(
      (m: { goalIds: string[] }) => m.goalIds.length === 1 && m.goalIds[0] === 'mal-helse',
    );

  it('reads a reworded goal’s new words from the text, and tells open plan pages', async () => {
    const events: StrategyEvent[] = [];
    const unsubscribe = s.deps.events.subscribe(strategyId, (d) => events.push(d.event));
    const text = helseGoal(writer.doc)!.get(0) as Y.XmlText;
    text.insert(text.length, ' i hele kommunen');
    await waitFor(() => events.some((e) => e.type === 'plan.goalsChanged'), 'the goals event');
    unsubscribe();
    await waitUntil(
      async () =>
        (await measureOf()).goals[0].text === 'Velferdsteknologi er tatt i bruk i hjemmetjenesten i hele kommunen',
      'the new words in the plan',
    );
  });

  it('flags measures of a goal deleted from the text "uten mål", and clears the flag when an undo restores it', async () => {
    const fragment = writer.doc.getXmlFragment('section:helse-omsorg');
    const undo = new Y.UndoManager(fragment, { captureTimeout: 0 });
    expect((await onlyHelse()).withoutGoal).toBe(false);
    const at = fragment.toArray().indexOf(helseGoal(writer.doc)!);
    fragment.delete(at, 1);
    await waitUntil(async () => (await onlyHelse()).withoutGoal === true, 'the measure to be flagged');
    const both = await measureOf();
    // A measure with another goal still in the text keeps it, and shows the gone one as such.
    expect(both).toMatchObject({
      withoutGoal: false,
      goals: [{ goalId: 'mal-helse', text: null }, { goalId: 'mal-oppvekst' }],
    });
    undo.undo();
    await waitFor(() => helseGoal(writer.doc) !== undefined, 'the undo to restore the goal locally');
    await waitUntil(async () => (await onlyHelse()).withoutGoal === false, 'the flag to clear');
    expect((await measureOf()).goals[0].text).toContain('Velferdsteknologi');
  });
});
