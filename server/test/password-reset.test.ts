import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema';
import { auditLog } from '../src/db/schema-audit';
import { passwordResets } from '../src/db/schema-mail';
import { ssoSettings } from '../src/db/schema-sso';
import { resetPassword } from '../src/auth/password-reset';
import { startTestServer, type TestServer } from './harness';
import { startLoopbackSmtp, linksIn, type LoopbackSmtp } from './mail-support';
import { call, userIdOf } from './members-support';

let smtp: LoopbackSmtp;
let s: TestServer;

beforeAll(async () => {
  smtp = await startLoopbackSmtp();
  s = await startTestServer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'samstrat@eksempel.no' });
});

afterAll(async () => {
  await s?.close();
  await smtp?.close();
});

const ask = (email: string, headers: Record<string, string> = {}) =>
  call(s, null, 'POST', '/auth/password-reset', { email }, headers);

/** The token of the newest reset mail to `email`, from its link. */
async function mailedToken(email: string, seen: number): Promise<string> {
  const mail = await smtp.mailTo(email, (m) => smtp.received.indexOf(m) >= seen && m.subject.includes('passord'));
  const link = new URL(linksIn(mail.text)[0]!);
  expect(link.origin).toBe(s.url);
  expect(link.pathname).toMatch(/^\/nytt-passord\/[A-Za-z0-9_-]+$/);
  return link.pathname.split('/')[2]!;
}

const auditOf = async (email: string, action: string) =>
  s.deps.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.subjectId, await userIdOf(s, email)), eq(auditLog.action, action)));

describe('password reset by e-mail', () => {
  it('mails a one-hour, single-use link that sets a new password and ends every session', async () => {
    const email = 'politiker@eksempel.no';
    const oldSession = await s.login(email);
    const seen = smtp.received.length;
    const asked = await ask(email);
    expect(asked.status).toBe(200);
    const token = await mailedToken(email, seen);

    const set = await call(s, null, 'POST', `/auth/password-reset/${token}`, { password: 'et helt nytt passord' });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect((await call(s, oldSession, 'GET', '/me')).status).toBe(401);
    await expect(s.login(email)).rejects.toThrow(/401/);
    expect(await s.login(email, 'et helt nytt passord')).toMatch(/^samstrat_session=/);

    // Used once: the same link is refused afterwards, with the catalogue's message.
    const again = await call(s, null, 'POST', `/auth/password-reset/${token}`, { password: 'enda et nytt passord' });
    expect(again.status).toBe(410);
    expect(again.body.error).toMatchObject({
      code: 'password_reset_invalid',
      message: expect.stringContaining('Be om'),
    });
    expect(await auditOf(email, 'password.reset_requested')).toHaveLength(1);
    expect(await auditOf(email, 'password.reset')).toHaveLength(1);
  });

  it('refuses an expired link, and a too short password without using the link', async () => {
    const email = 'styring@eksempel.no';
    const seen = smtp.received.length;
    expect((await ask(email)).status).toBe(200);
    const token = await mailedToken(email, seen);
    const short = await call(s, null, 'POST', `/auth/password-reset/${token}`, { password: 'kort' });
    expect(short.status).toBe(400);
    const [row] = await s.deps.db
      .select()
      .from(passwordResets)
      .where(eq(passwordResets.userId, await userIdOf(s, email)));
    expect(row!.usedAt).toBeNull();
    await expect(resetPassword(s.deps, token, 'et helt nytt passord', Date.now() + 61 * 60 * 1000)).rejects.toThrow(
      /password_reset_invalid/,
    );
    expect(await s.login(email)).toMatch(/^samstrat_session=/);
  });

  it('answers every address alike and mails only an existing account', async () => {
    const seen = smtp.received.length;
    const unknown = await ask('finnes.ikke@example.org');
    expect(unknown).toMatchObject({ status: 200, body: { ok: true } });
    expect(await s.deps.db.select().from(passwordResets)).toHaveLength(2);
    expect(smtp.received.slice(seen).filter((m) => m.to.includes('finnes.ikke@example.org'))).toEqual([]);
  });

  it('limits how often one address may ask, and audits the refusal', async () => {
    const email = 'radgiver@eksempel.no';
    const answers: number[] = [];
    for (let i = 0; i < 7; i++) answers.push((await ask(email)).status);
    expect(answers.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.slice(5)).toEqual([429, 429]);
    const throttled = await s.deps.db.select().from(auditLog).where(eq(auditLog.action, 'password.reset_throttled'));
    expect(throttled.length).toBeGreaterThanOrEqual(2);
    expect(throttled[0]!.detail).toMatchObject({ email, reason: 'email' });
  });

  it('is not offered without SMTP', async () => {
    const plain = await startTestServer();
    try {
      const res = await call(plain, null, 'POST', '/auth/password-reset', { email: 'leder@eksempel.no' });
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('password_reset_unavailable');
    } finally {
      await plain.close();
    }
  });
});

