import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { osloToday } from '@samstrat/shared/status-rounds';
import { users } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { startTestServer, type TestServer } from './harness';
import type { CollabClient } from './collab-client';
import { linksIn, startLoopbackSmtp, type LoopbackSmtp, type ReceivedMail } from './mail-support';
import { call } from './members-support';
import { measure, withGoals } from './plans-support';
import { strategyLikeDemo } from './workflow-support';

// Issue 16, deliverables 5 and 6: status rounds (asked, answered from the inbox, reminded, by mail
// through the outbox) and the plan's approval bound to its content hash.

let smtp: LoopbackSmtp;
let s: TestServer;
let strategyId: string;
let writer: CollabClient;
let leader: string;
let helse: string;
let oppvekst: string;
let executive: string;
const ids: Record<string, string> = {};
const measureIds: Record<string, string> = {};
const base = () => `/strategies/${strategyId}/action-plans`;
const idOf = async (email: string) =>
  (await s.deps.db.select({ id: users.id }).from(users).where(eq(users.email, email)))[0]!.id;

/** A due day some days from today in Oslo, as a leader would choose it. */
const inDays = (days: number) => osloToday(new Date(Date.now() + days * 86_400_000));

/** The mail's one link that is not the settings link, checked to be the same in the HTML part. */
function actionLink(mail: ReceivedMail): URL {
  const links = linksIn(mail.text).filter((l) => !l.endsWith('/e-postvarsler'));
  expect(links).toHaveLength(1);
  expect(mail.html).toContain(`href="${links[0]!}"`);
  const url = new URL(links[0]!);
  expect(url.origin).toBe(s.url);
  return url;
}

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  s = await startTestServer({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Samstrat <samstrat@eksempel.no>',
    MAIL_RETRY_BASE_MS: '30',
    MAIL_POLL_MS: '40',
  });
  strategyId = await strategyLikeDemo(s, await s.strategyId());
  leader = await s.login('leder@eksempel.no');
  helse = await s.login('helse@eksempel.no');
  oppvekst = await s.login('oppvekst@eksempel.no');
  executive = await s.login('kommunedirektor@eksempel.no');
  for (const email of ['helse@eksempel.no', 'oppvekst@eksempel.no']) ids[email] = await idOf(email);
  writer = await withGoals(s, strategyId, [
    { sectionKey: 'oppvekst-laering', goalId: 'mal-oppvekst', text: 'Alle søknader i oppvekst er digitale' },
    { sectionKey: 'helse-omsorg', goalId: 'mal-helse', text: 'Velferdsteknologi er tatt i bruk i hjemmetjenesten' },
  ]);
  expect((await call(s, leader, 'POST', base(), { year: 2027 })).status).toBe(201);
  const add = async (key: string, owner: string, goal: string, title: string) => {
    const res = await call(s, leader, 'POST', `${base()}/2027/measures`, measure(ids[owner]!, [goal], { title }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    measureIds[key] = res.body.id;
  };
  await add('tilsyn', 'helse@eksempel.no', 'mal-helse', 'Digitalt tilsyn om natten');
  await add('sfo', 'oppvekst@eksempel.no', 'mal-oppvekst', 'Digital søknad om SFO-plass');
  await add('barnehage', 'oppvekst@eksempel.no', 'mal-oppvekst', 'Barnehageopptak på nett');
  // Oppvekst reads Samstrat's mails in English.
  expect(
    (
      await call(s, oppvekst, 'PUT', '/me/mail', {
        locale: 'en',
        digest: false,
        kinds: ['mention', 'reply', 'approval'],
      })
    ).status,
  ).toBe(200);
}, 60_000);

afterAll(async () => {
  writer?.destroy();
  await s?.close();
  await smtp?.close();
});

const inbox = async (cookie: string) => (await call(s, cookie, 'GET', '/action-plans/status-requests')).body.requests;
const plan = async (cookie: string) => (await call(s, cookie, 'GET', `${base()}/2027`)).body;

