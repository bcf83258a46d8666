/**
 * Joint strategies (issue 13, deliverable 2): two municipalities write one strategy. Members come
 * from each; each employer records its own drøftingsmøte with its own union representatives; each
 * council records its own decision, and the strategy is Vedtatt only when both have adopted it.
 * Real HTTP on a real server (SQLite, and PostgreSQL when DATABASE_URL names one).
 */
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@samstrat/shared/roles';
import { councilOf } from '@samstrat/shared/participants';
import { organizations, users } from '../src/db/schema';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, tokenOf } from './members-support';
import type { WorkflowView } from '../src/workflow/view';
import { LEADER, workflowApi } from './workflow-support';

let s: TestServer;
let orgA: string;
let orgB: string;
let adminB: { id: string; email: string };

const newBody = (participants: string[]) => ({
  title: 'Felles digitaliseringsstrategi',
  periodStart: 2027,
  periodEnd: 2030,
  writtenForm: 'nb',
  start: { kind: 'template', areas: ['kultur'], ownAreas: [] },
  participants,
});

beforeAll(async () => {
  s = await startTestServer();
  orgA = await organizationOf(s, await s.strategyId());
  orgB = randomUUID();
  await s.deps.db.transaction(async (tx) => {
    await tx.insert(organizations).values({ id: orgB, name: 'Nabo kommune' });
  });
  adminB = await createAccount(s, { organizationId: orgB, isAdmin: true, name: 'Admin Nabo' });
}, 60_000);
afterAll(() => s.close());