describe('password reset when the organization has switched passwords off (issue 15)', () => {
  it("answers every address alike, and mails the others to use the municipality's sign-in", async () => {
    const leder = await userIdOf(s, 'leder@eksempel.no');
    const [account] = await s.deps.db.select().from(users).where(eq(users.id, leder));
    await s.deps.db.transaction(async (tx) => {
      await tx
        .insert(ssoSettings)
        .values({ organizationId: account!.organizationId, passwordsOff: true, breakGlassUserId: leder });
    });
    try {
      const seen = smtp.received.length;
      const other = await ask('helse@eksempel.no');
      const breakGlass = await ask('leder@eksempel.no');
      // The same answer, so nobody learns who the break-glass admin is.
      expect(other).toMatchObject({ status: 200, body: { ok: true } });
      expect(breakGlass).toMatchObject({ status: other.status, body: other.body });
      await mailedToken('leder@eksempel.no', seen);
      const told = await smtp.mailTo('helse@eksempel.no', (m) => smtp.received.indexOf(m) >= seen);
      expect(told.subject).toMatch(/kommunens pålogging/);
      expect(linksIn(told.text)[0]).toBe(`${s.url}/logg-inn`);
      expect(await auditOf('helse@eksempel.no', 'password.reset_refused')).toHaveLength(1);
      expect(await auditOf('helse@eksempel.no', 'password.reset_requested')).toHaveLength(0);
    } finally {
      await s.deps.db.transaction(async (tx) => {
        await tx.delete(ssoSettings).where(eq(ssoSettings.organizationId, account!.organizationId));
      });
    }
  });

  it("refuses changing one's own password, except to the break-glass admin, with a message that says why", async () => {
    const leder = await userIdOf(s, 'leder@eksempel.no');
    const [account] = await s.deps.db.select().from(users).where(eq(users.id, leder));
    const other = await s.login('oppvekst@eksempel.no');
    const breakGlass = await s.login('leder@eksempel.no');
    await s.deps.db.transaction(async (tx) => {
      await tx
        .insert(ssoSettings)
        .values({ organizationId: account!.organizationId, passwordsOff: true, breakGlassUserId: leder });
    });
    try {
      const change = { currentPassword: 'samstrat-demo', newPassword: 'et nytt langt passord' };
      const refused = await call(s, other, 'POST', '/me/password', change);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({
        code: 'password_change_passwords_off',
        message: expect.stringContaining('kommunens pålogging'),
      });
      expect(await s.login('oppvekst@eksempel.no').catch(() => 'refused')).toBe('refused');
      expect((await call(s, breakGlass, 'POST', '/me/password', change)).status).toBe(200);
      expect(await auditOf('oppvekst@eksempel.no', 'password.change_refused')).toHaveLength(1);
    } finally {
      await s.deps.db.transaction(async (tx) => {
        await tx.delete(ssoSettings).where(eq(ssoSettings.organizationId, account!.organizationId));
      });
    }
    // The old password still works once passwords are on again: nothing was changed.
    expect(await s.login('oppvekst@eksempel.no')).toMatch(/^samstrat_session=/);
  });
});
