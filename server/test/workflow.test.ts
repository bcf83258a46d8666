import { and, asc, eq, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { contentHash } from '@samstrat/shared/content-hash';
import { auditLog } from '../src/db/schema-audit';
import { comments, commentThreads } from '../src/db/schema-comments';
import { strategyContent } from '../src/strategies/content';
import type { PublicStrategy } from '../src/workflow/publication';
import { sectionText, synced, waitFor, waitUntil, writeParagraph, type CollabClient } from './collab-client';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, userIdOf } from './members-support';
import { submitToSteering } from '../src/workflow/commands';
import { POSTGRES_SERVER_URL } from './databases';
import {
  ADVISOR,
  EDITOR,
  outsiderCookie,
  EXECUTIVE,
  LEADER,
  STEERING,
  UNION,
  VIEWER,
  strategyLikeDemo,
  workflowApi,
} from './workflow-support';

let s: TestServer;
let demoId: string;
let wf: ReturnType<typeof workflowApi>;
const clients: CollabClient[] = [];

beforeAll(async () => {
  s = await startTestServer();
  demoId = await s.strategyId();
  wf = workflowApi(s);
});
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy();
});
afterAll(() => s.close());

async function socket(email: string, strategyId: string): Promise<CollabClient> {
  const client = await wf.socket(email, strategyId);
  clients.push(client);
  return client;
}

const auditActions = (strategyId: string) =>
  s.deps.db
    .select({ action: auditLog.action, detail: auditLog.detail })
    .from(auditLog)
    .where(and(eq(auditLog.strategyId, strategyId), like(auditLog.action, 'workflow.%')))
    .orderBy(asc(auditLog.id));

/** Submits a fresh copy of the demo strategy and answers its id and the candidate's hash. */
async function submitted(): Promise<{ id: string; hash: string }> {
  const id = await strategyLikeDemo(s, demoId);
  const after = await wf.take(LEADER, id, { action: 'submit', note: 'Klar for styringsgruppen' });
  return { id, hash: after.contentHash };
}

describe('the workflow of the demo strategy', () => {
  it('starts in Utkast with the mandate the executive gave, on the timeline', async () => {
    const view = await wf.get(VIEWER, demoId);
    expect(view.stage).toBe('utkast');
    expect(view.frozen).toBe(false);
    expect(view.mandate).toMatchObject({
      periodStart: 2027,
      periodEnd: 2030,
      projectLeader: { name: expect.stringContaining('Ingrid') },
    });
    expect(view.history.map((h) => [h.action, h.from, h.to])).toEqual([['give_mandate', 'oppstart', 'utkast']]);
    expect(view.contentHash).toBe(contentHash(await strategyContent(s.deps, demoId)));
    expect(view.actions).toEqual([]);
    expect((await wf.get(LEADER, demoId)).actions).toEqual(['update_settings', 'start_consultation', 'submit']);
  });
});

describe('the quality check before a gate', () => {
  it('shows the one who may submit the open findings, open comment threads included, as warnings only', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const authorId = await userIdOf(s, UNION);
    await s.deps.db.transaction((tx) =>
      tx.insert(commentThreads).values({
        id: 'open-thread',
        strategyId: id,
        sectionKey: 'visjon',
        anchorStart: '',
        anchorEnd: '',
        quote: 'x',
        authorId,
      }),
    );
    const leaderView = await wf.get(LEADER, id);
    const rules = leaderView.gateFindings.map((f) => f.ruleId);
    expect(rules).toContain('area-missing-main-goal');
    expect(rules).toContain('open-comments-before-gate');
    // Someone who cannot submit is not handed the findings, and the findings never block the gate.
    expect((await wf.get(VIEWER, id)).gateFindings).toEqual([]);
    expect((await wf.take(LEADER, id, { action: 'submit' })).stage).toBe('styringsgruppe');
  });
});