describe('a joint strategy of two municipalities', () => {
  it('may be proposed only by an admin, and only with organizations the installation has', async () => {
    const creator = await createAccount(s, { organizationId: orgA });
    await s.deps.db.transaction(async (tx) => {
      await tx.update(users).set({ createsStrategies: true }).where(eq(users.id, creator.id));
    });
    const notAdmin = await call(s, await s.login(creator.email), 'POST', '/strategies', newBody([orgB]));
    expect(notAdmin.status).toBe(403);
    expect(notAdmin.body.error.code).toBe('participants_admin_only');
    // Alone, the same account may create one.
    expect((await call(s, await s.login(creator.email), 'POST', '/strategies', newBody([]))).status).toBe(201);

    const unknown = await call(s, await s.login(LEADER), 'POST', '/strategies', newBody(['ingen-slik']));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('unknown_organization');
  });

  it('reaches Vedtatt only after both councils; each employer holds its own drøftingsmøte', async () => {
    const api = workflowApi(s);
    const created = await call(s, await api.cookieOf(LEADER), 'POST', '/strategies', newBody([orgB]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;

    // The other organization's admin sees it, and brings in their own people by invitation.
    const cookieB = await s.login(adminB.email);
    const listed = await call(s, cookieB, 'GET', '/admin/strategies');
    expect(listed.body.strategies ?? listed.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ id, partner: true })]),
    );
    const invited = await call(s, cookieB, 'POST', `/strategies/${id}/members`, {
      email: `leder-${randomUUID().slice(0, 8)}@nabo.no`,
      role: 'leader',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const accepted = await call(s, null, 'POST', `/invitations/${tokenOf(invited.body.invitation.url)}/accept`, {
      name: 'Leder Nabo',
      password: 'et passord som er langt',
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    const leaderB = accepted.body.user as { id: string; email: string };
    const leaderBCookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
    const asLeaderB = (body: Record<string, unknown>) =>
      call(s, leaderBCookie, 'POST', `/strategies/${id}/workflow`, body);
    const [accountB] = await s.deps.db.select().from(users).where(eq(users.id, leaderB.id));
    expect(accountB!.organizationId).toBe(orgB);
    // Archiving stays with the creating organization.
    expect((await call(s, cookieB, 'POST', `/admin/strategies/${id}/archive`)).status).toBe(404);
    // An organization that does not take part learns nothing of it, its admins neither.
    const orgC = randomUUID();
    await s.deps.db.transaction(async (tx) => {
      await tx.insert(organizations).values({ id: orgC, name: 'Tredje kommune' });
    });
    const cookieC = await s.login((await createAccount(s, { organizationId: orgC, isAdmin: true })).email);
    expect((await call(s, cookieC, 'GET', `/strategies/${id}`)).status).toBe(404);
    const inviteC = { email: `c-${randomUUID().slice(0, 8)}@tredje.no`, role: 'editor' };
    expect((await call(s, cookieC, 'POST', `/strategies/${id}/members`, inviteC)).status).toBe(404);
    expect(JSON.stringify((await call(s, cookieC, 'GET', '/admin/strategies')).body)).not.toContain(id);

    // The rest of the people, each of their own organization.
    const member = (organizationId: string, role: Role) => createAccount(s, { organizationId, strategyId: id, role });
    const unionA = await member(orgA, 'union');
    const unionB = await member(orgB, 'union');
    const steering = await member(orgA, 'steering');
    const executive = await member(orgA, 'executive');

    const process = await api.get(LEADER, id);
    expect(process.settings.councils).toEqual([councilOf('Eksempel kommune'), councilOf('Nabo kommune')]);

    await api.take(LEADER, id, { action: 'start_consultation' });
    // The drøftingsmøte form offers only the recording employer's own union representatives.
    expect((await api.get(LEADER, id)).unionRepresentativeCandidates.map((p) => p.id)).toEqual([unionA.id]);
    // Each employer's meeting is with its own union representatives.
    const wrongUnion = await api.post(LEADER, id, {
      action: 'record_meeting',
      date: '2027-03-01',
      participants: ['Ingrid Solberg'],
      minutes: 'Drøftet utkastet.',
      unionRepresentativeIds: [unionB.id],
    });
    expect(wrongUnion.status).toBe(400);
    expect(wrongUnion.body.error.code).toBe('union_representative_other_employer');
    await api.take(LEADER, id, {
      action: 'record_meeting',
      date: '2027-03-01',
      participants: ['Ingrid Solberg', 'Tillitsvalgt Eksempel'],
      minutes: 'Drøftet utkastet med de tillitsvalgte i Eksempel kommune.',
      unionRepresentativeIds: [unionA.id],
    });
    const meetingB = await asLeaderB({
      action: 'record_meeting',
      date: '2027-03-02',
      participants: ['Leder Nabo', 'Tillitsvalgt Nabo'],
      minutes: 'Drøftet utkastet med de tillitsvalgte i Nabo kommune.',
      unionRepresentativeIds: [unionB.id],
    });
    expect(meetingB.status, JSON.stringify(meetingB.body)).toBe(200);
    const byEmployer = Object.fromEntries(
      (meetingB.body.workflow as WorkflowView).meetings.map((m) => [m.organizationId, m.unionRepresentativeIds]),
    );
    expect(byEmployer).toEqual({ [orgA]: [unionA.id], [orgB]: [unionB.id] });

    // The councils are bound to the participants.
    const rebind = await api.post(LEADER, id, {
      action: 'update_settings',
      politicalRequired: true,
      quorum: 'all',
      councils: ['Kommunestyret'],
    });
    expect(rebind.status).toBe(409);
    expect(rebind.body.error.code).toBe('councils_bound');

    const submitted = await api.take(LEADER, id, { action: 'submit' });
    const hash = submitted.contentHash;
    const steeringEmail = (await s.deps.db.select().from(users).where(eq(users.id, steering.id)))[0]!.email;
    const executiveEmail = (await s.deps.db.select().from(users).where(eq(users.id, executive.id)))[0]!.email;
    await api.take(steeringEmail, id, { action: 'steering_approve', contentHash: hash });
    const political = await api.take(executiveEmail, id, { action: 'executive_approve', contentHash: hash });
    expect(political.stage).toBe('politisk');

    const decision = (council?: string) => ({
      action: 'record_decision',
      ...(council ? { council } : {}),
      saksnummer: '27/12',
      meetingDate: '2027-06-10',
      decision: 'adopted',
    });
    // Nabo kommune's people may not record Eksempel kommune's decision.
    const foreignCouncil = await asLeaderB(decision(councilOf('Eksempel kommune')));
    expect(foreignCouncil.status).toBe(403);
    expect(foreignCouncil.body.error.code).toBe('other_council');

    const afterA = await api.take(LEADER, id, decision());
    expect(afterA.stage).toBe('politisk');
    const afterB = (await asLeaderB(decision())).body.workflow as WorkflowView;
    expect(afterB.stage).toBe('vedtatt');
    expect(afterB.decisions.map((d) => d.council).sort()).toEqual(
      [councilOf('Eksempel kommune'), councilOf('Nabo kommune')].sort(),
    );
  }, 60_000);

  it("names the executive by the strategy's own organization's title, for the neighbour's people too", async () => {
    // The host says rådmann, the neighbour kommunedirektør: the neighbour's people see the host's
    // title in this strategy, as its documents name the one who approves.
    await s.deps.db.transaction(async (tx) => {
      await tx.update(organizations).set({ executiveTitle: 'Rådmann' }).where(eq(organizations.id, orgA));
      await tx.update(organizations).set({ executiveTitle: 'Kommunedirektør' }).where(eq(organizations.id, orgB));
    });
    const created = await call(s, await s.login(LEADER), 'POST', '/strategies', newBody([orgB]));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id: string = created.body.id;
    const neighbour = await s.login(
      (await createAccount(s, { organizationId: orgB, strategyId: id, role: 'editor' })).email,
    );

    expect((await call(s, neighbour, 'GET', '/me/organization')).body.organization.executiveTitle).toBe(
      'Kommunedirektør',
    );
    const detail = await call(s, neighbour, 'GET', `/strategies/${id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.executiveTitle).toBe('Rådmann');
    expect((await call(s, await s.login(LEADER), 'GET', `/strategies/${id}`)).body.executiveTitle).toBe('Rådmann');

    // Outside the strategy's pages too: each row of the lists that name its stage or a role in it
    // (the front page, the inbox, the admins' list, an invitation) carries the host's title.
    const host = { id, executiveTitle: 'Rådmann' };
    const inList = (rows: { id: string }[]) => rows.find((row) => row.id === id);
    expect(inList((await call(s, neighbour, 'GET', '/strategies')).body)).toMatchObject(host);
    const cookieB = await s.login(adminB.email);
    const adminList = (await call(s, cookieB, 'GET', '/admin/strategies')).body.strategies;
    expect(inList(adminList)).toMatchObject({ ...host, partner: true });
    const invited = await call(s, cookieB, 'POST', `/strategies/${id}/members`, {
      email: `direktor-${randomUUID().slice(0, 8)}@nabo.no`,
      role: 'executive',
    });
    expect(invited.status, JSON.stringify(invited.body)).toBe(201);
    const invitation = await call(s, null, 'GET', `/invitations/${tokenOf(invited.body.invitation.url)}`);
    expect(invitation.body.invitation).toMatchObject({ role: 'executive', strategy: { executiveTitle: 'Rådmann' } });

    // The neighbour's executive approves too here; their inbox names the stage by the host's title.
    const api = workflowApi(s);
    const steering = await createAccount(s, { organizationId: orgA, strategyId: id, role: 'steering' });
    const approver = await createAccount(s, { organizationId: orgB, strategyId: id, role: 'executive' });
    const { contentHash } = await api.take(LEADER, id, { action: 'submit' });
    await api.take(steering.email, id, { action: 'steering_approve', contentHash });
    const pending = (await call(s, await s.login(approver.email), 'GET', '/workflow/pending')).body.pending;
    expect(pending).toEqual([
      {
        strategyId: id,
        title: expect.any(String),
        stage: 'godkjenning',
        actions: ['executive_approve'],
        executiveTitle: 'Rådmann',
      },
    ]);
  });
});
