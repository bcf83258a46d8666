import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invitations } from '../src/db/schema-invitations';
import { sessionCookie, startTestServer, type TestServer } from './harness';
import { call, createAccount, organizationOf, otherStrategyMember, tokenOf, userIdOf } from './members-support';

let s: TestServer;
let strategyId: string;
let organizationId: string;
const cookies = new Map<string, string>();

async function as(email: string): Promise<string> {
  if (!cookies.has(email)) cookies.set(email, await s.login(email));
  return cookies.get(email)!;
}

async function invite(email: string, role = 'editor', inviter = 'leder@eksempel.no') {
  const res = await call(s, await as(inviter), 'POST', `/strategies/${strategyId}/members`, { email, role });
  expect(res.status).toBe(201);
  return res.body.invitation as { id: string; url: string; expiresAt: string };
}

beforeAll(async () => {
  s = await startTestServer();
  strategyId = await s.strategyId();
  organizationId = await organizationOf(s, strategyId);
});
afterAll(() => s.close());

describe('the member list', () => {
  it('shows members with name, e-mail, role and owned sections to every member', async () => {
    const res = await call(s, await as('politiker@eksempel.no'), 'GET', `/strategies/${strategyId}/members`);
    expect(res.status).toBe(200);
    const helse = res.body.members.find((m: { email: string }) => m.email === 'helse@eksempel.no');
    expect(helse).toMatchObject({
      name: expect.stringContaining('Ola Berg'),
      role: 'editor',
      ownedSections: ['helse-omsorg'],
    });
    expect(res.body.members.map((m: { role: string }) => m.role)).toContain('union');
  });

  it('answers 404 to someone of another strategy and 401 without a session', async () => {
    const outsider = await otherStrategyMember(s, organizationId);
    const cookie = await s.login(outsider.email);
    expect((await call(s, cookie, 'GET', `/strategies/${strategyId}/members`)).status).toBe(404);
    expect((await call(s, null, 'GET', `/strategies/${strategyId}/members`)).status).toBe(401);
  });
});