describe('who may take a transition', () => {
  it('refuses a role that may not take it with 403, and changes nothing', async () => {
    const id = await strategyLikeDemo(s, demoId);
    for (const email of [STEERING, EXECUTIVE, EDITOR, ADVISOR, UNION, VIEWER]) {
      const res = await wf.post(email, id, { action: 'submit' });
      expect(res.status, email).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    expect(
      (
        await wf.post(LEADER, id, {
          action: 'give_mandate',
          periodStart: 2027,
          periodEnd: 2030,
          deadline: '2026-12-01',
          projectLeaderId: 'x',
        })
      ).status,
    ).toBe(403);
    expect((await wf.get(LEADER, id)).stage).toBe('utkast');
    expect(await auditActions(id)).toEqual([]);
  });

  it('answers someone who is not a member with 404, so strategy ids cannot be probed', async () => {
    const cookie = await outsiderCookie(s);
    expect((await call(s, cookie, 'GET', `/strategies/${demoId}/workflow`)).status).toBe(404);
    expect((await call(s, cookie, 'POST', `/strategies/${demoId}/workflow`, { action: 'submit' })).status).toBe(404);
    expect((await call(s, null, 'GET', `/strategies/${demoId}/workflow`)).status).toBe(401);
  });
});

describe('the stage a transition is taken from', () => {
  it('refuses a transition from the wrong stage with 409 wrong_stage', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const before = await wf.get(STEERING, id);
    const approve = await wf.post(STEERING, id, { action: 'steering_approve', contentHash: before.contentHash });
    expect(approve.status).toBe(409);
    expect(approve.body.error.code).toBe('wrong_stage');
    const meeting = await wf.post(LEADER, id, {
      action: 'record_meeting',
      date: '2026-05-04',
      participants: ['A'],
      minutes: 'Referat',
    });
    expect(meeting.status).toBe(409);
    const decision = await wf.post(EXECUTIVE, id, {
      action: 'record_decision',
      saksnummer: '26/1',
      meetingDate: '2026-06-01',
      decision: 'adopted',
    });
    expect(decision.status).toBe(409);
  });

  it('records the drøftingsmøte during Intern høring, and validates the mandate’s period', async () => {
    const id = await strategyLikeDemo(s, demoId);
    await wf.take(LEADER, id, { action: 'start_consultation' });
    const view = await wf.take(LEADER, id, {
      action: 'record_meeting',
      date: '2026-05-04',
      participants: ['Kari Nordmann', 'Anders Dahl'],
      minutes: 'Digitaliseringsstrategien ble drøftet. Partene er enige om opplæringstiltak.',
    });
    expect(view.stage).toBe('horing');
    expect(view.meetings).toMatchObject([{ date: '2026-05-04', participants: ['Kari Nordmann', 'Anders Dahl'] }]);

    const leaderId = view.projectLeaderCandidates[0]!.id;
    const tooLong = await wf.post(EXECUTIVE, id, {
      action: 'give_mandate',
      periodStart: 2027,
      periodEnd: 2031,
      deadline: '2026-12-01',
      projectLeaderId: leaderId,
    });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.code).toBe('period_too_long');
    const notLeader = await wf.post(EXECUTIVE, id, {
      action: 'give_mandate',
      periodStart: 2027,
      periodEnd: 2030,
      deadline: '2026-12-01',
      projectLeaderId: view.steering.members[0]!.id,
    });
    expect(notLeader.body.error.code).toBe('invalid_project_leader');
    const given = await wf.take(EXECUTIVE, id, {
      action: 'give_mandate',
      periodStart: 2028,
      periodEnd: 2031,
      deadline: '2027-12-01',
      projectLeaderId: leaderId,
    });
    expect(given.mandate).toMatchObject({ periodStart: 2028, periodEnd: 2031, deadline: '2027-12-01' });
    expect((await auditActions(id)).map((a) => a.action)).toEqual([
      'workflow.start_consultation',
      'workflow.record_meeting',
      'workflow.give_mandate',
    ]);
  });
});