describe('status rounds', () => {
  it('are asked by leaders only, for a day not past; bad input changes nothing', async () => {
    const refused = await call(s, helse, 'POST', `${base()}/2027/status-rounds`, { dueDate: inDays(7), message: '' });
    expect(refused.status).toBe(403);
    const past = await call(s, leader, 'POST', `${base()}/2027/status-rounds`, { dueDate: inDays(-2), message: '' });
    expect(past).toMatchObject({ status: 400, body: { error: { code: 'plan_due_date_past' } } });
    expect(past.body.error.message).toContain('Velg i dag eller en senere dato');
    const invalid = await call(s, leader, 'POST', `${base()}/2027/status-rounds`, {
      dueDate: '2027-02-30',
      message: '',
    });
    expect(invalid.status).toBe(400);
    expect(await inbox(helse)).toEqual([]);
    expect((await plan(leader)).round).toBeNull();
  });

  it('reach each owner by mail in their language with a link to their inbox, where they answer in one step', async () => {
    const due = inDays(10);
    const started = await call(s, leader, 'POST', `${base()}/2027/status-rounds`, {
      dueDate: due,
      message: 'Før tertialrapporten, takk.',
    });
    expect(started.status, JSON.stringify(started.body)).toBe(201);

    const toHelse = await smtp.mailTo('helse@eksempel.no', (m) => m.subject.startsWith('Statusrunde'));
    expect(toHelse.subject).toBe('Statusrunde: handlingsplan 2027');
    expect(toHelse.headers.get('content-language')).toBe('nb');
    expect(toHelse.text).toContain('Ingrid Solberg, prosjektleder ber om status på tiltakene dine (1)');
    expect(toHelse.text).toContain('Beskjed: Før tertialrapporten, takk.');
    const link = actionLink(toHelse);
    expect(link.pathname).toBe('/');
    expect(link.hash).toBe(`#status-${strategyId}`);
    const toOppvekst = await smtp.mailTo('oppvekst@eksempel.no', (m) => m.subject.startsWith('Status round'));
    expect(toOppvekst.headers.get('content-language')).toBe('en');
    expect(toOppvekst.text).toContain('asks for the status of your measures (2)');

    // The inbox the link leads to: each owner's own measures, with the round's day and message.
    const mine = await inbox(helse);
    expect(mine).toEqual([
      {
        strategyId,
        strategyTitle: expect.any(String),
        year: 2027,
        dueDate: due,
        message: 'Før tertialrapporten, takk.',
        measure: { id: measureIds.tilsyn, title: 'Digitalt tilsyn om natten', status: 'planned' },
      },
    ]);
    expect((await inbox(oppvekst)).map((r: { measure: { title: string } }) => r.measure.title)).toEqual([
      'Digital søknad om SFO-plass',
      'Barnehageopptak på nett',
    ]);
    expect(await inbox(leader)).toEqual([]);

    // Answering is the status report itself: one request, one step.
    const answered = await call(s, helse, 'POST', `${base()}/2027/measures/${measureIds.tilsyn}/status`, {
      status: 'started',
      note: 'Sensorer bestilt.',
      base: 'planned',
    });
    expect(answered.status).toBe(200);
    expect(await inbox(helse)).toEqual([]);

    // The leader sees who has not answered; others do not see the round.
    const round = (await plan(leader)).round;
    expect(round).toMatchObject({ dueDate: due, reminders: 0 });
    expect(round.owners).toEqual([
      expect.objectContaining({
        owner: { id: ids['oppvekst@eksempel.no'], name: expect.any(String) },
        asked: 2,
        answered: 0,
      }),
      expect.objectContaining({
        owner: { id: ids['helse@eksempel.no'], name: expect.any(String) },
        asked: 1,
        answered: 1,
      }),
    ]);
    expect((await plan(helse)).round).toBeNull();
  });

  it('remind only those who have not answered, by mail, audited; none left to remind is a clear 409', async () => {
    expect((await call(s, oppvekst, 'POST', `${base()}/2027/status-rounds/current/reminders`)).status).toBe(403);
    const before = smtp.received.length;
    const reminded = await call(s, leader, 'POST', `${base()}/2027/status-rounds/current/reminders`);
    expect(reminded).toMatchObject({ status: 200, body: { reminded: 1 } });
    const reminder = await smtp.mailTo('oppvekst@eksempel.no', (m) => m.subject.startsWith('Reminder'));
    expect(reminder.subject).toBe('Reminder: status for the 2027 action plan');
    expect(reminder.text).toContain('is still missing');
    expect(actionLink(reminder).hash).toBe(`#status-${strategyId}`);
    expect(smtp.received.slice(before).some((m) => m.to.includes('helse@eksempel.no'))).toBe(false);
    expect((await plan(leader)).round.reminders).toBe(1);

    for (const key of ['sfo', 'barnehage'])
      expect(
        (
          await call(s, oppvekst, 'POST', `${base()}/2027/measures/${measureIds[key]}/status`, {
            status: 'done',
            note: 'Ferdig.',
            base: 'planned',
          })
        ).status,
      ).toBe(200);
    const none = await call(s, leader, 'POST', `${base()}/2027/status-rounds/current/reminders`);
    expect(none).toMatchObject({ status: 409, body: { error: { code: 'plan_round_all_answered' } } });
    const actions = (await s.deps.db.select().from(auditLog).where(eq(auditLog.strategyId, strategyId))).map(
      (e) => e.action,
    );
    expect(actions.filter((a) => a === 'plan.status_round_started')).toHaveLength(1);
    expect(actions.filter((a) => a === 'plan.status_reminder_sent')).toHaveLength(1);
  });
});