describe('invitations', () => {
  it('gives the leader a single-use link valid for seven days and stores only its hash', async () => {
    const before = Date.now();
    const invitation = await invite('ny.redaktor@eksempel.no');
    expect(invitation.url).toMatch(new RegExp(`^${s.url}/invitasjon/[a-z2-7]{32}$`));
    const days = (Date.parse(invitation.expiresAt) - before) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThan(7.01);
    const [stored] = await s.deps.db.select().from(invitations).where(eq(invitations.id, invitation.id)).limit(1);
    expect(stored!.tokenHash).not.toContain(tokenOf(invitation.url));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets the invitee see the invitation, choose name and password, and join logged in', async () => {
    const invitation = await invite('kari.ny@eksempel.no', 'union');
    const token = tokenOf(invitation.url);

    const shown = await call(s, null, 'GET', `/invitations/${token}`);
    expect(shown.status).toBe(200);
    expect(shown.body.invitation).toMatchObject({
      strategy: { title: 'Digitaliseringsstrategi 2027–2030', municipality: 'Eksempel kommune' },
      role: 'union',
      email: 'kari.ny@eksempel.no',
      accountExists: false,
    });

    const accepted = await call(s, null, 'POST', `/invitations/${token}/accept`, {
      name: 'Kari Ny',
      password: 'et langt nok passord',
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.strategyId).toBe(strategyId);
    const cookie = accepted.headers
      .getSetCookie()
      .find((c) => c.startsWith('samstrat_session='))!
      .split(';')[0]!;
    const mine = await call(s, cookie, 'GET', '/strategies');
    expect(mine.body).toEqual([expect.objectContaining({ id: strategyId, role: 'union' })]);
    // The chosen password works for a normal login later.
    await expect(s.login('kari.ny@eksempel.no', 'et langt nok passord')).resolves.toContain('samstrat_session=');
  });

  it('works once: a used link answers 410', async () => {
    const token = tokenOf((await invite('en.gang@eksempel.no')).url);
    const body = { name: 'En Gang', password: 'passord med lengde' };
    expect((await call(s, null, 'POST', `/invitations/${token}/accept`, body)).status).toBe(201);
    const again = await call(s, null, 'POST', `/invitations/${token}/accept`, body);
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('invitation_used');
    expect((await call(s, null, 'GET', `/invitations/${token}`)).status).toBe(410);
  });

  it('answers 410 for an expired or withdrawn link and 404 for an unknown one, in Norwegian', async () => {
    const expired = await invite('utlopt@eksempel.no');
    await s.deps.db.transaction((tx) =>
      tx
        .update(invitations)
        .set({ expiresAt: new Date(Date.now() - 1000) })
        .where(eq(invitations.id, expired.id)),
    );
    const res = await call(s, null, 'GET', `/invitations/${tokenOf(expired.url)}`);
    expect(res.status).toBe(410);
    expect(res.body.error).toMatchObject({
      code: 'invitation_expired',
      message: expect.stringContaining('ny invitasjon'),
    });

    const withdrawn = await invite('trukket@eksempel.no');
    const pending = await call(s, await as('leder@eksempel.no'), 'GET', `/strategies/${strategyId}/invitations`);
    expect(pending.body.invitations.map((i: { id: string }) => i.id)).toContain(withdrawn.id);
    const del = await call(
      s,
      await as('leder@eksempel.no'),
      'DELETE',
      `/strategies/${strategyId}/invitations/${withdrawn.id}`,
    );
    expect(del.status).toBe(200);
    expect((await call(s, null, 'GET', `/invitations/${tokenOf(withdrawn.url)}`)).status).toBe(410);

    const unknown = await call(s, null, 'GET', '/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('invitation_not_found');
  });

  it('withdraws the earlier link when the same address is invited again', async () => {
    const first = await invite('to.ganger@eksempel.no');
    const second = await invite('to.ganger@eksempel.no', 'viewer');
    expect((await call(s, null, 'GET', `/invitations/${tokenOf(first.url)}`)).status).toBe(410);
    expect((await call(s, null, 'GET', `/invitations/${tokenOf(second.url)}`)).status).toBe(200);
  });

  it('refuses a password under 12 characters and says why', async () => {
    const token = tokenOf((await invite('kort@eksempel.no')).url);
    const res = await call(s, null, 'POST', `/invitations/${token}/accept`, { name: 'Kort', password: 'for kort' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({ code: 'password_too_short', message: expect.stringContaining('minst 12 tegn') });
    // Nothing was used up: the link still works.
    expect((await call(s, null, 'GET', `/invitations/${token}`)).status).toBe(200);
  });

  it('adds an existing account only when that account is logged in, without touching its password', async () => {
    const existing = await createAccount(s, { organizationId });
    const token = tokenOf((await invite(existing.email, 'advisor')).url);
    expect((await call(s, null, 'GET', `/invitations/${token}`)).body.invitation.accountExists).toBe(true);

    const anonymous = await call(s, null, 'POST', `/invitations/${token}/accept`, {
      name: 'X',
      password: 'a'.repeat(12),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('invitation_login_required');

    const wrong = await call(s, await as('helse@eksempel.no'), 'POST', `/invitations/${token}/accept`, {});
    expect(wrong.status).toBe(403);
    expect(wrong.body.error.code).toBe('invitation_wrong_account');

    const cookie = await s.login(existing.email);
    const joined = await call(s, cookie, 'POST', `/invitations/${token}/accept`, {});
    expect(joined.status).toBe(200);
    expect((await call(s, cookie, 'GET', '/strategies')).body).toEqual([expect.objectContaining({ role: 'advisor' })]);
    await expect(s.login(existing.email)).resolves.toContain('samstrat_session=');
  });

  it('refuses to invite someone who is already a member', async () => {
    const res = await call(s, await as('leder@eksempel.no'), 'POST', `/strategies/${strategyId}/members`, {
      email: 'HELSE@eksempel.no',
      role: 'viewer',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('already_member');
  });

  it('lets an organization admin invite without being a member, but not an admin of another municipality', async () => {
    const admin = await createAccount(s, { organizationId, isAdmin: true });
    const cookie = await s.login(admin.email);
    const res = await call(s, cookie, 'POST', `/strategies/${strategyId}/members`, {
      email: 'fra.admin@eksempel.no',
      role: 'leader',
    });
    expect(res.status).toBe(201);
    // Being admin does not make them a member: they cannot read the strategy or its members.
    expect((await call(s, cookie, 'GET', `/strategies/${strategyId}/members`)).status).toBe(404);

    const elsewhere = await createAccount(s, {
      organizationId: await s.deps.db.transaction(async (tx) =>
        (await import('../src/accounts')).createOrganization(tx, 'Annen kommune'),
      ),
      isAdmin: true,
    });
    const foreign = await call(s, await s.login(elsewhere.email), 'POST', `/strategies/${strategyId}/members`, {
      email: 'x@eksempel.no',
      role: 'leader',
    });
    expect(foreign.status).toBe(404);
  });

  it('refuses an invitation with an invalid e-mail or an unknown role, in Norwegian', async () => {
    const cookie = await as('leder@eksempel.no');
    for (const body of [
      { email: 'ikke-en-adresse', role: 'editor' },
      { email: 'a@b.no', role: 'admin' },
    ]) {
      const res = await call(s, cookie, 'POST', `/strategies/${strategyId}/members`, body);
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({ code: 'bad_request', message: expect.stringContaining('Kontroller feltene') });
    }
  });
});

describe('roles and removal', () => {
  it("changes a member's role and drops the sections they can no longer edit", async () => {
    const member = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const leader = await as('leder@eksempel.no');
    await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/velferd`, { ownerIds: [member.id] });
    const res = await call(s, leader, 'PATCH', `/strategies/${strategyId}/members/${member.id}`, { role: 'viewer' });
    expect(res.status).toBe(200);
    expect(res.body.member).toMatchObject({ role: 'viewer', ownedSections: [] });
  });

  it('never removes or demotes the last leader', async () => {
    const leader = await as('leder@eksempel.no');
    const leaderId = await userIdOf(s, 'leder@eksempel.no');
    const demote = await call(s, leader, 'PATCH', `/strategies/${strategyId}/members/${leaderId}`, { role: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('last_leader');
    expect((await call(s, leader, 'DELETE', `/strategies/${strategyId}/members/${leaderId}`)).status).toBe(409);

    // With a second leader, the first may step down.
    const second = await createAccount(s, { organizationId, strategyId, role: 'leader' });
    const stepDown = await call(
      s,
      await s.login(second.email),
      'DELETE',
      `/strategies/${strategyId}/members/${second.id}`,
    );
    expect(stepDown.status).toBe(200);
  });

  it('answers 404 for a user who is not a member', async () => {
    const res = await call(s, await as('leder@eksempel.no'), 'PATCH', `/strategies/${strategyId}/members/nobody`, {
      role: 'viewer',
    });
    expect(res.status).toBe(404);
  });

  it('lets only the leader change roles', async () => {
    const id = await userIdOf(s, 'oppvekst@eksempel.no');
    const res = await call(s, await as('helse@eksempel.no'), 'PATCH', `/strategies/${strategyId}/members/${id}`, {
      role: 'viewer',
    });
    expect(res.status).toBe(403);
  });

  it('removes a member, whose next request answers 404', async () => {
    const member = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const cookie = await s.login(member.email);
    expect((await call(s, cookie, 'GET', `/strategies/${strategyId}`)).status).toBe(200);
    const res = await call(
      s,
      await as('leder@eksempel.no'),
      'DELETE',
      `/strategies/${strategyId}/members/${member.id}`,
    );
    expect(res.status).toBe(200);
    expect((await call(s, cookie, 'GET', `/strategies/${strategyId}`)).status).toBe(404);
  });
});

describe('sections', () => {
  it('lets the leader restrict a section to its owners, which the outline then shows', async () => {
    const leader = await as('leder@eksempel.no');
    const advisorId = await userIdOf(s, 'radgiver@eksempel.no');
    const res = await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/kultur`, {
      restricted: true,
      ownerIds: [advisorId],
    });
    expect(res.status).toBe(200);
    expect(res.body.section).toMatchObject({ key: 'kultur', restricted: true, owners: [{ id: advisorId }] });

    const sectionFor = async (email: string) =>
      (await call(s, await as(email), 'GET', `/strategies/${strategyId}`)).body.sections.find(
        (x: { key: string }) => x.key === 'kultur',
      );
    expect((await sectionFor('radgiver@eksempel.no')).abilities.edit).toBe(true);
    expect((await sectionFor('oppvekst@eksempel.no')).abilities.edit).toBe(false);
  });

  it('accepts only members who may edit as owners', async () => {
    const leader = await as('leder@eksempel.no');
    for (const email of ['tillitsvalgt@eksempel.no', 'politiker@eksempel.no']) {
      const res = await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/kultur`, {
        ownerIds: [await userIdOf(s, email)],
      });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('invalid_owner');
    }
    const stranger = await createAccount(s, { organizationId });
    expect(
      (await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/kultur`, { ownerIds: [stranger.id] })).status,
    ).toBe(400);
  });

  it('answers 404 for an unknown section, 400 for an empty change and 403 to an editor', async () => {
    const leader = await as('leder@eksempel.no');
    expect(
      (await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/finnes-ikke`, { restricted: true })).status,
    ).toBe(404);
    expect((await call(s, leader, 'PATCH', `/strategies/${strategyId}/sections/kultur`, {})).status).toBe(400);
    const editor = await as('helse@eksempel.no');
    expect(
      (await call(s, editor, 'PATCH', `/strategies/${strategyId}/sections/kultur`, { restricted: false })).status,
    ).toBe(403);
  });
});

describe('accounts', () => {
  it('lists the organization’s accounts to its admins only, without any role label', async () => {
    const res = await call(s, await as('leder@eksempel.no'), 'GET', '/admin/users');
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { email: string }) => u.email)).toContain('tillitsvalgt@eksempel.no');
    // (The demo names carry their function; what must never appear is a role field or value.)
    expect(JSON.stringify(res.body)).not.toMatch(/"role"|"union"/);
    expect((await call(s, await as('helse@eksempel.no'), 'GET', '/admin/users')).status).toBe(403);
  });

  it('deactivates an account: it cannot log in and its sessions end; reactivating lets it in again', async () => {
    const person = await createAccount(s, { organizationId, strategyId, role: 'editor' });
    const cookie = await s.login(person.email);
    const admin = await as('leder@eksempel.no');
    expect((await call(s, admin, 'POST', `/admin/users/${person.id}/deactivate`)).status).toBe(200);
    expect((await call(s, cookie, 'GET', '/me')).status).toBe(401);
    await expect(s.login(person.email)).rejects.toThrow(/401/);
    expect((await call(s, admin, 'POST', `/admin/users/${person.id}/reactivate`)).status).toBe(200);
    await expect(s.login(person.email)).resolves.toContain('samstrat_session=');
  });

  it('refuses to let an admin deactivate themselves', async () => {
    const res = await call(
      s,
      await as('leder@eksempel.no'),
      'POST',
      `/admin/users/${await userIdOf(s, 'leder@eksempel.no')}/deactivate`,
    );
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('cannot_deactivate_self');
  });

  it('presents with each account whether the admin may deactivate it, as the command judges it', async () => {
    const person = await createAccount(s, { organizationId });
    const admin = await as('leder@eksempel.no');
    const abilities = async () => {
      const res = await call(s, admin, 'GET', '/admin/users');
      const users = res.body.users as { id: string; abilities: { deactivate: boolean } }[];
      return new Map(users.map((user) => [user.id, user.abilities.deactivate]));
    };
    const before = await abilities();
    expect(before.get(await userIdOf(s, 'leder@eksempel.no'))).toBe(false);
    expect(before.get(person.id)).toBe(true);
    expect((await call(s, admin, 'POST', `/admin/users/${person.id}/deactivate`)).status).toBe(200);
    expect((await abilities()).get(person.id)).toBe(false);
  });
});

describe('password change', () => {
  it('needs the current password and ends every other session of the user', async () => {
    const person = await createAccount(s, { organizationId });
    const here = await s.login(person.email);
    const elsewhere = await s.login(person.email);

    const wrong = await call(s, here, 'POST', '/me/password', {
      currentPassword: 'feil',
      newPassword: 'et nytt langt passord',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.code).toBe('wrong_current_password');
    expect((await call(s, elsewhere, 'GET', '/me')).status).toBe(200);

    const short = await call(s, here, 'POST', '/me/password', {
      currentPassword: 'samstrat-demo',
      newPassword: 'kort',
    });
    expect(short.body.error.code).toBe('password_too_short');

    const ok = await call(s, here, 'POST', '/me/password', {
      currentPassword: 'samstrat-demo',
      newPassword: 'et nytt langt passord',
    });
    expect(ok.status).toBe(200);
    expect((await call(s, here, 'GET', '/me')).status).toBe(200);
    expect((await call(s, elsewhere, 'GET', '/me')).status).toBe(401);
    await expect(s.login(person.email)).rejects.toThrow(/401/);
    await expect(s.login(person.email, 'et nytt langt passord')).resolves.toContain('samstrat_session=');
  });
});

describe('logout', () => {
  it('clears the cookie and ends the session', async () => {
    const cookie = await s.login('radgiver@eksempel.no');
    const res = await fetch(`${s.url}/api/auth/logout`, { method: 'POST', headers: { cookie, origin: s.url } });
    expect(res.status).toBe(200);
    expect(() => sessionCookie(res)).not.toThrow();
    expect((await call(s, cookie, 'GET', '/me')).status).toBe(401);
  });
});