describe('submitting to the steering group', () => {
  it('freezes the text: open sockets close with 4409 and make a candidate version with the text’s hash', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const leader = await socket(LEADER, id);
    const union = await socket(UNION, id);
    writeParagraph(leader.doc, 'visjon', 'Skrevet før innsending.');
    await waitFor(
      () => sectionText(s.rooms.get(id)!.doc, 'visjon').includes('Skrevet før innsending.'),
      'the edit to reach the server',
    );

    const view = await wf.take(LEADER, id, { action: 'submit' });
    await waitFor(() => leader.closeCodes.includes(CLOSE_CODES.frozen), 'the leader socket to close with 4409');
    await waitFor(() => union.closeCodes.includes(CLOSE_CODES.frozen), 'the union socket to close with 4409');

    expect(view).toMatchObject({ stage: 'styringsgruppe', frozen: true, round: 1 });
    expect(view.candidate?.contentHash).toBe(view.contentHash);
    expect(view.contentHash).toBe(contentHash(await strategyContent(s.deps, id)));
    const versions = await call(s, await wf.cookieOf(LEADER), 'GET', `/strategies/${id}/versions`);
    expect(versions.body.versions[0]).toMatchObject({
      id: view.candidate!.versionId,
      kind: 'gate',
      contentHash: view.contentHash,
    });
    const detail = await call(s, await wf.cookieOf(LEADER), 'GET', `/strategies/${id}`);
    expect(detail.body).toMatchObject({ frozen: true, abilities: { edit: false } });
    expect(detail.body.sections.every((sec: { abilities: { edit: boolean } }) => !sec.abilities.edit)).toBe(true);
    expect(view.steering).toMatchObject({ needed: 1, approved: 0 });
    expect(await auditActions(id)).toEqual([
      {
        action: 'workflow.submit',
        detail: expect.objectContaining({ from: 'utkast', to: 'styringsgruppe', contentHash: view.contentHash }),
      },
    ]);
  });

  it('refuses socket updates from everyone while frozen, the leader included, and nothing changes', async () => {
    const { id } = await submitted();
    const stored = async () => contentHash(await strategyContent(s.deps, id));
    const before = await stored();
    for (const email of [LEADER, EDITOR, ADVISOR]) {
      const client = await socket(email, id);
      const section = email === EDITOR ? 'helse-omsorg' : 'visjon';
      writeParagraph(client.doc, section, `Endret av ${email} mens teksten er låst.`);
      await waitFor(() => client.closeCodes.includes(CLOSE_CODES.rightsChanged), `${email}'s update to be refused`);
      expect(sectionText(s.rooms.get(id)?.doc ?? (await s.loadDocument(id)), section)).not.toContain(
        'mens teksten er låst',
      );
      client.destroy();
    }
    expect(await stored()).toBe(before);
    // Each refusal is recorded in a transaction of its own, beside the socket's close.
    const refused = () =>
      s.deps.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.strategyId, id), eq(auditLog.action, 'collab.update_refused')));
    await waitUntil(async () => (await refused()).length >= 3, 'the three refusals in the log');
  });

  it('drops an edit that reaches the server while the socket is being closed for the freeze', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const leader = await socket(LEADER, id);
    const leaderId = await userIdOf(s, LEADER);
    // The provider sends the edit at once, but the server reads it only on a later turn of the event
    // loop: after the submission below has frozen the text and started closing the socket.
    writeParagraph(leader.doc, 'visjon', 'Skrevet i siste liten.');
    const result = await submitToSteering(s.deps, id, { userId: leaderId, role: 'leader' });
    await waitFor(() => leader.closeCodes.includes(CLOSE_CODES.frozen), 'the freeze');
    // The server's side closes once the client answered the close, which it sends after the edit:
    // by then the edit has been read, and refused.
    await waitFor(() => (s.rooms.get(id)?.connections.size ?? 0) === 0, 'the server to finish closing the socket');
    // On SQLite the submission's transaction runs before the edit is read, so the edit is dropped.
    // On PostgreSQL the edit may be stored while the submission awaits its queries, before the
    // candidate is read, and then it is in the candidate. Either way nothing is stored after it.
    if (!POSTGRES_SERVER_URL) {
      expect(sectionText(s.rooms.get(id)?.doc ?? (await s.loadDocument(id)), 'visjon')).not.toContain('siste liten');
    }
    expect(contentHash(await strategyContent(s.deps, id))).toBe(result.contentHash);
  });
});