describe('approval', () => {
  it('binds the executive’s approval to the content: status reports keep it, a content change voids it visibly', async () => {
    const draft = await plan(leader);
    expect(draft.plan.state).toBe('draft');
    expect(draft.approval).toMatchObject({ approved: null, decision: null });
    const hash = draft.approval.contentHash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await call(s, leader, 'POST', `${base()}/2027/approval`, { contentHash: hash })).status).toBe(403);
    expect((await call(s, executive, 'POST', `${base()}/2027/approval`, { contentHash: 'x' })).status).toBe(400);
    const early = await call(s, leader, 'POST', `${base()}/2027/follow-up`);
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'plan_state_invalid' } } });

    expect((await call(s, executive, 'POST', `${base()}/2027/approval`, { contentHash: hash })).status).toBe(200);
    const approved = await plan(leader);
    expect(approved.plan.state).toBe('approved');
    expect(approved.approval.approved).toMatchObject({ holds: true, by: expect.stringContaining('Kari Nordmann') });

    const decided = await call(s, executive, 'PUT', `${base()}/2027/decision`, {
      date: '2026-12-14',
      caseNumber: '2026/1234',
    });
    expect(decided.status).toBe(200);
    const badCase = await call(s, leader, 'PUT', `${base()}/2027/decision`, { date: '2026-12-14', caseNumber: '' });
    expect(badCase).toMatchObject({ status: 400, body: { error: { code: 'plan_case_number_required' } } });
    expect((await call(s, leader, 'POST', `${base()}/2027/follow-up`)).status).toBe(200);

    // Follow-up: a status report does not touch the approval.
    const reported = await call(s, helse, 'POST', `${base()}/2027/measures/${measureIds.tilsyn}/status`, {
      status: 'done',
      note: 'Sensorer i 40 hjem.',
      base: 'started',
    });
    expect(reported.status).toBe(200);
    const following = await plan(leader);
    expect(following.plan.state).toBe('followUp');
    expect(following.approval).toMatchObject({
      contentHash: hash,
      approved: { holds: true },
      decision: { date: '2026-12-14', caseNumber: '2026/1234' },
    });

    // A budget change is content: the approval no longer holds, and says so.
    const budget = [{ year: 2027, investment: 300_000, operating: 40_000 }];
    const changed = await call(s, leader, 'PATCH', `${base()}/2027/measures/${measureIds.sfo}`, {
      base: { budget: measure('', []).budget },
      changes: { budget },
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    const voided = await plan(executive);
    expect(voided.approval.approved.holds).toBe(false);
    expect(voided.approval.contentHash).not.toBe(hash);
    // An approval of content the executive did not see is refused; of what they see, renewed.
    const stale = await call(s, executive, 'POST', `${base()}/2027/approval`, { contentHash: hash });
    expect(stale).toMatchObject({ status: 409, body: { error: { code: 'plan_changed_since_seen' } } });
    const renewed = await call(s, executive, 'POST', `${base()}/2027/approval`, {
      contentHash: voided.approval.contentHash,
    });
    expect(renewed.status).toBe(200);
    expect((await plan(leader)).approval.approved.holds).toBe(true);
    const actions = (await s.deps.db.select().from(auditLog).where(eq(auditLog.strategyId, strategyId))).map(
      (e) => e.action,
    );
    expect(actions.filter((a) => a === 'plan.approved')).toHaveLength(2);
    expect(actions).toContain('plan.decision_recorded');
    expect(actions).toContain('plan.follow_up_started');
  });
});
