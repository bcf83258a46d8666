import { asc, sql, type SQL } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@samstrat/shared/close-codes';
import { createApi } from '../src/app';
import { audit } from '../src/audit';
import { auditLog } from '../src/db/schema-audit';
import { connect, synced, waitFor, waitUntil, writeParagraph } from './collab-client';
import { startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, userIdOf } from './members-support';

let s: TestServer;
let strategyId: string;
let leader: string;

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  leader = await s.login('leder@eksempel.no');
});
afterAll(() => s.close());

const rows = () => s.deps.db.select().from(auditLog).orderBy(asc(auditLog.id));

async function strategyLog(cookie = leader, query = '') {
  return call(s, cookie, 'GET', `/strategies/${strategyId}/audit${query}`);
}

describe('the audit log', () => {
  it('records successful and failed logins, never the password', async () => {
    await call(s, null, 'POST', '/auth/login', { email: 'helse@eksempel.no', password: 'feil-passord-123' });
    await s.login('helse@eksempel.no');
    const helse = await userIdOf(s, 'helse@eksempel.no');
    const all = await rows();
    const logins = all.filter((r) => r.subjectId === helse && r.action.startsWith('login.'));
    expect(logins.map((r) => r.action)).toEqual(['login.failed', 'login.succeeded']);
    expect(logins[0]!.detail).toMatchObject({ email: 'helse@eksempel.no', reason: 'wrong_password' });
    expect(JSON.stringify(all)).not.toContain('feil-passord-123');
    expect(JSON.stringify(all)).not.toContain('samstrat-demo');
  });

  it('records invitations, role changes, removals and section changes with who did them', async () => {
    const person = await createAccount(s, {
      organizationId: await organizationOf(s, strategyId),
      strategyId,
      role: 'editor',
    });
    await call(s, leader, 'POST', `/strategies/${strategyId}/members`, { email: 'ny@eksempel.no', role: 'union' });
    await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/kultur`, {
      restricted: true,
      ownerIds: [person.id],
    });
    await call(s, leader, 'PATCH', `/strategies/${strategyId}/members/${person.id}`, { role: 'advisor' });
    await call(s, leader, 'DELETE', `/strategies/${strategyId}/members/${person.id}`);

    const log = await strategyLog();
    expect(log.status).toBe(200);
    const leaderId = await userIdOf(s, 'leder@eksempel.no');
    expect(log.body.entries.slice(0, 5).map((e: { action: string }) => e.action)).toEqual([
      'member.removed',
      'member.role_changed',
      'section.owners_changed',
      'section.restriction_changed',
      'member.invited',
    ]);
    for (const entry of log.body.entries.slice(0, 5)) expect(entry.actor.id).toBe(leaderId);
    expect(log.body.entries[1]).toMatchObject({
      subject: { id: person.id },
      detail: { from: 'editor', to: 'advisor' },
    });
    expect(log.body.entries[4].detail).toMatchObject({ email: 'ny@eksempel.no', role: 'union' });
    // The link's token is the invitee's credential: it never reaches the log.
    expect(JSON.stringify(log.body.entries[4])).not.toMatch(/token|invitasjon\//);
  });

  it('records an update the socket refused', async () => {
    const union = connect(s.url, strategyId, await s.login('tillitsvalgt@eksempel.no'));
    try {
      await synced(union);
      writeParagraph(union.doc, 'visjon', 'Tillitsvalgt skriver');
      await waitFor(() => union.closeCodes.includes(CLOSE_CODES.rightsChanged), 'the refusal');
    } finally {
      union.destroy();
    }
    // The refusal is recorded beside the socket's close, in a transaction of its own.
    const refusal = async () =>
      (await strategyLog()).body.entries.find((e: { action: string }) => e.action === 'collab.update_refused');
    await waitUntil(async () => Boolean(await refusal()), 'the refusal in the log');
    expect(await refusal()).toMatchObject({
      actor: { id: await userIdOf(s, 'tillitsvalgt@eksempel.no') },
      detail: { reason: expect.any(String) },
    });
  });

  it('is shown to the leader and the executive only', async () => {
    expect((await strategyLog(await s.login('kommunedirektor@eksempel.no'))).status).toBe(200);
    for (const email of [
      'styring@eksempel.no',
      'helse@eksempel.no',
      'tillitsvalgt@eksempel.no',
      'radgiver@eksempel.no',
      'politiker@eksempel.no',
    ]) {
      expect((await strategyLog(await s.login(email))).status, email).toBe(403);
    }
  });

  it('pages newest first', async () => {
    const first = await strategyLog(leader, '?limit=2');
    expect(first.body.entries).toHaveLength(2);
    expect(first.body.entries[0].id).toBeGreaterThan(first.body.entries[1].id);
    const second = await strategyLog(leader, `?limit=2&before=${first.body.nextBefore}`);
    expect(second.body.entries[0].id).toBeLessThan(first.body.entries[1].id);
    expect((await strategyLog(leader, '?limit=0')).status).toBe(400);
  });

  it('shows organization admins the account events, without strategy events that may carry role labels', async () => {
    const res = await call(s, leader, 'GET', '/admin/audit?limit=200');
    expect(res.status).toBe(200);
    const actions = new Set(res.body.entries.map((e: { action: string }) => e.action));
    expect(actions.has('login.succeeded')).toBe(true);
    expect(actions.has('login.failed')).toBe(true);
    expect([...actions].some((a) => String(a).startsWith('member.'))).toBe(false);
  });

  it('refuses any UPDATE or DELETE of an entry, even in SQL', async () => {
    await s.deps.db.transaction((tx) => audit(tx, { action: 'logout', detail: { n: 1 } }));
    const before = await rows();
    const refused = async (statement: SQL) => {
      const err = await s.deps.db.execute(statement).then(
        () => null,
        (e: Error) => e,
      );
      // drizzle names the failed query and keeps the database's own refusal as the cause.
      expect(`${err?.message} ${(err?.cause as Error | undefined)?.message}`).toMatch(/append-only/);
    };
    await refused(sql`UPDATE audit_log SET action = 'forged'`);
    await refused(sql`DELETE FROM audit_log`);
    await refused(sql`DELETE FROM audit_log WHERE id = ${before.at(-1)!.id}`);
    expect(await rows()).toEqual(before);
  });

  it('has no route that changes or deletes an entry', () => {
    const routes = createApi(s.deps).routes.filter((r) => r.method !== 'ALL' && r.path.includes('audit'));
    expect(routes.length).toBeGreaterThan(0);
    expect(routes.map((r) => r.method)).toEqual(routes.map(() => 'GET'));
  });
});