describe('the steering gate', () => {
  it('refuses an approval on a stale hash with 409 stale_hash', async () => {
    const { id, hash } = await submitted();
    const res = await wf.post(STEERING, id, { action: 'steering_approve', contentHash: 'f'.repeat(64) });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('stale_hash');
    const view = await wf.get(STEERING, id);
    expect(view).toMatchObject({ stage: 'styringsgruppe', contentHash: hash, steering: { approved: 0 } });
    expect(view.actions).toEqual(['steering_approve', 'steering_return']);
  });

  it('refuses a hash from an earlier round after the text was returned and submitted again', async () => {
    const { id, hash: first } = await submitted();
    await wf.take(STEERING, id, { action: 'steering_return', note: 'Visjonen må skrives om.' });
    const leader = await socket(LEADER, id);
    writeParagraph(leader.doc, 'visjon', 'En ny visjon.');
    await waitFor(() => sectionText(s.rooms.get(id)!.doc, 'visjon').includes('En ny visjon.'), 'the edit');
    const second = (await wf.take(LEADER, id, { action: 'submit' })).contentHash;
    expect(second).not.toBe(first);
    expect((await wf.post(STEERING, id, { action: 'steering_approve', contentHash: first })).status).toBe(409);
    expect((await wf.take(STEERING, id, { action: 'steering_approve', contentHash: second })).stage).toBe(
      'godkjenning',
    );
  });

  it('moves to the executive only at quorum: with quorum "all" every steering member approves', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const second = await createAccount(s, {
      organizationId: await organizationOf(s, id),
      strategyId: id,
      role: 'steering',
      name: 'Eva Lie, styringsgruppen',
    });
    const hash = (await wf.take(LEADER, id, { action: 'submit' })).contentHash;
    const first = await wf.take(STEERING, id, { action: 'steering_approve', contentHash: hash });
    expect(first).toMatchObject({ stage: 'styringsgruppe', steering: { needed: 2, approved: 1 } });
    expect((await wf.post(STEERING, id, { action: 'steering_approve', contentHash: hash })).body.error.code).toBe(
      'already_decided',
    );
    const cookie = await s.login(second.email);
    const res = await call(s, cookie, 'POST', `/strategies/${id}/workflow`, {
      action: 'steering_approve',
      contentHash: hash,
    });
    expect(res.status).toBe(200);
    expect(res.body.workflow).toMatchObject({ stage: 'godkjenning', frozen: true });
    const approvals = res.body.workflow.approvals.filter((a: { stage: string }) => a.stage === 'styringsgruppe');
    expect(approvals.map((a: { contentHash: string }) => a.contentHash)).toEqual([hash, hash]);
  });
});

describe('returning at a gate', () => {
  async function expectBackInDraft(id: string, reason: string, returnedBy: string) {
    const view = await wf.get(LEADER, id);
    expect(view).toMatchObject({ stage: 'utkast', frozen: false });
    expect(view.history[0]).toMatchObject({
      to: 'utkast',
      note: reason,
      actor: { name: expect.stringContaining(returnedBy) },
    });
    expect(view.actions).toContain('submit');
    // The reasons are a comment thread where the writers work.
    const threads = await s.deps.db
      .select({ body: comments.body, sectionKey: commentThreads.sectionKey })
      .from(commentThreads)
      .innerJoin(comments, eq(comments.id, commentThreads.id))
      .where(eq(commentThreads.strategyId, id));
    expect(threads.some((t) => t.body.includes(reason))).toBe(true);
    const listed = await call(s, await wf.cookieOf(LEADER), 'GET', `/strategies/${id}/comments`);
    expect(JSON.stringify(listed.body)).toContain(reason);
  }

  it('from the steering group brings the text back to Utkast, editable, with the reason', async () => {
    const { id } = await submitted();
    const leader = await socket(LEADER, id);
    const missing = await wf.post(STEERING, id, { action: 'steering_return', note: ' ' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('return_reason_required');

    const reason = 'Målene for helse og omsorg må bli mer konkrete.';
    await wf.take(STEERING, id, { action: 'steering_return', note: reason });
    await waitFor(
      () => leader.closeCodes.includes(CLOSE_CODES.rightsChanged),
      'the leader socket to reopen with edit rights',
    );
    await expectBackInDraft(id, reason, 'Per Haugen');

    const again = await socket(LEADER, id);
    writeParagraph(again.doc, 'visjon', 'Rettet etter styringsgruppen.');
    await waitFor(
      () => sectionText(s.rooms.get(id)!.doc, 'visjon').includes('Rettet etter styringsgruppen.'),
      'the edit to be accepted',
    );
    expect((await auditActions(id)).map((a) => a.action)).toEqual(['workflow.submit', 'workflow.steering_return']);
  });

  it('from the executive brings the text back to Utkast with the reason', async () => {
    const { id, hash } = await submitted();
    await wf.take(STEERING, id, { action: 'steering_approve', contentHash: hash });
    const reason = 'Perioden må samsvare med økonomiplanen.';
    const stale = await wf.post(EXECUTIVE, id, { action: 'executive_return', note: reason, contentHash: 'abc' });
    expect(stale.status).toBe(409);
    await wf.take(EXECUTIVE, id, { action: 'executive_return', note: reason, contentHash: hash });
    await expectBackInDraft(id, reason, 'Kari Nordmann');
    const approvals = (await wf.get(LEADER, id)).approvals;
    expect(approvals.map((a) => [a.stage, a.decision, a.reason])).toEqual([
      ['godkjenning', 'return', reason],
      ['styringsgruppe', 'approve', null],
    ]);
  });
});

describe('the full path to adoption', () => {
  it('leader submits → steering approves → executive approves → council adopts → published without login with the approved hash', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const editor = await socket(LEADER, id);
    writeParagraph(editor.doc, 'visjon', 'Eksempel kommune er en digital kommune for alle innbyggere.');
    await waitFor(() => sectionText(s.rooms.get(id)!.doc, 'visjon').includes('digital kommune for alle'), 'the edit');

    const submittedView = await wf.take(LEADER, id, { action: 'submit' });
    const approvedHash = submittedView.contentHash;
    expect((await wf.take(STEERING, id, { action: 'steering_approve', contentHash: approvedHash })).stage).toBe(
      'godkjenning',
    );
    const afterExecutive = await wf.take(EXECUTIVE, id, { action: 'executive_approve', contentHash: approvedHash });
    expect(afterExecutive).toMatchObject({ stage: 'politisk', frozen: true, councilsWaiting: ['Kommunestyret'] });
    expect(afterExecutive.publication).toBeNull();

    const adopted = await wf.take(EXECUTIVE, id, {
      action: 'record_decision',
      saksnummer: '2026/117',
      meetingDate: '2026-10-22',
      decision: 'adopted',
    });
    expect(adopted).toMatchObject({ stage: 'vedtatt', frozen: true, actions: [] });
    expect(adopted.decisions[0]).toMatchObject({
      council: 'Kommunestyret',
      saksnummer: '2026/117',
      decision: 'adopted',
    });
    const slug = adopted.publication!.slug;
    expect(adopted.publication!.path).toBe(`/vedtatt/${slug}`);

    const res = await call<PublicStrategy>(s, null, 'GET', `/public/strategies/${slug}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: expect.stringContaining('Digitaliseringsstrategi'),
      municipality: 'Eksempel kommune',
      periodStart: 2027,
      periodEnd: 2030,
    });
    expect(res.body.contentHash).toBe(approvedHash);
    expect(contentHash(res.body.sections)).toBe(approvedHash);
    expect(JSON.stringify(res.body.sections)).toContain('digital kommune for alle');
    // No member names, role labels or comments reach the public page.
    const text = JSON.stringify(res.body);
    for (const secret of [
      'Ingrid',
      'Anders Dahl',
      'Per Haugen',
      'Kari Nordmann',
      'tillitsvalgt',
      'Tillitsvalgt',
      'owners',
      'comments',
      'leader',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect((await call(s, null, 'GET', '/public/strategies/finnes-ikke')).status).toBe(404);

    expect((await auditActions(id)).map((a) => a.action)).toEqual([
      'workflow.submit',
      'workflow.steering_approve',
      'workflow.executive_approve',
      'workflow.record_decision',
    ]);
    const history = adopted.history.map((h) => [h.action, h.from, h.to, h.contentHash]);
    expect(history).toEqual([
      ['record_decision', 'politisk', 'vedtatt', approvedHash],
      ['executive_approve', 'godkjenning', 'politisk', approvedHash],
      ['steering_approve', 'styringsgruppe', 'godkjenning', approvedHash],
      ['submit', 'utkast', 'styringsgruppe', approvedHash],
    ]);

    // Adopted is final: nothing moves it and nobody edits it.
    expect((await wf.post(LEADER, id, { action: 'submit' })).status).toBe(409);
    const late = await socket(LEADER, id);
    writeParagraph(late.doc, 'visjon', 'Etter vedtaket.');
    await waitFor(() => late.closeCodes.includes(CLOSE_CODES.rightsChanged), 'the edit to be refused');
    const again = await call<PublicStrategy>(s, null, 'GET', `/public/strategies/${slug}`);
    expect(again.body.contentHash).toBe(approvedHash);
  });

  it('adopts administratively at the executive’s approval when no political treatment is required', async () => {
    const id = await strategyLikeDemo(s, demoId);
    await wf.take(LEADER, id, {
      action: 'update_settings',
      politicalRequired: false,
      quorum: 'majority',
      councils: ['Kommunestyret'],
    });
    const hash = (await wf.take(LEADER, id, { action: 'submit' })).contentHash;
    await wf.take(STEERING, id, { action: 'steering_approve', contentHash: hash });
    const adopted = await wf.take(EXECUTIVE, id, { action: 'executive_approve', contentHash: hash });
    expect(adopted).toMatchObject({ stage: 'vedtatt', publication: { contentHash: hash } });
  });

  it('takes a joint strategy to Vedtatt only when every council has adopted it', async () => {
    const id = await strategyLikeDemo(s, demoId);
    await wf.take(EXECUTIVE, id, {
      action: 'update_settings',
      politicalRequired: true,
      quorum: 'all',
      councils: ['Kommunestyret i Eksempel', 'Kommunestyret i Nabo'],
    });
    const hash = (await wf.take(LEADER, id, { action: 'submit' })).contentHash;
    await wf.take(STEERING, id, { action: 'steering_approve', contentHash: hash });
    await wf.take(EXECUTIVE, id, { action: 'executive_approve', contentHash: hash });
    const unnamed = await wf.post(LEADER, id, {
      action: 'record_decision',
      saksnummer: '1',
      meetingDate: '2026-10-01',
      decision: 'adopted',
    });
    expect(unnamed.body.error.code).toBe('unknown_council');
    const first = await wf.take(LEADER, id, {
      action: 'record_decision',
      council: 'Kommunestyret i Eksempel',
      saksnummer: '26/10',
      meetingDate: '2026-10-01',
      decision: 'adopted',
    });
    expect(first).toMatchObject({ stage: 'politisk', councilsWaiting: ['Kommunestyret i Nabo'] });
    const second = await wf.take(LEADER, id, {
      action: 'record_decision',
      council: 'Kommunestyret i Nabo',
      saksnummer: '26/44',
      meetingDate: '2026-10-08',
      decision: 'adopted',
    });
    expect(second.stage).toBe('vedtatt');
    const published = await call<PublicStrategy>(s, null, 'GET', `/public/strategies/${second.publication!.slug}`);
    expect(published.body.decisions.map((d) => d.council)).toEqual([
      'Kommunestyret i Eksempel',
      'Kommunestyret i Nabo',
    ]);
  });

  it('adopted with changes: the text opens for the changes, and the changed version is adopted and published', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const hash = (await wf.take(LEADER, id, { action: 'submit' })).contentHash;
    await wf.take(STEERING, id, { action: 'steering_approve', contentHash: hash });
    await wf.take(EXECUTIVE, id, { action: 'executive_approve', contentHash: hash });
    const changing = await wf.take(LEADER, id, {
      action: 'record_decision',
      saksnummer: '26/9',
      meetingDate: '2026-10-22',
      decision: 'adopted_with_changes',
      note: 'Legg til et mål om universell utforming.',
    });
    expect(changing).toMatchObject({
      stage: 'politisk',
      frozen: false,
      changesPending: true,
      actions: ['adopt_changed_version'],
    });

    const leader = await socket(LEADER, id);
    writeParagraph(leader.doc, 'visjon', 'Alle digitale tjenester er universelt utformet.');
    await waitFor(() => sectionText(s.rooms.get(id)!.doc, 'visjon').includes('universelt utformet'), 'the change');
    const adopted = await wf.take(LEADER, id, { action: 'adopt_changed_version' });
    expect(adopted).toMatchObject({ stage: 'vedtatt', frozen: true });
    expect(adopted.contentHash).not.toBe(hash);
    const published = await call<PublicStrategy>(s, null, 'GET', `/public/strategies/${adopted.publication!.slug}`);
    expect(published.body.contentHash).toBe(adopted.contentHash);
    expect(JSON.stringify(published.body.sections)).toContain('universelt utformet');
  });

  it('not adopted: the text goes back to Utkast', async () => {
    const id = await strategyLikeDemo(s, demoId);
    const hash = (await wf.take(LEADER, id, { action: 'submit' })).contentHash;
    await wf.take(STEERING, id, { action: 'steering_approve', contentHash: hash });
    await wf.take(EXECUTIVE, id, { action: 'executive_approve', contentHash: hash });
    const back = await wf.take(EXECUTIVE, id, {
      action: 'record_decision',
      saksnummer: '26/12',
      meetingDate: '2026-10-22',
      decision: 'not_adopted',
      note: 'Sendt tilbake for ny behandling.',
    });
    expect(back).toMatchObject({ stage: 'utkast', frozen: false, publication: null });
  });
});

describe('pending approvals', () => {
  it('are listed for the steering member while the candidate waits for them, and for the executive after', async () => {
    const { id, hash } = await submitted();
    const pending = async (email: string) =>
      (await call(s, await wf.cookieOf(email), 'GET', '/workflow/pending')).body.pending.filter(
        (p: { strategyId: string }) => p.strategyId === id,
      );
    expect(await pending(STEERING)).toEqual([
      {
        strategyId: id,
        title: expect.any(String),
        stage: 'styringsgruppe',
        actions: ['steering_approve'],
        executiveTitle: 'Kommunedirektør',
      },
    ]);
    expect(await pending(EXECUTIVE)).toEqual([]);
    await wf.take(STEERING, id, { action: 'steering_approve', contentHash: hash });
    expect(await pending(STEERING)).toEqual([]);
    expect(await pending(EXECUTIVE)).toMatchObject([{ stage: 'godkjenning', actions: ['executive_approve'] }]);
  });
});

describe('while frozen', () => {
  it('refuses restoring a version into the text', async () => {
    const { id } = await submitted();
    const view = await wf.get(LEADER, id);
    const res = await call(
      s,
      await wf.cookieOf(LEADER),
      'POST',
      `/strategies/${id}/versions/${view.candidate!.versionId}/restore`,
      { sectionKey: 'visjon' },
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('text_frozen');
  });

  it('lets a client that reconnects read the text, read-only', async () => {
    const { id } = await submitted();
    const viewer = await socket(UNION, id);
    await synced(viewer);
    expect(sectionText(viewer.doc, 'visjon')).toBe(
      sectionText(s.rooms.get(id)?.doc ?? (await s.loadDocument(id)), 'visjon'),
    );
  });
});
